"""Figures for the dashboard and the bulletins: lights, completion by area and department,
next deadlines, tasks lagging two quarters running.

Everything is aggregated or filtered in SQL so the dashboard stays quick at 100,000 tasks;
only the handful of rows a view shows are turned into Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Engine, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.session import read_session
from ledger_app.dates.quarters import quarter_ends, quarter_of
from ledger_app.store.models import Area, Department, DeptRole, ProgressReport, Status, Task, TaskDepartment
from ledger_app.tasks.lights import WATCHED, Light, Thresholds
from ledger_app.tasks.queries import OPEN_STATUSES, report_counts
from ledger_app.tasks.table import behind_clause, light_expression
from ledger_app.tasks.timeline import TaskColumns, task_columns


def _done(cols: TaskColumns) -> ColumnElement:
    return case((cols.status == Status.DONE.value, 1), else_=0)


def _counted(cols: TaskColumns) -> ColumnElement:
    # Cancelled and carried-over tasks are out of the schedule (no light): they count neither as
    # done nor as to do.
    return cols.status.not_in((Status.CANCELLED.value, Status.CARRIED.value))


@dataclass(frozen=True)
class Completion:
    """Tasks and completed tasks of one area or department (cancelled tasks not counted)."""

    name: str  # "" for tasks filed under no area
    total: int
    done: int

    @property
    def rate(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class TaskLine:
    """One task as the dashboard lists it."""

    id: int
    code: str
    title: str
    content: str
    lead: str  # lead departments joined with 、
    deadline: date | None
    status: str
    percent: int
    light: str


def light_counts(engine: Engine, as_of: date, thresholds: Thresholds, plan_id: int | None = None) -> dict[str, int]:
    """Number of tasks showing each light (red, yellow, green, done, off) on ``as_of``."""
    with read_session(engine) as session:
        light = light_expression(engine, as_of, thresholds, task_columns(session, as_of))
        stmt = _in_plan(select(light, func.count()).select_from(Task), plan_id).group_by(light)
        counts = {light.value: 0 for light in Light}
        counts.update({k: v for k, v in session.execute(stmt)})
    return counts


def completion_by_area(engine: Engine, plan_id: int | None = None, as_of: date | None = None) -> list[Completion]:
    """Completion per area in ledger order (as of ``as_of``; default now); tasks under no area
    come last as name "".

    Over all plans, areas of the same name (the same 领域 in two years' plans) are one row.
    """
    no_area = case((Area.id.is_(None), 1), else_=0)
    with read_session(engine) as session:
        cols = task_columns(session, as_of)
        stmt = (select(func.coalesce(Area.name, ""), func.count(Task.id), func.sum(_done(cols))).select_from(Task)
                .outerjoin(Area, Area.id == Task.area_id).where(_counted(cols))
                .group_by(Area.name)
                .order_by(func.max(no_area), func.min(Area.plan_id), func.min(Area.position)))
        return [Completion(name, total, int(done or 0))
                for name, total, done in session.execute(_in_plan(stmt, plan_id))]


def completion_by_department(engine: Engine, plan_id: int | None = None,
                             role: DeptRole = DeptRole.LEAD, as_of: date | None = None) -> list[Completion]:
    """Completion per department (lead role by default), lowest rate first: who needs a push.
    Ties: more tasks first, then by name."""
    with read_session(engine) as session:
        cols = task_columns(session, as_of)
        stmt = (select(Department.name, func.count(Task.id), func.sum(_done(cols)))
                .join(TaskDepartment, TaskDepartment.department_id == Department.id)
                .join(Task, Task.id == TaskDepartment.task_id)
                .where(TaskDepartment.role == role.value, _counted(cols)).group_by(Department.id, Department.name))
        rows = [Completion(name, total, int(done or 0))
                for name, total, done in session.execute(_in_plan(stmt, plan_id))]
    return sorted(rows, key=lambda c: (c.rate, -c.total, c.name))


def next_deadlines(engine: Engine, as_of: date, limit: int = 10, plan_id: int | None = None,
                   thresholds: Thresholds | None = None) -> list[TaskLine]:
    """Open (not done, not cancelled) tasks due on or after ``as_of``, soonest first."""
    with read_session(engine) as session:
        cols = task_columns(session, as_of)
        stmt = (_line_select(engine, as_of, thresholds, cols)
                .where(cols.deadline >= as_of, cols.status.in_(OPEN_STATUSES))
                .order_by(cols.deadline, Task.plan_id, Task.position).limit(limit))
        return _lines(session, _in_plan(stmt, plan_id))


# ----- lagging two quarters -------------------------------------------------------------

def last_two_quarter_ends(as_of: date) -> list[date]:
    """Ends of the two most recent quarters completed on or before ``as_of``, older first."""
    return quarter_ends(as_of, 2)


def lagging_two_quarters(engine: Engine, as_of: date, thresholds: Thresholds, plan_id: int | None = None,
                         limit: int | None = None) -> list[TaskLine]:
    """Tasks behind at the end of each of the last two completed quarters: 连续两个季度滞后, the rule the
    dashboard lists and the bulletin prints (periods.tally.lagging_two_quarters, the same rule on a snapshot).

    The quarters are those of :func:`last_two_quarter_ends` (on 2017-10-15: 2017-06-30 and
    2017-09-30). Only tasks 未启动 or 推进中 as of ``as_of`` count (``lights.WATCHED``: a 暂缓 task is
    paused by decision, not lagging). A task is behind at a quarter end Q (:func:`ledger_app.tasks.lights.behind`,
    in SQL :func:`ledger_app.tasks.table.behind_clause`) when its deadline is before Q, or when its
    *reported percent* at Q — that of its latest quarterly report for a quarter up to and including Q,
    0 when there is none (the task's own percent field is not used) — is behind schedule at Q
    (:func:`ledger_app.tasks.lights.behind_schedule`).

    Tasks without a deadline ("持续推进") are never lagging. Ledger order; at most ``limit``.
    """
    with read_session(engine) as session:
        cols = task_columns(session, as_of)
        stmt = (_line_select(engine, as_of, thresholds, cols)
                .where(*_lagging_conditions(engine, as_of, thresholds, cols))
                .order_by(Task.plan_id, Task.position, Task.id).limit(limit))
        return _lines(session, _in_plan(stmt, plan_id))


def count_lagging_two_quarters(engine: Engine, as_of: date, thresholds: Thresholds,
                               plan_id: int | None = None) -> int:
    """How many tasks :func:`lagging_two_quarters` would list without a limit."""
    with read_session(engine) as session:
        cols = task_columns(session, as_of)
        stmt = select(func.count()).select_from(Task).where(*_lagging_conditions(engine, as_of, thresholds, cols))
        return session.execute(_in_plan(stmt, plan_id)).scalar_one()


def _lagging_conditions(engine: Engine, as_of: date, thresholds: Thresholds,
                        cols: TaskColumns) -> list[ColumnElement]:
    conditions = [cols.status.in_(WATCHED), cols.deadline.is_not(None)]
    for end in last_two_quarter_ends(as_of):
        conditions.append(behind_clause(engine, cols.start_date, cols.deadline, _reported_at(end, as_of), end,
                                        thresholds.lag_points))
    return conditions


def _reported_at(end: date, as_of: date) -> ColumnElement:
    """Percent of the task's latest progress report for a quarter up to ``end`` (0 if none), among
    those counted as of ``as_of`` (queries.report_counts); periods.snapshot.Snapshot.latest_percent is
    the same on a snapshot. Correlated, but served by the (task_id, year, quarter) unique index."""
    year, quarter = quarter_of(end)
    up_to_end = or_(ProgressReport.year < year, and_(ProgressReport.year == year, ProgressReport.quarter <= quarter))
    latest = (select(ProgressReport.percent).where(ProgressReport.task_id == Task.id, up_to_end,
                                                   report_counts(ProgressReport.effective_on, as_of))
              .order_by(ProgressReport.year.desc(), ProgressReport.quarter.desc()).limit(1).scalar_subquery())
    return func.coalesce(latest, 0)


# ----- helpers ---------------------------------------------------------------------------

def _in_plan(stmt: Select, plan_id: int | None) -> Select:
    return stmt if plan_id is None else stmt.where(Task.plan_id == plan_id)


def _line_select(engine: Engine, as_of: date, thresholds: Thresholds | None, cols: TaskColumns) -> Select:
    light = light_expression(engine, as_of, thresholds or Thresholds(), cols)
    return select(Task.id, Task.code, Task.title, Task.content, cols.deadline, cols.status, cols.percent, light)


def _lines(session: Session, stmt: Select) -> list[TaskLine]:
    rows = session.execute(stmt).all()
    lead: dict[int, list[str]] = {}
    for start in range(0, len(rows), 500):  # stay under SQLite's bound-parameter limit
        ids = [r[0] for r in rows[start : start + 500]]
        for task_id, name in session.execute(
            select(TaskDepartment.task_id, Department.name)
            .join(Department, Department.id == TaskDepartment.department_id)
            .where(TaskDepartment.task_id.in_(ids), TaskDepartment.role == DeptRole.LEAD.value)
            .order_by(TaskDepartment.position)
        ):
            lead.setdefault(task_id, []).append(name)
    return [TaskLine(r[0], r[1], r[2], r[3], "、".join(lead.get(r[0], [])), r[4], r[5], r[6], r[7]) for r in rows]
