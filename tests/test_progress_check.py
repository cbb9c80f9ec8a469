"""What a quarter's report must be to be stored (records.progress.check): each refusal on its edge, in words."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.records.progress import ProgressInput, check


def _refusal(report: ProgressInput) -> str:
    with pytest.raises(LedgerError) as refused:
        check(report)
    return str(refused.value)


@pytest.mark.parametrize("percent", [0, 100])
def test_the_ends_of_the_percent_are_reports(percent):
    check(ProgressInput(2017, 3, percent, "推进中"))


@pytest.mark.parametrize("percent", [-1, 101, "50", 50.0])
def test_a_percent_outside_0_100_or_not_a_whole_number_is_refused(percent):
    assert _refusal(ProgressInput(2017, 3, percent, "推进中")) == "完成百分比必须在 0 到 100 之间"


@pytest.mark.parametrize("quarter", [0, 5])
def test_a_quarter_outside_1_4_is_refused(quarter):
    assert _refusal(ProgressInput(2017, quarter, 10, "推进中")) == "季度必须是 1 到 4"


@pytest.mark.parametrize("field, label", [("done", "本季度完成情况"), ("problems", "存在问题"),
                                          ("next_steps", "下步打算"), ("reporter", "填报人")])
def test_a_text_that_cannot_be_stored_is_refused_by_its_label(field, label):
    values = {"done": "推进中", "problems": "", "next_steps": "", "reporter": "", field: "甲\x00乙"}
    assert _refusal(ProgressInput(2017, 3, 10, **values)) == \
        f"“{label}”含有控制字符（\\x00），导出到 Excel 时会出错，未保存；请删去后重试"


def test_a_report_takes_effect_from_its_quarter_s_first_day_not_before():
    check(ProgressInput(2017, 3, 10, "推进中", effective_on=date(2017, 7, 1)))
    assert _refusal(ProgressInput(2017, 3, 10, "推进中", effective_on=date(2017, 6, 30))) == \
        "业务日期 2017-06-30 早于2017年第三季度：季度进展的业务日期不能早于该季度的第一天"


# ----- which report the task's percent follows ------------------------------------------------------------


@pytest.fixture
def task(ledger, sample):
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.tasks.queries import find_task_id

    import_file(ledger.engine, sample)
    return ledger.engine, find_task_id(ledger.engine, "2")


def _percent(engine, task_id: int) -> int:
    from ledger_app.tasks.fields import get_fields

    return get_fields(engine, task_id, ["percent"])["percent"]


@pytest.mark.parametrize("reports, percent", [
    # A Q2 report typed in October (effective then) after the Q3 report of 30 September is history.
    ([(2017, 3, 60, date(2017, 9, 30)), (2017, 2, 35, date(2017, 10, 10))], 60),
    # 2018's first quarter is later than 2017's fourth: correcting 2017 Q4 afterwards leaves the percent.
    ([(2017, 4, 50, date(2017, 12, 31)), (2018, 1, 70, date(2018, 3, 31)), (2017, 4, 55, date(2018, 4, 5))], 70),
    # Q2 then Q3 stored in their order, then Q2 corrected: Q3 is the latest whatever the storing order.
    ([(2017, 2, 30, date(2017, 6, 30)), (2017, 3, 60, date(2017, 9, 30)), (2017, 2, 35, date(2017, 10, 9))], 60),
])
def test_the_percent_follows_the_latest_quarter_not_the_latest_day(task, reports, percent):
    """The latest quarter by year, then quarter; never the report with the latest 业务日期."""
    from ledger_app.operations import record_progress

    engine, task_id = task
    for year, quarter, value, day in reports:
        record_progress(engine, task_id, ProgressInput(year, quarter, value, "进展", effective_on=day), user="u")
    assert _percent(engine, task_id) == percent


def test_the_same_quarter_of_two_years_is_two_reports(task):
    from ledger_app.operations import record_progress
    from ledger_app.records.history import list_progress

    engine, task_id = task
    record_progress(engine, task_id, ProgressInput(2017, 3, 40, "2017年三季度"), user="u")
    record_progress(engine, task_id, ProgressInput(2018, 3, 80, "2018年三季度"), user="u")
    assert [(r.year, r.quarter, r.percent) for r in list_progress(engine, task_id)] == [(2017, 3, 40), (2018, 3, 80)]


@pytest.mark.parametrize("done, shown", [("", "2017年第3季度 30%"), ("  完成\n调研 ", "2017年第3季度 30%：完成 调研")])
def test_the_change_log_shows_a_report_as_its_quarter_percent_and_text(done, shown):
    from ledger_app.records.progress import summary

    assert summary(ProgressInput(2017, 3, 30, done)) == shown


def test_a_department_form_for_a_closed_quarter_is_refused_and_changes_nothing(task, tmp_path):
    """A form carries no 更正 reason: merging one into a closed quarter is refused, as an import is."""
    from ledger_app.dates.business import ClosedQuarterError
    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.exchange.forms.merge import review_forms
    from ledger_app.operations import close_quarter
    from ledger_app.records.history import list_progress
    from tests.test_excel_forms import DONE, PERCENT, fill, form_of

    engine, task_id = task
    path = fill(form_of(engine, tmp_path), {"2": {DONE: "三季度完成方案", PERCENT: 40}})
    close_quarter(engine, 2017, 3, user="督查室")
    review = review_forms(engine, [path], (2017, 3))
    with pytest.raises(ClosedQuarterError, match="2017年第三季度已封账"):
        apply_answers(engine, review.answers, user="督查室")
    assert list_progress(engine, task_id) == [] and _percent(engine, task_id) == 0


def test_a_report_never_restarts_a_suspended_task(task):
    from ledger_app.operations import edit_task, record_progress
    from ledger_app.tasks.fields import get_fields

    engine, task_id = task
    edit_task(engine, task_id, {"status": "暂缓"}, user="u", effective_on=date(2017, 7, 1))
    record_progress(engine, task_id, ProgressInput(2017, 3, 20, "暂缓中整理材料"), user="u")
    assert get_fields(engine, task_id, ["status", "percent"]) == {"status": "暂缓", "percent": 20}


def test_a_first_report_that_moves_nothing_is_logged_from_nothing_and_marked_late(task):
    from ledger_app.operations import edit_task, record_progress
    from ledger_app.records.history import list_changes

    engine, task_id = task
    edit_task(engine, task_id, {"status": "推进中", "percent": 30}, user="u", effective_on=date(2017, 7, 1))
    record_progress(engine, task_id, ProgressInput(2017, 3, 30, "完成调研", effective_on=date(2017, 9, 28)), user="甲")
    line = list_changes(engine, task_id)[0]
    assert (line.field, line.old, line.new) == ("季度进展", "", "2017年第3季度 30%：完成调研")
    assert (line.effective_on, line.mark) == (date(2017, 9, 28), "补录")


def test_an_earlier_quarter_s_progress_starts_the_task_though_the_percent_follows_a_later_one(task):
    """Q3 reported 0 %; the Q2 report that comes after says 30 %: the task had started by 30 June (推进中),
    and its percent stays the latest quarter's."""
    from ledger_app.operations import record_progress
    from ledger_app.tasks.fields import get_fields

    engine, task_id = task
    record_progress(engine, task_id, ProgressInput(2017, 3, 0, "尚未开展", effective_on=date(2017, 9, 30)), user="u")
    assert get_fields(engine, task_id, ["status"]) == {"status": "未启动"}
    record_progress(engine, task_id, ProgressInput(2017, 2, 30, "二季度补报", effective_on=date(2017, 6, 30)), user="u")
    assert get_fields(engine, task_id, ["status", "percent"]) == {"status": "推进中", "percent": 0}
