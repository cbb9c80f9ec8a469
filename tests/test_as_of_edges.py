"""Edges of "a task as of a day" that mutants crossed unseen (`make mutation`, issue 23): how a logged
value reads back as the task holds it, which logged rows count, a milestone put back in the ledger
as of a day, the end of a day for the bulletins that count, and a quarter's report put back whole
by undo. Each test stands on one edge, through the rule's public door."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from ledger_app.assessment.publication import BULLETIN, Bulletins
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task, record_progress
from ledger_app.periods.snapshot import take_live
from ledger_app.records.history import list_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks import timeline
from ledger_app.tasks.editing import StaleEditError
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.tables import write_table

pytestmark = pytest.mark.usefixtures("evidence_optional")
HEADER = ["序号", "改革项目", "牵头部门", "配合部门", "完成时限"]


@pytest.fixture
def engine(ledger, tmp_path, monkeypatch):
    Clock(monkeypatch).set(date(2017, 3, 1))
    rows = [[str(n), f"任务{n}", "发改局", "财政局", "2017年12月31日"] for n in range(1, 4)]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows, title="2017年改革任务表", header=HEADER))
    return ledger.engine


# ----- a logged value, read back ------------------------------------------------------------------


@pytest.mark.parametrize(("field", "text", "value"), [
    ("percent", "40", 40),
    ("percent", "", 0),  # a percent never written reads as 0, not as blank
    ("area_id", "3", 3),
    ("area_id", "", None),  # no area
    ("lead_depts", "发改局、财政局", ["发改局", "财政局"]),
    ("co_depts", "财政局", ["财政局"]),
    ("co_depts", "", []),
    ("deadline", "2017-09-30", date(2017, 9, 30)),
    ("deadline", "", None),
    ("title", "任务1", "任务1"),
])
def test_a_logged_value_reads_back_as_the_task_holds_it(field, text, value):
    assert timeline.typed(field, text) == value
    if value not in (None, [], 0) or field == "percent":
        assert timeline.typed(field, timeline.shown(value)) == value  # and is written back the same


def test_no_change_after_the_day_means_the_current_value_stands():
    """A change effective on the day itself is in the current value: nothing to look up."""
    day = date(2017, 6, 30)
    on_the_day = [timeline.Entry(day, 1, "10", "40")]
    assert timeline.value_as_of(on_the_day, day) is None
    assert timeline.value_as_of(on_the_day, day - timedelta(days=1)) == "10"


def test_the_percent_as_of_a_day_is_a_number_from_the_log(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "1")
    clock.set(date(2017, 4, 1))
    edit_task(engine, task, {"percent": 30}, user="t", effective_on=date(2017, 4, 1))
    clock.set(date(2017, 8, 1))
    edit_task(engine, task, {"percent": 70}, user="t", effective_on=date(2017, 8, 1))
    assert get_fields(engine, task, ["percent"], as_of=date(2017, 6, 30)) == {"percent": 30}
    assert get_fields(engine, task, ["percent"], as_of=date(2017, 3, 31)) == {"percent": 0}


class _Second(date):
    """The refused save's day (the log keeps the day it was tried: the computer's date)."""

    @classmethod
    def today(cls) -> date:
        return date(2017, 5, 2)


def test_a_refused_save_in_the_log_is_not_a_value_the_task_ever_had(engine, monkeypatch):
    """A stale save is logged (who tried what, on the day it was tried) but never applied: the value
    as of a later day reads past it."""
    clock, task = Clock(monkeypatch), find_task_id(engine, "2")
    clock.set(date(2017, 4, 1))
    version = edit_task(engine, task, {"percent": 30}, user="甲", effective_on=date(2017, 4, 1)).versions[task]
    clock.set(date(2017, 5, 1))
    edit_task(engine, task, {"percent": 40}, user="乙", effective_on=date(2017, 5, 1))
    clock.set(date(2017, 5, 2))
    with monkeypatch.context() as tried, pytest.raises(StaleEditError):
        tried.setattr("ledger_app.tasks.editing.date", _Second)
        edit_task(engine, task, {"percent": 99}, user="甲", expected_version=version, effective_on=date(2017, 5, 2))
    clock.set(date(2017, 8, 1))
    edit_task(engine, task, {"percent": 80}, user="乙", effective_on=date(2017, 8, 1))
    assert get_fields(engine, task, ["percent"], as_of=date(2017, 6, 30)) == {"percent": 40}


def test_of_two_changes_on_one_day_the_later_recorded_stands(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "1")
    clock.set(date(2017, 5, 10))
    for percent in (30, 45):  # corrected the same day
        edit_task(engine, task, {"percent": percent}, user="甲", effective_on=date(2017, 5, 10))
    clock.set(date(2017, 8, 1))
    edit_task(engine, task, {"percent": 80}, user="甲", effective_on=date(2017, 8, 1))
    assert get_fields(engine, task, ["percent"], as_of=date(2017, 5, 10)) == {"percent": 45}
    assert get_fields(engine, task, ["percent"], as_of=date(2017, 5, 9)) == {"percent": 0}


def test_a_deadline_first_given_later_was_blank_before(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "2")
    clock.set(date(2017, 3, 2))
    edit_task(engine, task, {"deadline": None, "deadline_text": ""}, user="甲", effective_on=date(2017, 3, 2))
    clock.set(date(2017, 4, 1))
    edit_task(engine, task, {"deadline": date(2017, 9, 30), "deadline_text": "2017年9月底"}, user="甲",
              effective_on=date(2017, 4, 1))
    assert get_fields(engine, task, ["deadline"], as_of=date(2017, 3, 31)) == {"deadline": None}
    assert get_fields(engine, task, ["deadline"], as_of=date(2017, 4, 1)) == {"deadline": date(2017, 9, 30)}


# ----- the ledger as of a day ---------------------------------------------------------------------


def test_a_milestone_changed_later_is_shown_as_it_was_that_day(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "3")
    clock.set(date(2017, 4, 1))
    edit_task(engine, task, {"milestone_q2": "完成方案", "milestone_q4": "全面推开"}, user="t",
              effective_on=date(2017, 4, 1))
    clock.set(date(2017, 7, 5))
    edit_task(engine, task, {"milestone_q2": "方案已印发"}, user="t", effective_on=date(2017, 7, 5))

    def milestones(day: date) -> list[str]:
        return next(v for v in take_live(engine, day).tasks if v.id == task).milestones

    assert milestones(date(2017, 6, 30)) == ["", "完成方案", "", "全面推开"]
    assert milestones(date(2017, 7, 5)) == ["", "方案已印发", "", "全面推开"]
    assert milestones(date(2017, 3, 31)) == ["", "", "", ""]


def _bulletin(issued: datetime) -> SimpleNamespace:
    return SimpleNamespace(kind=BULLETIN, delivered_at=issued, issued_at=issued, subject="方案|2017Q3",
                           as_of=date(2017, 9, 30), doc_no="经开督〔2017〕3号")


def test_a_bulletin_counts_as_published_until_the_end_of_the_day_and_not_after():
    """The assessment as of 10 October counts the bulletins sent out by that evening, none of the next day."""
    as_of = date(2017, 10, 10)
    criticism = SimpleNamespace(action_date=date(2017, 9, 20), created_at=None)
    late_evening = datetime.combine(as_of, time(23, 59)).astimezone().astimezone(UTC)
    next_morning = datetime.combine(as_of + timedelta(days=1), time(0, 1)).astimezone().astimezone(UTC)
    assert Bulletins([_bulletin(late_evening)], as_of).naming(criticism, "方案").doc_no == "经开督〔2017〕3号"
    assert Bulletins([_bulletin(next_morning)], as_of).naming(criticism, "方案") is None


# ----- a quarter's report, put back by undo -------------------------------------------------------


def test_undoing_a_report_puts_the_quarter_s_previous_report_back_whole(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "1")
    clock.set(date(2017, 10, 8))
    first = ProgressInput(2017, 3, 40, "完成调研", "资金未到位", "印发方案", "张三", date(2017, 10, 8),
                          date(2017, 9, 28))  # not the quarter's end: a day of its own, put back as it was
    record_progress(engine, task, first, user="窗口")
    clock.set(date(2017, 10, 12))
    second = ProgressInput(2017, 3, 60, "方案已印发", "", "组织实施", "李四", date(2017, 10, 12), date(2017, 9, 29))
    done = record_progress(engine, task, second, user="窗口")

    def quarter() -> tuple:
        (r,) = [r for r in list_progress(engine, task) if (r.year, r.quarter) == (2017, 3)]
        return (r.percent, r.done, r.problems, r.next_steps, r.reporter, r.report_date, r.effective_on)

    assert quarter() == (60, "方案已印发", "", "组织实施", "李四", date(2017, 10, 12), date(2017, 9, 29))
    redo = done.undo().undo
    assert quarter() == (40, "完成调研", "资金未到位", "印发方案", "张三", date(2017, 10, 8), date(2017, 9, 28))
    assert get_fields(engine, task, ["percent"]) == {"percent": 40}
    redo()
    assert quarter()[:5] == (60, "方案已印发", "", "组织实施", "李四")


def test_a_report_that_moves_no_field_is_logged_whole(engine, monkeypatch):
    """The quarter's report written again with the same percent (a fuller text) moves neither percent nor
    status: it is still one line of the change log, made like every other (timeline.change_row): the
    task's code, the report's 业务日期, who and from where, when, the version it made, before and after."""
    from ledger_app.records.history import list_changes

    clock, task = Clock(monkeypatch), find_task_id(engine, "3")
    clock.set(date(2017, 10, 8))
    record_progress(engine, task, ProgressInput(2017, 3, 60, "方案已印发", effective_on=date(2017, 9, 29)), user="甲")
    version = get_fields(engine, task, ["version"])["version"]
    clock.set(date(2017, 10, 9))
    done = record_progress(engine, task, ProgressInput(2017, 3, 60, "方案已印发并组织实施",
                                                       effective_on=date(2017, 9, 29)), user="乙", source="填报表")
    line = list_changes(engine, task)[0]
    assert (line.task_code, line.field, line.changed_by, line.source) == ("3", "季度进展", "乙", "填报表")
    assert (line.old, line.new) == ("2017年第3季度 60%：方案已印发", "2017年第3季度 60%：方案已印发并组织实施")
    assert line.effective_on == date(2017, 9, 29) and line.version == version + 1
    assert get_fields(engine, task, ["version", "percent"]) == {"version": version + 1, "percent": 60}
    stamped = datetime.combine(date(2017, 10, 9), time(12)).astimezone()
    assert line.changed_at.replace(tzinfo=line.changed_at.tzinfo or UTC) == stamped

    clock.set(date(2017, 10, 10))
    done.undo()  # the first text back: still no field moves, and the undo is its own line
    back = list_changes(engine, task)[0]
    assert (back.field, back.changed_by, back.source, back.effective_on) == ("季度进展", "乙", "撤销", date(2017, 9, 29))
    assert (back.old, back.new) == ("2017年第3季度 60%：方案已印发并组织实施", "2017年第3季度 60%：方案已印发")
    assert back.version == version + 2 and back.task_code == "3"
    assert [r.done for r in list_progress(engine, task)] == ["方案已印发"]


def test_undoing_a_quarter_s_first_report_takes_the_report_away(engine, monkeypatch):
    clock, task = Clock(monkeypatch), find_task_id(engine, "2")
    clock.set(date(2017, 10, 8))
    before = get_fields(engine, task, ["percent", "status"])
    done = record_progress(engine, task, ProgressInput(2017, 3, 30, "完成调研", effective_on=date(2017, 9, 30)),
                           user="甲")
    assert [(r.year, r.quarter) for r in list_progress(engine, task)] == [(2017, 3)]
    done.undo()
    assert list_progress(engine, task) == []
    assert get_fields(engine, task, ["percent", "status"]) == before


def test_the_ledger_as_of_a_day_lights_its_tasks_by_the_ledger_s_thresholds(engine, monkeypatch):
    """A task 10 points behind the time elapsed is yellow where the office warns at 5 points, green at the
    default 20: the snapshot every document reads follows the setting, as the window's table does."""
    from ledger_app.operations import set_setting

    clock, task = Clock(monkeypatch), find_task_id(engine, "1")
    clock.set(date(2017, 7, 2))
    edit_task(engine, task, {"start_date": date(2017, 1, 1), "percent": 40}, user="t", effective_on=date(2017, 7, 2))

    def light() -> str:
        return next(v for v in take_live(engine, date(2017, 7, 2)).tasks if v.id == task).light

    assert light() == "green"
    set_setting(engine, "warn.lag_points", "5")
    assert light() == "yellow"


