"""What the task table asks the ledger for: the filter bar's choices, narrowed by what the
navigation pane picked (a plan, a plan's year, an area, a department, or a view such as 红灯 or
本季度到期)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ledger_app.dates.quarters import end_of_quarter, quarter_of, start_of_quarter
from ledger_app.store.enums import Status

# The database layer is imported where it is first needed (see ui/main_window.py).
if TYPE_CHECKING:
    from ledger_app.tasks.queries import TaskQuery
    from ui.filter_bar import Filters


def quarter_bounds(day: date) -> tuple[date, date]:
    quarter = quarter_of(day)
    return start_of_quarter(*quarter), end_of_quarter(*quarter)


def table_query(f: Filters, picked: tuple[str, object], as_of: date) -> TaskQuery:
    """The query for filters ``f`` and the navigation's ``picked`` (kind, value), as of ``as_of``."""
    from ledger_app.tasks.queries import TaskQuery

    query = TaskQuery(as_of=as_of, search=f.search or None, dept=f.dept or None,
                      status=f.status or None, light=f.light or None, area_id=f.area_id,
                      deadline_from=f.deadline_from, deadline_to=f.deadline_to)
    kind, value = picked
    if kind == "plan":
        query.plan_id = value
    elif kind == "plan_year":  # a multi-year plan's year
        query.plan_id, query.year = (int(part) for part in str(value).split(":"))
    elif kind == "area" and query.area_id is None:
        query.area_id = value
    elif kind == "dept" and not query.dept:
        query.dept = value
    elif kind == "view":
        if value in ("red", "yellow", "pending") and not query.light:
            query.light = value
        elif value == "done" and not query.status:
            query.status = Status.DONE.value
        elif value == "quarter":
            start, end = quarter_bounds(query.as_of)
            query.deadline_from = max(filter(None, (query.deadline_from, start)))
            query.deadline_to = min(filter(None, (query.deadline_to, end)))
            query.open_only = True
    return query
