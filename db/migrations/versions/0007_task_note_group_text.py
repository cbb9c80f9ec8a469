"""Tasks keep the 备注 column as a note, and collective terms written where a department
belongs (各部门, 相关部门, 各镇（街道）…) as text instead of as departments.

Existing ledgers: departments whose names are such terms are turned back into text on
their tasks (in the order written) and removed, so they leave the department filter and
get no fill-in form. Nothing else changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rule as it stood when this migration was written (ledger_app.tasks.departments.is_group_word);
# frozen here so that the migration does the same thing whatever the rule becomes later.
_GROUP = re.compile(r"^(区|全区|经开区|开发区)?(各|相关|有关|其他|其它|其余|所有|全体)")


def upgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("lead_groups", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("co_groups", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("note", sa.String(), nullable=False, server_default=""))
    conn = op.get_bind()
    groups = {dept_id: name for dept_id, name in conn.execute(sa.text("SELECT id, name FROM department"))
              if _GROUP.match(name)}
    if not groups:
        return
    words: dict[tuple[int, str], list[str]] = {}
    for task_id, dept_id, role in conn.execute(sa.text(
            "SELECT task_id, department_id, role FROM task_department ORDER BY task_id, role, position")):
        if dept_id in groups:
            words.setdefault((task_id, role), []).append(groups[dept_id])
    for (task_id, role), names in words.items():
        column = "lead_groups" if role == "lead" else "co_groups"
        conn.execute(sa.text(f"UPDATE task SET {column} = :text WHERE id = :id"),
                     {"text": "、".join(names), "id": task_id})
    ids = list(groups)
    conn.execute(sa.text("DELETE FROM task_department WHERE department_id IN :ids")
                 .bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})
    conn.execute(sa.text("DELETE FROM department WHERE id IN :ids")
                 .bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})


def downgrade() -> None:
    # For development only: the notes and collective terms are dropped with their columns.
    with op.batch_alter_table("task") as batch:
        batch.drop_column("note")
        batch.drop_column("co_groups")
        batch.drop_column("lead_groups")
