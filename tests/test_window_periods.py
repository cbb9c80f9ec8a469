"""The quarter as offices live it, in the window: the 生效日期 control, the progress form's 业务日期,
the change log's two dates, closing and reopening a quarter from the menu, a 更正 entered when a
closed quarter refuses a change, the dashboard's trend, and next year's table carried over after
the clerk has reviewed the list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.periods import closing
from ledger_app.records.history import list_changes, list_progress
from ledger_app.store.models import MARK_CORRECTION, MARK_LATE
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks, plan_titles
from tests.test_main_window import _loaded
from ui.task_model import COL

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

Q3_END = date(2017, 9, 30)


@pytest.fixture
def loaded(qtbot, window, sample):
    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    return window


def answer(qtbot, kind: type, act) -> list:  # noqa: ANN001
    """When the window opens a dialog of ``kind`` (modal: exec), let ``act`` work it like a clerk."""
    seen: list = []
    timer = QTimer(interval=20)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible() and widget not in seen:
                seen.append(widget)
                timer.stop()
                timer.timeout.disconnect()  # the timer (Qt's) no longer holds this test's window through look
                act(widget)
                return

    timer.timeout.connect(look)
    timer.start()
    seen.append(timer)  # kept alive with the list
    return seen


def click(qtbot, button) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(qtbot, window, code: str) -> int:
    _loaded(qtbot, window)  # after a whole-ledger operation the list reloads first
    task = find_task_id(window.controller.engine, code)
    window.view.selectRow(window.model.row_of(task))
    qtbot.waitUntil(lambda: window.detail.task_id == task)
    return task


def status_of(window, code: str) -> str:
    row = window.model.row_of(find_task_id(window.controller.engine, code))
    return window.model.data(window.model.index(row, COL["status"]))


def test_the_effective_date_control_dates_the_tables_edits(qtbot, loaded, output_dir):
    window = loaded
    task = select(qtbot, window, "30")
    pane = window.detail
    assert pane.effective.edit.date().toPython() == date(2017, 10, 15), "follows the day the window shows"
    pane.effective.edit.setDate(QDate(2017, 9, 1))  # the school opened on 9月1日
    assert window.controller.effective_on == date(2017, 9, 1)
    assert "2017-09-01" in window.status_line.effective.text() and window.status_line.effective.isVisible()
    window.grab().save(str(output_dir / "window-effective-date.png"))

    row = window.model.row_of(task)
    assert window.model.setData(window.model.index(row, COL["status"]), "已完成")  # edited in the table
    window.controller.wait()
    (entry,) = [c for c in list_changes(window.controller.engine, task) if c.field == "status"]
    assert (entry.effective_on, entry.mark) == (date(2017, 9, 1), MARK_LATE)

    # 视图 → 指定日期: as of 9月30日 the task is done; as of 8月31日 it was not.
    for day, expected in ((Q3_END, "已完成"), (date(2017, 8, 31), "未启动")):
        _set_as_of(qtbot, window, day)
        assert status_of(window, "30") == expected
    assert window.controller.effective_on == date(2017, 8, 31), "a new day shown: edits follow it again"
    click(qtbot, pane.effective.reset)
    assert not window.controller.effective_fixed and not window.status_line.effective.isVisible()

    pane.tabs.setCurrentWidget(pane.changes)
    model = pane.changes.table.model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:2] == ["记录时间", "业务日期"]
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[1] == "2017-09-01" and first[2] == "状态" and first[-1] == "已保存（补录）"


def _set_as_of(qtbot, window, day: date) -> None:
    """视图 → 指定日期…, the dialog answered with ``day``."""
    import ui.period_actions as period_actions

    original = period_actions.ask_as_of
    period_actions.ask_as_of = lambda *_args: day
    try:
        window.actions_.as_of.trigger()
    finally:
        period_actions.ask_as_of = original
    _loaded(qtbot, window)


def test_the_progress_form_dates_a_report_by_its_quarter(qtbot, loaded):
    window = loaded
    task = select(qtbot, window, "4")
    tab = window.detail.progress
    window.detail.tabs.setCurrentWidget(tab)
    tab.quarter.setCurrentIndex(2)  # Q3 2017: over, so its 业务日期 is its end
    assert tab.effective.date().toPython() == Q3_END
    tab.quarter.setCurrentIndex(3)  # Q4 2017 runs on the window's day
    assert tab.effective.date().toPython() == date(2017, 10, 15)
    tab.quarter.setCurrentIndex(2)
    tab.percent.setValue(40)
    tab.done.setPlainText("平台上线试运行")
    click(qtbot, tab.save)
    window.controller.wait()
    (report,) = [r for r in list_progress(window.controller.engine, task) if r.quarter == 3]
    assert report.effective_on == Q3_END
    assert next(v for v in list_tasks(window.controller.engine, TaskQuery(as_of=Q3_END)) if v.code == "4").percent == 40


def test_close_a_quarter_from_the_menu_then_a_change_in_it_is_entered_as_a_correction(qtbot, loaded, output_dir):
    from ui.quarter_dialogs import CloseQuarterDialog, CorrectionDialog

    window = loaded

    def close_q3(dialog) -> None:  # noqa: ANN001
        dialog.year.setValue(2017)
        dialog.quarter.setCurrentIndex(2)
        dialog.grab().save(str(output_dir / "close-quarter-dialog.png"))
        assert dialog.close_button.isEnabled()
        click(qtbot, dialog.close_button)

    answer(qtbot, CloseQuarterDialog, close_q3)
    window.actions_.close_quarter.trigger()
    window.controller.wait()
    assert [(c.year, c.quarter) for c in closing.closed_quarters(window.controller.engine)] == [(2017, 3)]
    assert "2017年第三季度" in window.statusBar().currentMessage()

    task = select(qtbot, window, "30")
    pane = window.detail
    pane.effective.edit.setDate(QDate(2017, 9, 1))
    asked: list[str] = []

    def give_reason(dialog) -> None:  # noqa: ANN001
        asked.append(dialog.findChildren(type(pane.lineage))[0].text())
        assert not dialog.enter.isEnabled(), "no correction without a reason"
        dialog.reason.insert("学校9月1日已开学，漏报")  # typed
        dialog.grab().save(str(output_dir / "correction-dialog.png"))
        click(qtbot, dialog.enter)

    answer(qtbot, CorrectionDialog, give_reason)
    pane.basic.status.setCurrentText("已完成")
    pane.basic.status.activated.emit(pane.basic.status.currentIndex())
    qtbot.waitUntil(lambda: bool(asked))
    window.controller.wait()
    assert "已封账" in asked[0]
    (entry,) = [c for c in list_changes(window.controller.engine, task) if c.field == "status"]
    assert (entry.mark, entry.reason, entry.effective_on) == (MARK_CORRECTION, "学校9月1日已开学，漏报",
                                                              date(2017, 9, 1))
    # The dashboard's trend counts it in the third quarter.
    window.show_dashboard()
    qtbot.waitUntil(lambda: window.pages.dashboard.trend.model().columnCount() == 1, timeout=5000)
    trend = window.pages.dashboard.trend.model()
    assert trend.headerData(0, Qt.Orientation.Horizontal) == "2017年第3季度"
    assert trend.index(0, 0).data() == "3.1%（1/32）"
    window.grab().save(str(output_dir / "dashboard-trend.png"))


def test_reopen_a_quarter_names_who_allowed_it(qtbot, loaded):
    from ui.quarter_dialogs import ReopenQuarterDialog

    window = loaded
    operations.close_quarter(window.controller.engine, 2017, 2, user="督查室")

    def reopen(dialog) -> None:  # noqa: ANN001
        assert not dialog.reopen_button.isEnabled()
        dialog.allowed_by.insert("王主任")
        assert not dialog.reopen_button.isEnabled(), "and a reason"
        dialog.reason.insert("二季度漏报两项")
        click(qtbot, dialog.reopen_button)

    answer(qtbot, ReopenQuarterDialog, reopen)
    window.actions_.reopen_quarter.trigger()
    window.controller.wait()
    assert closing.closed_quarters(window.controller.engine) == []
    last = closing.events(window.controller.engine)[-1]
    assert (last.action, last.by, last.reason, last.entered_by) == ("重新打开", "王主任", "二季度漏报两项", "测试员")


def test_carry_over_after_reviewing_the_list(qtbot, loaded, output_dir):
    from ui.carry_over_dialog import CarryOverDialog

    window = loaded
    reviewed: list[int] = []

    def review_and_carry(dialog) -> None:  # noqa: ANN001
        dialog.from_year.setValue(2017)
        dialog.to_year.setValue(2018)
        model = dialog.model
        reviewed.append(model.rowCount())
        dialog.grab().save(str(output_dir / "carry-over-dialog.png"))
        for row in range(model.rowCount()):  # carry only tasks 1 and 2
            if model.item(row, 0).text() not in ("1", "2"):
                model.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.summary.text() == "32 项未完成任务中的 2 项将结转。"
        click(qtbot, dialog.carry)

    answer(qtbot, CarryOverDialog, review_and_carry)
    window.actions_.carry_over.trigger()
    window.controller.wait()
    assert reviewed == [32]
    engine = window.controller.engine
    new_plan = "常州经开区2018年改革创新目标任务表"
    assert plan_titles(engine)[-1] == new_plan
    assert [v.code for v in list_tasks(engine, TaskQuery(plan=new_plan))] == ["1", "2"]

    # Both sides show the link; following it selects next year's task.
    _loaded(qtbot, window)
    window.controller.set_as_of(None)
    _loaded(qtbot, window)
    select(qtbot, window, "3")
    origin = find_task_id(engine, "1", "常州经开区2017年改革创新目标任务表")
    window.show_task(origin)
    qtbot.waitUntil(lambda: window.detail.task_id == origin)
    assert window.detail.lineage.isVisible() and new_plan in window.detail.lineage.text()
    window.detail.lineage.linkActivated.emit(window.detail.lineage.text().split("href='")[1].split("'")[0])
    carried = find_task_id(engine, "1", new_plan)
    qtbot.waitUntil(lambda: window.detail.task_id == carried)
    assert "常州经开区2017年改革创新目标任务表" in window.detail.lineage.text()
    window.detail.tabs.setCurrentWidget(window.detail.changes)
    fields = [window.detail.changes.table.model().index(r, 2).data()
              for r in range(window.detail.changes.table.model().rowCount())]
    assert "结转" in fields and any(f.startswith("〔2017 1〕") for f in fields), "the origin's history shows too"


def test_a_multi_year_plan_is_shown_year_by_year_and_whole(qtbot, window, tmp_path):
    from ledger_app.periods import carry_over
    from tests.tables import write_table
    from ui.nav_pane import KIND_ROLE, VALUE_ROLE

    rows = [[1, "一、行政体制", "审批改革", "三证合一", "", "审批局", "", "", "2017年12月底"],
            [2, "一、行政体制", "执法改革", "综合执法平台", "", "执法局", "", "", "2018年9月底"],
            [3, "二、经济体制", "国资改革", "混合所有制", "", "财政局", "", "", "2019年底前"]]
    book = write_table(tmp_path / "plan.xlsx", rows, title="常州经开区改革创新三年行动计划（2017—2019年）")
    engine = window.controller.engine
    import_file(engine, book, year=2017)
    carry_over.carry_over(engine, 2017, 2018, user="u")
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    nav = window.nav

    def item(kind: str, value: object):  # noqa: ANN202
        return next((i for i in nav._walk(nav.rootIndex()) if i.data(KIND_ROLE) == kind and i.data(VALUE_ROLE) == value),
                    None)

    plan_id = catalog_plan(engine)
    # The navigation reads in the background, behind the day's reminders: a loaded machine takes seconds.
    qtbot.waitUntil(lambda: item("plan_year", f"{plan_id}:2018") is not None, timeout=30000)
    years = [i.data() for i in nav._walk(nav.rootIndex()) if i.data(KIND_ROLE) == "plan_year"]
    assert years == ["2017年（1）", "2018年（2）", "2019年（1）"]
    for value, codes in ((f"{plan_id}:2018", ["2", "2018-1"]), (f"{plan_id}:2017", ["1"])):
        index = item("plan_year", value)
        nav.scrollTo(index)
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualRect(index).center())
        _loaded(qtbot, window)
        assert [window.model.data(window.model.index(r, COL["code"])) for r in range(window.model.rowCount())] == codes
    index = item("plan", plan_id)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualRect(index).center())
    _loaded(qtbot, window)
    assert window.model.rowCount() == 4, "the plan as a whole"


def catalog_plan(engine) -> int:  # noqa: ANN001
    from ledger_app.tasks import overview

    return overview.plans(engine)[0].id


def test_with_the_detail_pane_hidden_the_edit_menu_sets_the_effective_date(qtbot, loaded, monkeypatch):
    import ui.effective_date as effective_date

    window = loaded
    window.actions_.detail.trigger()  # 视图 → 详情窗格: hidden
    assert not window.detail.isVisible()
    monkeypatch.setattr(effective_date, "ask_effective", lambda *_args: date(2017, 9, 15))
    window.actions_.effective.trigger()
    assert window.controller.effective_on == date(2017, 9, 15) and window.status_line.effective.isVisible()
    task = find_task_id(window.controller.engine, "6")
    row = window.model.row_of(task)
    assert window.model.setData(window.model.index(row, COL["percent"]), 25)
    window.controller.wait()
    (entry,) = [c for c in list_changes(window.controller.engine, task) if c.field == "percent"]
    assert entry.effective_on == date(2017, 9, 15)
    monkeypatch.setattr(effective_date, "ask_effective", lambda *_args: False)
    window.actions_.effective.trigger()
    assert window.controller.effective_on == date(2017, 10, 15) and not window.status_line.effective.isVisible()
