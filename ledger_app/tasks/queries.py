"""Reading the ledger: task rows with their departments, latest progress and light."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, Select, and_, func, literal, or_, select

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store import schema
from ledger_app.store.enums import DeptRole, Status
from ledger_app.tasks.closure import pending_expression
from ledger_app.tasks.departments import normalise_name
from ledger_app.tasks.groups import DEFAULT, read_rule
from ledger_app.tasks.lights import Light, Thresholds, light_for
from ledger_app.tasks.timeline import CURRENT, TaskColumns, task_columns

# Core tables, not the ORM classes: listing tasks (the command line's ``list``) loads no ORM.
Task, Plan, Area, Department, TaskDepartment, ProgressReport = (
    schema.task.c, schema.plan.c, schema.area.c, schema.department.c, schema.task_department.c,
    schema.progress_report.c)

OPEN_STATUSES = (Status.NOT_STARTED.value, Status.IN_PROGRESS.value, Status.SUSPENDED.value)


@dataclass
class TaskQuery:
    plan: str | None = None
    status: str | None = None
    dept: str | None = None
    area: str | None = None
    search: str | None = None
    light: str | None = None
    overdue: bool = False
    due_within: int | None = None
    as_of: date = field(default_factory=date.today)
    plan_id: int | None = None
    area_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    open_only: bool = False  # hide completed and cancelled tasks
    year: int | None = None  # the plan year (a multi-year plan's year, next year's carried tasks)
    task_ids: list[int] | None = None


@dataclass(frozen=True)
class TaskView:
    id: int
    plan: str
    code: str
    area: str
    title: str
    content: str
    measures: str
    category: str
    lead_depts: list[str]
    co_depts: list[str]
    leader: str
    deadline: date | None
    deadline_text: str
    start_date: date | None
    milestones: list[str]
    status: str
    percent: int
    light: str
    latest_progress: str
    version: int
    # Collective terms (各部门, 相关部门…) written with the lead / co-operating departments:
    # not departments (no page or form of their own), but part of what the task says.
    lead_groups: list[str] = field(default_factory=list)
    co_groups: list[str] = field(default_factory=list)
    note: str = ""  # 备注
    year: int | None = None  # the plan year the task belongs to
    carried_from: int | None = None  # the earlier year's task it carries on (结转)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("deadline", "start_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


MAX_DUE_WITHIN = 36_500  # a hundred years: anything longer is a typing slip
BAD_DUE_WITHIN = "到期天数应在 0 到 {limit} 之间：{days}"
EN.update({BAD_DUE_WITHIN: "the number of days must be between 0 and {limit}: {days}"})


# What a filter may hold: a search word or a name, not a pasted document (SQLite refuses LIKE patterns
# of more than 50,000 bytes, which said "database busy" instead of what was wrong).
MAX_FILTER = 200
FILTER_TOO_LONG = "筛选条件“{field}”过长（{length} 字，上限 {limit} 字）"
NO_DEPARTMENT = "台账中没有名称包含“{value}”的部门"
NO_AREA = "台账中没有名称包含“{value}”的改革领域"
NO_PLAN = "台账中没有名为“{value}”的方案"
_FILTERS = (("search", "搜索"), ("dept", "部门"), ("area", "改革领域"), ("plan", "方案"))
EN.update({
    FILTER_TOO_LONG: "the filter '{field}' is too long ({length} characters; at most {limit})",
    NO_DEPARTMENT: "the ledger has no department whose name contains '{value}'",
    NO_AREA: "the ledger has no reform area whose name contains '{value}'",
    NO_PLAN: "the ledger has no plan named '{value}'",
})


def check_filters(query: TaskQuery) -> None:
    for name, label in _FILTERS:
        text = getattr(query, name)
        if text and len(text) > MAX_FILTER:
            raise LedgerError(FILTER_TOO_LONG, field=label, length=f"{len(text):,}", limit=MAX_FILTER)


def check_names_exist(engine: Engine, query: TaskQuery) -> None:
    """Refuse a department, area or plan the ledger does not hold: a list that came back empty
    because of a typing slip must not read as "no such task"."""
    wanted = [(query.dept, Department.name.like(_like(normalise_name(query.dept or "")), escape="\\"), NO_DEPARTMENT),
              (query.area, Area.name.like(_like(query.area or ""), escape="\\"), NO_AREA),
              (query.plan, Plan.title == query.plan, NO_PLAN)]
    with engine.connect() as conn:
        for value, match, template in wanted:
            if value and conn.execute(select(literal(1)).where(match).limit(1)).first() is None:
                raise LedgerError(template, value=value)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _tasks_of_departments(pattern: str) -> Select:
    # Match the few department names first, then follow the department_id index.
    matching = select(Department.id).where(Department.name.like(pattern, escape="\\"))
    return select(TaskDepartment.task_id).where(TaskDepartment.department_id.in_(matching))


def task_year() -> ColumnElement:
    """The plan year a task belongs to: its own, else its plan's."""
    return func.coalesce(Task.year, select(Plan.year).where(Plan.id == Task.plan_id).scalar_subquery())


