"""Figures for the dashboard and the bulletins: lights, completion by area and department,
next deadlines, tasks lagging two quarters running. Aggregated in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, case, func, select

from db.session import read_session
from ledger_app.deadlines import end_of_quarter
from ledger_app.lights import Thresholds, expected_percent
from ledger_app.models import Area, Department, DeptRole, ProgressReport, Status, Task, TaskDepartment
from ledger_app.queries import OPEN_STATUSES
from ledger_app.table import light_expression

_DONE = case((Task.status == Status.DONE.value, 1), else_=0)


@dataclass(frozen=True)
class Completion:
    name: str
    total: int
    done: int

    @property
    def rate(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class TaskLine:
    id: int
    code: str
    title: str
    content: str
    deadline: date | None
    status: str
    percent: int


def light_counts(engine: Engine, as_of: date, thresholds: Thresholds, plan_id: int | None = None) -> dict[str, int]:
    light = light_expression(engine, as_of, thresholds)
    stmt = select(light, func.count()).select_from(Task).group_by(light)
    if plan_id is not None:
        stmt = stmt.where(Task.plan_id == plan_id)
    counts = {"red": 0, "yellow": 0, "green": 0, "done": 0, "off": 0}
    with read_session(engine) as session:
        counts.update({k: v for k, v in session.execute(stmt)})
    return counts


def completion_by_area(engine: Engine, plan_id: int | None = None) -> list[Completion]:
    stmt = (select(Area.name, func.count(Task.id), func.sum(_DONE)).join(Task, Task.area_id == Area.id)
            .group_by(Area.id, Area.name, Area.plan_id, Area.position).order_by(Area.plan_id, Area.position))
    if plan_id is not None:
        stmt = stmt.where(Area.plan_id == plan_id)
    with read_session(engine) as session:
        return [Completion(name, total, int(done or 0)) for name, total, done in session.execute(stmt)]


def completion_by_department(engine: Engine, plan_id: int | None = None,
                             role: DeptRole = DeptRole.LEAD) -> list[Completion]:
    """Completion per department (lead role by default), lowest rate first: who needs a push."""
    stmt = (select(Department.name, func.count(Task.id), func.sum(_DONE))
            .join(TaskDepartment, TaskDepartment.department_id == Department.id)
            .join(Task, Task.id == TaskDepartment.task_id)
            .where(TaskDepartment.role == role.value).group_by(Department.id, Department.name))
    if plan_id is not None:
        stmt = stmt.where(Task.plan_id == plan_id)
    with read_session(engine) as session:
        rows = [Completion(name, total, int(done or 0)) for name, total, done in session.execute(stmt)]
    return sorted(rows, key=lambda c: (c.rate, -c.total, c.name))


def _line(task: Task) -> TaskLine:
    return TaskLine(task.id, task.code, task.title, task.content, task.deadline, task.status, task.percent)


def next_deadlines(engine: Engine, as_of: date, limit: int = 10, plan_id: int | None = None) -> list[TaskLine]:
    stmt = (select(Task).where(Task.deadline >= as_of, Task.status.in_(OPEN_STATUSES))
            .order_by(Task.deadline, Task.position).limit(limit))
    if plan_id is not None:
        stmt = stmt.where(Task.plan_id == plan_id)
    with read_session(engine) as session:
        return [_line(t) for t in session.execute(stmt).scalars()]


def last_two_quarter_ends(as_of: date) -> list[date]:
    """Ends of the two most recent quarters completed on or before ``as_of``, older first."""
    ends = []
    year, quarter = as_of.year, (as_of.month - 1) // 3 + 1
    while len(ends) < 2:
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        ends.append(end_of_quarter(year, quarter))
    if end_of_quarter(as_of.year, (as_of.month - 1) // 3 + 1) == as_of:
        ends = [ends[0], as_of]
    return sorted(ends)


def behind_at(deadline: date, start: date | None, reported: int, end: date, lag_points: int) -> bool:
    """Behind schedule at quarter end ``end``: past the deadline, or ``reported`` percent trails
    the share of the start→deadline time elapsed by more than ``lag_points``."""
    if deadline < end:
        return True
    expected = expected_percent(start, deadline, end)
    return expected is not None and expected - reported > lag_points


def lagging_two_quarters(engine: Engine, as_of: date, thresholds: Thresholds,
                         plan_id: int | None = None) -> list[TaskLine]:
    """Open tasks that were behind at the end of each of the last two completed quarters.

    Behind at a quarter end Q means: past the deadline, or the latest progress reported for a
    quarter up to Q (0 % when none) trails the share of the start→deadline time elapsed at Q
    by more than ``thresholds.lag_points``. Tasks without a deadline are never lagging.
    """
    ends = last_two_quarter_ends(as_of)
    columns = (Task.id, Task.code, Task.title, Task.content, Task.deadline, Task.status, Task.percent,
               Task.start_date)
    stmt = select(*columns).where(Task.status.in_(OPEN_STATUSES), Task.deadline.is_not(None))
    if plan_id is not None:
        stmt = stmt.where(Task.plan_id == plan_id)
    # Latest reported percent per task as it stood at each quarter end (0 when none).
    reported: dict[date, dict[int, int]] = {end: {} for end in ends}
    with read_session(engine) as session:
        tasks = session.execute(stmt.order_by(Task.plan_id, Task.position)).all()
        for end in ends:
            key = ProgressReport.year * 10 + ProgressReport.quarter
            limit = end.year * 10 + (end.month - 1) // 3 + 1
            latest = (select(ProgressReport.task_id, func.max(key).label("k")).where(key <= limit)
                      .group_by(ProgressReport.task_id).subquery())
            rows = session.execute(select(ProgressReport.task_id, ProgressReport.percent).join(
                latest, (latest.c.task_id == ProgressReport.task_id) & (latest.c.k == key)))
            reported[end] = {task_id: percent for task_id, percent in rows}

    return [TaskLine(r.id, r.code, r.title, r.content, r.deadline, r.status, r.percent) for r in tasks
            if all(behind_at(r.deadline, r.start_date, reported[end].get(r.id, 0), end, thresholds.lag_points)
                   for end in ends)]
