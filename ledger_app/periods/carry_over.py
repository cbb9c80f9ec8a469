"""Next year's table (结转): the unfinished tasks of a year's plan become new tasks of the next
year's plan, each linked to the task it carries on; completed and cancelled ones stay where they are.

The next year's plan is the same plan when it runs over several years (the 2017—2019 action plan:
its tasks are then shown year by year and as a whole), else the plan of that year — found by its
title (常州经开区2017年… → 常州经开区2018年…) or made. Each origin keeps its history and becomes
已结转 on 1 January of the new year: documents of its own year still show it as it stood then.
The clerk sees :func:`review` before :func:`carry_over` writes anything; it is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, insert, or_, select
from sqlmodel import Session

from db.session import read_session, transaction
from ledger_app.dates.quarters import plan_period
from ledger_app.messages.errors import LedgerError
from ledger_app.store.limits import check_year
from ledger_app.store.models import Area, ChangeLog, DeptRole, Plan, Status, Task, utcnow
from ledger_app.tasks.departments import names_of
from ledger_app.tasks.editing import apply_changes, starts_task
from ledger_app.tasks.lifecycle import add_task
from ledger_app.tasks.queries import OPEN_STATUSES


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


def _next_title(plan: Plan, from_year: int, to_year: int) -> str:
    if str(from_year) in plan.title:
        return plan.title.replace(str(from_year), str(to_year))
    return f"{plan.title}（{to_year}年）"


def _candidates(session: Session, from_year: int, plan: str | None) -> list[tuple[Task, Plan]]:
    carried = select(Task.carried_from).where(Task.carried_from.is_not(None))
    stmt = (select(Task, Plan).join(Plan, Plan.id == Task.plan_id)
            .where(Task.status.in_(OPEN_STATUSES), Task.id.not_in(carried),
                   or_(Task.year == from_year, (Task.year.is_(None)) & (Plan.year == from_year)))
            .order_by(Plan.id, Task.position, Task.id))
    if plan:
        stmt = stmt.where(Plan.title == plan)
    return [(t, p) for t, p in session.execute(stmt)]


def _plan_of(session: Session, plan: Plan, from_year: int, to_year: int) -> tuple[Plan | None, str]:
    """Next year's plan of ``plan`` (None if it is to be made) and its title."""
    period = plan_period(plan)
    if period and period[0] <= to_year <= period[1]:
        return plan, plan.title
    title = _next_title(plan, from_year, to_year)
    return session.execute(select(Plan).where(Plan.title == title)).scalars().first(), title


def _code(session: Session, target: Plan | None, code: str, to_year: int, taken: set[tuple[str, str]],
          title: str) -> str:
    def used(candidate: str) -> bool:
        if (title, candidate) in taken:
            return True
        return target is not None and session.execute(
            select(Task.id).where(Task.plan_id == target.id, Task.code == candidate)).first() is not None

    for candidate in (code, f"{to_year}-{code}"):
        if not used(candidate):
            taken.add((title, candidate))
            return candidate
    raise LedgerError("任务 {code} 在{year}年的方案中已有同编号的任务，无法结转", code=code, year=to_year)


def _check_years(from_year: int, to_year: int) -> None:
    check_year(from_year)
    check_year(to_year)
    if to_year <= from_year:
        raise LedgerError("结转的目标年度（{to}）应晚于原年度（{source}）", to=to_year, source=from_year)


def _plan_items(session: Session, from_year: int, to_year: int, plan: str | None) -> list[tuple[Task, Plan, CarryItem]]:
    found, taken = [], set()
    for task, origin_plan in _candidates(session, from_year, plan):
        target, title = _plan_of(session, origin_plan, from_year, to_year)
        code = _code(session, target, task.code, to_year, taken, title)
        found.append((task, origin_plan, CarryItem(task.id, task.code, task.title, origin_plan.title, task.status,
                                                   task.percent, title, code, target is None)))
    return found


