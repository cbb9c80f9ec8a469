"""The dashboard over the 32-task sample: figures match ledger_app.tasks.stats, edits refresh it once,
double-click / Enter jump to a task, and the whole thing fits a 1280x800 screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QToolTip

from ledger_app.exchange.importing.apply import import_file
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks import stats
from ledger_app.tasks.lights import Thresholds
from ledger_app.tasks.queries import find_task_id
from ui import background
from ui import dashboard as dashboard_module
from ui.controller import LedgerController
from ui.dashboard import ID_ROLE, DashboardView, short_name

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

AS_OF = date(2017, 10, 15)
FONT = "/work/main/resources/fonts/wqy-microhei.ttc"


@pytest.fixture
def controller(ledger, sample, qapp):
    import_file(ledger.engine, sample)
    ctl = LedgerController(ledger)
    ctl.set_as_of(AS_OF)
    return ctl


@pytest.fixture
def view(qtbot, controller):
    widget = DashboardView(controller)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.refreshed):
        widget.show()  # first shown: computes its figures
    yield widget
    background.wait_all()  # no query may outlive the ledger


def _finish(ctl: LedgerController, code: str) -> None:
    ctl.edit_task(find_task_id(ctl.engine, code), {"status": "已完成", "percent": 100}, "done")


def _bars(chart_view):
    series = chart_view.chart().series()
    assert len(series) == 1
    (bar_set,) = series[0].barSets()
    return bar_set, chart_view.chart().axes(Qt.Orientation.Vertical)[0].categories()


def _codes(table) -> list[str]:
    model = table.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_figures_match_the_statistics(view, controller):
    engine = controller.engine
    counts = stats.light_counts(engine, AS_OF, Thresholds())
    assert {k: int(t.number.text()) for k, t in view.tiles.items()} == {"red": 11, "yellow": 18, "green": 3, "done": 0}
    assert all(int(view.tiles[k].number.text()) == counts[k] for k in view.tiles)

    bar_set, categories = _bars(view.area_chart)
    assert bar_set.count() == 5 and len(categories) == 5
    # Drawn bottom-up: the last category is the first area, shortened before the first "，".
    assert categories[-1] == "一、深化行政体制改革 (0/10)"
    assert categories[0] == "五、践行共享发展理念 (0/3)"

    bar_set, categories = _bars(view.dept_chart)
    depts = stats.completion_by_department(engine)
    assert bar_set.count() == len(categories) == len(depts) == 16
    assert categories[-1] == "经济发展局 (0/4)"  # lowest rate, most tasks: on top

    assert _codes(view.deadlines) == [line.code for line in stats.next_deadlines(engine, AS_OF, 15)]
    assert view.deadlines.model().index(0, 4).data() == "16"  # task 12: due 2017-10-31
    lagging = stats.lagging_two_quarters(engine, AS_OF, Thresholds())
    assert _codes(view.lagging) == [line.code for line in lagging] and len(lagging) == 29
    assert "29" in view.lagging_box.title()
    assert "2017-06-30" in view.heading.text() and "2017-09-30" in view.heading.text()


def test_edits_refresh_once_and_figures_follow(qtbot, view, controller, monkeypatch):
    calls = []
    original = stats.light_counts
    monkeypatch.setattr(dashboard_module.stats, "light_counts", lambda *a: calls.append(a) or original(*a))
    for code in ("1", "2", "30"):  # a burst of edits
        _finish(controller, code)
    task = find_task_id(controller.engine, "3")
    controller.save_progress(task, ProgressInput(2017, 2, 50, "方案完成"))
    controller.save_progress(task, ProgressInput(2017, 3, 75, "平台上线试运行"))
    controller.wait()
    qtbot.waitUntil(lambda: view.tiles["done"].number.text() == "3" and not view.refresh_pending())
    assert len(calls) == 1, "five edits in a row: one refresh"
    assert view.tiles["red"].number.text() == "8"
    bar_set, _ = _bars(view.area_chart)
    assert bar_set.at(4) == pytest.approx(20.0)  # bottom-up: index 4 is area 一, 2 of 10 done
    assert bar_set.at(0) == pytest.approx(33.3)  # area 五: task 30 of 3
    assert "3" not in _codes(view.lagging) and "1" not in _codes(view.lagging)

    controller.undo_stack.undo()  # Q3 report gone: task 3 reads 50 % at both quarter ends, still fine
    controller.undo_stack.undo()  # Q2 report gone too: task 3 lags again
    controller.wait()
    qtbot.waitUntil(lambda: "3" in _codes(view.lagging))

    controller.set_as_of(date(2017, 12, 1))  # 12 and 27 are now overdue
    qtbot.waitUntil(lambda: "12" not in _codes(view.deadlines))
    assert view.tiles["red"].number.text() == str(stats.light_counts(controller.engine, date(2017, 12, 1),
                                                                      Thresholds())["red"])


def test_hidden_dashboard_waits_until_shown(qtbot, view, controller, monkeypatch):
    calls = []
    original = stats.light_counts
    monkeypatch.setattr(dashboard_module.stats, "light_counts", lambda *a: calls.append(a) or original(*a))
    view.hide()
    _finish(controller, "5")
    assert not view.refresh_pending() and calls == [], "nothing is even scheduled while nobody looks"
    view.show()
    qtbot.waitUntil(lambda: view.tiles["done"].number.text() == "1")
    assert len(calls) == 1


def test_double_click_and_enter_open_the_task(qtbot, view, controller):
    table = view.lagging
    row = 2
    rect = table.visualRect(table.model().index(row, 1))
    expected = table.model().index(row, 0).data(ID_ROLE)
    assert expected == find_task_id(controller.engine, _codes(table)[row])
    # QTest's double-click sends no press first; an item view only activates the index it saw pressed.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.taskActivated) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]

    table = view.deadlines
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    with qtbot.waitSignal(view.taskActivated) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [find_task_id(controller.engine, "12")]


def test_plan_filter(qtbot, view, controller, sample):
    first = task_fields.get_fields(controller.engine, find_task_id(controller.engine, "1"), ["plan_id"])["plan_id"]
    import_file(controller.engine, sample, plan="第二份方案")
    controller.ledger_replaced()
    qtbot.waitUntil(lambda: view.tiles["red"].number.text() == "22")
    view.set_plan(first)
    qtbot.waitUntil(lambda: view.tiles["red"].number.text() == "11")
    bar_set, categories = _bars(view.area_chart)
    assert bar_set.count() == 5 and categories[-1] == "一、深化行政体制改革 (0/10)"
    view.set_plan(None)
    qtbot.waitUntil(lambda: view.tiles["red"].number.text() == "22")
    _, categories = _bars(view.area_chart)
    assert categories[-1] == "一、深化行政体制改革 (0/20)"  # the same area in both plans: one bar


def test_full_area_name_on_hover(view):
    bar_set, _ = _bars(view.area_chart)
    bar_set.hovered.emit(True, 4)
    assert QToolTip.text().startswith("一、深化行政体制改革，实现管理运行高效能")
    bar_set.hovered.emit(False, 4)


def test_empty_ledger_says_so(qtbot, ledger, qapp):
    ctl = LedgerController(ledger)
    widget = DashboardView(ctl)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed):
        widget.refresh()
    assert widget.tiles["red"].number.text() == "0"
    for box in (widget.area_box, widget.dept_box, widget.deadlines_box, widget.lagging_box):
        assert box.stack.currentWidget() is box.empty and box.empty.text()


def test_short_names():
    assert short_name("一、深化行政体制改革，实现管理运行高效能") == "一、深化行政体制改革"
    assert short_name("行政审批局") == "行政审批局"
    assert short_name("一个非常非常非常非常长的没有逗号的改革领域名称") == "一个非常非常非常非常长的没…"


def test_screenshot(qtbot, view, controller, output_dir):
    # Some progress so that bars and lists show something realistic.
    for code in ("1", "2", "9", "30", "23"):
        _finish(controller, code)
    for code, q2, q3 in (("3", 40, 70), ("5", 30, 60), ("11", 45, 80), ("21", 50, 100), ("24", 20, 40)):
        task = find_task_id(controller.engine, code)
        controller.save_progress(task, ProgressInput(2017, 2, q2, "按计划推进"))
        controller.save_progress(task, ProgressInput(2017, 3, q3, "按计划推进"))
    controller.edit_task(find_task_id(controller.engine, "21"), {"status": "已完成"}, "done")
    controller.wait()
    app = QApplication.instance()
    previous = app.font()
    QFontDatabase.addApplicationFont(FONT)
    QApplication.setFont(QFont("WenQuanYi Micro Hei"))
    try:
        QApplication.processEvents()  # let every widget take the new font before measuring
        with qtbot.waitSignal(view.refreshed):
            view.refresh()
        for table in (view.deadlines, view.lagging):  # nothing cut off: every row fits or scrolls
            assert table.horizontalHeader().length() <= table.viewport().width() + 1
        for key, tile in view.tiles.items():
            assert tile.number.sizeHint().height() <= tile.number.height(), key
        view.grab().save(str(output_dir / "dashboard.png"))
    finally:
        QApplication.setFont(previous)
