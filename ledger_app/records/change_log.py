"""A task's change log read back (who changed what, when, effective on which day); every write
appends to it in the same transaction as the change it records."""

from __future__ import annotations

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.store.models import ChangeLog


def list_changes(engine: Engine, task_id: int | list[int]) -> list[ChangeLog]:
    """The change log of a task (or of several: a task and those it carries on), newest first."""
    ids = task_id if isinstance(task_id, list) else [task_id]
    with read_session(engine) as session:
        return list(session.execute(
            select(ChangeLog).where(ChangeLog.task_id.in_(ids)).order_by(ChangeLog.id.desc())
        ).scalars())
