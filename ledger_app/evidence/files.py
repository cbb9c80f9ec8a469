"""The evidence files attached to tasks: attached in the caller's transaction (with the claim they
came with, if any), removed and put back (the row is kept: removal is a change like any other, and
undoable), listed without ever reading the chunks, and the size limits of one task's files.

The same content attached to a task twice is kept once: a unit that sends its files again with a
new claim (after a 退回) adds only what is new."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ledger_app.evidence import blobs
from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import Prepared, over
from ledger_app.evidence.register import CLOSED, get_file, task_bytes
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.enums import Status
from ledger_app.store.models import ChangeLog, Task
from ledger_app.store.schema import closure_claim, evidence_file, utcnow
from ledger_app.store.settings import EvidenceLimits
from ledger_app.tasks.timeline import change_row

TASK_FULL = "加入后任务 {code} 的佐证材料合计 {size}，超过每项任务的上限 {limit}（设置“佐证材料：每项任务合计上限”）"
DECIDED = "“{name}”是已完成（已销号）任务的佐证材料，不能移除"
EN.update({
    TASK_FULL: "with it, the evidence of task {code} would come to {size}, more than the limit of {limit} per task "
               "(setting 'evidence: one task at most')",
    DECIDED: "'{name}' is evidence of a task that is done (closed by 销号) and cannot be removed",
    "添加": "added", "移除": "removed", "恢复": "put back",
})
FIELD = "佐证材料"  # the change log's field for evidence added, removed or put back


def attach(session: Session, task: Task, files: list[Prepared], limits: EvidenceLimits, *, user: str,
           source: str, claim_id: int | None = None, log_day: date | None = None,
           stored: Callable[[int], None] | None = None) -> list[int]:
    """Attach ``files`` to ``task`` in the caller's transaction, storing the bytes of contents not yet
    stored; the ids of the new rows (a content the task holds already is not attached again). Refused
    whole (EvidenceRejected) when the task's files would weigh more than the limit. ``log_day``: log
    the addition in the change log effective that day (None: the caller logs it, as a claim does)."""
    total, held = task_bytes(session, task.id)
    new: list[Prepared] = []
    now, ids = utcnow(), []
    for file in files:
        if file.sha256 is not None and file.sha256 in held:
            continue
        blob_id, sha, fresh = blobs.store(session, file, stored)
        if sha in held:  # found to be a file the task holds already
            if fresh:
                blobs.drop(session, blob_id)
            continue
        held.add(sha)
        total += file.size
        if total > limits.max_task:  # the transaction rolls back: nothing of these files stays
            raise EvidenceRejected(file.name, TASK_FULL, code=task.code, **over(total, limits.max_task))
        new.append(file)
        ids.append(session.execute(insert(evidence_file).values(
            task_id=task.id, claim_id=claim_id, blob_id=blob_id, name=file.name, added_by=user, source=source,
            added_at=now, removed_by="")).inserted_primary_key[0])
    if new and log_day is not None:
        log(session, task, "", t("添加") + "：" + "、".join(f.name for f in new), user, source, log_day)
    return ids


def set_removed(session: Session, task: Task, file_ids: list[int], removed: bool, *, user: str,
                source: str) -> list[int]:
    """Remove the files ``file_ids`` of ``task`` (``removed``) or put them back, logged; the ids whose
    state changed. The evidence of a task closed by 销号 stays: it is what the decision rests on."""
    rows = [get_file(session, i) for i in file_ids]
    changed = [r for r in rows if r.task_id == task.id and (r.removed_at is None) == removed]
    if removed:
        for row in changed:
            closed = row.claim_id is not None and session.execute(select(closure_claim.c.outcome).where(
                closure_claim.c.id == row.claim_id)).scalar() == CLOSED
            if closed or task.status == Status.DONE:
                raise LedgerError(DECIDED, name=row.name)
    if not changed:
        return []
    session.execute(update(evidence_file).where(evidence_file.c.id.in_([r.id for r in changed])).values(
        removed_at=utcnow() if removed else None, removed_by=user if removed else ""))
    what = t("移除") if removed else t("恢复")
    log(session, task, "", what + "：" + "、".join(r.name for r in changed), user, source,
        utcnow().astimezone().date())
    return [r.id for r in changed]


def log(session: Session, task: Task, old: str, new: str, user: str, source: str, day: date, *,
        field: str = FIELD, mark: str = "", reason: str = "") -> None:
    session.add(ChangeLog(**change_row(task.id, task.code, field, old, new[:2000], at=utcnow(), by=user,
                                       source=source, version=task.version, day=day, mark=mark, reason=reason)))
