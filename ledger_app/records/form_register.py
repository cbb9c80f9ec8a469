"""Which fill-in forms went out to which department for which quarter, and which came back
(were merged), written inside the caller's write transaction; and the id the ledger gives itself
on the first forms it issues. Reading the forms still out is ``supervision.reminders.outstanding``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import Session

from ledger_app.store.models import FormIssue, Setting, utcnow

LEDGER_ID = "ledger.id"


def own_id(session: Session) -> str:
    """The ledger's random id, made on first use: forms carry it so they come back to the right ledger."""
    row = session.get(Setting, LEDGER_ID)
    if row is None:
        row = Setting(key=LEDGER_ID, value=uuid.uuid4().hex)
        session.add(row)
    return row.value


def register(session: Session, forms: Iterable[tuple[str, str, int, int]]) -> None:
    """Register forms issued: (form id, department, year, quarter)."""
    now = utcnow()
    for form_id, dept, year, quarter in forms:
        session.add(FormIssue(form_id=form_id, dept=dept, year=year, quarter=quarter, issued_at=now))


def mark_returned(session: Session, form_ids: Iterable[str]) -> None:
    """Inside the merge's transaction: these forms came back."""
    ids = [i for i in dict.fromkeys(form_ids) if i]
    if ids:
        session.execute(update(FormIssue).where(FormIssue.form_id.in_(ids), FormIssue.returned_at.is_(None))
                        .values(returned_at=utcnow()))