def apply_filters(stmt: Select, query: TaskQuery, cols: TaskColumns = CURRENT) -> Select:
    """Add the WHERE clauses of ``query`` (all but the light) to a statement over Task; ``cols``:
    the task's dated fields as of ``query.as_of`` (timeline.task_columns)."""
    check_filters(query)
    if query.task_ids is not None:
        stmt = stmt.where(Task.id.in_(query.task_ids))
    if query.year is not None:
        of_year = select(Plan.id).where(Plan.year == query.year)
        stmt = stmt.where(or_(Task.year == query.year, and_(Task.year.is_(None), Task.plan_id.in_(of_year))))
    if query.plan_id is not None:
        stmt = stmt.where(Task.plan_id == query.plan_id)
    if query.area_id is not None:
        stmt = stmt.where(Task.area_id == query.area_id)
    if query.deadline_from is not None:
        stmt = stmt.where(cols.deadline >= query.deadline_from)
    if query.deadline_to is not None:
        stmt = stmt.where(cols.deadline <= query.deadline_to)
    if query.open_only:
        stmt = stmt.where(cols.status.in_(OPEN_STATUSES))
    # Sub-queries below are uncorrelated (IN …) so the database evaluates each once,
    # not once per task: that keeps a search keystroke fast at 100,000 tasks.
    if query.plan:
        stmt = stmt.where(Task.plan_id.in_(select(Plan.id).where(Plan.title == query.plan)))
    if query.status:
        stmt = stmt.where(cols.status == query.status)
    if query.area:
        stmt = stmt.where(Task.area_id.in_(select(Area.id).where(Area.name.like(_like(query.area), escape="\\"))))
    if query.dept:
        stmt = stmt.where(Task.id.in_(_tasks_of_departments(_like(normalise_name(query.dept)))))
    if query.search:
        pattern = _like(query.search.strip())
        stmt = stmt.where(
            or_(
                Task.code == query.search.strip(),
                Task.title.like(pattern, escape="\\"),
                Task.content.like(pattern, escape="\\"),
                Task.measures.like(pattern, escape="\\"),
                Task.lead_groups.like(pattern, escape="\\"),
                Task.co_groups.like(pattern, escape="\\"),
                Task.note.like(pattern, escape="\\"),
                Task.id.in_(_tasks_of_departments(pattern)),
                Task.id.in_(
                    select(ProgressReport.task_id).where(
                        or_(
                            ProgressReport.done.like(pattern, escape="\\"),
                            ProgressReport.problems.like(pattern, escape="\\"),
                            ProgressReport.next_steps.like(pattern, escape="\\"),
                        )
                    )
                ),
            )
        )
    if query.overdue:
        stmt = stmt.where(cols.deadline < query.as_of, cols.status.in_(OPEN_STATUSES))
    if query.due_within is not None:
        if not 0 <= query.due_within <= MAX_DUE_WITHIN:
            raise LedgerError(BAD_DUE_WITHIN, days=query.due_within, limit=MAX_DUE_WITHIN)
        last = date.max if date.max - query.as_of < timedelta(days=query.due_within) \
            else query.as_of + timedelta(days=query.due_within)
        stmt = stmt.where(
            and_(cols.deadline >= query.as_of, cols.deadline <= last),
            cols.status.in_(OPEN_STATUSES),
        )
    return stmt


