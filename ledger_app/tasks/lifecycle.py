"""Adding, deleting and restoring whole tasks inside the caller's write transaction (the
operations open it): a deletion keeps everything the task held, so that undo brings it back exactly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, insert, select
from sqlmodel import Session

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.models import (
    ChangeLog,
    ClosureClaim,
    EvidenceBlob,
    EvidenceFile,
    Plan,
    ProgressReport,
    SupervisionAction,
    Task,
    TaskDepartment,
    utcnow,
)
from ledger_app.tasks.editing import apply_changes
from ledger_app.tasks.fields import TASK_GONE, check_changes
from ledger_app.tasks.groups import read_rule
from ledger_app.tasks.timeline import change_row


def add_task(session: Session, plan: Plan, fields: dict[str, object], *, user: str, code: str | None = None,
             area_id: int | None = None, source: str = "手工新增") -> Task:
    """Add a task to ``plan`` inside the caller's transaction; logged as created (version 1)."""
    clean = check_changes(dict(fields), plan.year, groups=read_rule(session))
    code = (code or "").strip() or _next_code(session, plan.id)
    if session.execute(select(Task.id).where(Task.plan_id == plan.id, Task.code == code)).first():
        raise LedgerError("序号“{code}”与第 {other} 行重复", code=code, other="—")
    position = (session.execute(select(func.max(Task.position)).where(Task.plan_id == plan.id)).scalar() or 0)
    start = date(plan.year, 1, 1) if plan.year else date.today()
    # Version 0 until the fields below are applied, so the creation is logged as version 1.
    task = Task(plan_id=plan.id, area_id=area_id, code=code, position=position + 1, title="", start_date=start,
                version=0)
    session.add(task)
    session.flush()
    session.add(ChangeLog(**change_row(task.id, code, "创建", "", clean.get("title", ""), at=utcnow(), by=user,
                                       source=source, version=1, day=date.today())))
    apply_changes(session, task, clean, user, source)
    task.version = 1
    return task


def _next_code(session: Session, plan_id: int) -> str:
    codes = session.execute(select(Task.code).where(Task.plan_id == plan_id)).scalars()
    return str(max((int(c) for c in codes if c.isdigit()), default=0) + 1)


@dataclass
class TaskSnapshot:
    """Everything a deleted task held, so that undo brings it back with the same id."""

    task: dict[str, object]
    links: list[dict[str, object]] = field(default_factory=list)
    progress: list[dict[str, object]] = field(default_factory=list)
    supervision: list[dict[str, object]] = field(default_factory=list)
    # 申请销号 and the evidence files attached: the files' contents stay in the ledger while a
    # task is deleted (ledger_app/evidence/blobs.py purges only contents no row names), so undo
    # brings the files back too.
    claims: list[dict[str, object]] = field(default_factory=list)
    evidence: list[dict[str, object]] = field(default_factory=list)


def _rows(session, model, task_id: int) -> list[dict[str, object]]:
    table = model.__table__
    return [dict(r._mapping) for r in session.execute(select(table).where(table.c.task_id == task_id))]


def remove_task(session: Session, task_id: int, *, user: str) -> TaskSnapshot:
    """Delete a task; returns everything it held, for :func:`put_back`."""
    task = session.get(Task, task_id)
    if task is None:
        raise LedgerError(TASK_GONE)
    snapshot = TaskSnapshot(
        task={c.name: getattr(task, c.name) for c in Task.__table__.columns},
        links=_rows(session, TaskDepartment, task_id),
        progress=_rows(session, ProgressReport, task_id),
        supervision=_rows(session, SupervisionAction, task_id),
        claims=_rows(session, ClosureClaim, task_id),
        evidence=_rows(session, EvidenceFile, task_id),
    )
    session.add(ChangeLog(**change_row(task_id, task.code, "删除", task.title, "", at=utcnow(), by=user,
                                       source="手工删除", version=None, day=date.today())))
    session.flush()
    session.delete(task)
    return snapshot


PURGED = "任务“{code}”的佐证材料“{name}”的内容已被清理（evidence purge），不能再恢复这项任务"
EN.update({PURGED: "the content of the evidence file '{name}' of task '{code}' has been purged (evidence purge); "
                   "the task cannot be restored any more"})


def put_back(session: Session, snapshot: TaskSnapshot, *, user: str) -> int:
    """Bring a deleted task back with its id and everything it held; returns the id."""
    wanted = {int(row["blob_id"]): str(row["name"]) for row in snapshot.evidence}
    if wanted:
        kept = set(session.execute(select(EvidenceBlob.id).where(EvidenceBlob.id.in_(wanted))).scalars())
        for blob in wanted.keys() - kept:
            raise LedgerError(PURGED, code=snapshot.task["code"], name=wanted[blob])
    session.execute(insert(Task.__table__), [snapshot.task])
    task_id = int(snapshot.task["id"])
    for model, rows in ((TaskDepartment, snapshot.links), (ProgressReport, snapshot.progress),
                        (SupervisionAction, snapshot.supervision), (ClosureClaim, snapshot.claims),
                        (EvidenceFile, snapshot.evidence)):
        if rows:
            session.execute(insert(model.__table__), rows)
    # The change log rows were kept (task_id set to NULL); reattach them.
    session.execute(ChangeLog.__table__.update().where(ChangeLog.task_id.is_(None),
                                                       ChangeLog.task_code == snapshot.task["code"])
                    .values(task_id=task_id))
    session.add(ChangeLog(**change_row(task_id, str(snapshot.task["code"]), "恢复", "", snapshot.task["title"],
                                       at=utcnow(), by=user, source="撤销删除", version=None, day=date.today())))
    return task_id


__all__ = ["TaskSnapshot", "add_task", "put_back", "remove_task"]
