"""What the ledger holds, for navigation and pick lists: plans, areas, departments, counts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from db.session import read_session
from ledger_app.store.models import Area, Department, Plan, Task, TaskDepartment
from ledger_app.tasks.groups import read_rule


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    parent_id: int | None = None
    count: int = 0


def plans(engine: Engine) -> list[Entry]:
    with read_session(engine) as session:
        rows = session.execute(
            select(Plan.id, Plan.title, func.count(Task.id)).outerjoin(Task, Task.plan_id == Plan.id)
            .group_by(Plan.id, Plan.title).order_by(Plan.id)
        )
        return [Entry(pid, title, None, n) for pid, title, n in rows]


def plan_years(engine: Engine) -> list[Entry]:
    """The years of the plans that run over several (a 2017—2019 plan, one carried into next year):
    Entry(id=year, name="2017", parent_id=plan id, count=tasks), in order; one-year plans have none."""
    year = func.coalesce(Task.year, Plan.year)
    with read_session(engine) as session:
        rows = session.execute(
            select(Task.plan_id, year, func.count(Task.id)).join(Plan, Plan.id == Task.plan_id)
            .where(year.is_not(None)).group_by(Task.plan_id, year).order_by(Task.plan_id, year)).all()
    per_plan: dict[int, int] = {}
    for plan_id, _year, _n in rows:
        per_plan[plan_id] = per_plan.get(plan_id, 0) + 1
    return [Entry(y, str(y), plan_id, n) for plan_id, y, n in rows if per_plan[plan_id] > 1]


def areas(engine: Engine, plan_id: int | None = None) -> list[Entry]:
    stmt = (
        select(Area.id, Area.name, Area.plan_id, func.count(Task.id))
        .outerjoin(Task, Task.area_id == Area.id)
        .group_by(Area.id, Area.name, Area.plan_id, Area.position)
        .order_by(Area.plan_id, Area.position)
    )
    if plan_id is not None:
        stmt = stmt.where(Area.plan_id == plan_id)
    with read_session(engine) as session:
        return [Entry(aid, name, pid, n) for aid, name, pid, n in session.execute(stmt)]


def departments(engine: Engine) -> list[Entry]:
    """Departments with the number of task links (lead or supporting), busiest first; never a class
    of units (统称, ledger_app.tasks.groups): a ledger imported before the rule knew a word, or before
    the clerk added it in the settings, may hold one as a department row.

    Counted on the department_id index and joined to the names afterwards: a
    COUNT(DISTINCT) over the joined rows costs 15x more at 100,000 tasks.
    """
    links = (select(TaskDepartment.department_id, func.count().label("n"))
             .group_by(TaskDepartment.department_id).subquery())
    count = func.coalesce(links.c.n, 0)
    with read_session(engine) as session:
        rows = session.execute(
            select(Department.id, Department.name, count)
            .outerjoin(links, links.c.department_id == Department.id)
            .order_by(count.desc(), Department.name)
        ).all()
        rule = read_rule(session)
        return [Entry(did, name, None, n) for did, name, n in rows if not rule.is_group(name)]


def task_count(engine: Engine) -> int:
    with read_session(engine) as session:
        return session.execute(select(func.count()).select_from(Task)).scalar_one()


def demo_ledger_path(data_dir: Path) -> Path:
    return data_dir / "demo-ledger.db"