# Builds the WHERE clause "this task-id column is one of the matches".
Matching = Callable[[ColumnElement], ColumnElement[bool]]


def _departments(conn: Connection, matching: Matching) -> dict[int, dict[str, list[str]]]:
    """Lead and co-operating departments of the matching tasks, in one query."""
    result: dict[int, dict[str, list[str]]] = defaultdict(lambda: {DeptRole.LEAD: [], DeptRole.CO: []})
    rows = conn.execute(
        select(TaskDepartment.task_id, TaskDepartment.role, Department.name)
        .join(schema.department, Department.id == TaskDepartment.department_id)
        .where(matching(TaskDepartment.task_id))
        .order_by(TaskDepartment.task_id, TaskDepartment.position)
    )
    for task_id, role, name in rows:
        result[task_id][role].append(name)
    return result


# ----- the latest progress as of a day (最新进展) --------------------------------------------------
# The one definition: a quarterly report counts as of day D once its 业务日期 has come (effective_on ≤ D),
# whether or not its quarter has ended — while a quarter runs its report takes effect on the day it is
# typed, so it is what was known that day — and the latest progress is the counted report of the latest
# quarter. As of a quarter's end that is exactly the reports of the quarters ended by then (a report
# never takes effect before its quarter begins: records.progress.check). The window's list, its sort,
# its first page (tasks/first_page.py, the same in sqlite3's SQL), the documents' snapshot
# (periods.snapshot), the dashboard's reported percents (tasks.stats) and the assessment
# (assessment.facts) all count reports by :func:`report_counts`.

def report_counts(effective_on, day: date):  # noqa: ANN001, ANN201 - a date or a column; a bool or a clause
    """Whether a report effective on ``effective_on`` counts as of ``day``: in Python on dates, and
    the SQL twin on the column (``report_counts(ProgressReport.effective_on, day)``)."""
    return effective_on <= day


def latest_progress(conn: Connection, matching: Matching, as_of: date) -> dict[int, str]:
    """What the latest report of each matching task counted as of ``as_of`` says was done."""
    rows = conn.execute(
        select(ProgressReport.task_id, ProgressReport.done)
        .where(matching(ProgressReport.task_id), report_counts(ProgressReport.effective_on, as_of))
        .order_by(ProgressReport.task_id, ProgressReport.year, ProgressReport.quarter)
    )
    return {task_id: done for task_id, done in rows}  # later quarters overwrite earlier ones


def latest_progress_column(as_of: date) -> ColumnElement:
    """The same, as a column of a statement over tasks (the window sorts by it)."""
    return (
        select(ProgressReport.done)
        .where(ProgressReport.task_id == Task.id, report_counts(ProgressReport.effective_on, as_of))
        .order_by(ProgressReport.year.desc(), ProgressReport.quarter.desc())
        .limit(1)
        .scalar_subquery()
    )


_DATED = ("status", "percent", "deadline", "deadline_text", "start_date")
# What a TaskView shows: the row's times are never read here, and turning 10,000 of them into aware
# datetimes was a fifth of listing 5,000 tasks.
_COLUMNS = tuple(c for c in schema.task.columns if c.name not in (*_DATED, "created_at", "updated_at"))
# Up to this many matches their ids are listed in the IN (...); beyond it the filter itself
# becomes the sub-query (re-running a search once beats hundreds of chunked IN queries).
_LISTED_IDS = 900


def _matching(ids: list[int], query: TaskQuery, cols: TaskColumns) -> Matching:
    """A clause builder: ``column`` is the id of one of the tasks ``query`` matched."""
    if len(ids) <= _LISTED_IDS:
        return lambda column: column.in_(ids)
    every = apply_filters(select(Task.id), query, cols)
    return lambda column: column.in_(every)


