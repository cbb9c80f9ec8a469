"""Numbers of the documents the office issues (发文字号) and the register of what was issued.

A number is reserved inside the caller's write transaction, the one that also records the issue
(:func:`reserve`), so it is used up only if the document really went out, and two desks issuing
at once are serialised by the counter row (SQLite's write lock, PostgreSQL's row lock).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from db.session import read_session
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store import settings
from ledger_app.store.models import DocumentCounter, IssuedDocument, utcnow

EN.update({"{doc_no} 已打印或另存，不能撤销": "{doc_no} has been printed or saved and cannot be undone"})

KINDS = settings.DOC_KINDS_NUMBERED


def format_number(prefix: str, year: int, serial: int | None) -> str:
    """经开改办〔2017〕3号 (GB/T 9704: no leading zeros, no 第); a draft leaves the number blank."""
    return f"{prefix}〔{year}〕{serial}号" if serial is not None else f"{prefix}〔{year}〕　号"


def prefix(engine: Engine, kind: str) -> str:
    return settings.get_all(engine)[f"doc.prefix.{kind}"]


def find(engine: Engine, kind: str, subjects: list[str]) -> dict[str, IssuedDocument]:
    """Documents of ``kind`` already issued for these subjects."""
    if not subjects:
        return {}
    with read_session(engine) as session:
        rows = session.execute(select(IssuedDocument).where(IssuedDocument.kind == kind,
                                                            IssuedDocument.subject.in_(subjects))).scalars()
        return {row.subject: row for row in rows}


def issued(engine: Engine, kind: str | None = None, year: int | None = None) -> list[IssuedDocument]:
    stmt = select(IssuedDocument).order_by(IssuedDocument.issued_at, IssuedDocument.id)
    if kind is not None:
        stmt = stmt.where(IssuedDocument.kind == kind)
    if year is not None:
        stmt = stmt.where(IssuedDocument.year == year)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())


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
                         signed_on=signed_on, as_of=as_of, pages=pages, issued_by=user,
                         delivered_at=utcnow() if delivered else None)
    session.add(row)
    return row


def held(engine: Engine, kind: str | None = None) -> list[IssuedDocument]:
    """Documents issued but not yet printed or saved."""
    stmt = select(IssuedDocument).where(IssuedDocument.delivered_at.is_(None)).order_by(IssuedDocument.id)
    if kind is not None:
        stmt = stmt.where(IssuedDocument.kind == kind)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())


def withdraw(session: Session, row: IssuedDocument) -> None:
    """Take back a held document inside the caller's transaction: its register entry goes, and
    its number is given back when it is the last one of its kind and year (no gap in the numbers)."""
    if row.delivered_at is not None:
        raise LedgerError("{doc_no} 已打印或另存，不能撤销", doc_no=row.doc_no)
    session.execute(update(DocumentCounter).where(DocumentCounter.kind == row.kind, DocumentCounter.year == row.year,
                                                  DocumentCounter.last == row.serial)
                    .values(last=DocumentCounter.last - 1))
    session.delete(row)
