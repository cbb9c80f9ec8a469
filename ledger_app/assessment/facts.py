"""What the assessment reads of the ledger as of a date: the same rules as ledger_app/periods/snapshot.py
(changes effective after the day rolled back by timeline.py's rule; reports counted by then
(tasks.queries.report_counts); supervision dated by then; a closed quarter's end read from
its frozen snapshot), but only the columns the scoring uses, as
plain rows — the whole snapshot builds every task's full view and light, which costs an annual
assessment of a large ledger ten times a bare GROUP BY of the same rows.

A test keeps the two in step: scoring :func:`take` and scoring ``ledger_as_of`` give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, String, select, type_coerce

from db.plain_rows import plain_rows
from db.session import read_session
from ledger_app.periods.snapshot import Snapshot, revert_field
from ledger_app.store.models import (
    OUTCOME_APPLIED,
    ChangeLog,
    Department,
    DeptRole,
    IssuedDocument,
    Plan,
    ProgressReport,
    Status,
    SupervisionAction,
    Task,
    TaskDepartment,
)
from ledger_app.tasks import timeline
from ledger_app.tasks.queries import TaskQuery, report_counts

# The fields of a task the assessment uses, all of them rolled back like the snapshot's.
_FIELDS = {"title", "content", "category", "status", "deadline", "start_date", "lead_depts", "co_depts"}


@dataclass(slots=True)  # not frozen: made 5,000 at a time, and frozen dataclasses are slow to make
class TaskFacts:
    id: int
    code: str
    title: str
    content: str
    category: str
    status: str
    deadline: date | None
    start_date: date | None
    lead_depts: list[str]
    co_depts: list[str]
    plan: str = ""


@dataclass(frozen=True)
class Facts:
    as_of: date
    tasks: list[TaskFacts]
    filed: dict[int, dict[tuple[int, int], date | None]]  # task id → (year, quarter) → 填报日期 of its report
    supervision: list  # rows with task_id, kind, action_date, doc_no, created_at (in date order)
    documents: list | None = None  # the register of issued documents (bulletins publish; every one dates its 督办)


def _raw(column):  # noqa: ANN001, ANN202
    """A date column as the driver hands it over: SQLite's text is parsed by date.fromisoformat,
    ten times faster than the dialect's regular expression (PostgreSQL gives dates already)."""
    # No type, or String: either way no result processing (the mutant that drops the type changes nothing).
    return type_coerce(column, String)  # pragma: no mutate


def _date(value: object) -> date | None:
    if value.__class__ is str:  # SQLite: "2017-06-30"
        return _from_text(value[:10])
    return value  # None, or a date already  # type: ignore[return-value]


_from_text = date.fromisoformat


class _Days(dict):
    """Each date as the driver gives it, read once: a ledger's deadlines and reports fall on a few hundred
    days (25,000 of them read at 5,000 tasks)."""

    def __missing__(self, value: object) -> date | None:
        day = self[value] = _date(value)
        return day