def test_undoing_a_report_logs_its_field_changes_as_the_report_s_own(engine, monkeypatch):
    """The undo of a report that moved the percent and the status: who undid it, 撤销, on the report's 业务日期."""
    from ledger_app.records.history import list_changes

    clock, task = Clock(monkeypatch), find_task_id(engine, "1")
    clock.set(date(2017, 10, 8))
    done = record_progress(engine, task, ProgressInput(2017, 3, 30, "完成调研", effective_on=date(2017, 9, 28)),
                           user="甲")
    clock.set(date(2017, 10, 20))
    done.undo()
    lines = [line for line in list_changes(engine, task) if line.source == "撤销"]
    assert {(line.field, line.new) for line in lines} == {("percent", "0"), ("status", "未启动")}
    assert {(line.changed_by, line.effective_on, line.mark) for line in lines} == {("甲", date(2017, 9, 28), "补录")}
    assert get_fields(engine, task, ["percent", "status"]) == {"percent": 0, "status": "未启动"}


def test_undoing_a_first_report_that_moved_nothing_logs_the_report_going(engine, monkeypatch):
    from ledger_app.records.history import list_changes

    clock, task = Clock(monkeypatch), find_task_id(engine, "2")
    clock.set(date(2017, 7, 2))
    edit_task(engine, task, {"status": "推进中", "percent": 30}, user="t", effective_on=date(2017, 7, 2))
    clock.set(date(2017, 10, 8))
    done = record_progress(engine, task, ProgressInput(2017, 3, 30, "完成调研", effective_on=date(2017, 9, 28)),
                           user="甲")
    done.undo()
    back = list_changes(engine, task)[0]
    assert (back.field, back.source, back.old, back.new) == ("季度进展", "撤销", "2017年第3季度 30%：完成调研", "")
    assert (back.effective_on, back.mark) == (date(2017, 9, 28), "补录")
    assert list_progress(engine, task) == []


