"""季度封账 and next year's table: closed quarters keep a frozen snapshot of the ledger at
the quarter's end (with the register of issued documents) and a log of who closed and reopened
them; tasks know the plan year they belong to and the unfinished task of an earlier year they
carry on (结转).

Existing ledgers: no quarter is closed; every task belongs to its plan's year (year NULL) and
carries nothing on. Nothing else changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarter_close",
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("quarter", sa.Integer(), primary_key=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(), nullable=False),
        sa.Column("frozen", sa.LargeBinary(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
    )
    op.create_table(
        "quarter_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("entered_by", sa.String(), nullable=False),
    )
    # Added in place (never a batch copy of the task table: on SQLite dropping the old copy would
    # cascade to every department link, report and record). carried_from has no foreign key: a
    # deleted origin's id stays, and undoing the deletion (same id) restores the link.
    op.add_column("task", sa.Column("year", sa.Integer(), nullable=True))
    op.add_column("task", sa.Column("carried_from", sa.Integer(), nullable=True))
    op.create_index("ix_task_carried_from", "task", ["carried_from"])


def downgrade() -> None:
    # For development only.
    op.drop_index("ix_task_carried_from", "task")
    op.drop_column("task", "carried_from")
    op.drop_column("task", "year")
    op.drop_table("quarter_event")
    op.drop_table("quarter_close")
