"""The first ledger schema: plans, areas, departments, tasks, progress, supervision, change log.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

utc = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False, unique=True),
        sa.Column("issuer", sa.String(), nullable=False),
        sa.Column("period_start", sa.Integer()),
        sa.Column("period_end", sa.Integer()),
        sa.Column("year", sa.Integer()),
        sa.Column("created_at", utc, nullable=False),
    )
    op.create_table(
        "area",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("plan_id", "name"),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
    )
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("area_id", sa.Integer(), sa.ForeignKey("area.id", ondelete="SET NULL"), nullable=True),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("measures", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("leader", sa.String(), nullable=False),
        sa.Column("deadline", sa.Date()),
        sa.Column("deadline_text", sa.String(), nullable=False),
        sa.Column("milestone_q1", sa.String(), nullable=False),
        sa.Column("milestone_q2", sa.String(), nullable=False),
        sa.Column("milestone_q3", sa.String(), nullable=False),
        sa.Column("milestone_q4", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("updated_at", utc, nullable=False),
        sa.UniqueConstraint("plan_id", "code"),
    )
    op.create_index("ix_task_deadline", "task", ["deadline"])
    op.create_index("ix_task_area_id", "task", ["area_id"])
    op.create_table(
        "task_department",
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(
            "department_id",
            sa.Integer(),
            sa.ForeignKey("department.id", ondelete="RESTRICT"),
            primary_key=True,
        ),
        sa.Column("role", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "progress_report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("done", sa.String(), nullable=False),
        sa.Column("problems", sa.String(), nullable=False),
        sa.Column("next_steps", sa.String(), nullable=False),
        sa.Column("reporter", sa.String(), nullable=False),
        sa.Column("report_date", sa.Date()),
        sa.Column("created_at", utc, nullable=False),
        sa.UniqueConstraint("task_id", "year", "quarter"),
    )
    op.create_table(
        "supervision_action",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("rectify_deadline", sa.Date()),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="SET NULL"), nullable=True),
        sa.Column("task_code", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old", sa.String(), nullable=False),
        sa.Column("new", sa.String(), nullable=False),
        sa.Column("changed_at", utc, nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
    )
    op.create_index("ix_change_log_task_id", "change_log", ["task_id"])


def downgrade() -> None:
    for table in ("change_log", "supervision_action", "progress_report", "task_department", "task"):
        op.drop_table(table)
    for table in ("department", "area", "plan"):
        op.drop_table(table)
