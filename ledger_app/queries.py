"""Reading the ledger: task rows with their departments, latest progress and light."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine, Select, and_, func, or_, select

from db.session import read_session
from ledger_app.departments import normalise_name
from ledger_app.lights import Light, Thresholds, light_for
from ledger_app.models import Area, Department, DeptRole, Plan, ProgressReport, Status, Task, TaskDepartment

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

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("deadline", "start_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: TaskQuery) -> Select:
    stmt = (
        select(Task, Plan.title, Area.name)
        .join(Plan, Plan.id == Task.plan_id)
        .outerjoin(Area, Area.id == Task.area_id)
    )
    return apply_filters(stmt, query).order_by(Plan.id, Task.position, Task.id)


def _tasks_of_departments(pattern: str) -> Select:
    # Match the few department names first, then follow the department_id index.
    matching = select(Department.id).where(Department.name.like(pattern, escape="\\"))
    return select(TaskDepartment.task_id).where(TaskDepartment.department_id.in_(matching))


def apply_filters(stmt: Select, query: TaskQuery) -> Select:
    """Add the WHERE clauses of ``query`` (all but the light) to a statement over Task."""
    if query.plan_id is not None:
        stmt = stmt.where(Task.plan_id == query.plan_id)
    if query.area_id is not None:
        stmt = stmt.where(Task.area_id == query.area_id)
    if query.deadline_from is not None:
        stmt = stmt.where(Task.deadline >= query.deadline_from)
    if query.deadline_to is not None:
        stmt = stmt.where(Task.deadline <= query.deadline_to)
    if query.open_only:
        stmt = stmt.where(Task.status.in_(OPEN_STATUSES))
    # Sub-queries below are uncorrelated (IN …) so the database evaluates each once,
    # not once per task: that keeps a search keystroke fast at 100,000 tasks.
    if query.plan:
        stmt = stmt.where(Task.plan_id.in_(select(Plan.id).where(Plan.title == query.plan)))
    if query.status:
        stmt = stmt.where(Task.status == query.status)
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
        stmt = stmt.where(Task.deadline < query.as_of, Task.status.in_(OPEN_STATUSES))
    if query.due_within is not None:
        stmt = stmt.where(
            and_(Task.deadline >= query.as_of, Task.deadline <= query.as_of + timedelta(days=query.due_within)),
            Task.status.in_(OPEN_STATUSES),
        )
    return stmt


def _departments(session, task_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    result: dict[int, dict[str, list[str]]] = defaultdict(lambda: {DeptRole.LEAD: [], DeptRole.CO: []})
    for start in range(0, len(task_ids), 500):
        rows = session.execute(
            select(TaskDepartment.task_id, TaskDepartment.role, Department.name)
            .join(Department, Department.id == TaskDepartment.department_id)
            .where(TaskDepartment.task_id.in_(task_ids[start : start + 500]))
            .order_by(TaskDepartment.position)
        )
        for task_id, role, name in rows:
            result[task_id][role].append(name)
    return result


def _latest_progress(session, task_ids: list[int]) -> dict[int, str]:
    latest: dict[int, str] = {}
    for start in range(0, len(task_ids), 500):
        chunk = task_ids[start : start + 500]
        newest = (
            select(ProgressReport.task_id, func.max(ProgressReport.year * 10 + ProgressReport.quarter).label("yq"))
            .where(ProgressReport.task_id.in_(chunk))
            .group_by(ProgressReport.task_id)
            .subquery()
        )
        rows = session.execute(
            select(ProgressReport.task_id, ProgressReport.done).join(
                newest,
                and_(
                    newest.c.task_id == ProgressReport.task_id,
                    newest.c.yq == ProgressReport.year * 10 + ProgressReport.quarter,
                ),
            )
        )
        latest.update({task_id: done for task_id, done in rows})
    return latest


def list_tasks(engine: Engine, query: TaskQuery, thresholds: Thresholds | None = None) -> list[TaskView]:
    """Tasks matching ``query``, in ledger order, with their light as of ``query.as_of``."""
    with read_session(engine) as session:
        rows = session.execute(_filtered(query)).all()
        ids = [task.id for task, _, _ in rows]
        depts = _departments(session, ids)
        progress = _latest_progress(session, ids)
    thresholds = thresholds or Thresholds()
    views = []
    for task, plan, area in rows:
        light = light_for(task.status, task.percent, task.deadline, task.start_date, query.as_of, thresholds)
        if query.light and light != query.light:
            continue
        views.append(
            TaskView(
                id=task.id, plan=plan, code=task.code, area=area or "", title=task.title,
                content=task.content, measures=task.measures, category=task.category,
                lead_depts=list(depts[task.id][DeptRole.LEAD]), co_depts=list(depts[task.id][DeptRole.CO]),
                leader=task.leader, deadline=task.deadline, deadline_text=task.deadline_text,
                start_date=task.start_date,
                milestones=[task.milestone_q1, task.milestone_q2, task.milestone_q3, task.milestone_q4],
                status=task.status, percent=task.percent, light=str(Light(light)),
                latest_progress=progress.get(task.id, ""), version=task.version,
            )
        )
    return views


def plan_titles(engine: Engine) -> list[str]:
    with read_session(engine) as session:
        return list(session.execute(select(Plan.title).order_by(Plan.id)).scalars())
