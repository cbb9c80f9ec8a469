"""Next year's table (结转): the unfinished tasks of a year's plan become new tasks of the next
year's plan, each linked to the task it carries on; completed and cancelled ones stay where they are.

The next year's plan is the same plan when it runs over several years (the 2017—2019 action plan:
its tasks are then shown year by year and as a whole), else the plan of that year — found by its
title (常州经开区2017年… → 常州经开区2018年…) or made. Each origin keeps its history and becomes
已结转 on 1 January of the new year: documents of its own year still show it as it stood then.
The clerk sees ``carry_plan.review`` before :func:`carry_over` writes anything; the reading half
(what it depends on, where each task goes, a task's lineage) is ``ledger_app.periods.carry_plan``.

A year holds thousands of tasks, and other desks keep working while it is carried over. So
:func:`carry_over` reads what it depends on and works out every row it will write (``carry_plan.CarryRead``,
:func:`_prepare`) without the write lock; then, in one short transaction, it reads the same again
(the candidate tasks row-locked) and writes everything in bulk. When another desk changed any of it
in between, the rows are worked out again from what is there now, inside that transaction: the
carry-over stays all or nothing, carries each task as it stands when it is written, and an edit
from another desk meanwhile is neither refused nor lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, Row, select, update

from db.bulk import collector_paused, insert_rows, python_default, refresh_statistics
from db.session import data_version, write_transaction
from ledger_app.dates.business import entry_mark
from ledger_app.messages.errors import LedgerError
from ledger_app.periods.carry_plan import (
    CarryRead,
    check_years,
    items_of,
    read_candidates,
)
from ledger_app.store import schema
from ledger_app.store.enums import DeptRole, Status
from ledger_app.store.schema import utcnow
from ledger_app.system.pause_hook import pause_point
from ledger_app.tasks import timeline
from ledger_app.tasks.departments import department_ids
from ledger_app.tasks.editing import DEPT_FIELDS, check_changes
from ledger_app.tasks.fields import starts_task

SOURCE = "结转"
_CHUNK = 500  # stay far below every database's bound-parameter limit
_task, _plan, _area = schema.task.c, schema.plan.c, schema.area.c


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# ----- what it writes --------------------------------------------------------------------------

@dataclass
class _Carry:
    """What the carry-over of one task writes."""

    origin: Row
    target: str  # next year's plan, by title
    area: int | str | None  # the new task's area: an id, or the name of one in the target plan
    row: dict[str, object]  # the new task's columns but its plan and area
    links: list[tuple[str, str, int]]  # its departments: (name, role, position)
    logged: list[dict[str, object]]  # its change log rows (but their task_id)
    origin_logged: list[dict[str, object]]  # the origin's change log rows
    origin_moved: bool = False  # the origin's status changes: its version goes up by one
    origin_status: bool = False  # and its status column becomes 已结转 (no later change set it)


@dataclass
class _Writes:
    now: datetime
    plans: dict[str, dict[str, object]]  # next year's plans to make, by title
    areas: list[tuple[str, str, int]]  # areas to make: (plan title, name, position), in order
    carries: list[_Carry]


def _prepare(read: CarryRead, from_year: int, to_year: int, *, user: str, task_ids: list[int] | None,
             today: date) -> _Writes:
    """Every row the carry-over of ``read`` writes, worked out in memory: what the one-by-one rules
    (lifecycle.add_task, editing.apply_changes) would write, task after task."""
    items = items_of(read, to_year)
    if task_ids is not None:
        chosen = set(task_ids)
        items = [entry for entry in items if entry[0].id in chosen]
    if not items:
        raise LedgerError("{year}年没有需要结转的未完成任务", year=from_year)
    now, new_year = utcnow(), date(to_year, 1, 1)
    marks: dict[tuple[date, bool], str] = {}

    def mark(day: date, future: bool) -> str:
        if (day, future) not in marks:
            marks[(day, future)] = entry_mark(None, day, future=future, today=today, closed=read.closed)
        return marks[(day, future)]

    writes = _Writes(now, {}, [], [])
    # A new task's columns as the ORM makes them: each column's Python-side default, else NULL.
    fresh = {c.name: make() if (make := python_default(c)) is not None else None
             for c in schema.task.columns if c.name not in ("id", "plan_id", "area_id")}
    positions: dict[str, int] = {}
    areas: dict[str, dict[str, int | None]] = {}  # plan title → area name → id (None: made here)
    # check_changes checks each field on its own, so the tasks' fields are checked in three parts,
    # in the order it gives them: their texts; their departments, and the dated fields, which many
    # tasks share and which are checked once per distinct value.
    by_depts: dict[tuple, dict[str, object]] = {}
    by_dates: dict[tuple, dict[str, object]] = {}
    lead, co, carried = DeptRole.LEAD.value, DeptRole.CO.value, Status.CARRIED.value
    deadline, deadline_text = date(to_year, 12, 31), f"{to_year}年底前"
    for task, item in items:
        target = read.targets[task.plan_id][0]
        if target is None and item.target_plan not in writes.plans:
            writes.plans[item.target_plan] = {"title": item.target_plan, "issuer": read.plans[task.plan_id].issuer,
                                              "year": to_year}
        year = to_year if target is None else read.plans[target].year
        position = positions.get(item.target_plan, 0 if target is None else read.positions[target]) + 1
        positions[item.target_plan] = position
        area = _area_of(read, task, target, item.target_plan, areas, writes)
        links = read.links.get(task.id, {})
        depts = (year, tuple(links.get(lead, []) + _groups(task.lead_groups)),
                 tuple(links.get(co, []) + _groups(task.co_groups)))
        if depts not in by_depts:
            by_depts[depts] = check_changes({"lead_depts": list(depts[1]), "co_depts": list(depts[2])}, year,
                                           groups=read.groups)
        status = Status.IN_PROGRESS.value if starts_task(task.status, task.percent) else task.status
        dated = (year, task.percent, status)
        if dated not in by_dates:
            by_dates[dated] = check_changes({"deadline": deadline, "start_date": new_year,
                                             "deadline_text": deadline_text, "percent": task.percent,
                                             "status": status}, year)
        clean = {**check_changes({"title": task.title, "content": task.content, "measures": task.measures,
                                  "category": task.category, "leader": task.leader, "note": task.note}, year),
                 **by_depts[depts], **by_dates[dated]}
        carry = _Carry(task, item.target_plan, area, {}, [], [], [])
        _new_task(carry, clean, fresh, item.new_code, position, year, today, mark, user, now)
        moved = f"{item.plan} 任务{task.code}", f"{item.target_plan} 任务{item.new_code}"
        carry.row.update(year=to_year, carried_from=task.id)
        carry.logged.append(_log(None, item.new_code, SOURCE, *moved, new_year, "", 1, user, now))
        # The origin becomes 已结转 on 1 January, as editing.apply_changes(effective_on=new_year, future=True).
        version = task.version
        then = read.status_then.get(task.id, task.status)
        if then != carried:
            version += 1
            carry.origin_logged.append(_log(task.id, task.code, "status", timeline.shown(then), carried, new_year,
                                            mark(new_year, True), version, user, now))
            carry.origin_moved, carry.origin_status = True, task.id not in read.status_then
        carry.origin_logged.append(_log(task.id, task.code, SOURCE, *moved, new_year, "", version, user, now))
        writes.carries.append(carry)
    return writes


def _groups(text: str) -> list[str]:
    """The classes of units (各部门, 成员单位…) kept as text on a task."""
    return [g for g in text.split("、") if g] if text else []


def _new_task(carry: _Carry, clean: dict[str, object], fresh: dict[str, object], code: str, position: int,
              year: int | None, today: date, mark: Callable[[date, bool], str], user: str, now: datetime) -> None:
    """The new task's row, departments and change log, as lifecycle.add_task makes them: version 0
    until the fields are applied (editing.apply_changes; nothing is dated later on a new task),
    logged as created in version 1."""
    row = carry.row
    row.update(fresh)
    row.update(code=code, position=position, title="", start_date=date(year, 1, 1) if year else today, version=0)
    logged = carry.logged
    logged.append(_log(None, code, "创建", "", str(clean.get("title", "")), today, "", 1, user, now))
    for key, new in clean.items():
        old = [] if key in DEPT_FIELDS else row[key]
        if old == new:
            continue
        logged.append(_log(None, code, key, old if type(old) is str else timeline.shown(old),
                           new if type(new) is str else timeline.shown(new), today, mark(today, False), 1, user, now))
        if key in DEPT_FIELDS:
            role = DEPT_FIELDS[key].value
            carry.links += [(name, role, i) for i, name in enumerate(new)]
        else:
            row[key] = new
    row.update(version=1, created_at=now, updated_at=now)


def _log(task_id: int | None, code: str, field: str, old: str, new: str, day: date, mark: str, version: int,
         user: str, now: datetime) -> dict[str, object]:
    """A change log row (``task_id`` None: the new task's, known once it is written)."""
    return timeline.change_row(task_id, code, field, old, new, at=now, by=user, source=SOURCE, version=version,
                               day=day, mark=mark)


def _area_of(read: CarryRead, task: Row, target: int | None, title: str, areas: dict[str, dict[str, int | None]],
          writes: _Writes) -> int | str | None:
    """The new task's area: the same one in the same plan, else the one of the same name in next
    year's plan (made after its last area if it has none)."""
    if task.area_id is None:
        return None
    if target == task.plan_id:
        return task.area_id
    known = areas.get(title)
    if known is None:
        known = areas[title] = {a.name: a.id for a in read.areas.values() if target is not None and a.plan_id == target}
    name = read.areas[task.area_id].name
    if name not in known:
        last = max([a.position or 0 for a in read.areas.values() if target is not None and a.plan_id == target]
                   + [position for plan, _name, position in writes.areas if plan == title], default=0)
        writes.areas.append((title, name, last + 1))
        known[name] = None
    return name


def _write(conn: Connection, writes: _Writes) -> list[int]:
    """Write what :func:`_prepare` worked out; returns the new tasks' ids."""
    if writes.plans:
        insert_rows(conn, schema.plan, list(writes.plans.values()))
    titles = list(dict.fromkeys(c.target for c in writes.carries))
    plan_ids = dict(conn.execute(select(_plan.title, _plan.id).where(_plan.title.in_(titles))).all())
    if writes.areas:
        insert_rows(conn, schema.area, [{"plan_id": plan_ids[title], "name": name, "position": position}
                                        for title, name, position in writes.areas])
    area_ids = {(plan_id, name): area_id for area_id, plan_id, name in conn.execute(
        select(_area.id, _area.plan_id, _area.name).where(_area.plan_id.in_(list(plan_ids.values()))))}
    rows = []
    for carry in writes.carries:
        area = carry.area if not isinstance(carry.area, str) else area_ids[(plan_ids[carry.target], carry.area)]
        rows.append({**carry.row, "plan_id": plan_ids[carry.target], "area_id": area})
    insert_rows(conn, schema.task, rows)
    # The tasks just written are those of next year's plans that carry on one of the origins
    # (an origin was carried over by none before).
    new_ids = dict(conn.execute(select(_task.carried_from, _task.id).where(
        _task.plan_id.in_(list(plan_ids.values())), _task.carried_from.is_not(None))).all())
    origins = [c.origin.id for c in writes.carries]
    dept_ids = department_ids(conn, (name for c in writes.carries for name, _role, _i in c.links))
    insert_rows(conn, schema.task_department, [
        {"task_id": new_ids[c.origin.id], "department_id": dept_ids[name], "role": role, "position": position}
        for c in writes.carries for name, role, position in c.links])
    log: list[dict[str, object]] = []
    for carry in writes.carries:
        new_id = new_ids[carry.origin.id]
        for entry in carry.logged:
            entry["task_id"] = new_id
        log += carry.logged
        log += carry.origin_logged
    insert_rows(conn, schema.change_log, log)
    _update_origins(conn, writes)
    return [new_ids[origin] for origin in origins]


def _update_origins(conn: Connection, writes: _Writes) -> None:
    """The origins' new status (unless a later change set it), version and time, in a few statements:
    their rows are locked at the versions they were read at, so each one's next version is its
    version + 1."""
    groups: dict[bool, list[int]] = {}
    for carry in writes.carries:
        if carry.origin_moved:
            groups.setdefault(carry.origin_status, []).append(carry.origin.id)
    for with_status, ids in groups.items():
        values = {"version": _task.version + 1, "updated_at": writes.now}
        if with_status:
            values["status"] = Status.CARRIED.value
        for chunk in _chunks(ids):
            conn.execute(update(schema.task).where(_task.id.in_(chunk)).values(values))


def carry_over(engine: Engine, from_year: int, to_year: int, *, user: str, plan: str | None = None,
               task_ids: list[int] | None = None) -> list[int]:
    """Carry the unfinished tasks of ``from_year`` (those in ``task_ids``, if given) over into
    ``to_year``'s plan, all or nothing; returns the new tasks' ids.

    The rows are worked out outside the write lock and written in one short transaction (see the
    module's docstring)."""
    check_years(from_year, to_year)
    today = date.today()
    with collector_paused(), engine.connect() as conn:
        seen = data_version(conn)  # before the read: anything committed from now on shows
        conn.rollback()
        with conn.begin():  # one read (one snapshot), no write lock
            read = read_candidates(conn, from_year, to_year, plan)
        writes = _prepare(read, from_year, to_year, user=user, task_ids=task_ids, today=today)
        pause_point("carry-over")
        with write_transaction(conn) as writing:
            # Read again (the tasks row-locked) unless nothing was committed since (SQLite knows).
            if seen is None or data_version(writing) != seen:
                again = read_candidates(writing, from_year, to_year, plan, lock=True)
                if again != read:  # another desk changed something it depends on: work it out again
                    writes = _prepare(again, from_year, to_year, user=user, task_ids=task_ids, today=today)
            new_ids = _write(writing, writes)
            refresh_statistics(writing, (schema.plan, schema.area, schema.task, schema.task_department,
                                         schema.change_log))
            return new_ids
