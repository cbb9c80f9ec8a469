"""Reserving a document's number (发文字号), registering the issued document, and giving a held
one back, each inside the caller's write transaction.

A number is reserved and registered as held in one short transaction (ledger_app/operations/
issuing.py); two desks issuing at once are serialised by the counter row (SQLite's write lock,
PostgreSQL's row lock) only for that moment, not while the document is typeset and printed. If the
document does not go out, :func:`withdraw` gives the number back, so none is used up.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.models import DocumentCounter, IssuedDocument, utcnow

EN.update({"{doc_no} 已打印或另存，不能撤销": "{doc_no} has been printed or saved and cannot be undone"})


def reserve(session: Session, kind: str, year: int) -> int:
    """The next serial of ``kind`` in ``year``, taken in ``session``'s transaction."""
    dialect = session.get_bind().dialect.name
    values = {"kind": kind, "year": year, "last": 0}
    if dialect == "postgresql":
        session.execute(pg_insert(DocumentCounter).values(**values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(DocumentCounter).values(**values).on_conflict_do_nothing())
    stmt = (update(DocumentCounter).where(DocumentCounter.kind == kind, DocumentCounter.year == year)
            .values(last=DocumentCounter.last + 1).returning(DocumentCounter.last))
    return session.execute(stmt).scalar_one()


def register(session: Session, *, kind: str, subject: str, year: int, serial: int, doc_no: str, title: str,
             signed_on: date, as_of: date, pages: int, user: str, delivered: bool = True) -> IssuedDocument:
    """``delivered=False``: issued but held (not yet printed or saved), so the issue may still be undone."""
    row = IssuedDocument(kind=kind, subject=subject, year=year, serial=serial, doc_no=doc_no, title=title,
                         signed_on=signed_on, as_of=as_of, pages=pages, issued_by=user, issued_at=utcnow(),
                         delivered_at=utcnow() if delivered else None)
    session.add(row)
    return row


def reinstate(session: Session, *, kind: str, subject: str, year: int, serial: int, doc_no: str, title: str,
              signed_on: date, as_of: date, user: str) -> IssuedDocument:
    """Register again a held number that another desk's failed issue of the same document withdrew
    while this desk was printing it: it went out with that number, so the counter is kept past it."""
    reserve(session, kind, year)  # makes the counter row if it is gone
    # The larger of the two, written the same on every database (SQLite's max(a, b) is PostgreSQL's
    # greatest): one expression, tested once.
    kept = DocumentCounter.last - 1
    session.execute(update(DocumentCounter).where(DocumentCounter.kind == kind, DocumentCounter.year == year)
                    .values(last=case((kept > serial, kept), else_=serial)))
    row = register(session, kind=kind, subject=subject, year=year, serial=serial, doc_no=doc_no, title=title,
                   signed_on=signed_on, as_of=as_of, pages=0, user=user, delivered=False)
    session.flush()
    return row


def withdraw(session: Session, row: IssuedDocument) -> None:
    """Take back a held document inside the caller's transaction: its register entry goes, and
    its number is given back when it is the last one of its kind and year (no gap in the numbers)."""
    if row.delivered_at is not None:
        raise LedgerError("{doc_no} 已打印或另存，不能撤销", doc_no=row.doc_no)
    session.execute(update(DocumentCounter).where(DocumentCounter.kind == row.kind, DocumentCounter.year == row.year,
                                                  DocumentCounter.last == row.serial)
                    .values(last=DocumentCounter.last - 1))
    session.delete(row)
