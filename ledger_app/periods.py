"""Quarters and the 业务日期 of a change: which quarter a day falls in, whether that quarter is
closed (季度封账), and how a change entered on that day is marked (补录 / 更正).

The one check every write makes before it changes the ledger as of some day (a field of a task,
a quarterly report, a supervision record): :func:`entry_mark`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ledger_app.deadlines import end_of_quarter
from ledger_app.enums import MARK_CORRECTION, MARK_LATE
from ledger_app.errors import LedgerError

if TYPE_CHECKING:  # the quarter arithmetic is needed by the CLI's parser, which must not load the ORM
    from sqlalchemy import Connection
    from sqlmodel import Session

    from ledger_app.models import Plan

CN_QUARTER = "一二三四"
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})")


def period_in_title(title: str) -> tuple[int, int] | None:
    """The years a plan's title says it runs over: 三年行动计划（2017—2019年） → (2017, 2019)."""
    match = _RANGE.search(title)
    if match and int(match.group(1)) < int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    return None


def plan_period(plan: Plan) -> tuple[int, int] | None:
    """The years a plan runs over, from its record or its title (None: one year)."""
    if plan.period_start and plan.period_end:
        return plan.period_start, plan.period_end
    return period_in_title(plan.title)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def start_of_quarter(year: int, quarter: int) -> date:
    return date(year, quarter * 3 - 2, 1)


def quarter_name(year: int, quarter: int) -> str:
    """2017年第三季度."""
    return f"{year}年第{CN_QUARTER[quarter - 1]}季度"


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def quarter_ended_by(day: date) -> tuple[int, int]:
    """The latest quarter that is over on ``day``, counting the quarter whose last day it is
    (the quarter a report as of ``day`` speaks for)."""
    year, quarter = quarter_of(day)
    return (year, quarter) if end_of_quarter(year, quarter) == day else previous_quarter(year, quarter)


def quarter_ends(day: date, count: int) -> list[date]:
    """The last ``count`` quarter ends on or before ``day``, oldest first."""
    ends, quarter = [], quarter_ended_by(day)
    for _ in range(count):
        ends.append(end_of_quarter(*quarter))
        quarter = previous_quarter(*quarter)
    return ends[::-1]


def last_ended_quarter(today: date) -> tuple[int, int]:
    """The most recent quarter that is over (its last day is past) by ``today``."""
    return previous_quarter(*quarter_of(today))


def report_day(year: int, quarter: int, today: date | None = None) -> date:
    """The 业务日期 a quarter's report takes unless told otherwise: the quarter's end, or
    ``today`` while the quarter is still running (a quarter yet to begin: its first day, which
    the check on future days then refuses)."""
    return max(min(end_of_quarter(year, quarter), today or date.today()), start_of_quarter(year, quarter))


class ClosedQuarterError(LedgerError):
    """A change effective in a closed quarter, entered without a 更正 reason."""

    def __init__(self, year: int, quarter: int, day: date) -> None:
        super().__init__("{quarter}已封账：业务日期为 {day} 的修改需要作为“更正”录入并说明原因"
                         "（或由负责人重新打开该季度）", quarter=quarter_name(year, quarter), day=day.isoformat())
        self.year, self.quarter, self.day = year, quarter, day


def closed_quarters(session: Session | Connection) -> set[tuple[int, int]]:
    from sqlalchemy import select

    from ledger_app.tables import quarter_close

    return {(y, q) for y, q in session.execute(select(quarter_close.c.year, quarter_close.c.quarter))}


def entry_mark(session: Session | Connection, day: date, reason: str = "", *, future: bool = False,
               today: date | None = None) -> str:
    """Check that a change may take effect on ``day`` and return its mark: "" (entered on its
    day), 补录 (entered later, its quarter still open) or 更正 (its quarter closed; ``reason``
    given). Raises LedgerError for a day after today (unless ``future``: next year's carried
    tasks) and ClosedQuarterError for a closed quarter without a reason."""
    today = today or date.today()
    if day > today and not future:
        raise LedgerError("业务日期 {day} 晚于今天：只能录入已经发生的情况", day=day.isoformat())
    if quarter_of(day) in closed_quarters(session):
        if not reason.strip():
            raise ClosedQuarterError(*quarter_of(day), day)
        return MARK_CORRECTION
    return MARK_LATE if day < today else ""


def quarters_between(first: date, last: date) -> list[tuple[int, int]]:
    """Every quarter from the one holding ``first`` to the one holding ``last``."""
    found, day = [], first
    while day <= last:
        found.append(quarter_of(day))
        day = end_of_quarter(*quarter_of(day)) + timedelta(days=1)
    return found
