"""One 文号, one text: the register of issued documents keeps the PDF each was delivered as.

``issued_document.blob_id`` names the delivered bytes in the evidence store (``evidence_blob``, one
row per SHA-256, chunked). Rows registered before this revision keep NULL: their reprints are
typeset again from the ledger, as before, and say so.

Revision ID: 0013
Revises: 0012
Create Date: 2027-01-20
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a column with a foreign key in place; the table is copied with
    # every row (PostgreSQL alters it in place).
    with op.batch_alter_table("issued_document") as batch:
        batch.add_column(sa.Column("blob_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_issued_document_blob_id", "evidence_blob", ["blob_id"], ["id"],
                                 ondelete="RESTRICT")


def downgrade() -> None:
    with op.batch_alter_table("issued_document") as batch:
        batch.drop_constraint("fk_issued_document_blob_id", type_="foreignkey")
        batch.drop_column("blob_id")
