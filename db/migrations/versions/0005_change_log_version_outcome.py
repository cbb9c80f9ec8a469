"""The change log records the task version each change produced and whether it was saved:
a desk's save based on a stale version is refused and logged as such.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing entries keep a NULL version (it was not recorded) and count as saved.
    with op.batch_alter_table("change_log") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(), nullable=False, server_default="applied"))


def downgrade() -> None:
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("outcome")
        batch.drop_column("version")