def review(engine: Engine, from_year: int, to_year: int, plan: str | None = None) -> list[CarryItem]:
    """What :func:`carry_over` would do, without doing it: the list the clerk reviews."""
    _check_years(from_year, to_year)
    with read_session(engine) as session:
        return [item for _t, _p, item in _plan_items(session, from_year, to_year, plan)]


def carry_over(engine: Engine, from_year: int, to_year: int, *, user: str, plan: str | None = None,
               task_ids: list[int] | None = None) -> list[int]:
    """Carry the unfinished tasks of ``from_year`` (those in ``task_ids``, if given) over into
    ``to_year``'s plan, in one transaction; returns the new tasks' ids."""
    _check_years(from_year, to_year)
    new_year = date(to_year, 1, 1)
    created: list[int] = []
    with transaction(engine) as session:
        items = _plan_items(session, from_year, to_year, plan)
        if task_ids is not None:
            items = [entry for entry in items if entry[0].id in set(task_ids)]
        if not items:
            raise LedgerError("{year}年没有需要结转的未完成任务", year=from_year)
        plans: dict[str, Plan] = {}
        for task, origin_plan, item in items:
            target = plans.get(item.target_plan) or _plan_of(session, origin_plan, from_year, to_year)[0] \
                or _new_plan(session, origin_plan, item.target_plan, to_year)
            plans[item.target_plan] = target
            created.append(_carry(session, task, target, item, to_year, new_year, user).id)
    return created


def _new_plan(session: Session, origin: Plan, title: str, year: int) -> Plan:
    plan = Plan(title=title, issuer=origin.issuer, year=year)
    session.add(plan)
    session.flush()
    return plan


def _area(session: Session, task: Task, target: Plan) -> int | None:
    if task.area_id is None:
        return None
    if target.id == task.plan_id:
        return task.area_id
    origin = session.get(Area, task.area_id)
    found = session.execute(select(Area).where(Area.plan_id == target.id, Area.name == origin.name)).scalars().first()
    if found is None:
        last = session.execute(select(func.max(Area.position)).where(Area.plan_id == target.id)).scalar() or 0
        found = Area(plan_id=target.id, name=origin.name, position=last + 1)
        session.add(found)
        session.flush()
    return found.id


def _carry(session: Session, task: Task, target: Plan, item: CarryItem, to_year: int, new_year: date,
           user: str) -> Task:
    groups = {DeptRole.LEAD: task.lead_groups, DeptRole.CO: task.co_groups}
    depts = {role: names_of(session, task.id, role) + [g for g in groups[role].split("、") if g]
             for role in (DeptRole.LEAD, DeptRole.CO)}
    fields = {"title": task.title, "content": task.content, "measures": task.measures, "category": task.category,
              "leader": task.leader, "note": task.note, "lead_depts": depts[DeptRole.LEAD],
              "co_depts": depts[DeptRole.CO], "deadline": date(to_year, 12, 31), "start_date": new_year,
              "deadline_text": f"{to_year}年底前", "percent": task.percent,
              "status": Status.IN_PROGRESS.value if starts_task(task.status, task.percent) else task.status}
    new = add_task(session, target, fields, user=user, code=item.new_code, area_id=_area(session, task, target),
                   source="结转")
    new.year, new.carried_from = to_year, task.id
    now = utcnow()
    session.execute(insert(ChangeLog), [
        {"task_id": new.id, "task_code": new.code, "field": "结转", "old": f"{item.plan} 任务{task.code}",
         "new": f"{target.title} 任务{new.code}", "changed_at": now, "changed_by": user, "source": "结转",
         "version": new.version, "effective_on": new_year},
    ])
    apply_changes(session, task, {"status": Status.CARRIED.value}, user, "结转", effective_on=new_year, future=True)
    session.add(ChangeLog(task_id=task.id, task_code=task.code, field="结转", old=f"{item.plan} 任务{task.code}",
                          new=f"{target.title} 任务{new.code}", changed_at=now, changed_by=user, source="结转",
                          version=task.version, effective_on=new_year))
    return new


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
