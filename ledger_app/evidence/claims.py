"""办结销号, the workflow: a unit claims a task finished (申请销号) with the day, what was done and
its evidence; the task shows 待销号 until the office decides — 销号 (it becomes 已完成 on the decision's
day, through the one status rule, ``tasks.editing.apply_changes``) or 退回 (it stays open; the reason
and what is missing are kept, and the unit's next 督办单 says so). Each step runs in the caller's
transaction, is logged in the task's change log with its 业务日期 (``dates.business.entry_mark``: a
day in a closed quarter needs a 更正 reason) and moves the task's version.

The undo of each step is a step too: a claim is withdrawn (撤回: kept, its files removed, so that the
redo can put it back), a decision reopened (the claim waits again, and a 销号's status and percent go
back to what they were on that day)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ledger_app.dates.business import entry_mark
from ledger_app.evidence import files as evidence_files
from ledger_app.evidence.intake import Prepared
from ledger_app.evidence.register import CLOSED, PENDING, RETURNED, WITHDRAWN, waiting_claim
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.enums import Status
from ledger_app.store.limits import check_text
from ledger_app.store.models import ClosureClaim, Task
from ledger_app.store.schema import evidence_file, utcnow
from ledger_app.store.settings import EvidenceLimits
from ledger_app.tasks.editing import apply_changes, check_changes, field_as_of

CLAIM_FIELD = "申请销号"

NOT_OPEN = "任务 {code} 的状态是“{status}”，不能申请销号"
ALREADY = "任务 {code} 已有待销号的申请（{day}），请等督查室销号或退回后再申请"
NO_SUMMARY = "请填写办结情况（做了什么、以什么文件或成果为证）"
NO_FILES = "申请销号须附佐证材料（印发的文件、批复、照片、签订的协议等），任务 {code} 还没有"
NO_CLAIM = "没有这项销号申请（编号 {id}）"
NOT_WAITING = "这项销号申请已{outcome}，不能再{action}"
BEFORE_CLAIM = "{action}日期 {day} 早于申请日期 {claimed}"
NO_REASON = "退回须说明原因（缺少什么材料、哪里不符合要求）"
NOT_DECIDED = "这项销号申请尚未销号或退回，没有可撤销的决定"
NOT_WITHDRAWN = "这项销号申请没有撤回，不能恢复"
EN.update({
    NOT_OPEN: "task {code} is '{status}'; it cannot be claimed finished",
    ALREADY: "task {code} already has a claim waiting for 销号 ({day}); wait until the office closes or returns it",
    NO_SUMMARY: "write what was done (办结情况): what was achieved, and which document or result proves it",
    NO_FILES: "a claim needs evidence (the document issued, an approval, photographs, the signed agreement…); task "
              "{code} has none yet",
    NO_CLAIM: "there is no such claim (number {id})",
    NOT_WAITING: "this claim has been {outcome}; it cannot be {action} any more",
    BEFORE_CLAIM: "the {action} date {day} is before the claim's date {claimed}",
    NO_REASON: "a 退回 needs its reason (which evidence is missing, what does not meet the requirements)",
    NOT_DECIDED: "this claim has been neither closed nor returned; there is no decision to undo",
    NOT_WITHDRAWN: "this claim was not withdrawn; it cannot be put back",
    "销号": "closed (销号)", "退回": "returned (退回)", "撤回": "withdrawn", "申请": "claim",
    "复核意见：{text}": "review: {text}", "退回原因：{text}": "reason: {text}", "缺少：{text}": "missing: {text}",
    "佐证材料 {count} 份": "{count} evidence file(s)", "撤销{what}": "undo {what}",
})


@dataclass(frozen=True)
class ClaimInput:
    claimed_on: date  # 业务日期: the day the unit finished (reported)
    summary: str  # 办结情况
    unit: str = ""  # 申报单位; empty: the task's lead department


def _row(session: Session, task: Task, claim_id: int) -> ClosureClaim:
    row = session.get(ClosureClaim, claim_id, with_for_update=True)
    if row is None or row.task_id != task.id:
        raise LedgerError(NO_CLAIM, id=claim_id)
    return row


def _moved(task: Task) -> None:
    task.version += 1
    task.updated_at = utcnow()


def claim(session: Session, task: Task, given: ClaimInput, files: list[Prepared], limits: EvidenceLimits, *,
          user: str, source: str, reason: str = "",
          stored: Callable[[int], None] | None = None) -> tuple[int, list[int]]:
    """申请销号 for ``task`` in the caller's transaction, with ``files`` attached; the claim's id and
    the ids of the files attached. ``stored``: told of the bytes as they are written (progress)."""
    if task.status in (Status.DONE, Status.CANCELLED, Status.CARRIED):
        raise LedgerError(NOT_OPEN, code=task.code, status=task.status)
    if (waiting := waiting_claim(session, task.id)) is not None:
        raise LedgerError(ALREADY, code=task.code, day=waiting.claimed_on.isoformat())
    summary = check_text("办结情况", given.summary.strip())
    if not summary:
        raise LedgerError(NO_SUMMARY)
    unit = check_text("申报单位", given.unit.strip())
    mark = entry_mark(session, given.claimed_on, reason)
    row = ClosureClaim(task_id=task.id, claimed_on=given.claimed_on, summary=summary, unit=unit, claimed_by=user,
                       source=source, mark=mark, reason=reason.strip())
    session.add(row)
    session.flush()
    ids = evidence_files.attach(session, task, files, limits, user=user, source=source, claim_id=row.id,
                                stored=stored)
    if limits.required and not evidence_files.task_bytes(session, task.id)[1]:
        raise LedgerError(NO_FILES, code=task.code)
    _moved(task)
    names = "、".join(f.name for f in files)
    evidence_files.log(session, task, "", f"{summary}（{t('佐证材料 {count} 份', count=len(files))}：{names}）",
                       user, source, given.claimed_on, field=CLAIM_FIELD, mark=mark, reason=reason)
    return row.id, ids


def decide(session: Session, task: Task, claim_id: int, outcome: str, day: date, *, opinion: str = "",
           missing: str = "", user: str, source: str, reason: str = "") -> dict[str, object]:
    """销号 (``outcome`` CLOSED) or 退回 (RETURNED) the waiting claim ``claim_id`` effective ``day``;
    returns the task's status and percent as they were that day (what the undo puts back)."""
    assert outcome in (CLOSED, RETURNED)
    row = _row(session, task, claim_id)
    if row.outcome != PENDING:
        raise LedgerError(NOT_WAITING, outcome=t(row.outcome), action=t(outcome))
    if day < row.claimed_on:
        raise LedgerError(BEFORE_CLAIM, action=t(outcome), day=day.isoformat(), claimed=row.claimed_on.isoformat())
    opinion, missing = check_text("复核意见", opinion.strip()), check_text("缺少的材料", missing.strip())
    if outcome == RETURNED and not opinion:
        raise LedgerError(NO_REASON)
    mark = entry_mark(session, day, reason)
    before = {"status": field_as_of(session, task, "status", day), "percent": field_as_of(session, task, "percent",
                                                                                          day)}
    version = task.version
    if outcome == CLOSED:
        # The one status rule: evidence required (tasks.editing.require_evidence), logged, dated.
        apply_changes(session, task, {"status": Status.DONE.value, "percent": 100}, user, CLOSED, effective_on=day,
                      reason=reason)
    row.outcome, row.decided_on, row.decided_by, row.decided_at = outcome, day, user, utcnow()
    row.opinion, row.missing = opinion, missing
    if task.version == version:
        _moved(task)
    text = t("复核意见：{text}", text=opinion) if outcome == CLOSED else t("退回原因：{text}", text=opinion)
    if missing:
        text += "；" + t("缺少：{text}", text=missing)
    evidence_files.log(session, task, t("申请"), text, user, source, day, field=outcome, mark=mark, reason=reason)
    return before


