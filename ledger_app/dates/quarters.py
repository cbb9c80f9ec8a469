"""Quarter arithmetic, in one place: which quarter a day falls in, its first and last day, its
name (2017年第三季度), the quarters before and between, the years a plan runs over, and the day a
quarter's report takes effect on. Also how a day is written in Chinese (2017年10月15日): with the
quarter's name, the one helper each that messages, records and documents use."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ledger_app.messages.errors import DeadlineError
from ledger_app.messages.i18n import EN, Message

if TYPE_CHECKING:  # the quarter arithmetic is needed by the CLI's parser, which must not load the ORM
    from ledger_app.store.models import Plan

CN_QUARTER = "一二三四"
QUARTER_NAME = "{year}年第{cn}季度"
DAY_NAME = "{year}年{month}月{day}日"
EN.update({
    "季度不存在：第{quarter}季度": "there is no quarter {quarter}",
    QUARTER_NAME: "{year} Q{quarter}",
    DAY_NAME: "{year}-{month:02d}-{day:02d}",
})
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


def end_of_quarter(year: int, quarter: int) -> date:
    if not 1 <= quarter <= 4:
        raise DeadlineError("季度不存在：第{quarter}季度", quarter=quarter)
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_name(year: int, quarter: int) -> Message:
    """2017年第三季度 (in an English message: 2017 Q3)."""
    return Message(QUARTER_NAME, year=year, cn=CN_QUARTER[quarter - 1], quarter=quarter)


def cn_date(day: date) -> Message:
    """2017年10月15日: Arabic numerals, no leading zeros, as a 公文 writes every date (GB/T 9704); in an
    English message 2017-10-15."""
    return Message(DAY_NAME, year=day.year, month=day.month, day=day.day)


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


def quarters_between(first: date, last: date) -> list[tuple[int, int]]:
    """Every quarter from the one holding ``first`` to the one holding ``last``."""
    found, day = [], first
    while day <= last:
        found.append(quarter_of(day))
        day = end_of_quarter(*quarter_of(day)) + timedelta(days=1)
    return found
