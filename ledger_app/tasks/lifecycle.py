"""Creating, deleting and restoring whole tasks, and reading a task's editable fields
(what an undo needs to put things back exactly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, insert, select
from sqlmodel import Session

from db.session import read_session, transaction
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.models import (
    ChangeLog,
    ClosureClaim,
    Department,
    EvidenceBlob,
    EvidenceFile,
    Plan,
    ProgressReport,
    SupervisionAction,
    Task,
    TaskDepartment,
    utcnow,
)
from ledger_app.tasks import timeline
from ledger_app.tasks.departments import department_ids, names_of
from ledger_app.tasks.editing import DEPT_FIELDS, GROUP_FIELDS, apply_changes, check_changes

EDITABLE = ("title", "content", "measures", "category", "leader", "note", "deadline", "deadline_text", "start_date",
            "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4", "status", "percent", "area_id")


def get_fields(engine: Engine, task_id: int, keys: list[str], as_of: date | None = None) -> dict[str, object]:
    """Current values of ``keys`` (task columns or lead_depts/co_depts) for one task; with
    ``as_of``, the dated ones (status, percent, deadline, start date) as of that day, as the
    task table shows them (ledger_app.tasks.timeline).

    lead_depts/co_depts list the departments followed by the collective terms (各部门…)
    written with them: what the clerk sees and edits, and what an undo puts back."""
    with read_session(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=task_id)
        values: dict[str, object] = {}
        for key in keys:
            if key in DEPT_FIELDS:
                values[key] = names_of(session, task_id, DEPT_FIELDS[key])
                values[key] += [g for g in getattr(task, GROUP_FIELDS[key]).split("、") if g]
            else:
                values[key] = getattr(task, key)
        if as_of is not None:
            for key in timeline.changed_after(session, task_id, [k for k in keys if k in timeline.DATED], as_of):
                values[key] = timeline.logged_value(session, task_id, key, as_of)
        return values


def department_names(engine: Engine) -> list[str]:
    with read_session(engine) as session:
        return list(session.execute(select(Department.name).order_by(Department.name)).scalars())


def next_code(engine: Engine, plan_id: int) -> str:
    """A free code in the plan: one more than the largest numeric code."""
    with read_session(engine) as session:
        return _next_code(session, plan_id)


def create_task(engine: Engine, plan_id: int, fields: dict[str, object], *, user: str,
                code: str | None = None, area_id: int | None = None) -> int:
    """Add a task to a plan; returns its id."""
    with transaction(engine) as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise LedgerError("没有名为“{plan}”的方案", plan=plan_id)
        return add_task(session, plan, fields, user=user, code=code, area_id=area_id).id


def add_task(session: Session, plan: Plan, fields: dict[str, object], *, user: str, code: str | None = None,
             area_id: int | None = None, source: str = "手工新增") -> Task:
    """Add a task to ``plan`` inside the caller's transaction; logged as created (version 1)."""
    clean = check_changes(dict(fields), plan.year)
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
    session.add(ChangeLog(task_id=task.id, task_code=code, field="创建", new=str(clean.get("title", "")),
                          changed_at=utcnow(), changed_by=user, source=source, version=1))
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


def delete_task(engine: Engine, task_id: int, *, user: str) -> TaskSnapshot:
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=task_id)
        snapshot = TaskSnapshot(
            task={c.name: getattr(task, c.name) for c in Task.__table__.columns},
            links=_rows(session, TaskDepartment, task_id),
            progress=_rows(session, ProgressReport, task_id),
            supervision=_rows(session, SupervisionAction, task_id),
            claims=_rows(session, ClosureClaim, task_id),
            evidence=_rows(session, EvidenceFile, task_id),
        )
        session.add(ChangeLog(task_id=task_id, task_code=task.code, field="删除", old=task.title,
                              changed_at=utcnow(), changed_by=user, source="手工删除"))
        session.flush()
        session.delete(task)
        return snapshot


PURGED = "任务“{code}”的佐证材料“{name}”的内容已被清理（evidence purge），不能再恢复这项任务"
EN.update({PURGED: "the content of the evidence file '{name}' of task '{code}' has been purged (evidence purge); "
                   "the task cannot be restored any more"})


def restore_task(engine: Engine, snapshot: TaskSnapshot, *, user: str) -> int:
    with transaction(engine) as session:
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
        session.add(ChangeLog(task_id=task_id, task_code=str(snapshot.task["code"]), field="恢复",
                              new=str(snapshot.task["title"]), changed_at=utcnow(), changed_by=user,
                              source="撤销删除"))
        return task_id


__all__ = ["EDITABLE", "TaskSnapshot", "add_task", "create_task", "delete_task", "department_ids", "department_names",
           "get_fields", "next_code", "restore_task"]
