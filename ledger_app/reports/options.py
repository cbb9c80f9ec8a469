"""What the clerk asked for, shared by every document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ledger_app.deadlines import end_of_quarter
from ledger_app.queries import TaskQuery

KINDS = ("quarterly-sheet", "bulletin", "annual", "notice", "ledger")
TITLES = {"quarterly-sheet": "改革任务督办单", "bulletin": "改革任务推进情况通报", "annual": "改革任务督查报告",
          "notice": "限期整改通知书", "ledger": "工作台账"}
CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}

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

    @property
    def effective_as_of(self) -> date:
        """Defaults to the end of the quarter (or year) reported on."""
        if self.as_of is not None:
            return self.as_of
        return end_of_quarter(self.year, self.quarter) if self.quarter else date(self.year, 12, 31)

    @property
    def period(self) -> str:
        return f"{self.year}年第{CN_QUARTER[self.quarter]}季度" if self.quarter else f"{self.year}年度"
