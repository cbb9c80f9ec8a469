"""季度封账: a closed quarter's documents reprint the same however the ledger changes; changes
effective in it are refused unless entered as a 更正 with a reason, which its reprints then show;
a named person may reopen it, and that is logged."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app import operations
from ledger_app.dates.business import ClosedQuarterError
from ledger_app.documents import annual
from ledger_app.documents.build import prepare
from ledger_app.documents.options import ReportOptions
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, edit_task, record_progress
from ledger_app.periods import closing
from ledger_app.records.history import list_changes
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store.models import MARK_CORRECTION
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks.queries import find_task_id
from tests.documents import make, page_lines, sample_with_progress, squeezed

Q3_END = date(2017, 9, 30)
SIGNED = date(2017, 10, 10)
# Every document kind, as issued for the third quarter (the annual report: for the year).
DOCUMENTS = {"quarterly-sheet": {"quarter": 3}, "bulletin": {"quarter": 3}, "notice": {"task_code": "2"},
             "ledger": {}, "annual": {}}


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    # An office without the evidence rule (issue 26): these tests set 已完成 directly, from the command line too.
    operations.set_setting(ledger.engine, "evidence.required", "0")
    return ledger.engine


def _issue_all(engine, tmp_path) -> dict[str, list[list[str]]]:
    printed = {}
    for kind, extra in DOCUMENTS.items():
        as_of = date(2017, 12, 31) if kind == "annual" else Q3_END
        _result, reader = make(engine, tmp_path, kind, as_of=as_of, signed=SIGNED, **extra)
        printed[kind] = page_lines(reader)
    return printed


def _close_2017(engine) -> None:
    for quarter in (1, 2, 3, 4):
        operations.close_quarter(engine, 2017, quarter, user="督查室")


def _change_everything(engine) -> None:
    """What a ledger goes through after the close: edits, a new and a deleted task, new progress and
    supervision, other settings — none of it effective in a closed quarter."""
    edit_task(engine, find_task_id(engine, "2"), {"status": "已完成", "percent": 100, "title": "改名后的项目"},
                user="u")
    edit_task(engine, find_task_id(engine, "4"), {"deadline": "2018年6月底", "lead_depts": "财政局"}, user="u")
    record_progress(engine, find_task_id(engine, "6"), ProgressInput(2018, 1, 100, "全部完成"), user="u")
    add_supervision(engine, find_task_id(engine, "4"), SupervisionInput("专项督查", date(2018, 1, 5), "现场督查"),
                    user="u")
    operations.delete_task(engine, find_task_id(engine, "13"), user="u")
    plan_id = task_fields.get_fields(engine, find_task_id(engine, "1"), ["plan_id"])["plan_id"]
    operations.create_task(engine, plan_id, {"title": "新增任务", "deadline": "2017年9月底"}, user="u")
    operations.set_setting(engine, "org.name", "另一个单位名称")
    operations.set_setting(engine, "warn.due_days", "90")
    operations.set_setting(engine, "doc.prefix.bulletin", "新通报")


def test_every_document_of_a_closed_quarter_reprints_the_same(engine, tmp_path):
    first = _issue_all(engine, tmp_path)
    _close_2017(engine)
    _change_everything(engine)
    again = _issue_all(engine, tmp_path)
    for kind in DOCUMENTS:
        assert again[kind] == first[kind], f"{kind} reprinted differently after the close"
    # Not a vacuous comparison: the same documents read from the live ledger have changed (a 样稿
    # shows it); reopened, the quarter's issued number still reprints its original (one 文号, one text).
    operations.reopen_quarter(engine, 2017, 3, allowed_by="王主任", reason="核对", user="u")
    _result, bulletin = make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED, record=False)
    assert page_lines(bulletin) != first["bulletin"] and "另一个单位名称" in squeezed(bulletin)
    reprint, bulletin = make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED)
    assert reprint.original and page_lines(bulletin) == first["bulletin"]


def test_a_closed_quarter_refuses_changes_unless_entered_as_a_correction(engine, db_url, tmp_path, command):
    make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED)
    operations.close_quarter(engine, 2017, 3, user="督查室")
    task = find_task_id(engine, "30")
    with pytest.raises(ClosedQuarterError, match="2017年第三季度已封账"):
        edit_task(engine, task, {"status": "已完成"}, user="u", effective_on=date(2017, 9, 1))
    with pytest.raises(ClosedQuarterError):
        record_progress(engine, find_task_id(engine, "3"), ProgressInput(2017, 3, 45, "补报"), user="u")
    with pytest.raises(ClosedQuarterError):
        add_supervision(engine, task, SupervisionInput("专项督查", date(2017, 8, 1)), user="u")
    refused = command("set", "30", "--status", "已完成", "--on", "2017-09-01", db=db_url, check=False)
    assert refused.returncode != 0 and "已封账" in refused.stderr and "更正" in refused.stderr
    assert task_fields.get_fields(engine, task, ["status"])["status"] == "未启动", "nothing changed"
    # After the quarter (today, or 10月1日) is open as ever.
    edit_task(engine, find_task_id(engine, "4"), {"percent": 20}, user="u", effective_on=date(2017, 10, 1))

    command("set", "30", "--status", "已完成", "--percent", "100", "--on", "2017-09-01",
            "--correction", "学校9月1日已开学，漏报", db=db_url)
    (entry,) = [c for c in list_changes(engine, task) if c.field == "status"]
    assert (entry.mark, entry.reason, entry.effective_on) == (MARK_CORRECTION, "学校9月1日已开学，漏报",
                                                              date(2017, 9, 1))
    _result, reprint = make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED)
    text = squeezed(reprint)
    assert "更正" in text and "学校9月1日已开学，漏报" in text and "由“未启动”更正为“已完成”" in text
    closed_list = text[text.index("已完成任务（销号）清单", text.index("附件") + 10):]
    assert "采用公建民营方式举办东方新城中小学" in closed_list, "the reprint counts the corrected task as done"
    _result, ledger_print = make(engine, tmp_path, "ledger", as_of=Q3_END)
    assert "学校9月1日已开学，漏报" in squeezed(ledger_print)


def test_only_reprints_once_closed_and_only_an_ended_quarter(engine, tmp_path):
    make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED)
    operations.close_quarter(engine, 2017, 3, user="督查室")
    with pytest.raises(LedgerError, match="已经封账"):
        operations.close_quarter(engine, 2017, 3, user="督查室")
    make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END, signed=SIGNED)  # a reprint: fine
    with pytest.raises(LedgerError, match="不能再印发"):
        make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=Q3_END, signed=SIGNED)
    today = date.today()
    with pytest.raises(LedgerError, match="尚未结束"):
        operations.close_quarter(engine, today.year, (today.month - 1) // 3 + 1, user="督查室")


def test_reopening_needs_a_named_person_and_a_reason_and_is_logged(engine, db_url, command):
    command("close-quarter", "--year", "2017", "--quarter", "2", db=db_url)
    with pytest.raises(LedgerError, match="批准人"):
        operations.reopen_quarter(engine, 2017, 2, allowed_by=" ", reason="补录", user="u")
    with pytest.raises(LedgerError, match="原因"):
        operations.reopen_quarter(engine, 2017, 2, allowed_by="王主任", reason="", user="u")
    out = command("reopen-quarter", "--year", "2017", "--quarter", "2", "--by", "王主任", "--reason", "二季度漏报两项",
                  db=db_url).stdout
    assert "王主任" in out
    events = closing.events(engine)
    assert [(e.action, e.reason) for e in events] == [("封账", ""), ("重新打开", "二季度漏报两项")]
    assert events[1].by == "王主任" and events[1].entered_by
    edit_task(engine, find_task_id(engine, "4"), {"percent": 8}, user="u", effective_on=date(2017, 5, 1))
    listed = command("quarters", db=db_url).stdout
    assert "重新打开" in listed and "二季度漏报两项" in listed


def test_the_trend_and_the_annual_quarter_table_come_from_the_snapshots(engine, db_url, command):
    _close_2017(engine)
    trend = closing.trend(engine)
    assert [(f.year, f.quarter) for f in trend] == [(2017, q) for q in (1, 2, 3, 4)]
    # A 更正 effective in the third quarter moves the figures of that quarter and the next, not earlier ones.
    edit_task(engine, find_task_id(engine, "30"), {"status": "已完成", "percent": 100}, user="u",
                effective_on=date(2017, 9, 1), reason="漏报")
    after = closing.trend(engine)
    assert (after[2].done, after[3].done) == (trend[2].done + 1, trend[3].done + 1)
    assert after[:2] == trend[:2]
    prepared = prepare(engine, ReportOptions("annual", 2017, as_of=date(2017, 12, 31), record=False))
    rows = annual.quarter_rows(prepared.quarters)
    assert [(r[1], r[2], r[5]) for r in rows] == [(f.total, f.done, f.red) for f in after]
    listed = command("quarters", db=db_url).stdout
    assert "2017年第三季度" in listed and f"{after[2].rate:.1f}%" in listed


def test_a_frozen_quarter_filters_as_the_ledger_does(engine):
    """The window's filters on a closed quarter's snapshot (a ledger print of the current view) pick
    the tasks the same query picks from the ledger itself."""
    from ledger_app.periods.snapshot import take_live
    from ledger_app.tasks import overview
    from ledger_app.tasks.queries import TaskQuery

    operations.close_quarter(engine, 2017, 3, user="督查室")
    plan = overview.plans(engine)[0].id
    area = overview.areas(engine)[1].id
    queries = [TaskQuery(dept="行政审批"), TaskQuery(area="共享发展"), TaskQuery(search="三证合一"),
               TaskQuery(search="阶段性工作"), TaskQuery(search="2"), TaskQuery(status="推进中"),
               TaskQuery(overdue=True), TaskQuery(due_within=45), TaskQuery(plan_id=plan, area_id=area),
               TaskQuery(deadline_from=date(2017, 9, 1), deadline_to=date(2017, 12, 31), open_only=True),
               TaskQuery(year=2017), TaskQuery(year=2018), TaskQuery(plan="常州经开区2017年改革创新目标任务表")]
    for query in queries:
        frozen = closing.frozen(engine, Q3_END, query)
        live = take_live(engine, Q3_END, query)
        assert [t.code for t in frozen.tasks] == [t.code for t in live.tasks], query
        assert frozen.progress.keys() == live.progress.keys(), query
    assert any(closing.frozen(engine, Q3_END, q).tasks for q in queries[:4]), "the filters do select something"