@pytest.mark.parametrize("code, percent", [("1", 30), ("2", 0)])
def test_undoing_a_correction_in_a_closed_quarter_is_a_correction_with_its_reason(engine, monkeypatch, code,
                                                                                     percent):
    """A report entered into a closed quarter as a 更正 (with its reason) is undone as one: the same reason,
    marked 更正, whether the undo moves the percent (task 1) or only takes the report away (task 2)."""
    from ledger_app.operations import close_quarter
    from ledger_app.records.history import list_changes

    clock, task = Clock(monkeypatch), find_task_id(engine, code)
    clock.set(date(2017, 10, 15))
    close_quarter(engine, 2017, 3, user="督查室")
    done = record_progress(engine, task, ProgressInput(2017, 3, percent, "漏报的三季度进展",
                                                       effective_on=date(2017, 9, 28)), user="甲", reason="漏报补正")
    done.undo()
    undone = [line for line in list_changes(engine, task) if line.source == "撤销"]
    assert undone and {(line.mark, line.reason, line.effective_on) for line in undone} == \
        {("更正", "漏报补正", date(2017, 9, 28))}
    assert list_progress(engine, task) == []


def test_a_report_s_field_changes_are_logged_as_its_reporter_s(engine, monkeypatch):
    from ledger_app.records.history import list_changes

    clock, task = Clock(monkeypatch), find_task_id(engine, "3")
    clock.set(date(2017, 9, 30))
    record_progress(engine, task, ProgressInput(2017, 3, 40, "完成调研"), user="甲", source="季度进展")
    lines = {line.field: line for line in list_changes(engine, task) if line.field in ("percent", "status")}
    assert {(f, line.changed_by, line.source, line.reason, line.effective_on) for f, line in lines.items()} == \
        {("percent", "甲", "季度进展", "", date(2017, 9, 30)), ("status", "甲", "季度进展", "", date(2017, 9, 30))}


