"""Write a parsed task table into the ledger: one transaction, bulk statements,
tasks matched by code so that re-importing updates instead of duplicating."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, Row, delete, insert, select, update

from db.bulk import insert_rows, refresh_statistics
from db.session import core_transaction
from ledger_app.dates.business import entry_mark
from ledger_app.dates.quarters import period_in_title, report_day
from ledger_app.exchange.importing.history_sheets import History, write_history
from ledger_app.exchange.importing.parse import ParsedTable, ParsedTask
from ledger_app.messages.errors import ImportRejected, Problem
from ledger_app.store import schema
from ledger_app.store.backup import backup_ledger
from ledger_app.store.enums import OUTCOME_APPLIED, DeptRole, Status
from ledger_app.store.limits import length_values, too_long_for_a_cell
from ledger_app.store.schema import utcnow
from ledger_app.system.pause_hook import pause_point
from ledger_app.tasks.departments import department_ids
from ledger_app.tasks.groups import read_rule
from ledger_app.tasks.timeline import change_row

Progress = Callable[[int, int], None]
NO_TASKS = "表中没有任务行"
PLAN_TOO_LONG = "方案名称过长（{length} 字），超过 Excel 单元格的上限 {limit} 字"
_CHUNK = 500  # stay far below every database's bound-parameter limit
_WRITE_CHUNK = 2_000  # tasks worked out and written at a time


@dataclass(frozen=True)
class ImportResult:
    plan: str
    sheet: str
    header_row: int
    tasks: int
    areas: int
    added: int
    updated: int
    unchanged: int
    dry_run: bool
    year: int | None = None  # the plan year deadlines without one were read in
    year_source: str = ""  # see ParsedTable.year_source
    reports: int = 0  # tasks whose 进展情况 became the progress report of ``quarter``
    quarter: tuple[int, int] | None = None
    inferred: int = 0  # tasks whose status was read from their progress text
    effective_on: date | None = None  # the 业务日期 of the changes: the day the table speaks of


class _DryRun(Exception):
    """Raised inside the transaction so that a dry run rolls everything back."""


def _chunks(items: Iterable, size: int = _CHUNK) -> Iterator[list]:
    """``items`` in lists of ``size`` (an iterator is consumed as it goes)."""
    if isinstance(items, list):
        for start in range(0, len(items), size):
            yield items[start : start + size]
        return
    iterator = iter(items)
    while part := list(itertools.islice(iterator, size)):
        yield part


def _plan(conn: Connection, title: str, year: int | None) -> Row:
    found = conn.execute(select(schema.plan).where(schema.plan.c.title == title)).first()
    if found is None:
        period = period_in_title(title)  # a plan over several years: 三年行动计划（2017—2019年）
        conn.execute(insert(schema.plan).values(title=title, year=year, period_start=period[0] if period else None,
                                                period_end=period[1] if period else None))
    elif found.year is None and year is not None:
        conn.execute(update(schema.plan).where(schema.plan.c.id == found.id).values(year=year))
    else:
        return found
    return conn.execute(select(schema.plan).where(schema.plan.c.title == title)).one()


def _area_ids(conn: Connection, plan_id: int, names: list[str]) -> dict[str, int]:
    areas = schema.area.c
    existing = dict(conn.execute(select(areas.name, areas.position).where(areas.plan_id == plan_id)).all())
    position = max(existing.values(), default=0)
    added = []
    for name in names:
        if name not in existing:
            position += 1
            existing[name] = position
            added.append({"plan_id": plan_id, "name": name, "position": position})
    if added:
        conn.execute(insert(schema.area), added)
    return dict(conn.execute(select(areas.name, areas.id).where(areas.plan_id == plan_id)).all())


def _current_departments(conn: Connection, task_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    links: dict[int, dict[str, list[str]]] = {tid: {DeptRole.LEAD: [], DeptRole.CO: []} for tid in task_ids}
    link = schema.task_department.c
    for chunk in _chunks(task_ids):
        rows = conn.execute(
            select(link.task_id, link.role, schema.department.c.name)
            .join(schema.department, schema.department.c.id == link.department_id)
            .where(link.task_id.in_(chunk))
            .order_by(link.task_id, link.role, link.position)
        )
        for task_id, role, name in rows:
            links[task_id][role].append(name)
    return links


def _link_rows(task_id: int, lead: list[str], co: list[str], dept_ids: dict[str, int]) -> list[dict]:
    rows = [{"task_id": task_id, "department_id": dept_ids[n], "role": DeptRole.LEAD.value, "position": i}
            for i, n in enumerate(lead)]
    rows += [{"task_id": task_id, "department_id": dept_ids[n], "role": DeptRole.CO.value, "position": i}
             for i, n in enumerate(co)]
    return rows


def table_day(table: ParsedTable) -> date:
    """The 业务日期 of what a table changes: the end of the quarter it is dated in (today while that
    quarter runs), else today."""
    return report_day(*table.progress_quarter) if table.progress_quarter else date.today()


class _Writer:
    def __init__(self, conn: Connection, table: ParsedTable, plan: Row, user: str, source: str) -> None:
        self.conn, self.table, self.plan, self.user, self.source = conn, table, plan, user, source
        self.with_depts = {"lead", "co"} & table.fields
        # Time elapsed is counted from 1 January of the plan's year. Without a year (no deadline
        # names one) there is no start: today would make a past plan look just begun.
        self.start = date(plan.year, 1, 1) if plan.year else None
        self.period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
        self.now = utcnow()
        self.day = table_day(table)
        self.mark: str | None = None  # checked (closed quarter?) once something is to be logged
        self.log: list[dict] = []

    def values(self, task: ParsedTask, area_ids: dict[str, int], position: int) -> dict[str, object]:
        values = dict(task.values)
        values["area_id"] = area_ids.get(task.area) if task.area else None
        values["position"] = position
        return values

    def new_row(self, task: ParsedTask, values: dict[str, object]) -> dict[str, object]:
        row: dict[str, object] = {
            "plan_id": self.plan.id, "code": task.code, "title": "", "content": "", "measures": "",
            "category": "", "leader": "", "deadline": None, "deadline_text": "", "start_date": self.start,
            "milestone_q1": "", "milestone_q2": "", "milestone_q3": "", "milestone_q4": "",
            "lead_groups": "", "co_groups": "", "note": "",
            "status": Status.NOT_STARTED.value, "percent": 0, "version": 1, "year": None,
            "created_at": self.now, "updated_at": self.now,
        }
        row.update(values)
        deadline = row["deadline"]
        if self.period and isinstance(deadline, date) and self.period[0] <= deadline.year <= self.period[1]:
            row["year"] = deadline.year  # a multi-year plan's task belongs to the year it is due in
        return row

    def note(self, task_id: int | None, code: str, fld: str, old: object, new: object, version: int) -> None:
        if self.mark is None:
            self.mark = entry_mark(self.conn, self.day)  # a table dated in a closed quarter is refused
        self.log.append(change_row(task_id, code, fld, old, new, at=self.now, by=self.user, source=self.source,
                                   version=version, day=self.day, mark=self.mark))


def check_table(table: ParsedTable, plan_title: str) -> None:
    """Raise :class:`ImportRejected` unless ``table`` can be imported as it is."""
    if table.problems:
        raise ImportRejected(table.problems)
    if not table.tasks:
        raise ImportRejected([Problem(table.file or plan_title, NO_TASKS, sheet=table.sheet)])
    if too_long_for_a_cell(plan_title):
        raise ImportRejected([Problem(table.file or plan_title[:40], PLAN_TOO_LONG, length_values(plan_title))])


# What an import writes: the planner's statistics of these are made again afterwards (db.bulk).
WRITTEN = (schema.plan, schema.area, schema.department, schema.task, schema.task_department, schema.change_log,
           schema.progress_report, schema.supervision_action)


def write_table(engine: Engine, table: ParsedTable, plan_title: str, *, user: str, dry_run: bool = False,
                source: str = "导入", progress: Progress | None = None) -> ImportResult:
    """Import ``table`` into the plan titled ``plan_title`` (made if new) in one transaction."""
    check_table(table, plan_title)
    if not dry_run:
        # The wrong table imported over a good ledger is undone by restoring this copy.
        backup_ledger(engine, "import")
    counts: dict[str, int] = {}
    try:
        with core_transaction(engine) as conn:
            counts = _write(conn, table, plan_title, user, source, progress)
            if not dry_run:
                refresh_statistics(conn, WRITTEN)
            pause_point("import")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    reports = sum(1 for t in table.tasks if t.progress) if table.progress_quarter else 0
    return ImportResult(plan_title, table.sheet, table.header_row, len(table.tasks), len(table.areas),
                        counts["added"], counts["updated"], counts["unchanged"], dry_run, table.year,
                        table.year_source, reports, table.progress_quarter if reports else None,
                        len(table.inferred), table_day(table))


def _write(conn: Connection, table: ParsedTable, plan_title: str, user: str, source: str,
           progress: Progress | None) -> dict[str, int]:
    """Write ``table`` a few thousand tasks at a time (:data:`_WRITE_CHUNK`): what the import holds
    besides the table stays the same whatever its size. The rows written, and their order, are
    those of writing it all at once: the changes to existing tasks, then the new tasks, then their
    departments and 创建 entries, then the reports."""
    table.regroup(read_rule(conn))  # 统称 by the ledger's own rule (its settings), read where it writes
    plan = _plan(conn, plan_title, table.year)
    plan_id = plan.id
    writer = _Writer(conn, table, plan, user, source)
    area_ids = _area_ids(conn, plan_id, table.areas)
    dept_ids = department_ids(conn, (n for t in table.tasks for n in (*t.lead, *t.co)))
    task_c = schema.task.c
    known = dict(conn.execute(select(task_c.code, task_c.id).where(task_c.plan_id == plan_id)).all())

    added = updated = unchanged = 0
    old_percent: dict[str, int] = {}  # of the existing tasks with a progress text: their report's default
    total = len(table.tasks)
    for start in range(0, total, _WRITE_CHUNK):
        chunk = table.tasks[start : start + _WRITE_CHUNK]
        ids = [known[t.code] for t in chunk if t.code in known]
        existing = {row.code: row for part in _chunks(ids)
                    for row in conn.execute(select(schema.task).where(task_c.id.in_(part)))}
        links = _current_departments(conn, ids) if writer.with_depts else {}
        reports = _quarter_reports(conn, table, ids)
        inserts: list[dict] = []
        updates: list[dict] = []
        relink: dict[int, ParsedTask] = {}
        for position, task in enumerate(chunk, start=start + 1):
            values = writer.values(task, area_ids, position)
            old = existing.get(task.code)
            if old is None:
                inserts.append(writer.new_row(task, values))
            else:
                if task.progress:
                    old_percent[task.code] = old.percent
                changes = {k: v for k, v in values.items() if k != "position" and getattr(old, k) != v}
                dept_changed = writer.with_depts and (links[old.id][DeptRole.LEAD] != task.lead
                                                      or links[old.id][DeptRole.CO] != task.co)
                for key, value in changes.items():
                    writer.note(old.id, task.code, key, getattr(old, key), value, old.version + 1)
                if dept_changed:
                    for role, names in ((DeptRole.LEAD, task.lead), (DeptRole.CO, task.co)):
                        if links[old.id][role] != names:
                            writer.note(old.id, task.code, f"{role.value}_depts",
                                        "、".join(links[old.id][role]), "、".join(names), old.version + 1)
                    relink[old.id] = task
                report = reports.get(old.id)
                # The report itself is written, logged and versioned by the one progress rule (write_history).
                progress_changed = bool(task.progress) and (
                    report is None or any(report[k] != v for k, v in task.progress.items()))
                if changes or dept_changed:
                    updates.append({"id": old.id, "version": old.version + 1, "updated_at": writer.now,
                                    "position": position, **changes})
                elif progress_changed:
                    updated += 1
                else:
                    unchanged += 1
            if progress is not None and position % 200 == 0:
                progress(position, total)

        _keep_later(conn, updates, writer.day)
        for row in updates:  # rows differ in which columns change, so one statement each
            changed = {k: v for k, v in row.items() if k != "id"}
            conn.execute(update(schema.task).where(task_c.id == row["id"]).values(**changed))
        for part in _chunks(list(relink)):
            conn.execute(delete(schema.task_department).where(schema.task_department.c.task_id.in_(part)))
        insert_rows(conn, schema.task_department,
                    [r for tid, t in relink.items() for r in _link_rows(tid, t.lead, t.co, dept_ids)])
        insert_rows(conn, schema.task, inserts)  # in the table's order: the ids follow it
        insert_rows(conn, schema.change_log, writer.log)  # the changes' entries come first, in order
        writer.log.clear()
        added, updated = added + len(inserts), updated + len(updates)

    if added or table.progress_quarter is not None or table.history is not None:
        codes = conn.execute(select(task_c.code, task_c.id).where(task_c.plan_id == plan_id)).all()
    if added:
        by_code = {t.code: t for t in table.tasks if t.code not in known}
        for part in _chunks(codes, _WRITE_CHUNK):
            link_rows = []
            for code, task_id in part:
                if code in by_code:
                    parsed = by_code[code]
                    link_rows += _link_rows(task_id, parsed.lead, parsed.co, dept_ids)
                    writer.note(task_id, code, "创建", "", parsed.values.get("title", ""), 1)
            insert_rows(conn, schema.task_department, link_rows)
            insert_rows(conn, schema.change_log, writer.log)
            writer.log.clear()
    history = _with_table_progress(table, old_percent, user)
    if history is not None:
        ids = dict(codes)
        # The rows a few thousand at a time, in their order: reports first, then 督办 actions.
        for part in _chunks(history.progress, _WRITE_CHUNK):
            write_history(conn, History(progress=part), ids, user)
        for part in _chunks(history.supervision, _WRITE_CHUNK):
            write_history(conn, History(supervision=part), ids, user)
    if progress is not None:
        progress(total, total)
    return {"added": added, "updated": updated, "unchanged": unchanged}


def _keep_later(conn: Connection, updates: list[dict], day: date) -> None:
    """A field changed effective after the table's day keeps that later value (the table's is logged
    as of its day): the task's columns hold the value of its latest 业务日期 (ledger_app.tasks.timeline)."""
    ids = [row["id"] for row in updates]
    later: set[tuple[int, str]] = set()
    for chunk in _chunks(ids):
        later |= set(conn.execute(
            select(schema.change_log.c.task_id, schema.change_log.c.field)
            .where(schema.change_log.c.task_id.in_(chunk), schema.change_log.c.effective_on > day,
                   schema.change_log.c.outcome == OUTCOME_APPLIED)).all())
    for row in updates:
        for key in [k for k in row if (row["id"], k) in later]:
            del row[key]


