"""业务日期: offices enter in October what happened in the third quarter. "As of D" counts what was
effective by D, whenever it was typed; a change entered with an earlier 业务日期 is marked 补录."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task, record_progress
from ledger_app.operations.settings import set_setting
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.records.history import get_progress, list_changes
from ledger_app.records.progress import ProgressInput
from ledger_app.store.models import MARK_LATE
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from tests.documents import make, sample_with_progress, squeezed

Q3_END = date(2017, 9, 30)


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    # An office without the evidence rule (issue 26): these tests set 已完成 directly, from the command line too.
    set_setting(ledger.engine, "evidence.required", "0")
    return ledger.engine


def _view(engine, code: str, as_of: date):
    return next(v for v in list_tasks(engine, TaskQuery(as_of=as_of)) if v.code == code)


def test_the_october_entry_shows_in_the_third_quarters_documents(engine, db_url, tmp_path, command):
    """Task 30 (东方新城中小学, due 8月底) opened on 9月1日; the clerk enters it in October, then
    prints the Q3 sheets and bulletin as of 9月30日: task 30 is completed in them, not red at 0 %."""
    command("set", "30", "--status", "已完成", "--percent", "100", "--on", "2017-09-01", db=db_url)

    task = _view(engine, "30", Q3_END)
    assert (task.status, task.percent, task.light) == ("已完成", 100, "done")
    before = _view(engine, "30", date(2017, 8, 31))
    assert (before.status, before.percent, before.light) == ("未启动", 0, "yellow"), "not yet done on 8月31日"

    _result, bulletin = make(engine, tmp_path, "bulletin", quarter=3)  # as of the quarter's end
    text = squeezed(bulletin)
    closed_list = text[text.index("已完成任务（销号）清单", text.index("附件") + 10):]
    assert "采用公建民营方式举办东方新城中小学" in closed_list, "task 30 is in the list of completed tasks"
    overdue = text[text.index("逾期"):]
    assert "东方新城中小学（社会事业局）" not in overdue[:400]
    # The sheet for 社会事业局 no longer asks about task 30: it is done.
    _result, sheets = make(engine, tmp_path, "quarterly-sheet", quarter=3)
    assert "东方新城中小学" not in squeezed(sheets)
    _result, ledger = make(engine, tmp_path, "ledger", as_of=Q3_END)
    assert "采用公建民营方式举办东方新城中小学" in squeezed(ledger)
    row = squeezed(ledger)[squeezed(ledger).index("采用公建民营方式举办东方新城中小学"):][:120]
    assert "已完成" in row and "100%" in row

    listed = command("list", "--as-of", "2017-09-30", "--status", "已完成", "--json", db=db_url).stdout
    assert '"code": "30"' in listed
    assert '"code": "30"' not in command("list", "--as-of", "2017-08-31", "--status", "已完成", "--json",
                                         db=db_url).stdout


def test_a_back_dated_change_is_marked_and_the_log_keeps_both_dates(engine):
    task = find_task_id(engine, "4")
    edit_task(engine, task, {"percent": 35}, user="李四", effective_on=date(2017, 9, 15))
    (entry,) = [c for c in list_changes(engine, task) if c.field == "percent" and c.new == "35"]
    assert entry.effective_on == date(2017, 9, 15) and entry.changed_at.date() >= date.today() - timedelta(days=1)
    assert entry.mark == MARK_LATE and entry.old == "5", "old: the value it replaced on its 业务日期"
    edit_task(engine, task, {"percent": 40}, user="李四")  # today: no mark
    (today,) = [c for c in list_changes(engine, task) if c.field == "percent" and c.new == "40"]
    assert (today.effective_on, today.mark) == (date.today(), "")


def test_a_change_effective_before_a_later_one_is_history_not_the_current_value(engine):
    task = find_task_id(engine, "5")
    edit_task(engine, task, {"status": "暂缓"}, user="u", effective_on=date(2017, 11, 1))
    edit_task(engine, task, {"status": "推进中"}, user="u", effective_on=date(2017, 8, 1))  # 补录, earlier
    assert _view(engine, "5", date.today()).status == "暂缓", "the later 业务日期 still holds today"
    assert _view(engine, "5", date(2017, 9, 30)).status == "推进中"
    assert _view(engine, "5", date(2017, 7, 31)).status == "未启动"
    assert _view(engine, "5", date(2017, 11, 30)).status == "暂缓"
    # The same value again, effective earlier: logged (it changes the past), the current value stays.
    edit_task(engine, task, {"status": "暂缓"}, user="u", effective_on=date(2017, 10, 1))
    assert _view(engine, "5", date(2017, 10, 15)).status == "暂缓"
    assert _view(engine, "5", date(2017, 9, 30)).status == "推进中"


def test_a_day_after_today_is_refused_and_nothing_changes(engine):
    task = find_task_id(engine, "4")
    with pytest.raises(LedgerError, match="晚于今天"):
        edit_task(engine, task, {"percent": 90}, user="u", effective_on=date.today() + timedelta(days=1))
    assert _view(engine, "4", date.today()).percent == 5


def test_a_report_effective_after_today_is_refused_by_its_day(engine):
    task, tomorrow = find_task_id(engine, "4"), date.today() + timedelta(days=1)
    year, quarter = tomorrow.year, (tomorrow.month - 1) // 3 + 1
    with pytest.raises(LedgerError) as refused:
        record_progress(engine, task, ProgressInput(year, quarter, 90, "明天的进展", effective_on=tomorrow), user="u")
    assert str(refused.value) == f"业务日期 {tomorrow.isoformat()} 晚于今天：只能录入已经发生的情况"
    assert get_progress(engine, task, year, quarter) is None
    # Nor a report that would move neither percent nor status: the report itself is dated tomorrow.
    edit_task(engine, task, {"percent": 90, "status": "推进中"}, user="u")
    with pytest.raises(LedgerError, match="晚于今天"):
        record_progress(engine, task, ProgressInput(year, quarter, 90, "明天的进展", effective_on=tomorrow), user="u")
    assert get_progress(engine, task, year, quarter) is None


def test_a_quarters_report_takes_effect_at_the_quarters_end_unless_told(engine):
    task = find_task_id(engine, "4")
    record_progress(engine, task, ProgressInput(2017, 4, 30, "四季度"), user="u")
    assert get_progress(engine, task, 2017, 4).effective_on == date(2017, 12, 31)
    with pytest.raises(LedgerError, match="不能早于该季度的第一天"):
        record_progress(engine, task, ProgressInput(2017, 4, 40, "四季度", effective_on=date(2017, 9, 30)), user="u")
    # A Q3 report that only arrived on 10月20日, entered as such, is not part of the Q3 documents.
    late = find_task_id(engine, "3")
    record_progress(engine, late, ProgressInput(2017, 3, 45, "迟报", effective_on=date(2017, 10, 20)), user="u")
    assert [r.quarter for r in ledger_as_of(engine, Q3_END).progress[late]] == [1, 2]
    assert [r.quarter for r in ledger_as_of(engine, date(2017, 10, 31)).progress[late]] == [1, 2, 3]
    # Its percent followed from the same day.
    assert _view(engine, "3", Q3_END).percent == 40 and _view(engine, "3", date(2017, 10, 20)).percent == 45


def test_undo_of_a_back_dated_edit_restores_that_day(engine):
    task = find_task_id(engine, "20")
    result = edit_task(engine, task, {"status": "已完成", "percent": 100}, user="u", effective_on=date(2017, 9, 1))
    assert _view(engine, "20", Q3_END).status == "已完成"
    result.undo()
    assert (_view(engine, "20", Q3_END).status, _view(engine, "20", Q3_END).percent) == ("推进中", 10)
    assert _view(engine, "20", date.today()).status == "推进中"
    assert {c.effective_on for c in list_changes(engine, task) if c.source == "撤销"} == {date(2017, 9, 1)}
