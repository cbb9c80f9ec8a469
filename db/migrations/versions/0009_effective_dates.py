"""Every change and every quarterly report carries a 业务日期 (the day it took effect) besides
the time it was recorded: "as of D" counts what was effective by D, so a Q3 status entered in
October still shows in the Q3 documents. A change entered with an earlier 业务日期 is marked
补录, or 更正 (with its reason) once its quarter has been closed.

Existing ledgers: each change's 业务日期 is the local date it was recorded on, so every
report as of a past date reads as before. A quarterly report's is the local date it was
recorded on too, but never later than the end of the quarter it reports on: a Q3 report typed
on 10 October describes 30 September, and every document printed before this version counted it
from then.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000


def _local_date(moment: object) -> date:
    """The local date of a stored UTC time (SQLite hands back text, PostgreSQL a datetime)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    assert isinstance(moment, datetime)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def _quarter_end(year: int, quarter: int) -> date:
    return (date(year + 1, 1, 1) if quarter == 4 else date(year, quarter * 3 + 1, 1)) - timedelta(days=1)


def _fill(conn: sa.Connection, table: str, dates: list[dict]) -> None:
    stmt = sa.text(f"UPDATE {table} SET effective_on = :day WHERE id = :id")
    for start in range(0, len(dates), _BATCH):
        conn.execute(stmt, dates[start : start + _BATCH])


def upgrade() -> None:
    with op.batch_alter_table("change_log") as batch:
        batch.add_column(sa.Column("effective_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("mark", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("reason", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("progress_report") as batch:
        batch.add_column(sa.Column("effective_on", sa.Date(), nullable=True))
    conn = op.get_bind()
    _fill(conn, "change_log", [{"id": i, "day": _local_date(at)} for i, at in
                               conn.execute(sa.text("SELECT id, changed_at FROM change_log"))])
    _fill(conn, "progress_report", [
        {"id": i, "day": min(_local_date(at), _quarter_end(year, quarter))} for i, at, year, quarter in
        conn.execute(sa.text("SELECT id, created_at, year, quarter FROM progress_report"))])
    with op.batch_alter_table("change_log") as batch:
        batch.alter_column("effective_on", existing_type=sa.Date(), nullable=False)
        batch.create_index("ix_change_log_task_field_effective", ["task_id", "field", "effective_on"])
        batch.create_index("ix_change_log_effective_on", ["effective_on"])
    with op.batch_alter_table("progress_report") as batch:
        batch.alter_column("effective_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_report") as batch:
        batch.drop_column("effective_on")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_index("ix_change_log_effective_on")
        batch.drop_index("ix_change_log_task_field_effective")
        batch.drop_column("reason")
        batch.drop_column("mark")
        batch.drop_column("effective_on")
