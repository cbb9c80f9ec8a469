"""办结销号 (issue 26, 2-3): a unit claims a task finished with its evidence; the task shows 待销号 until
the office closes it (销号: 已完成 on the decision's day) or returns it (退回: open, the reason kept);
each step an operation with its undo, dated like every change (补录, 更正 in a closed quarter), and
已完成 set directly needs evidence unless the office turned the rule off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.evidence.claims import ClaimInput
from ledger_app.evidence.register import claims_of, list_files, returned_on, waiting_on
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import closure, edit_task
from ledger_app.operations.periods import close_quarter
from ledger_app.operations.settings import set_setting
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from ledger_app.tasks.table import TaskTable
from tests import evidence_files as make

DAY = date(2017, 10, 15)


@pytest.fixture
def loaded(ledger, sample):
    import_file(ledger.engine, sample)
    ledger.task = find_task_id(ledger.engine, "3")
    return ledger


def light(engine, task_id: int, day: date = DAY) -> str:
    return next(v.light for v in list_tasks(engine, TaskQuery(as_of=day, task_ids=[task_id])))


def status(engine, task_id: int, day: date = DAY) -> tuple[str, int]:
    view = next(v for v in list_tasks(engine, TaskQuery(as_of=day, task_ids=[task_id])))
    return view.status, view.percent


def claim(ledger, tmp_path, day: date = date(2017, 10, 10), reason: str = "", **more):
    files = [make.pdf(tmp_path / "印发的文件.pdf"), make.picture(tmp_path / "现场照片.jpg", "JPEG")]
    return closure.claim_finished(ledger.engine, ledger.task, ClaimInput(day, "已印发实施方案并组织实施", "行政审批局"),
                                  files, user="审批局张三", reason=reason, **more)


def test_a_claim_waits_for_销号_and_销号_makes_the_task_done_on_its_day(loaded, tmp_path):
    engine, task = loaded.engine, loaded.task
    before = light(engine, task)
    claimed = claim(loaded, tmp_path)
    assert light(engine, task) == "pending" and light(engine, task, date(2017, 10, 9)) == before
    assert [v.code for v in list_tasks(engine, TaskQuery(as_of=DAY, light="pending"))] == ["3"]
    table = TaskTable(engine)
    assert table.light_counts(TaskQuery(as_of=DAY))["pending"] == 1
    assert table.find_ids(TaskQuery(as_of=DAY, light="pending")) == [task]
    assert [c.id for c in waiting_on(engine, DAY)] == [claimed.value]
    assert sorted(v.name for v in list_files(engine, task)) == ["印发的文件.pdf", "现场照片.jpg"]

    closed = closure.close_claim(engine, task, claimed.value, date(2017, 10, 12), opinion="材料齐全，同意销号",
                                 user="督查室李四")
    assert closed.changes.fields[task]["status"] == "已完成" and closed.versions[task] == closed.based_on[task] + 1
    assert status(engine, task) == ("已完成", 100) and light(engine, task) == "done"
    assert light(engine, task, date(2017, 10, 11)) == "pending"  # as of the day before the decision
    (decided,) = claims_of(engine, task)
    assert (decided.outcome, decided.decided_on, decided.decided_by, decided.opinion) == \
        ("销号", date(2017, 10, 12), "督查室李四", "材料齐全，同意销号")
    with engine.connect() as conn:
        log = conn.execute(text("SELECT field, new, effective_on, mark, source FROM change_log WHERE task_id = :t "
                                "AND field IN ('申请销号', '销号', 'status') ORDER BY id"), {"t": task}).all()
    assert [(r.field, str(r.effective_on), r.mark) for r in log] == [
        ("申请销号", "2017-10-10", "补录"), ("status", "2017-10-12", "补录"), ("销号", "2017-10-12", "补录")]
    assert log[1].new == "已完成" and log[1].source == "销号"


def test_a_returned_claim_stays_open_with_its_reason_until_a_new_claim_answers_it(loaded, tmp_path):
    engine, task = loaded.engine, loaded.task
    first = claim(loaded, tmp_path)
    with pytest.raises(LedgerError, match="退回须说明原因"):
        closure.return_claim(engine, task, first.value, date(2017, 10, 11), opinion=" ", user="督查室")
    closure.return_claim(engine, task, first.value, date(2017, 10, 11), opinion="照片不能证明已实施",
                         missing="实施情况报告", user="督查室")
    assert status(engine, task)[0] != "已完成" and light(engine, task) != "pending"
    assert returned_on(engine, DAY)[task].missing == "实施情况报告"
    with pytest.raises(LedgerError, match="已退回，不能再销号"):
        closure.close_claim(engine, task, first.value, DAY, user="督查室")
    report = make.docx(tmp_path / "实施情况报告.docx")
    again = closure.claim_finished(engine, task, ClaimInput(date(2017, 10, 14), "补充实施情况报告"),
                                   [report, tmp_path / "印发的文件.pdf"], user="张三")
    assert returned_on(engine, DAY) == {} and light(engine, task) == "pending"
    # The file sent again is the same content: kept once.
    assert sorted(v.name for v in list_files(engine, task)) == ["印发的文件.pdf", "实施情况报告.docx", "现场照片.jpg"]
    closure.close_claim(engine, task, again.value, DAY, user="督查室")
    assert [c.outcome for c in claims_of(engine, task)] == ["退回", "销号"]


def test_every_step_is_undone_and_redone(loaded, tmp_path):
    engine, task = loaded.engine, loaded.task
    before = status(engine, task)
    claimed = claim(loaded, tmp_path)
    redo_claim = claimed.undo()  # withdrawn: the light is back, the files removed (kept for the redo)
    assert light(engine, task) != "pending" and list_files(engine, task) == [] and claims_of(engine, task) == []
    assert len(list_files(engine, task, removed=True)) == 2
    redo_claim.undo()
    assert light(engine, task) == "pending" and len(list_files(engine, task)) == 2
    closed = closure.close_claim(engine, task, claimed.value, DAY, user="督查室")
    reopened = closed.undo()
    assert status(engine, task) == before and light(engine, task) == "pending"
    assert claims_of(engine, task)[0].outcome == ""
    reopened.undo()  # 销号 again
    assert status(engine, task) == ("已完成", 100)
    with pytest.raises(LedgerError, match="已完成（已销号）任务的佐证材料，不能移除"):
        closure.remove_evidence(engine, task, [list_files(engine, task)[0].id], user="督查室")


def test_business_dates_a_future_claim_is_refused_and_a_closed_quarter_needs_a_correction(loaded, tmp_path):
    engine, task = loaded.engine, loaded.task
    with pytest.raises(LedgerError, match="晚于今天"):
        claim(loaded, tmp_path, day=date.today() + timedelta(days=1))
    close_quarter(engine, 2017, 3, user="督查室")
    with pytest.raises(ClosedQuarterError):
        claim(loaded, tmp_path, day=date(2017, 9, 28))
    assert claims_of(engine, task) == [] and list_files(engine, task, removed=True) == []
    claimed = claim(loaded, tmp_path, day=date(2017, 9, 28), reason="审批局9月28日已报，漏录")
    (made,) = claims_of(engine, task)
    assert (made.mark, made.reason) == ("更正", "审批局9月28日已报，漏录")
    with pytest.raises(ClosedQuarterError):
        closure.close_claim(engine, task, claimed.value, date(2017, 9, 30), user="督查室")
    closure.close_claim(engine, task, claimed.value, date(2017, 10, 9), user="督查室")  # Q4 is open
    assert status(engine, task) == ("已完成", 100)


def test_refusals_change_nothing(loaded, tmp_path):
    engine, task = loaded.engine, loaded.task
    with pytest.raises(LedgerError, match="请填写办结情况"):
        closure.claim_finished(engine, task, ClaimInput(DAY, "  "), [make.pdf(tmp_path / "a.pdf")], user="t")
    with pytest.raises(LedgerError, match="申请销号须附佐证材料"):
        closure.claim_finished(engine, task, ClaimInput(DAY, "已完成"), [], user="t")
    claimed = claim(loaded, tmp_path)
    with pytest.raises(LedgerError, match="已有待销号的申请（2017-10-10）"):
        claim(loaded, tmp_path)
    with pytest.raises(LedgerError, match="销号日期 2017-10-09 早于申请日期 2017-10-10"):
        closure.close_claim(engine, task, claimed.value, date(2017, 10, 9), user="督查室")
    assert len(claims_of(engine, task)) == 1 and light(engine, task) == "pending"
    cancelled = find_task_id(engine, "4")
    edit_task(engine, cancelled, {"status": "已取消"}, user="t")
    with pytest.raises(LedgerError, match="任务 4 的状态是“已取消”，不能申请销号"):
        closure.claim_finished(engine, cancelled, ClaimInput(DAY, "已完成"), [make.pdf(tmp_path / "b.pdf")], user="t")


def test_done_directly_needs_evidence_unless_the_office_turned_the_rule_off(loaded, tmp_path):
    engine = loaded.engine
    four, five = find_task_id(engine, "4"), find_task_id(engine, "5")
    with pytest.raises(LedgerError, match="任务 4 没有佐证材料，不能设为“已完成”"):
        edit_task(engine, four, {"status": "已完成"}, user="督查室")
    assert status(engine, four)[0] != "已完成"
    closure.attach_evidence(engine, four, [make.pdf(tmp_path / "会议纪要.pdf")], user="督查室")
    edit_task(engine, four, {"status": "已完成"}, user="督查室")  # the office itself, with evidence
    assert status(engine, four, date.today())[0] == "已完成"
    set_setting(engine, "evidence.required", "0")
    edit_task(engine, five, {"status": "已完成"}, user="督查室")
    assert status(engine, five, date.today())[0] == "已完成"
    with pytest.raises(LedgerError, match="设置“evidence.required”的值无效"):
        set_setting(engine, "evidence.required", "2")
