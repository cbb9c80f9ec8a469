"""The task table behind the window: ids filtered and sorted in the database,
rows fetched a page at a time, the warning light computed in SQL.

Built for 100,000 tasks: nothing per row is materialised up front except its id.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.types import Float

from db.interrupt import Stop, Stopped
from db.session import read_session
from ledger_app.store.models import Area, Department, DeptRole, Status, Task, TaskDepartment
from ledger_app.tasks.closure import pending_expression
from ledger_app.tasks.lights import Light, Thresholds, lags
from ledger_app.tasks.queries import TaskQuery, apply_filters, latest_progress, latest_progress_column
from ledger_app.tasks.rows import COLUMNS, PAGE, Row, blank_row, responsible
from ledger_app.tasks.timeline import CURRENT, TaskColumns, task_columns

# Stop and Stopped: the window stops a query it no longer wants (it may not import db itself).
__all__ = ["COLUMNS", "PAGE", "Refresh", "Row", "Stop", "Stopped", "TaskTable", "behind_clause", "days_between",
           "light_expression", "schedule_clause"]

_MAX_PAGES = 64


def days_between(engine: Engine, later: ColumnElement, earlier: ColumnElement) -> ColumnElement:
    """Days from ``earlier`` to ``later`` in SQL, on SQLite and PostgreSQL alike."""
    if engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return cast(later - earlier, Float)  # PostgreSQL: date - date is a day count


def schedule_clause(engine: Engine, start: ColumnElement, deadline: ColumnElement, percent: ColumnElement,
                    day: date, lag_points: int) -> ColumnElement:
    """SQL twin of :func:`ledger_app.tasks.lights.behind_schedule`, built from its very comparison
    (:func:`ledger_app.tasks.lights.lags`) on the day counts: the one place the rule is put into SQL."""
    elapsed, span = days_between(engine, literal(day), start), days_between(engine, deadline, start)
    return and_(start.is_not(None), deadline > start, lags(elapsed, span, percent, lag_points))


def behind_clause(engine: Engine, start: ColumnElement, deadline: ColumnElement, percent: ColumnElement,
                  day: date, lag_points: int) -> ColumnElement:
    """SQL twin of :func:`ledger_app.tasks.lights.behind`: overdue on ``day``, or behind schedule."""
    return or_(deadline < literal(day), schedule_clause(engine, start, deadline, percent, day, lag_points))


def light_expression(engine: Engine, as_of: date, thresholds: Thresholds,
                     cols: TaskColumns = CURRENT) -> ColumnElement:
    """SQL twin of :func:`ledger_app.tasks.lights.light_for` (tests/test_one_rule.py runs both over the
    same boundary rows); ``cols``: the task's fields as of ``as_of`` (timeline.task_columns). 待销号 is an
    open claim on that day."""
    if cols.changed is not None:
        # A past day: the light names each dated field up to seven times, and each name of a field
        # looks the task up among those changed since. Most tasks were not: one look-up tells, and
        # theirs is the light of their own columns (same rule, same values; issue 27).
        return case((cols.changed, _light(engine, as_of, thresholds, cols)),
                    else_=_light(engine, as_of, thresholds, CURRENT))
    return _light(engine, as_of, thresholds, cols)


def _light(engine: Engine, as_of: date, thresholds: Thresholds, cols: TaskColumns) -> ColumnElement:
    as_of_lit = literal(as_of)
    return case(
        (cols.status == Status.DONE.value, Light.DONE.value),
        (cols.status.in_((Status.CANCELLED.value, Status.CARRIED.value)), Light.OFF.value),
        (pending_expression(Task.id, as_of), Light.PENDING.value),
        (cols.deadline < as_of_lit, Light.RED.value),
        (cols.deadline <= literal(as_of + timedelta(days=thresholds.due_days)), Light.YELLOW.value),
        (schedule_clause(engine, cols.start_date, cols.deadline, cols.percent, as_of, thresholds.lag_points),
         Light.YELLOW.value),
        else_=Light.GREEN.value,
    )


def _first_dept(role: DeptRole) -> ColumnElement:
    return (
        select(Department.name)
        .join(TaskDepartment, TaskDepartment.department_id == Department.id)
        .where(TaskDepartment.task_id == Task.id, TaskDepartment.role == role.value)
        .order_by(TaskDepartment.position)
        .limit(1)
        .scalar_subquery()
    )


_LIGHT_ORDER = {Light.RED.value: 0, Light.YELLOW.value: 1, Light.PENDING.value: 2, Light.GREEN.value: 3,
                Light.DONE.value: 4, Light.OFF.value: 5}


@dataclass(frozen=True)
class Refresh:
    """What the window shows of the ledger after an edit, read in one go."""

    rows: dict[int, Row]
    counts: dict[str, int] | None


class TaskTable:
    """Filter and sort in SQL, then serve rows by position with a small page cache."""

    def __init__(self, engine: Engine, thresholds: Thresholds | None = None) -> None:
        self.engine = engine
        self.thresholds = thresholds or Thresholds()
        self.ids: list[int] = []
        self.query = TaskQuery()
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()

    def sort_key(self, column: str, light: ColumnElement, cols: TaskColumns = CURRENT,
                 as_of: date | None = None) -> ColumnElement:
        if column == "code":
            return func.length(Task.code) * 1_000_000  # combined with Task.code below: natural order
        return {
            "light": case(*((light == k, v) for k, v in _LIGHT_ORDER.items()), else_=9),
            "area": Area.position,
            "title": Task.title,
            "content": Task.content,
            "lead": _first_dept(DeptRole.LEAD),
            "co": _first_dept(DeptRole.CO),
            "leader": Task.leader,
            "deadline": cols.deadline,
            "status": cols.status,
            "percent": cols.percent,
            "latest": latest_progress_column(as_of or date.today()),
        }.get(column, Task.position)

    def find_ids(self, query: TaskQuery, sort: str = "", descending: bool = False,
                 limit: int | None = None, stop: Stop | None = None) -> list[int]:
        """Ids of the tasks matching ``query`` in display order (the first ``limit`` of them).
        Safe to call from a worker thread; ``stop`` lets another thread stop it (:class:`Stopped`)."""
        with self.engine.connect() as conn, _watching(stop, conn):
            return self._find_ids(conn, query, sort, descending, limit)

    def _find_ids(self, conn: Connection, query: TaskQuery, sort: str, descending: bool,
                  limit: int | None, cols: TaskColumns | None = None) -> list[int]:
        cols = cols or task_columns(conn, query.as_of)
        light = light_expression(self.engine, query.as_of, self.thresholds, cols)
        stmt = select(Task.id)
        if sort == "area":
            stmt = stmt.outerjoin(Area, Area.id == Task.area_id)
        stmt = apply_filters(stmt, query, cols)
        if query.light:
            stmt = stmt.where(light == query.light)
        return self._ids(conn, stmt, cols, light, sort, descending, limit, query.as_of)

    def _ids(self, conn, stmt, cols: TaskColumns, light: ColumnElement, sort: str,  # noqa: ANN001
             descending: bool, limit: int | None, as_of: date) -> list[int]:
        keys = [Task.plan_id, Task.position, Task.id]
        if sort:
            key = self.sort_key(sort, light, cols, as_of)
            # SQLite's NULL order on every database: blanks first going up, last going down.
            keys = [key.desc().nulls_last() if descending else key.asc().nulls_first()]
            if sort == "code":
                keys.append(Task.code.desc() if descending else Task.code)
            keys += [Task.plan_id, Task.position, Task.id]
        stmt = stmt.order_by(*keys)
        if limit is not None:
            stmt = stmt.limit(limit)
        if conn.dialect.name == "sqlite" and limit is None:
            # The whole list as one text, in the sub-query's order (SQLite never flattens an ordered
            # sub-query into an aggregate): Python's sqlite3 gives up and takes back the GIL for every
            # row it steps, so 100,000 rows, each waiting for a busy thread to let go (the day's
            # reminders, the window), took 2-3 times as long as one step that returns them all.
            ordered = stmt.subquery()
            text = conn.execute(select(func.group_concat(ordered.c.id))).scalar()
            return list(map(int, text.split(","))) if text else []
        result = conn.execute(stmt)
        # Plain integers need no type processing: read the driver's cursor directly,
        # which halves the cost of listing 100,000 ids.
        return [row[0] for row in result.cursor.fetchall()]

    def load(self, query: TaskQuery, sort: str = "", descending: bool = False,
             limit: int | None = None, stop: Stop | None = None) -> tuple[list[int], list[Row]]:
        """Ids in display order (the first ``limit``) plus the rows of the first page, ready
        to paint, on one connection. Safe to call from a worker thread, so the window's first
        paint does no database work; ``stop`` lets another thread stop it (:class:`Stopped`)."""
        with self.engine.connect() as conn, _watching(stop, conn):
            cols = task_columns(conn, query.as_of)  # asked once for both
            ids = self._find_ids(conn, query, sort, descending, limit, cols)
            if stop is not None:
                stop.check()
            return ids, self._fetch(ids[:PAGE], query.as_of, conn, cols)

    def extend(self, ids: list[int]) -> None:
        """The whole list, after a first page shown alone: ``ids`` starts with the ids shown."""
        self.ids = ids

    def reset(self, query: TaskQuery, ids: list[int], first_page: list[Row] | None = None) -> None:
        self.query, self.ids = query, ids
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page

    def invalidate(self) -> None:
        """Forget cached rows (after an edit); ids and order stay."""
        self._pages.clear()

    def row(self, position: int) -> Row:
        page = position // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(self.ids[page * PAGE : (page + 1) * PAGE], self.query.as_of)
            self._pages[page] = rows
            if len(self._pages) > _MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[position - page * PAGE]

    def position_of(self, task_id: int) -> int | None:
        try:
            return self.ids.index(task_id)
        except ValueError:
            return None

    def replace(self, rows: dict[int, Row]) -> list[int]:
        """Put fresh rows (read after an edit) in place of the cached ones; returns their positions."""
        positions = []
        for page, cached in self._pages.items():
            for offset, row in enumerate(cached):
                if row.id in rows:
                    cached[offset] = rows[row.id]
                    positions.append(page * PAGE + offset)
        return positions

    def refresh(self, ids: list[int], query: TaskQuery | None) -> Refresh:
        """After an edit, in one read transaction: the edited rows as the table shows them, and the
        light counts of ``query`` (the status bar's), so the window asks nothing else."""
        with read_session(self.engine) as session:
            cols = task_columns(session, self.query.as_of)
            rows = {row.id: row for row in self._fetch(ids, self.query.as_of, session, cols)}
            if query is not None and query.as_of != self.query.as_of:
                cols = task_columns(session, query.as_of)
            counts = self._light_counts(query, session, cols) if query is not None else None
        return Refresh(rows, counts)

    def _fetch(self, ids: list[int], as_of: date, session: Session | Connection | None = None,
               cols: TaskColumns | None = None) -> list[Row]:
        if not ids:
            return []
        if session is None:
            with read_session(self.engine) as session:
                return self._fetch(ids, as_of, session)
        cols = cols or task_columns(session, as_of)
        light = light_expression(self.engine, as_of, self.thresholds, cols)
        stmt = (
            select(Task.id, Task.code, light, Area.name, Task.title, Task.content, Task.leader, cols.deadline,
                   cols.deadline_text, cols.status, cols.percent, Task.measures, Task.version, Task.lead_groups,
                   Task.co_groups)
            .outerjoin(Area, Area.id == Task.area_id)
            .where(Task.id.in_(ids))
        )
        found = {r[0]: r for r in session.execute(stmt)}
        conn = session if isinstance(session, Connection) else session.connection()
        latest = latest_progress(conn, lambda column: column.in_(ids), as_of)
        depts: dict[tuple[int, str], list[str]] = {}
        for task_id, role, name in session.execute(
            select(TaskDepartment.task_id, TaskDepartment.role, Department.name)
            .join(Department, Department.id == TaskDepartment.department_id)
            .where(TaskDepartment.task_id.in_(ids))
            .order_by(TaskDepartment.position)
        ):
            depts.setdefault((task_id, role), []).append(name)
        rows = []
        for task_id in ids:
            r = found.get(task_id)
            if r is None:  # deleted since the ids were read: show an empty line until the next reload
                rows.append(blank_row(task_id))
                continue
            rows.append(Row(r[0], r[1], r[2], r[3] or "", r[4], r[5],
                            responsible(depts.get((task_id, "lead"), []), r[13]),
                            responsible(depts.get((task_id, "co"), []), r[14]), r[6], r[7], r[8], r[9], r[10],
                            latest.get(task_id, ""), r[11], r[12]))
        return rows

    def light_counts(self, query: TaskQuery, stop: Stop | None = None) -> dict[str, int]:
        """How many tasks matching ``query`` (light filter ignored) show each light; ``stop`` as
        for :meth:`load`."""
        with self.engine.connect() as conn, _watching(stop, conn):
            return self._light_counts(query, conn)

    def _light_counts(self, query: TaskQuery, session: Session | Connection,
                      cols: TaskColumns | None = None) -> dict[str, int]:
        cols = cols or task_columns(session, query.as_of)
        light = light_expression(self.engine, query.as_of, self.thresholds, cols)
        stmt = apply_filters(select(light, func.count()).select_from(Task), replace(query, light=None), cols)
        counts = {light.value: 0 for light in Light}
        counts.update({k: v for k, v in session.execute(stmt.group_by(light))})
        return counts


def _watching(stop: Stop | None, conn: Connection) -> AbstractContextManager[object]:
    return stop.watching(conn) if stop is not None else nullcontext()
