"""What a carry-over (结转) would do, read without writing: the unfinished tasks of a year that
become tasks of next year's plan, where each goes and under which code (:func:`review`, the list the
clerk checks first), everything the carry-over depends on (:class:`CarryRead`, read again inside its
write to see whether another desk changed any of it), and a task's chain of carried tasks
(:func:`lineage`). The writing is ``ledger_app.periods.carry_over``, run by the operation
``operations.carry_over``; the window and the command line read this module directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, Row, Select, or_, select

from db.session import read_session
from ledger_app.dates.business import closed_quarter_set
from ledger_app.dates.quarters import plan_period
from ledger_app.messages.errors import LedgerError
from ledger_app.store import schema
from ledger_app.store.limits import check_year
from ledger_app.store.models import Plan, Task
from ledger_app.tasks import timeline
from ledger_app.tasks.groups import DEFAULT, GroupRule, read_rule
from ledger_app.tasks.queries import OPEN_STATUSES

_task, _plan, _area = schema.task.c, schema.plan.c, schema.area.c


@dataclass(frozen=True)
class CarryItem:
    """One unfinished task and where it goes."""

    task_id: int
    code: str
    title: str
    plan: str
    status: str
    percent: int
    target_plan: str
    new_code: str
    new_plan: bool  # the next year's plan is made by the carry-over


@dataclass(frozen=True)
class Lineage:
    """A task's place in a chain of carried-over tasks: where it came from, where it went."""

    origins: list[tuple[int, str, str, int | None]]  # (id, code, plan, year), the nearest first
    successors: list[tuple[int, str, str, int | None]]


def _year_of(task: Task, plan: Plan) -> int | None:
    return task.year if task.year is not None else plan.year


def _next_title(plan: Row, from_year: int, to_year: int) -> str:
    if str(from_year) in plan.title:
        return plan.title.replace(str(from_year), str(to_year))
    return f"{plan.title}（{to_year}年）"


def check_years(from_year: int, to_year: int) -> None:
    check_year(from_year)
    check_year(to_year)
    if to_year <= from_year:
        raise LedgerError("结转的目标年度（{to}）应晚于原年度（{source}）", to=to_year, source=from_year)


@dataclass
class CarryRead:
    """Everything the carry-over of a year depends on, read in one go; read again inside the write
    and compared, to know whether another desk changed any of it in between."""

    tasks: list[Row]  # the unfinished tasks not carried over yet, in the order they are carried
    plans: dict[int, Row]  # their plans and next year's plans that exist, by id
    targets: dict[int, tuple[int | None, str]]  # plan → (next year's plan, None: to be made; its title)
    codes: dict[int, set[str]]  # next year's existing plans → their tasks' codes
    positions: dict[int, int]  # → the largest position of their tasks
    areas: dict[int, Row] | None = None  # the areas of all those plans, by id
    links: dict[int, dict[str, list[str]]] | None = None  # task → role → its departments, in order
    status_then: dict[int, object] | None = None  # tasks whose status changes after 1 January: it then
    closed: set[tuple[int, int]] | None = None  # the closed quarters
    groups: GroupRule = DEFAULT  # the ledger's rule for classes of units (统称): the carried tasks split by it