def reopen(session: Session, task: Task, claim_id: int, before: dict[str, object], *, user: str,
           reason: str = "") -> tuple[str, date, str, str]:
    """Undo a decision: the claim waits again; a 销号's status and percent go back to ``before``
    effective its day. Returns what was decided (outcome, day, opinion, missing), for the redo."""
    row = _row(session, task, claim_id)
    if row.outcome not in (CLOSED, RETURNED) or row.decided_on is None:
        raise LedgerError(NOT_DECIDED)
    decided = (row.outcome, row.decided_on, row.opinion, row.missing)
    version = task.version
    if row.outcome == CLOSED:
        apply_changes(session, task, check_changes(dict(before), None), user, "撤销", effective_on=row.decided_on,
                      reason=reason)
    else:
        entry_mark(session, row.decided_on, reason)
    row.outcome, row.decided_on, row.decided_by, row.decided_at, row.opinion, row.missing = \
        PENDING, None, "", None, "", ""
    if task.version == version:
        _moved(task)
    evidence_files.log(session, task, decided[0], t("撤销{what}", what=t(decided[0])), user, "撤销", decided[1],
                       field=decided[0], reason=reason)
    return decided


def withdraw(session: Session, task: Task, claim_id: int, *, user: str, reason: str = "") -> list[int]:
    """Undo a claim: it is withdrawn (kept, out of every list) and the files it brought removed;
    returns the ids of those files, for the redo."""
    row = _row(session, task, claim_id)
    if row.outcome != PENDING:
        raise LedgerError(NOT_WAITING, outcome=t(row.outcome or WITHDRAWN), action=t(WITHDRAWN))
    mark = entry_mark(session, row.claimed_on, reason)
    ids = list(session.execute(select(evidence_file.c.id).where(evidence_file.c.claim_id == row.id,
                                                                evidence_file.c.removed_at.is_(None))).scalars())
    if ids:
        session.execute(update(evidence_file).where(evidence_file.c.id.in_(ids)).values(removed_at=utcnow(),
                                                                                       removed_by=user))
    row.outcome = WITHDRAWN
    _moved(task)
    evidence_files.log(session, task, row.summary, t(WITHDRAWN), user, "撤销", row.claimed_on, field=CLAIM_FIELD,
                       mark=mark, reason=reason)
    return ids


def reinstate(session: Session, task: Task, claim_id: int, file_ids: list[int], *, user: str,
              reason: str = "") -> None:
    """Redo a withdrawn claim: it waits again, with the files the withdrawal removed."""
    row = _row(session, task, claim_id)
    if row.outcome != WITHDRAWN:
        raise LedgerError(NOT_WITHDRAWN)
    if (waiting := waiting_claim(session, task.id)) is not None:
        raise LedgerError(ALREADY, code=task.code, day=waiting.claimed_on.isoformat())
    if task.status in (Status.DONE, Status.CANCELLED, Status.CARRIED):
        raise LedgerError(NOT_OPEN, code=task.code, status=task.status)
    mark = entry_mark(session, row.claimed_on, reason)
    if file_ids:
        session.execute(update(evidence_file).where(evidence_file.c.id.in_(file_ids)).values(removed_at=None,
                                                                                            removed_by=""))
    row.outcome = PENDING
    _moved(task)
    evidence_files.log(session, task, t(WITHDRAWN), row.summary, user, "重做", row.claimed_on, field=CLAIM_FIELD,
                       mark=mark, reason=reason)
