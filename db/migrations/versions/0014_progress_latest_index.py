"""Index a task's quarterly reports by quarter and 业务日期, so the table's 最新进展 (the newest report
effective by the day shown, and sorting by it) is read from the index, not from every report.

`done` itself is left out of the index: PostgreSQL refuses index entries over about 2,700 bytes,
and a report's text may be longer; only the one winning report's row is read.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_progress_report_task_latest", "progress_report",
                    ["task_id", "year", "quarter", "effective_on"])


def downgrade() -> None:
    op.drop_index("ix_progress_report_task_latest", "progress_report")
