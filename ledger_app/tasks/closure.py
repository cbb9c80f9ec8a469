"""Whether a task awaits 销号 on a day: it has a claim (申请销号) made by then and not decided by
then (ledger_app/evidence/claims.py). A derived state, never stored: the light 待销号 of an open task
(``tasks.lights.light_for``'s ``pending``; in SQL ``tasks.table.light_expression``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from ledger_app.store.schema import closure_claim

WITHDRAWN = "撤回"  # a claim taken back (its entry undone) never counts
_c = closure_claim.c


def _open_on(as_of: date) -> ColumnElement[bool]:
    return and_(_c.claimed_on <= as_of, _c.outcome != WITHDRAWN, or_(_c.decided_on.is_(None), _c.decided_on > as_of))


def pending_expression(task_id: ColumnElement, as_of: date) -> ColumnElement[bool]:
    """SQL: the task ``task_id`` has a claim open on ``as_of``. Uncorrelated (IN …): the database
    lists the open claims once, not once per task, so a 5,000-task filter costs what it did."""
    return task_id.in_(select(_c.task_id).where(_open_on(as_of)))


def pending_ids(conn: Connection, as_of: date, task_ids: list[int] | None = None) -> set[int]:
    """The tasks (of ``task_ids``, or all) with a claim open on ``as_of``."""
    stmt = select(_c.task_id).where(_open_on(as_of)).distinct()
    if task_ids is not None:
        stmt = stmt.where(_c.task_id.in_(task_ids))
    return set(conn.execute(stmt).scalars())