def test_creating_deleting_and_restoring_a_task_are_logged_plainly(engine):
    """Entered on their own day, with no 更正 reason: no mark, no reason."""
    from ledger_app.operations import create_task, delete_task
    from ledger_app.records.history import list_changes

    plan = get_fields(engine, find_task_id(engine, "1"), ["plan_id"])["plan_id"]
    created = create_task(engine, plan, {"title": "新增任务"}, user="u").value
    delete_task(engine, created, user="u").undo()
    lines = list_changes(engine, created)
    assert [line.field for line in lines] == ["恢复", "删除", "title", "创建"]
    assert {(line.mark, line.reason) for line in lines} == {("", "")}


def test_a_refused_save_is_no_change_of_the_field(engine, monkeypatch):
    """Another desk's stale save is logged as refused: it never holds an earlier change back from being the
    current value, nor rolls a day's value back."""
    clock, task = Clock(monkeypatch), find_task_id(engine, "2")
    clock.set(date(2017, 10, 10))
    version = get_fields(engine, task, ["version"])["version"]
    edit_task(engine, task, {"percent": 20}, user="甲", effective_on=date(2017, 10, 1))
    with pytest.raises(StaleEditError):
        edit_task(engine, task, {"percent": 40, "status": "暂缓"}, user="乙", expected_version=version)  # refused
    edit_task(engine, task, {"percent": 30}, user="甲", effective_on=date(2017, 10, 9))
    assert get_fields(engine, task, ["percent", "status"]) == {"percent": 30, "status": "推进中"}
    assert next(v for v in take_live(engine, date(2017, 10, 9)).tasks if v.id == task).percent == 30
    # The assessment's lean read rolls back by the log as well (timeline.history).
    from ledger_app.assessment import facts

    assert next(f for f in facts.take(engine, date(2017, 10, 9)).tasks if f.id == task).status == "推进中"


def test_a_field_whose_only_change_came_later_reads_as_that_change_s_old_value(engine, monkeypatch):
    """Imported 未启动 with no status line in the log; set 推进中 effective 10 October: as of 9 October the lean
    read (timeline.history) gives the value the change replaced."""
    from ledger_app.assessment import facts

    clock, task = Clock(monkeypatch), find_task_id(engine, "3")
    clock.set(date(2017, 10, 12))
    edit_task(engine, task, {"status": "推进中"}, user="u", effective_on=date(2017, 10, 10))
    statuses = {day: next(f for f in facts.take(engine, day).tasks if f.id == task).status
                for day in (date(2017, 10, 9), date(2017, 10, 10))}
    assert statuses == {date(2017, 10, 9): "未启动", date(2017, 10, 10): "推进中"}
