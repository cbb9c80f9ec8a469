"""The real window, driven as a clerk would: import through the wizard, filter, edit, undo, record progress."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ledger_app.records.history import list_progress
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from ui.task_model import COL


def _loaded(qtbot, win):
    win.model.wait()
    qtbot.waitUntil(lambda: win.model.rowCount() == len(win.model.table.ids))
    QApplication.processEvents()


def _tasks(win):
    return {v.code: v for v in list_tasks(win.controller.engine, TaskQuery())}


def _import_sample(qtbot, win, sample):
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(win.controller, win, path=str(sample))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # file → columns
    wizard.next()  # columns → check (nothing written yet)
    assert "32" in wizard.check_page.summary.text()
    assert list_tasks(win.controller.engine, TaskQuery()) == []
    wizard.next()  # confirm: import
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert wizard.result.added == 32
    wizard.accept()


def test_first_run_page_then_demo_ledger(qtbot, window):
    assert window.pages.currentWidget() is window.pages.empty
    window.pages.empty.demo_button.click()
    _loaded(qtbot, window)
    assert window.model.rowCount() == 32
    assert "demo" in window.controller.ledger.display_name


def test_clerk_workflow(qtbot, window, sample, output_dir):
    _import_sample(qtbot, window, sample)
    _loaded(qtbot, window)
    assert len(_tasks(window)) == 32 and window.model.rowCount() == 32
    assert window.pages.currentIndex() == 1

    # Filter by department: 行政审批局 leads 1–3 and supports 15, 16.
    window.filter_bar.dept.setEditText("行政审批局")
    _loaded(qtbot, window)
    codes = [window.model.table.row(r).code for r in range(window.model.rowCount())]
    assert codes == ["1", "2", "3", "15", "16"]
    assert "5" in window.filter_bar.count.text()

    # Edit a status in the table through the model (as the combo delegate does), then undo it.
    row = codes.index("2")
    index = window.model.index(row, COL["status"])
    assert window.model.setData(index, "推进中")
    window.controller.wait()  # saved off the GUI thread; the row repaints from the answer
    assert _tasks(window)["2"].status == "推进中"
    assert window.model.data(index) == "推进中"
    window.actions_.undo.trigger()
    window.controller.wait()
    assert _tasks(window)["2"].status == "未启动" and window.model.data(index) == "未启动"
    window.actions_.redo.trigger()
    window.controller.wait()
    assert _tasks(window)["2"].status == "推进中"

    # Add a quarterly progress report for the selected task in the detail pane's 季度进展 tab.
    task_id = find_task_id(window.controller.engine, "2")
    window.view.selectRow(row)
    qtbot.waitUntil(lambda: window.detail.task_id == task_id)  # the pane fills right after the table paints
    progress = window.detail.progress
    window.detail.tabs.setCurrentWidget(progress)
    progress.quarter.setCurrentIndex(2)
    progress.percent.setValue(70)
    progress.done.setPlainText("完成系统对接")
    qtbot.mouseClick(progress.save, Qt.MouseButton.LeftButton)
    window.controller.wait()
    assert [p.done for p in list_progress(window.controller.engine, task_id)] == ["完成系统对接"]
    assert _tasks(window)["2"].percent == 70
    window.view.viewport().update()
    QApplication.processEvents()
    assert window.model.data(window.model.index(row, COL["latest"])) == "完成系统对接"

    window.filter_bar.reset()
    _loaded(qtbot, window)
    assert [window.model.table.row(r).code for r in range(3)] == ["1", "2", "3"], "ledger order, not a sort"
    window.view.sortByColumn(COL["deadline"], Qt.SortOrder.DescendingOrder)
    _loaded(qtbot, window)
    assert window.model.table.row(0).deadline == date(2017, 12, 31)
    window.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    _loaded(qtbot, window)
    window.view.selectRow(1)
    window.grab().save(str(output_dir / "main_window.png"))
    window.detail.grab().save(str(output_dir / "detail_pane.png"))
    window.show_dashboard()
    qtbot.wait(400)
    window.grab().save(str(output_dir / "dashboard_window.png"))


def test_search_as_you_type_and_light_view(qtbot, window, sample):
    from ledger_app.exchange.importing.apply import import_file

    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    window.filter_bar.search.setText("三证合一")
    _loaded(qtbot, window)
    assert window.model.rowCount() == 1
    window.filter_bar.reset()
    qtbot.waitUntil(lambda: window.nav.model().rowCount() > 0)  # filled just after the rows are painted
    assert window.nav.select("view", "red")
    _loaded(qtbot, window)
    assert window.model.rowCount() == 11
    assert all(window.model.data(window.model.index(r, COL["light"]), Qt.ItemDataRole.UserRole + 3) == "red"
               for r in range(11))


def test_delete_asks_and_undo_restores(qtbot, window, sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ledger_app.exchange.importing.apply import import_file

    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    window.view.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    window.actions_.delete.trigger()
    window.controller.wait()
    assert asked and "1" not in _tasks(window)
    _loaded(qtbot, window)
    assert window.model.rowCount() == 31
    window.actions_.undo.trigger()
    window.controller.wait()
    assert _tasks(window)["1"].title == "深化行政审批制度改革"
    _loaded(qtbot, window)
    assert window.model.rowCount() == 32


def test_opening_the_window_asks_for_the_list_once(qtbot, ledger, sample, monkeypatch):
    """The list is asked for while the window is built; setting up filters, nav and the
    restored layout must not ask again (at 100,000 tasks each ask costs a first paint)."""
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.tasks.table import TaskTable
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    import_file(ledger.engine, sample)
    asked = []
    load = TaskTable.load
    monkeypatch.setattr(TaskTable, "load", lambda self, query, *a, **k: asked.append(query) or load(self, query, *a, **k))
    preferences = Preferences()
    preferences.as_of = date(2017, 10, 15)
    win = MainWindow(ledger, preferences)
    qtbot.addWidget(win)
    win.show()
    _loaded(qtbot, win)
    assert win.model.rowCount() == 32
    assert len(asked) == 1 and asked[0].as_of == date(2017, 10, 15)

    win.controller.set_as_of(date(2017, 12, 31))  # a real change still asks again
    _loaded(qtbot, win)
    assert len(asked) == 2 and asked[1].as_of == date(2017, 12, 31)


def test_a_ledger_longer_than_a_page_shows_the_first_rows_then_the_whole_list(qtbot, ledger, tmp_path):
    """The first page is painted on its own, then the rest of the list is appended without
    moving what the clerk sees; searching and scrolling work over the whole list."""
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.tasks.table import PAGE
    from tests.tables import write_table
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    depts = ["财政局", "科技局", "招商局"]
    rows = [[i, "一、领域", f"项目{i}", f"内容第{i}项", "重点", depts[i % 3], "", "张", "2017年12月31日"]
            for i in range(1, 351)]
    import_file(ledger.engine, write_table(tmp_path / "long.xlsx", rows))
    win = MainWindow(ledger, Preferences())
    qtbot.addWidget(win)
    first_rows, counts = [], []
    win.model.firstRows.connect(lambda: first_rows.append(win.model.rowCount()))
    win.model.loaded.connect(counts.append)
    win.show()
    qtbot.waitUntil(lambda: bool(counts), timeout=10_000)
    assert first_rows == [PAGE] and counts == [350]
    assert win.model.rowCount() == 350
    assert win.model.data(win.model.index(0, COL["code"])) == "1"
    assert win.model.data(win.model.index(349, COL["code"])) == "350"
    assert win.view.currentIndex().row() == 0  # the selection made on the first rows stayed

    win.filter_bar.search.setText("招商局")  # matches 117 tasks: more than a page again
    win.model.wait()
    assert win.model.rowCount() == 117 and counts[-1] == 117
    assert {win.model.data(win.model.index(r, COL["lead"])) for r in range(117)} == {"招商局"}


def _has_colour(image, rect, colour, tolerance: int = 24) -> bool:
    return any(max(abs(c.red() - colour.red()), abs(c.green() - colour.green()), abs(c.blue() - colour.blue()))
               <= tolerance
               for c in (image.pixelColor(x, y) for x in range(rect.left(), rect.right())
                         for y in range(rect.top(), rect.bottom())))


def test_each_light_cell_shows_its_own_colour_dot_then_its_name(qtbot, window, sample):
    """The dot is painted by the view itself (a decoration, not a Python paint): a red task shows a red
    dot and no green one, and the name follows it for a clerk who cannot tell the colours apart."""
    from ledger_app.exchange.importing.apply import import_file
    from ui.light_colours import LIGHT_COLOURS
    from ui.task_model import LIGHT_ROLE

    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    view, model = window.view, window.model
    view.setColumnHidden(COL["light"], False)
    view.selectionModel().clear()  # a selected row's colours are the selection's
    image = view.viewport().grab().toImage()
    seen = set()
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, COL["light"]))
        if rect.bottom() > view.viewport().height():
            break
        light = model.data(model.index(row, COL["light"]), LIGHT_ROLE)
        dot = rect.adjusted(0, 0, -(rect.width() - 24), 0)  # the cell's first 24 pixels: the dot, before the name
        assert _has_colour(image, dot, LIGHT_COLOURS[light]), (row, light)
        others = {name for name in ("red", "green", "yellow") if name != light}
        assert not any(_has_colour(image, dot, LIGHT_COLOURS[name], 8) for name in others), (row, light)
        assert model.data(model.index(row, COL["light"])) in {"红灯", "黄灯", "绿灯", "Red", "Yellow", "Green", "已完成",
                                                              "Done", "—", "待销号", "Awaiting closure"}
        seen.add(light)
    assert {"red", "green"} <= seen  # the sample's first screen has both
    # Only the light's cell has the dot: no other column carries a picture.
    assert all(model.data(model.index(0, column), Qt.ItemDataRole.DecorationRole) is None
               for column in range(model.columnCount()) if column != COL["light"])
    # A selected row's dot keeps its own colour (the style would tint it with the selection's blue).
    view.selectRow(0)
    selected = view.viewport().grab().toImage()
    rect = view.visualRect(model.index(0, COL["light"]))
    dot = rect.adjusted(0, 0, -(rect.width() - 24), 0)
    assert _has_colour(selected, dot, LIGHT_COLOURS[model.data(model.index(0, COL["light"]), LIGHT_ROLE)], 12)
