"""What one line of the task table shows. Plain data without SQLAlchemy, so that the window
can paint its first rows before the database layer is loaded (see ledger_app/tasks/first_page.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Column keys in display order; the UI maps them to headers.
COLUMNS = ("code", "light", "area", "title", "content", "lead", "co", "leader", "deadline", "status",
           "percent", "latest")
PAGE = 100


@dataclass(frozen=True)
class Row:
    """What one line of the table shows."""

    id: int
    code: str
    light: str
    area: str
    title: str
    content: str
    lead: str
    co: str
    leader: str
    deadline: date | None
    deadline_text: str
    status: str
    percent: int
    latest: str
    measures: str
    version: int


def blank_row(task_id: int) -> Row:
    """A task deleted since the ids were read: an empty line until the next reload."""
    return Row(task_id, "", "off", "", "", "", "", "", "", None, "", "", 0, "", "", 0)


def responsible(departments: list[str], groups: str) -> str:
    """牵头/配合 as the table shows it: the departments, then the collective terms (各部门…)."""
    return "、".join([*departments, *(g for g in groups.split("、") if g)])
