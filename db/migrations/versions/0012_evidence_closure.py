"""佐证材料 and 办结销号: the contents of evidence files (one row per SHA-256, its bytes in 1 MiB chunks),
the files attached to tasks, and the claims (申请销号) with the office's decision (销号 / 退回).

Existing ledgers gain empty tables; tasks already 已完成 stay so (their completion predates the
rule and is history, as an imported table's is).

Revision ID: 0012
Revises: 0011
Create Date: 2027-01-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_blob",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "evidence_chunk",
        sa.Column("blob_id", sa.Integer(), sa.ForeignKey("evidence_blob.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "closure_claim",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claimed_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("claimed_by", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("mark", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("opinion", sa.String(), nullable=False),
        sa.Column("missing", sa.String(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_closure_claim_task_id", "closure_claim", ["task_id"])
    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("task_id", sa.Integer(), sa.ForeignKey("task.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("closure_claim.id", ondelete="CASCADE"), nullable=True),
        sa.Column("blob_id", sa.Integer(), sa.ForeignKey("evidence_blob.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("added_by", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_by", sa.String(), nullable=False),
    )
    op.create_index("ix_evidence_file_task_id", "evidence_file", ["task_id"])
    op.create_index("ix_evidence_file_claim_id", "evidence_file", ["claim_id"])
    op.create_index("ix_evidence_file_blob_id", "evidence_file", ["blob_id"])


def downgrade() -> None:
    for table in ("evidence_file", "closure_claim", "evidence_chunk", "evidence_blob"):
        op.drop_table(table)
