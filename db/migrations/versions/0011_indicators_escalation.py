"""Quantified targets (指标) with their actual values and linked tasks; escalation proposals the
clerk dismissed (kept with the reason); the register of fill-in forms sent and returned; and when
an issued document was delivered (printed or saved), after which its issue can no longer be undone.

Existing ledgers gain empty tables and a NULL ``delivered_at``: documents issued before this
version count as delivered (they were printed or saved when issued).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(), nullable=False, server_default=""),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False, server_default=""),
        sa.Column("area", sa.String(), nullable=False, server_default=""),
        sa.Column("direction", sa.String(), nullable=False, server_default=">="),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False, server_default=""),
        sa.Column("department_id", sa.Integer(), sa.ForeignKey("department.id", ondelete="SET NULL"), nullable=True),
        sa.Column("co_depts", sa.String(), nullable=False, server_default=""),
        sa.Column("note", sa.String(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plan_id", "name"),
    )
    op.create_table(
        "indicator_task",
        sa.Column("indicator_id", sa.Integer(), sa.ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("indicator_id", sa.Integer(), sa.ForeignKey("indicator.id", ondelete="CASCADE"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(), nullable=False, server_default=""),
        sa.Column("reporter", sa.String(), nullable=False, server_default=""),
        sa.Column("source", sa.String(), nullable=False, server_default=""),
        sa.Column("report_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("indicator_id", "year", "quarter"),
    )
    op.create_table(
        "proposal_dismissal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("dismissed_by", sa.String(), nullable=False, server_default=""),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("task_id", "step", "year", "quarter"),
    )
    op.create_table(
        "form_issue",
        sa.Column("form_id", sa.String(), primary_key=True),
        sa.Column("dept", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
    )
    with op.batch_alter_table("issued_document") as batch:
        batch.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
    # Documents issued so far were delivered when they were issued.
    op.execute("UPDATE issued_document SET delivered_at = issued_at")


def downgrade() -> None:
    with op.batch_alter_table("issued_document") as batch:
        batch.drop_column("delivered_at")
    for table in ("form_issue", "proposal_dismissal", "indicator_value", "indicator_task", "indicator"):
        op.drop_table(table)
