"""Supervision actions keep the number of the document they issued (督办〔2017〕第3号).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("supervision_action") as batch:
        batch.add_column(sa.Column("doc_no", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("supervision_action") as batch:
        batch.drop_column("doc_no")
