"""The 业务日期 of a change: whether its quarter is closed (季度封账), and how a change entered on
that day is marked (补录 / 更正).

The one check every write makes before it changes the ledger as of some day (a field of a task,
a quarterly report, a supervision record): :func:`entry_mark`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ledger_app.dates.quarters import quarter_name, quarter_of
from ledger_app.messages.errors import LedgerError
from ledger_app.store.enums import MARK_CORRECTION, MARK_LATE

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


class ClosedQuarterError(LedgerError):
    """A change effective in a closed quarter, entered without a 更正 reason."""

    def __init__(self, year: int, quarter: int, day: date) -> None:
        super().__init__("{quarter}已封账：业务日期为 {day} 的修改需要作为“更正”录入并说明原因"
                         "（或由负责人重新打开该季度）", quarter=quarter_name(year, quarter), day=day.isoformat())
        self.year, self.quarter, self.day = year, quarter, day


def closed_quarter_set(session: Session | Connection) -> set[tuple[int, int]]:
    """(year, quarter) of every closed quarter, for checks; ``periods.closing.closed_quarters``
    lists them with who closed them and when."""
    from sqlalchemy import select

    from ledger_app.store.schema import quarter_close

    return {(y, q) for y, q in session.execute(select(quarter_close.c.year, quarter_close.c.quarter))}


def entry_mark(session: Session | Connection | None, day: date, reason: str = "", *, future: bool = False,
               today: date | None = None, closed: set[tuple[int, int]] | None = None) -> str:
    """Check that a change may take effect on ``day`` and return its mark: "" (entered on its
    day), 补录 (entered later, its quarter still open) or 更正 (its quarter closed; ``reason``
    given). Raises LedgerError for a day after today (unless ``future``: next year's carried
    tasks) and ClosedQuarterError for a closed quarter without a reason. ``closed``: the closed
    quarters, when the caller has read them already (``session`` is then not used)."""
    today = today or date.today()
    if day > today and not future:
        raise LedgerError("业务日期 {day} 晚于今天：只能录入已经发生的情况", day=day.isoformat())
    if quarter_of(day) in (closed if closed is not None else closed_quarter_set(session)):
        if not reason.strip():
            raise ClosedQuarterError(*quarter_of(day), day)
        return MARK_CORRECTION
    return MARK_LATE if day < today else ""
