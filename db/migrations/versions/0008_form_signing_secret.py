"""A secret of each ledger, to sign the department forms it issues (HMAC of their hidden identity
and locked cells), so that a form edited outside the program is told apart from one filled in.
Kept in the ``setting`` table under a key the settings screen and ``config`` neither show nor set.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "forms.secret"


def upgrade() -> None:
    setting = sa.table("setting", sa.column("key", sa.String()), sa.column("value", sa.String()))
    exists = op.get_bind().execute(sa.select(setting.c.key).where(setting.c.key == KEY)).first()
    if exists is None:
        op.execute(setting.insert().values(key=KEY, value=secrets.token_hex(32)))


def downgrade() -> None:
    setting = sa.table("setting", sa.column("key", sa.String()))
    op.execute(setting.delete().where(setting.c.key == KEY))
