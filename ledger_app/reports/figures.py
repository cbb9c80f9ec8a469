"""Counts shared by the bulletin and the annual report, computed from a snapshot."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ledger_app.queries import OPEN_STATUSES, TaskView
from ledger_app.reports.snapshot import Snapshot
from ledger_app.stats import Completion, behind_at, last_two_quarter_ends


@dataclass(frozen=True)
class Tally(Completion):
    """Completion plus how the rest of the tasks stand."""

    green: int = 0
    yellow: int = 0
    red: int = 0


def tally(name: str, tasks: list[TaskView]) -> Tally:
    lights = Counter(t.light for t in tasks)
    return Tally(name, len(tasks), lights["done"], lights["green"], lights["yellow"], lights["red"])


def by_area(snapshot: Snapshot) -> list[Tally]:
    groups: dict[str, list[TaskView]] = {}
    for task in snapshot.tasks:
        groups.setdefault(task.area or "（未分领域）", []).append(task)
    return [tally(name, tasks) for name, tasks in groups.items()]


def by_lead_department(snapshot: Snapshot) -> list[Tally]:
    return sorted((tally(d, snapshot.of_dept(d)) for d in snapshot.lead_departments()),
                  key=lambda t: (t.rate, -t.total, t.name))


def lagging_two_quarters(snapshot: Snapshot) -> list[TaskView]:
    """Open tasks behind at both of the last two quarter ends (see ledger_app.stats for the rule)."""
    ends = last_two_quarter_ends(snapshot.as_of)
    lag = snapshot.thresholds.lag_points
    return [t for t in snapshot.tasks if t.status in OPEN_STATUSES and t.deadline is not None
            and all(behind_at(t.deadline, t.start_date, snapshot.latest_percent(t.id, end), end, lag) for end in ends)]
