"""What the clerk asked for, shared by every document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ledger_app.dates.quarters import end_of_quarter
from ledger_app.documents.words import cn_period

if TYPE_CHECKING:  # the command line's parser reads KINDS here: no ledger modules at start-up
    from ledger_app.tasks.queries import TaskQuery

KINDS = ("quarterly-sheet", "bulletin", "annual", "notice", "ledger", "assessment", "closure")
TITLES = {"quarterly-sheet": "改革任务督办单", "bulletin": "改革任务推进情况通报", "annual": "改革任务督查报告",
          "notice": "限期整改通知书", "ledger": "改革任务工作台账", "assessment": "改革任务考核结果",
          "closure": "改革任务办结销号审批表"}
# Documents sent out of the office: numbered, with 版头, 落款 and 成文日期, recorded when issued.
NUMBERED = ("quarterly-sheet", "bulletin", "annual", "notice", "assessment")
# Documents of a year, not of a quarter: issued after its fourth quarter is closed (季度封账), from
# that quarter's frozen snapshot; a closed quarter freezes only the documents of the quarter.
OF_THE_YEAR = ("annual", "assessment")

Progress = Callable[[int, int], None]


@dataclass
class ReportOptions:
    kind: str
    year: int
    quarter: int | None = None
    as_of: date | None = None
    depts: list[str] = field(default_factory=list)
    task_code: str | None = None
    plan: str | None = None
    rectify_by: date | None = None  # notice: the rectification deadline
    query: TaskQuery | None = None  # ledger print: the window's current filter
    record: bool = True  # number and record the documents issued (not for a preview)
    signed: date | None = None  # 成文日期; default today (a reprint keeps the first issue's)

    @property
    def effective_as_of(self) -> date:
        """Defaults to the end of the quarter (or year) reported on."""
        if self.as_of is not None:
            return self.as_of
        return end_of_quarter(self.year, self.quarter) if self.quarter else date(self.year, 12, 31)

    @property
    def period(self) -> str:
        return cn_period(self.year, self.quarter)
