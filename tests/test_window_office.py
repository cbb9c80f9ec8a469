"""The window's office conveniences, pressed as a clerk would: the detail pane hidden and shown
(remembered), the demo ledger and back, 帮助 → 关于, the detail header, collective terms in
the table, and a path typed into the import wizard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.tasks.queries import find_task_id
from tests.tables import write_table
from ui import background
from ui.task_model import COL

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")


def _loaded(qtbot, win):
    win.model.wait()
    qtbot.waitUntil(lambda: win.model.rowCount() == len(win.model.table.ids))
    QApplication.processEvents()


def test_detail_pane_hides_and_shows_by_menu_and_shortcut_and_is_remembered(qtbot, window, ledger):
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    action = window.actions_.detail
    assert action.shortcut() == QKeySequence("Ctrl+D") and action.isChecked()
    assert action in window.menuBar().actions()[2].menu().actions(), "under 视图"
    action.trigger()
    assert not window.detail.isVisible() and not action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.isVisible() and action.isChecked()
    assert window.detail.width() >= window.detail.minimumWidth()
    action.trigger()
    window.close()

    again = MainWindow(ledger, Preferences())
    qtbot.addWidget(again)
    again.show()
    assert not again.detail.isVisible() and not again.actions_.detail.isChecked(), "remembered on this computer"
    again.actions_.detail.trigger()
    assert again.detail.isVisible()
    _settle(qtbot, again)
    again.close()


def _settle(qtbot, win) -> None:
    """The window's queries (list, navigation, light counts) answered before the test's ledger
    is closed under it."""
    _loaded(qtbot, win)
    qtbot.wait(400)
    background.wait_all()
    win.model.wait()
    background.wait_all()


def test_demo_ledger_then_back_to_my_own(qtbot, window, sample):
    own = window.controller.ledger.display_name
    import_file(window.controller.engine, sample)
    back = window.actions_.back
    assert not back.isVisible(), "only offered while the demo is open"
    window.actions_.demo.trigger()
    _loaded(qtbot, window)
    assert "demo" in window.controller.ledger.display_name and back.isVisible()
    back.trigger()
    _loaded(qtbot, window)
    assert window.controller.ledger.display_name == own and not back.isVisible()
    assert window.model.rowCount() == 32
    _settle(qtbot, window)
    window.controller.ledger.close()  # reopened by the window: the fixture closes only the one it opened


def test_about_names_version_ledger_schema_and_fonts(qtbot, window, monkeypatch):
    from db.schema import HEAD

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    help_menu = window.menuBar().actions()[-1].menu()
    next(a for a in help_menu.actions() if "关于" in a.text()).trigger()
    (title, text), = shown
    assert title == "关于"
    assert "版本" in text and "0.1.0" in text
    assert window.controller.ledger.display_name in text
    assert f"结构版本</td><td>{HEAD}" in text
    assert "界面字体" in text and QFontInfo(QApplication.font()).family() in text
    assert "报表字体（PDF）" in text and ".tt" in text


def test_detail_header_shows_each_fact_once(qtbot, window, sample):
    import_file(window.controller.engine, sample)
    task_id = find_task_id(window.controller.engine, "1")
    # Effective before the day the window shows (the fixture's 2017-10-15).
    edit_task(window.controller.engine, task_id, {"status": "已完成", "percent": 100}, user="测试员",
                effective_on=date(2017, 10, 1))
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    window.detail.show_task(task_id)
    header = window.detail.header.text()
    assert header.count("已完成") == 1 and "100%" in header
    red = find_task_id(window.controller.engine, "4")
    window.detail.show_task(red)
    assert window.detail.header.text().count("红灯") == 1


def test_collective_terms_show_with_the_departments_but_not_as_departments(qtbot, window, sample):
    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    row = window.model.row_of(find_task_id(window.controller.engine, "8"))
    assert window.model.data(window.model.index(row, COL["co"])) == "各镇（街道）"
    qtbot.waitUntil(lambda: window.nav.model().rowCount() == 3)
    departments = window.nav.model().item(2)
    names = {departments.child(r).data(Qt.ItemDataRole.UserRole + 2) for r in range(departments.rowCount())}
    assert "行政审批局" in names and not names & {"各镇（街道）", "各产业园区"}
    assert window.filter_bar.dept.findText("各镇（街道）") == -1
    window.detail.show_task(find_task_id(window.controller.engine, "8"))
    assert window.detail.basic.co.text() == "各镇（街道）"


def test_import_wizard_takes_a_typed_or_pasted_path(qtbot, ledger, tmp_path):
    from ui.controller import LedgerController
    from ui.import_wizard import ImportWizard

    path = write_table(tmp_path / "任务表.xlsx", [[1, "一、领域", "项目", "内容", "", "审批局", "各部门", "", "2017年6月底"]])
    wizard = ImportWizard(LedgerController(ledger))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    assert not page.isComplete()
    page.path.setFocus()
    page.path.setText(f'"{path}"')  # Explorer's "Copy as path" quotes it
    qtbot.keyClick(page.path, Qt.Key.Key_Return)  # Enter reads it and goes on, as 下一步 would
    assert page.isComplete() and page.path.text() == str(path)
    assert page.year.value() == 2017 and "标题" in page.year_note.text()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.check_page and wizard.check_page.isComplete()
    assert "各部门" in wizard.check_page.review.groups_note.text()


def test_plan_year_from_deadlines_is_shown_and_changeable_in_the_wizard(qtbot, ledger, tmp_path):
    from ledger_app.tasks.queries import TaskQuery, list_tasks
    from ui.controller import LedgerController
    from ui.import_wizard import ImportWizard

    rows = [[1, "一、领域", "项目", "内容", "", "审批局", "", "", "6月底前"],
            [2, "一、领域", "项目二", "内容", "", "审批局", "", "", "2016年12月底"]]
    path = write_table(tmp_path / "t.xlsx", rows, title="改革任务表")
    wizard = ImportWizard(LedgerController(ledger), path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    assert page.year.value() == 2016 and "最早的完成时限" in page.year_note.text()
    assert "开始日期" in page.year_note.text() and "黄灯" in page.year_note.text()
    page.year.setValue(2017)
    assert "在此指定" in page.year_note.text()
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    tasks = {t.code: t for t in list_tasks(ledger.engine, TaskQuery(as_of=date(2017, 7, 1)))}
    assert tasks["1"].deadline == date(2017, 6, 30) and tasks["1"].start_date == date(2017, 1, 1)


def test_progress_quarter_chosen_on_the_review_page(qtbot, ledger, tmp_path):
    from ledger_app.records.history import list_progress
    from ui.controller import LedgerController
    from ui.import_wizard import ImportWizard

    header = ["序号", "重点任务", "牵头单位", "完成时间", "进展情况"]
    path = write_table(tmp_path / "t.xlsx", [[1, "审批改革", "行政审批局", "2018年6月底", "已完成"]],
                       title="改革任务推进情况（截至2018年6月30日）", header=header)
    wizard = ImportWizard(LedgerController(ledger), path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    review = wizard.check_page.review
    assert (review.year.value(), review.quarter_box.currentData()) == (2018, 2)
    assert review.inferred.model().rowCount() == 1 and "已完成 100%" in review.inferred.model().item(0, 2).text()
    review.quarter_box.setCurrentIndex(2)  # the clerk: this is the third quarter's account
    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    (report,) = list_progress(ledger.engine, find_task_id(ledger.engine, "1"))
    assert (report.year, report.quarter, report.done) == (2018, 3, "已完成")
