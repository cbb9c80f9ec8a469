"""Numbers of the documents the office issues (发文字号) and the register of what was issued, read
back; reserving a number and registering a document are ``ledger_app.operations.reserving``."""

from __future__ import annotations

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.store import settings
from ledger_app.store.models import IssuedDocument

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


def held(engine: Engine, kind: str | None = None) -> list[IssuedDocument]:
    """Documents issued but not yet printed or saved."""
    stmt = select(IssuedDocument).where(IssuedDocument.delivered_at.is_(None)).order_by(IssuedDocument.id)
    if kind is not None:
        stmt = stmt.where(IssuedDocument.kind == kind)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())
