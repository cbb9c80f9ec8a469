"""Which fill-in forms went out to which department for which quarter, and which came back
(were merged): the 今日提醒 names the departments whose forms are still out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlmodel import Session

from db.session import read_session, transaction
from ledger_app.store.models import FormIssue, utcnow


def record(engine: Engine, forms: Iterable[tuple[str, str, int, int]]) -> None:
    """Register forms issued: (form id, department, year, quarter)."""
    with transaction(engine) as session:
        for form_id, dept, year, quarter in forms:
            session.add(FormIssue(form_id=form_id, dept=dept, year=year, quarter=quarter, issued_at=utcnow()))


def mark_returned(session: Session, form_ids: Iterable[str]) -> None:
    """Inside the merge's transaction: these forms came back."""
    ids = [i for i in dict.fromkeys(form_ids) if i]
    if ids:
        session.execute(update(FormIssue).where(FormIssue.form_id.in_(ids), FormIssue.returned_at.is_(None))
                        .values(returned_at=utcnow()))


@dataclass(frozen=True)
class Outstanding:
    dept: str
    year: int
    quarter: int
    forms: int  # forms sent for that quarter and not returned (a department may have had two)


def outstanding(engine: Engine, year: int, quarter: int) -> list[Outstanding]:
    """Departments with a form for the quarter that has not come back, unless a later form of theirs
    for the same quarter did (a re-issued form replaces the first)."""
    with read_session(engine) as session:
        rows = session.execute(select(FormIssue).where(FormIssue.year == year, FormIssue.quarter == quarter)
                               .order_by(FormIssue.issued_at)).scalars().all()
    returned = {r.dept for r in rows if r.returned_at is not None}
    waiting: dict[str, int] = {}
    for row in rows:
        if row.returned_at is None and row.dept not in returned:
            waiting[row.dept] = waiting.get(row.dept, 0) + 1
    return [Outstanding(dept, year, quarter, count) for dept, count in sorted(waiting.items())]