def list_tasks(engine: Engine, query: TaskQuery, thresholds: Thresholds | None = None) -> list[TaskView]:
    """Tasks matching ``query``, in ledger order, with their light as of ``query.as_of``."""
    # Plain rows, not ORM objects, and departments and progress for all matches in one query
    # each: listing 50,000 matches is three queries, not hundreds.
    with engine.connect() as conn:
        # The status, percent and dates as of the query's day (the columns themselves for today).
        cols = task_columns(conn, query.as_of)
        dated = [getattr(cols, name).label(name) for name in _DATED]
        stmt = (
            select(*_COLUMNS, *dated, Plan.title.label("plan_title"),
                   Plan.year.label("plan_year"), Area.name.label("area_name"),
                   pending_expression(Task.id, query.as_of).label("pending"))
            .join(schema.plan, Plan.id == Task.plan_id)
            .outerjoin(schema.area, Area.id == Task.area_id)
        )
        rows = conn.execute(apply_filters(stmt, query, cols).order_by(Plan.id, Task.position, Task.id)).all()
        matching = _matching([row.id for row in rows], query, cols)
        depts = _departments(conn, matching) if rows else {}
        progress = latest_progress(conn, matching, query.as_of) if rows else {}
        # A department row that names a class of units (统称: imported before the ledger's rule knew
        # the word) is listed with the task's classes, so that no document, form or count takes it for a unit.
        groups = read_rule(conn) if depts else DEFAULT
    thresholds = thresholds or Thresholds()
    no_depts = {DeptRole.LEAD: [], DeptRole.CO: []}
    views = []
    for task in rows:
        light = light_for(task.status, task.percent, task.deadline, task.start_date, query.as_of, thresholds,
                          bool(task.pending))
        if query.light and light != query.light:
            continue
        links = depts.get(task.id, no_depts)
        lead, lead_classes = groups.split(links[DeptRole.LEAD])
        co, co_classes = groups.split(links[DeptRole.CO])
        views.append(
            TaskView(
                id=task.id, plan=task.plan_title, code=task.code, area=task.area_name or "", title=task.title,
                content=task.content, measures=task.measures, category=task.category,
                lead_depts=lead, co_depts=co,
                leader=task.leader, deadline=task.deadline, deadline_text=task.deadline_text,
                start_date=task.start_date,
                milestones=[task.milestone_q1, task.milestone_q2, task.milestone_q3, task.milestone_q4],
                status=task.status, percent=task.percent, light=str(Light(light)),
                latest_progress=progress.get(task.id, ""), version=task.version,
                lead_groups=_words(task.lead_groups, lead_classes), co_groups=_words(task.co_groups, co_classes),
                note=task.note,
                year=task.year if task.year is not None else task.plan_year, carried_from=task.carried_from,
            )
        )
    return views


def _words(text: str, more: tuple[str, ...] | list[str] = ()) -> list[str]:
    if not text and not more:  # most tasks name no class of units: 100,000 of them listed, 1 s saved
        return []
    return list(dict.fromkeys([*more, *(w for w in text.split("、") if w)]))


def plan_titles(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(Plan.title).order_by(Plan.id)).scalars())


def find_task_id(engine: Engine, code: str, plan: str | None = None) -> int:
    """The id of the task numbered ``code`` (in ``plan``, required when the code is ambiguous)."""
    stmt = (select(Task.id, Plan.title).select_from(schema.task.join(schema.plan, Plan.id == Task.plan_id))
            .where(Task.code == code.strip()))
    if plan:
        stmt = stmt.where(Plan.title == plan)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    if not rows:
        raise LedgerError("台账中没有编号为“{code}”的任务", code=code)
    if len(rows) > 1:
        raise LedgerError("编号“{code}”在多个方案中存在，请用 --plan 指定：{plans}",
                          code=code, plans="、".join(title for _, title in rows))
    return rows[0][0]