def read_candidates(conn: Connection, from_year: int, to_year: int, plan: str | None, *, whole: bool = True,
          lock: bool = False) -> CarryRead:
    """What :func:`review` needs (``whole``: and :func:`carry_over`); ``lock``: row-lock the tasks."""
    carried = select(_task.carried_from).where(_task.carried_from.is_not(None))
    candidates = (select(schema.task).join(schema.plan, _plan.id == _task.plan_id)
                  .where(_task.status.in_(OPEN_STATUSES), _task.id.not_in(carried),
                         or_(_task.year == from_year, (_task.year.is_(None)) & (_plan.year == from_year))))
    if plan:
        candidates = candidates.where(_plan.title == plan)
    stmt = candidates.order_by(_plan.id, _task.position, _task.id)
    tasks = conn.execute(stmt.with_for_update(of=schema.task) if lock else stmt).all()
    origins = list(dict.fromkeys(t.plan_id for t in tasks))
    plans = {p.id: p for p in conn.execute(select(schema.plan).where(_plan.id.in_(origins)))} if origins else {}
    targets: dict[int, tuple[int | None, str]] = {}
    for plan_id in origins:
        period = plan_period(plans[plan_id])
        if period and period[0] <= to_year <= period[1]:
            targets[plan_id] = (plan_id, plans[plan_id].title)
        else:
            targets[plan_id] = (None, _next_title(plans[plan_id], from_year, to_year))
    titles = {title for target, title in targets.values() if target is None}
    if titles:
        found = {p.title: p for p in conn.execute(select(schema.plan).where(_plan.title.in_(titles)))}
        plans.update({p.id: p for p in found.values()})
        targets = {k: (found[title].id if title in found else target, title) if target is None else (target, title)
                   for k, (target, title) in targets.items()}
    existing = sorted({target for target, _title in targets.values() if target is not None})
    codes: dict[int, set[str]] = {plan_id: set() for plan_id in existing}
    positions: dict[int, int] = dict.fromkeys(existing, 0)
    if existing:
        for plan_id, code, position in conn.execute(
                select(_task.plan_id, _task.code, _task.position).where(_task.plan_id.in_(existing))).all():
            codes[plan_id].add(code)
            positions[plan_id] = max(positions[plan_id], position or 0)
    read = CarryRead(tasks, plans, targets, codes, positions)
    if whole:
        read.areas = {a.id: a for a in conn.execute(select(schema.area).where(_area.plan_id.in_(list(plans))))}
        read.links = _links(conn, candidates.with_only_columns(_task.id))
        read.groups = read_rule(conn)
        day = date(to_year, 1, 1)
        read.status_then = {tid: value for (tid, _f), value in
                            timeline.history(conn, [t.id for t in tasks], ["status"], day).items()}
        read.closed = closed_quarter_set(conn)
    return read


def _links(conn: Connection, tasks: Select) -> dict[int, dict[str, list[str]]]:
    """The departments of ``tasks`` (a query of their ids): task → role → names, in order."""
    link, dept = schema.task_department.c, schema.department.c
    found: dict[int, dict[str, list[str]]] = {}
    for task_id, role, name in conn.execute(
            select(link.task_id, link.role, dept.name).join(schema.department, dept.id == link.department_id)
            .where(link.task_id.in_(tasks)).order_by(link.task_id, link.role, link.position)).all():
        found.setdefault(task_id, {}).setdefault(role, []).append(name)
    return found


def items_of(read: CarryRead, to_year: int) -> list[tuple[Row, CarryItem]]:
    """Each candidate task and where it goes: next year's plan and its code there."""
    found, taken = [], set()
    for task in read.tasks:
        origin = read.plans[task.plan_id]
        target, title = read.targets[task.plan_id]
        code = _code(read, target, task.code, to_year, taken, title)
        found.append((task, CarryItem(task.id, task.code, task.title, origin.title, task.status, task.percent,
                                      title, code, target is None)))
    return found


def _code(read: CarryRead, target: int | None, code: str, to_year: int, taken: set[tuple[str, str]], title: str) -> str:
    for candidate in (code, f"{to_year}-{code}"):
        if (title, candidate) not in taken and (target is None or candidate not in read.codes[target]):
            taken.add((title, candidate))
            return candidate
    raise LedgerError("任务 {code} 在{year}年的方案中已有同编号的任务，无法结转", code=code, year=to_year)


def review(engine: Engine, from_year: int, to_year: int, plan: str | None = None) -> list[CarryItem]:
    """What :func:`carry_over` would do, without doing it: the list the clerk reviews."""
    check_years(from_year, to_year)
    with engine.connect() as conn:
        read = read_candidates(conn, from_year, to_year, plan, whole=False)
    return [item for _task_row, item in items_of(read, to_year)]


def lineage(engine: Engine, task_id: int) -> Lineage:
    """The tasks ``task_id`` carries on (back to the first) and those that carry it on."""
    with read_session(engine) as session:
        def describe(t: Task) -> tuple[int, str, str, int | None]:
            plan = session.get(Plan, t.plan_id)
            return t.id, t.code, plan.title if plan else "", _year_of(t, plan) if plan else t.year

        task = session.get(Task, task_id)
        origins, seen = [], {task_id}
        current = task
        while current is not None and current.carried_from is not None and current.carried_from not in seen:
            seen.add(current.carried_from)
            current = session.get(Task, current.carried_from)
            if current is not None:
                origins.append(describe(current))
        successors, frontier = [], [task_id]
        while frontier:
            nxt = list(session.execute(select(Task).where(Task.carried_from.in_(frontier))).scalars())
            frontier = [t.id for t in nxt if t.id not in seen]
            seen.update(frontier)
            successors += [describe(t) for t in nxt]
        return Lineage(origins, successors)
