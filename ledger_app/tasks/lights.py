"""Warning lights (红/黄/绿灯) and the schedule rule behind them, derived from a task and a day, never stored.

The schedule rule is written once, here, in whole numbers — a task is *behind schedule* on day D when
the share of its start → deadline span elapsed by D exceeds its percent done by more than ``lag_points``:

    elapsed_days · 100 > (percent + lag_points) · span_days

(a task without a start date or deadline, or whose deadline is not after its start, has no schedule).
:func:`lags` is that comparison; it works on Python numbers and on SQL expressions alike, so the SQL twin
(:func:`ledger_app.tasks.table.schedule_clause`) is built by calling this very function. A float form
(``expected − percent > lag``) disagrees with it exactly on the boundary, so nothing decides by floats;
:func:`expected_percent` is only the figure documents print.

No SQLAlchemy here: the window's first page (ledger_app/tasks/first_page.py) paints with
:func:`light_for` before the database layer is loaded.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from ledger_app.store.enums import Status
from ledger_app.store.settings import Thresholds

DEFAULT_THRESHOLDS = Thresholds()
# Statuses whose schedule is watched (lagging two quarters, escalation). 暂缓 is paused by decision, so
# it is not lagging; done, cancelled and carried-over tasks are out of the schedule.
WATCHED = (Status.NOT_STARTED.value, Status.IN_PROGRESS.value)

N = TypeVar("N")  # an int, or a SQL expression


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


def lags(elapsed_days: N, span_days: N, percent: N, lag_points: int) -> N:
    """The schedule rule's comparison, on ints (Python) or on SQL expressions (the SQL twin).

    ``elapsed_days`` need not be clamped to 0…span: before the start it is negative and the rule is
    false, as it is at 0; after the deadline the task is overdue, which every caller decides first."""
    return elapsed_days * 100 > (percent + lag_points) * span_days


def behind_schedule(start: date | None, deadline: date | None, percent: int, day: date, lag_points: int) -> bool:
    """More than ``lag_points`` behind the share of start → deadline elapsed on ``day`` (module rule);
    False for a task without a schedule."""
    if start is None or deadline is None or deadline <= start:
        return False
    return lags((day - start).days, (deadline - start).days, percent, lag_points)


def behind(deadline: date | None, start: date | None, percent: int, day: date, lag_points: int) -> bool:
    """Behind on ``day``: past its deadline (a task due that day is still in time), or behind schedule.

    With the task's percent and today: what 催办 reacts to. With the percent reported for the quarter
    ending on ``day``: behind at that quarter's end (连续两个季度滞后, 通报批评, the 整改通知书)."""
    if deadline is not None and deadline < day:
        return True
    return behind_schedule(start, deadline, percent, day, lag_points)


def expected_percent(start: date | None, deadline: date | None, as_of: date) -> float | None:
    """Share of the time between start and deadline that has elapsed, 0–100: the figure a document
    prints (按时间进度应完成 …%); whether a task is behind is :func:`behind_schedule`'s to say."""
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
    if behind_schedule(start, deadline, percent, as_of, thresholds.lag_points):
        return Light.YELLOW
    return Light.GREEN