def take(engine: Engine, as_of: date, plan: str | None = None) -> Facts:
    from ledger_app.periods import closing

    frozen = closing.frozen(engine, as_of, TaskQuery(plan=plan))
    if frozen is not None:  # the end of a closed quarter: what was frozen then, with its 更正
        return _from_snapshot(frozen)
    tasks_stmt = select(Task.id, Task.code, Task.title, Task.content, Task.category, Task.status,
                        _raw(Task.deadline), _raw(Task.start_date), Task.plan_id
                        ).order_by(Task.plan_id, Task.position, Task.id)
    if plan:
        tasks_stmt = tasks_stmt.where(Task.plan_id.in_(select(Plan.id).where(Plan.title == plan)))
    # Core statements on the session's connection: plain rows, without the ORM's result processing.
    with read_session(engine) as orm_session:
        session = orm_session.connection()
        rows = plain_rows(session, tasks_stmt)
        names = dict(session.execute(select(Department.id, Department.name)).all())
        plans = dict(session.execute(select(Plan.id, Plan.title)).all())
        links: dict[int, dict[str, list[tuple[int, str]]]] = {}
        # Unsorted (sorting 10,000 links in the database costs more than sorting each task's two in Python).
        for task_id, role, dept_id, position in plain_rows(session, select(
                TaskDepartment.task_id, TaskDepartment.role, TaskDepartment.department_id, TaskDepartment.position)):
            found = links.get(task_id)
            if found is None:  # not setdefault: its default would be made for every link
                found = links[task_id] = {DeptRole.LEAD: [], DeptRole.CO: []}
            found[role].append((position, names[dept_id]))
        past = timeline.history(orm_session, {row[0] for row in rows}, _FIELDS, as_of)
        reports = plain_rows(session, select(
            ProgressReport.task_id, ProgressReport.year, ProgressReport.quarter, _raw(ProgressReport.report_date))
            .where(report_counts(ProgressReport.effective_on, as_of)))
        actions = session.execute(
            select(SupervisionAction.task_id, SupervisionAction.kind, SupervisionAction.action_date,
                   SupervisionAction.doc_no,
                   # as the driver gives it: only a criticism's is read, and publication._aware parses text
                   _raw(SupervisionAction.created_at).label("created_at"))
            .where(SupervisionAction.action_date <= as_of)
            .order_by(SupervisionAction.action_date, SupervisionAction.id)).all()
        # The whole register: the bulletins publish a 通报批评; every document's 截至日期 says which year its
        # 督办 records belong to (periods.of_year).
        register = session.execute(
            select(IssuedDocument.kind, IssuedDocument.subject, IssuedDocument.as_of, IssuedDocument.issued_at,
                   IssuedDocument.delivered_at, IssuedDocument.doc_no)).all()
    none = {DeptRole.LEAD: [], DeptRole.CO: []}

    def named(task_id: int, role: str) -> list[str]:
        found = links.get(task_id, none)[role]
        if len(found) == 1:  # most tasks have one lead and one co-operating unit: nothing to order
            return [found[0][1]]
        return [name for _position, name in sorted(found)]

    days = _Days()
    tasks = {task_id: TaskFacts(task_id, code, title, content, category, status, days[deadline], days[start],
                                named(task_id, DeptRole.LEAD), named(task_id, DeptRole.CO), plans[plan_id])
             for task_id, code, title, content, category, status, deadline, start, plan_id in rows}
    for (task_id, name), value in past.items():
        tasks[task_id] = revert_field(tasks[task_id], name, value)
    filed: dict[int, dict[tuple[int, int], date | None]] = {}
    for task_id, year, quarter, report_date in reports:
        if task_id in tasks:
            of_task = filed.get(task_id)
            if of_task is None:
                of_task = filed[task_id] = {}
            of_task[(year, quarter)] = days[report_date]
    return Facts(as_of, list(tasks.values()), filed, [a for a in actions if a.task_id in tasks], list(register))


def completion_dates(engine: Engine, as_of: date) -> dict[int, date]:
    """When each task (last) became 已完成, by the 业务日期 of the change, as of ``as_of``."""
    with read_session(engine) as session:
        rows = session.execute(
            select(ChangeLog.task_id, ChangeLog.effective_on)
            .where(ChangeLog.field == "status", ChangeLog.new == Status.DONE.value,
                   ChangeLog.outcome == OUTCOME_APPLIED, ChangeLog.effective_on <= as_of)
            .order_by(ChangeLog.effective_on, ChangeLog.id)).all()
    return dict(rows)  # the latest wins: ordered by 业务日期


def _from_snapshot(snap: Snapshot) -> Facts:
    tasks = [TaskFacts(t.id, t.code, t.title, t.content, t.category, t.status, t.deadline, t.start_date,
                       list(t.lead_depts), list(t.co_depts), t.plan) for t in snap.tasks]
    filed = {task_id: {(r.year, r.quarter): r.report_date for r in reports}
             for task_id, reports in snap.progress.items()}
    return Facts(snap.as_of, tasks, filed, list(snap.supervision), snap.documents)
