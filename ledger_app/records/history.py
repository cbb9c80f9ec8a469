"""A task's records read back: its quarterly progress reports, its 督办 (supervision) actions and
its change log. Reading only; the writes are ``progress`` (the one rule for a quarter's report),
``supervision`` and the change log entry every write makes in its own transaction."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from db.session import read_session
from ledger_app.store.models import ChangeLog, ProgressReport, SupervisionAction


def list_progress(engine: Engine, task_id: int | None = None) -> list[ProgressReport]:
    """Progress reports of one task (or of the whole ledger), in quarter order."""
    stmt = select(ProgressReport).order_by(ProgressReport.task_id, ProgressReport.year, ProgressReport.quarter)
    if task_id is not None:
        stmt = stmt.where(ProgressReport.task_id == task_id)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())


def get_progress(engine: Engine, task_id: int, year: int, quarter: int) -> ProgressReport | None:
    with read_session(engine) as session:
        return session.execute(
            select(ProgressReport).where(ProgressReport.task_id == task_id, ProgressReport.year == year,
                                         ProgressReport.quarter == quarter)
        ).scalars().first()


def list_supervision(engine: Engine, task_id: int | None = None) -> list[SupervisionAction]:
    """Supervision actions of one task, or of the whole ledger, oldest first."""
    stmt = select(SupervisionAction).order_by(SupervisionAction.action_date, SupervisionAction.id)
    if task_id is not None:
        stmt = stmt.where(SupervisionAction.task_id == task_id)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())


def count_supervision(engine: Engine) -> int:
    with read_session(engine) as session:
        return session.execute(select(func.count()).select_from(SupervisionAction)).scalar_one()


def list_changes(engine: Engine, task_id: int | list[int]) -> list[ChangeLog]:
    """The change log of a task (or of several: a task and those it carries on), newest first."""
    ids = task_id if isinstance(task_id, list) else [task_id]
    with read_session(engine) as session:
        return list(session.execute(
            select(ChangeLog).where(ChangeLog.task_id.in_(ids)).order_by(ChangeLog.id.desc())
        ).scalars())
