"""Counts shared by the bulletin, the annual report and the sheets, computed from a snapshot.

Every task falls in exactly one category: 已完成, 序时推进 (green), 进度预警 (yellow), 逾期未完成
(red), 暂缓 (deferred: its own category whatever its dates), or 已取消, which is reported apart and
left out of the totals and rates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.models import Status
from ledger_app.tasks.lights import WATCHED, behind
from ledger_app.tasks.queries import TaskView
from ledger_app.tasks.stats import Completion, last_two_quarter_ends

CATEGORY_LABELS = {"done": "已完成", "green": "序时推进", "yellow": "进度预警", "red": "逾期未完成",
                   "paused": "暂缓", "cancelled": "已取消", "carried": "已结转"}


def category(task: TaskView) -> str:
    if task.status == Status.CANCELLED:
        return "cancelled"
    if task.status == Status.CARRIED:
        return "carried"
    if task.status == Status.DONE:
        return "done"
    if task.status == Status.SUSPENDED:
        return "paused"
    return task.light


def light_of(task: TaskView) -> str:
    """The light a document shows: 暂缓 is shown as such, never as yellow or red."""
    return "paused" if category(task) == "paused" else task.light


@dataclass(frozen=True)
class Tally(Completion):
    """Completion plus how the rest stand; ``total`` leaves cancelled and carried-over tasks out."""

    green: int = 0
    yellow: int = 0
    red: int = 0
    paused: int = 0
    cancelled: int = 0
    carried: int = 0  # carried over into next year's plan (结转)

    @property
    def in_progress(self) -> int:
        return self.green + self.yellow

    @property
    def open(self) -> int:
        return self.total - self.done


def tally(name: str, tasks: list[TaskView]) -> Tally:
    counts = Counter(category(t) for t in tasks)
    counted = len(tasks) - counts["cancelled"] - counts["carried"]
    return Tally(name, counted, counts["done"], counts["green"], counts["yellow"], counts["red"], counts["paused"],
                 counts["cancelled"], counts["carried"])


def by_area(snapshot: Snapshot) -> list[Tally]:
    groups: dict[str, list[TaskView]] = {}
    for task in snapshot.tasks:
        groups.setdefault(task.area or "（未分领域）", []).append(task)
    return [tally(name, tasks) for name, tasks in groups.items()]


def by_lead_department(snapshot: Snapshot) -> list[Tally]:
    """Best first: completion rate, then fewest red, then most tasks."""
    rows = [tally(d, snapshot.of_dept(d)) for d in snapshot.lead_departments()]
    return sorted((r for r in rows if r.total), key=lambda t: (-t.rate, t.red, -t.total, t.name))


def lagging_two_quarters(snapshot: Snapshot) -> list[TaskView]:
    """连续两个季度滞后 on a snapshot: the rule of :func:`ledger_app.tasks.stats.lagging_two_quarters` (the
    dashboard's list), with the percents the snapshot holds."""
    ends = last_two_quarter_ends(snapshot.as_of)
    lag = snapshot.thresholds.lag_points
    return [t for t in snapshot.tasks if t.status in WATCHED and t.deadline is not None
            and all(behind(t.deadline, t.start_date, snapshot.latest_percent(t.id, end), end, lag) for end in ends)]


def doing_well(rows: list[Tally]) -> list[Tally]:
    """Departments named for good progress: every task done or on schedule, none lagging or overdue."""
    return sorted((r for r in rows if r.total and r.red == 0 and r.yellow == 0 and r.paused < r.total),
                  key=lambda r: (-r.rate, -r.total, r.name))


def lagging_units(rows: list[Tally]) -> list[Tally]:
    """Departments named as lagging: any task overdue."""
    return sorted((r for r in rows if r.red), key=lambda r: (-r.red, r.rate, r.name))