def _quarter_reports(conn: Connection, table: ParsedTable, task_ids: list[int]) -> dict[int, dict[str, str]]:
    """What the ledger holds for the table's progress quarter, per existing task."""
    if table.progress_quarter is None or not any(t.progress for t in table.tasks):
        return {}
    year, quarter = table.progress_quarter
    found: dict[int, dict[str, str]] = {}
    for chunk in _chunks(task_ids):
        report = schema.progress_report.c
        for task_id, done, problems, next_steps in conn.execute(
            select(report.task_id, report.done, report.problems, report.next_steps)
            .where(report.task_id.in_(chunk), report.year == year, report.quarter == quarter)
        ):
            found[task_id] = {"done": done, "problems": problems, "next_steps": next_steps}
    return found


@dataclass
class _Reports:
    """The history to write: the history sheets' reports, then the table's 进展情况 as reports of
    its dated quarter (made as they are written, not all at once), then the 督办 actions."""

    progress: Iterable[dict[str, object]]
    supervision: list[dict[str, object]]


def _with_table_progress(table: ParsedTable, old_percent: dict[str, int], user: str) -> _Reports | None:
    """The table's history sheets plus its 进展情况 column as reports of the dated quarter,
    written the way imported history is (importing.history.write_history); ``old_percent``: the
    percent of the existing tasks with a progress text before the import."""
    base = table.history if table.history is not None else History()
    if table.progress_quarter is None or not any(t.progress for t in table.tasks):
        return _Reports(base.progress, base.supervision) if base.progress or base.supervision else None
    year, quarter = table.progress_quarter

    def rows() -> Iterator[dict[str, object]]:
        yield from base.progress
        for task in table.tasks:
            if not task.progress:
                continue
            percent = task.values.get("percent", old_percent.get(task.code, 0))
            # "replace": the table is the record of this quarter for the columns it has; re-importing
            # an edited cell updates the report instead of adding a second one.
            replace = (*task.progress, *(("percent",) if "percent" in task.values else ()))
            yield {"code": task.code, "year": year, "quarter": quarter, "percent": percent, "done": "",
                   "problems": "", "next_steps": "", **task.progress, "reporter": user,
                   "report_date": date.today(), "effective_on": None, "replace": replace}

    return _Reports(rows(), base.supervision)


def import_file(engine: Engine, path: str | Path, *, sheet: str | None = None, plan: str | None = None,
                year: int | None = None, quarter: tuple[int, int] | None = None, dry_run: bool = False,
                user: str = "", progress: Progress | None = None) -> ImportResult:
    """Import a task table; raises :class:`~ledger_app.messages.errors.ImportRejected` and writes nothing on error."""
    from ledger_app.exchange.importing import read_table

    table, title = read_table(path, sheet=sheet, plan=plan, year=year, quarter=quarter)
    return write_table(engine, table, title, user=user, dry_run=dry_run, progress=progress)
