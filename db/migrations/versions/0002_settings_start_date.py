"""Ledger-wide settings table; task start dates for the yellow-light schedule check.

A task's start date defaults to 1 January of its plan's year, which is when
the annual target tables take effect.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("start_date", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        first_of_year = "CAST(plan.year AS TEXT) || '-01-01'"  # SQLite stores dates as ISO text
    else:
        first_of_year = "make_date(plan.year, 1, 1)"
    op.execute(
        f"UPDATE task SET start_date = (SELECT {first_of_year} FROM plan "
        "WHERE plan.id = task.plan_id AND plan.year IS NOT NULL) WHERE start_date IS NULL"
    )
    op.create_index("ix_task_department_department_id", "task_department", ["department_id"])


def downgrade() -> None:
    op.drop_index("ix_task_department_department_id", "task_department")
    with op.batch_alter_table("task") as batch:
        batch.drop_column("start_date")
    op.drop_table("setting")
