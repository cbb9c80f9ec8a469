"""Warning lights (红/黄/绿灯): derived from a task and a date, never stored."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ledger_app.store.enums import Status
from ledger_app.store.settings import Thresholds

DEFAULT_THRESHOLDS = Thresholds()


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    DONE = "done"
    # Cancelled tasks are out of the schedule: no light at all.
    OFF = "off"
    # 待销号: an open task its unit has claimed finished (申请销号), waiting for the office to check
    # the evidence; the office's move, whatever the schedule says (ledger_app/tasks/closure.py).
    PENDING = "pending"


def expected_percent(start: date | None, deadline: date | None, as_of: date) -> float | None:
    """Share of the time between start and deadline that has elapsed, 0–100."""
    if start is None or deadline is None or deadline <= start:
        return None
    elapsed = (as_of - start).days / (deadline - start).days * 100
    return max(0.0, min(100.0, elapsed))


def light_for(
    status: str,
    percent: int,
    deadline: date | None,
    start: date | None,
    as_of: date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    pending: bool = False,
) -> Light:
    """``pending``: the task has a claim open on ``as_of`` (ledger_app/tasks/closure.py)."""
    if status == Status.DONE:
        return Light.DONE
    if status in (Status.CANCELLED, Status.CARRIED):
        return Light.OFF
    if pending:
        return Light.PENDING
    if deadline is not None and deadline < as_of:
        return Light.RED
    if deadline is not None and (deadline - as_of).days <= thresholds.due_days:
        return Light.YELLOW
    expected = expected_percent(start, deadline, as_of)
    if expected is not None and expected - percent > thresholds.lag_points:
        return Light.YELLOW
    return Light.GREEN
