"""Issued documents and their number counters: a number is reserved in the transaction that
records the issue. Sheets and notices issued before this version are registered from their
supervision records, so a reprint keeps its number and the counters continue after them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NUMBER = re.compile(r"〔(\d{4})〕第?(\d+)号")
# Earlier sheets were recorded with content "2017年第三季度季度督办单：招商局".
_SHEET = re.compile(r"^(\d{4})年第([一二三四])季度季度督办单：(.+)$")


def upgrade() -> None:
    op.create_table(
        "issued_document",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("doc_no", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False, server_default=""),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(), nullable=False, server_default=""),
        sa.UniqueConstraint("kind", "subject"),
        sa.UniqueConstraint("kind", "year", "serial"),
    )
    op.create_table(
        "document_counter",
        sa.Column("kind", sa.String(), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False, server_default="0"),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT task_id, kind, action_date, doc_no, content FROM supervision_action "
        "WHERE doc_no <> '' ORDER BY action_date, id")).all()
    issued: dict[tuple[str, str], dict] = {}
    for task_id, kind, action_date, doc_no, content in rows:
        number = _NUMBER.search(doc_no)
        if number is None:
            continue
        if isinstance(action_date, str):
            action_date = date.fromisoformat(action_date)
        if kind == "季度督办":
            sheet = _SHEET.match(content or "")
            if sheet is None:
                continue
            quarter = "一二三四".index(sheet.group(2)) + 1
            key = ("quarterly-sheet", f"|{sheet.group(1)}Q{quarter}|{sheet.group(3)}")
        elif kind == "限期整改":
            key = ("notice", f"{task_id}|{action_date.isoformat()}")
        else:
            continue
        issued.setdefault(key, {"kind": key[0], "subject": key[1], "year": int(number.group(1)),
                                "serial": int(number.group(2)), "doc_no": doc_no, "signed_on": action_date,
                                "as_of": action_date})
    seen: set[tuple[str, int, int]] = set()
    counters: dict[tuple[str, int], int] = {}
    now = datetime.now(UTC)
    for row in issued.values():
        if (row["kind"], row["year"], row["serial"]) in seen:
            continue  # two records of one document: keep the first
        seen.add((row["kind"], row["year"], row["serial"]))
        conn.execute(sa.text(
            "INSERT INTO issued_document (kind, subject, year, serial, doc_no, title, signed_on, as_of, pages, "
            "issued_at, issued_by) VALUES (:kind, :subject, :year, :serial, :doc_no, '', :signed_on, :as_of, 0, "
            ":now, '')"), {**row, "now": now})
        key = (row["kind"], row["year"])
        counters[key] = max(counters.get(key, 0), row["serial"])
    for (kind, year), last in counters.items():
        conn.execute(sa.text("INSERT INTO document_counter (kind, year, last) VALUES (:kind, :year, :last)"),
                     {"kind": kind, "year": year, "last": last})


def downgrade() -> None:
    op.drop_table("document_counter")
    op.drop_table("issued_document")
