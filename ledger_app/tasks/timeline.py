"""The ledger as of a day, read from the change log by 业务日期 (the day each change took effect,
not the time it was typed).

The rule, in one place — the value of a task's field as of day D is:

- the new value of the last change effective by D (of two on the same day, the one recorded later);
- failing that, the old value of the first change effective after D (what it replaced);
- and when no change is effective after D, the task's own current value.

A task's columns hold its value as of its latest 业务日期, so "today" needs no history at all.
:func:`task_columns` is the rule in SQL for the fields lights, filters and sorting use (status,
percent, deadline, start date); :func:`value_as_of` is the same rule in Python for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Date, Integer, and_, case, cast, func, literal, select, type_coerce
from sqlalchemy.sql import ColumnElement

from ledger_app.store.enums import OUTCOME_APPLIED
from ledger_app.store.schema import change_log, task

if TYPE_CHECKING:
    from sqlmodel import Session

_log, _task = change_log.c, task.c

# The fields the window's table filters, sorts and lights by, read as of a day in SQL.
DATED = ("status", "percent", "deadline", "deadline_text", "start_date")
_DATES = ("deadline", "start_date")


@dataclass(frozen=True)
class Entry:
    effective_on: date
    id: int
    old: str
    new: str


def value_as_of(entries: Iterable[Entry], day: date) -> str | None:
    """The logged value of one field as of ``day`` (see the module's rule), or None when no
    change is effective after ``day`` and the current value stands."""
    entries = list(entries)
    later = [e for e in entries if e.effective_on > day]
    if not later:
        return None
    before = [e for e in entries if e.effective_on <= day]
    if before:
        return max(before, key=lambda e: (e.effective_on, e.id)).new
    return min(later, key=lambda e: (e.effective_on, e.id)).old


def shown(value: object) -> str:
    """A field's value as the change log writes it (:func:`typed` reads it back)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(value)
    return "" if value is None else str(value)


def change_row(task_id: int | None, code: str, field: str, old: object, new: object, *, at: datetime, by: str,
               source: str, version: int | None, day: date, mark: str = "", reason: str = "",
               outcome: str = OUTCOME_APPLIED) -> dict[str, object]:
    """The one definition of the change-log row a change leaves: which task and field, the old and new value
    as text, when it was recorded and by whom, from where, the version it made (None: a line that moves no
    version, such as a supervision record), the day it took effect (业务日期) with its mark (补录 / 更正) and
    reason, and whether it was applied or refused. Written one at a time (tasks.editing.apply_changes, a
    task created, deleted or put back, a quarter's report, a supervision record, evidence) and in bulk (the
    importer, exchange.importing.apply; the carry-over)."""
    return {"task_id": task_id, "task_code": code, "field": field, "old": shown(old), "new": shown(new),
            "changed_at": at, "changed_by": by, "source": source, "version": version, "effective_on": day,
            "mark": mark, "reason": reason.strip(), "outcome": outcome}


def typed(field: str, text: str) -> object:
    """A logged value (text) as the task holds it."""
    if field in _DATES:
        return date.fromisoformat(text) if text else None
    if field == "percent":
        return int(text or 0)
    if field == "area_id":
        return int(text) if text else None
    if field in ("lead_depts", "co_depts"):
        return [n for n in text.split("、") if n]
    return text


def entries(session: Session, task_id: int, field: str) -> list[Entry]:
    rows = session.execute(
        select(_log.effective_on, _log.id, _log.old, _log.new)
        .where(_log.task_id == task_id, _log.field == field, _log.outcome == OUTCOME_APPLIED))
    return [Entry(*row) for row in rows]


def changed_after(session: Session, task_id: int, fields: Iterable[str], day: date) -> set[str]:
    """Which of ``fields`` of the task have a change effective after ``day``."""
    fields = list(fields)
    if not fields:
        return set()
    return set(session.execute(
        select(_log.field).distinct()
        .where(_log.task_id == task_id, _log.field.in_(fields), _log.effective_on > day,
               _log.outcome == OUTCOME_APPLIED)).scalars())


def logged_value(session: Session, task_id: int, field: str, day: date) -> object:
    """The field's value as of ``day`` from its logged changes (call when some are effective later)."""
    value = value_as_of(entries(session, task_id, field), day)
    return typed(field, value or "")


def history(session: Session, task_ids: Iterable[int], fields: Iterable[str], day: date
            ) -> dict[tuple[int, str], object]:
    """For the tasks and fields with a change effective after ``day``: their value as of ``day``."""
    fields, wanted = list(fields), set(task_ids)
    later = {(t, f) for t, f in session.execute(
        select(_log.task_id, _log.field).distinct()
        .where(_log.field.in_(fields), _log.effective_on > day, _log.outcome == OUTCOME_APPLIED,
               _log.task_id.is_not(None)))
        if t in wanted}
    if not later:
        return {}
    found: dict[tuple[int, str], list[Entry]] = {key: [] for key in later}
    ids = sorted({t for t, _ in later})
    for start in range(0, len(ids), 500):
        for task_id, field, *row in session.execute(
                select(_log.task_id, _log.field, _log.effective_on, _log.id, _log.old,
                       _log.new)
                .where(_log.task_id.in_(ids[start:start + 500]), _log.field.in_(fields),
                       _log.outcome == OUTCOME_APPLIED)):
            if (task_id, field) in found:
                found[(task_id, field)].append(Entry(*row))
    return {key: typed(key[1], value_as_of(rows, day) or "") for key, rows in found.items()}


# ----- the rule in SQL ---------------------------------------------------------------------

@dataclass(frozen=True)
class TaskColumns:
    """SQL expressions for the task's dated fields as of a day (plain columns for "now")."""

    status: ColumnElement
    percent: ColumnElement
    deadline: ColumnElement
    deadline_text: ColumnElement
    start_date: ColumnElement
    # True for a task with some dated field changed after the day (None: no task has one). For any
    # other task every field above is its own column: an expression of many of them (the light) asks
    # this once per task and reads the columns, instead of looking each field up.
    changed: ColumnElement | None = None


CURRENT = TaskColumns(_task.status, _task.percent, _task.deadline, _task.deadline_text, _task.start_date)


def _dialect(conn: Session | Connection) -> str:
    return (conn.get_bind() if hasattr(conn, "get_bind") else conn).dialect.name  # a Session, or a Connection


def task_columns(conn: Session | Connection, as_of: date | None) -> TaskColumns:
    """The dated fields as of the end of ``as_of``: the task's own columns when no change is
    effective after that day (always the case for today), else the rule above, per task."""
    if as_of is None or conn.execute(
            select(literal(1)).where(_log.effective_on > as_of, _log.field.in_(DATED),
                                     _log.outcome == OUTCOME_APPLIED).limit(1)).first() is None:
        return CURRENT
    sqlite = _dialect(conn) == "sqlite"

    def as_date(text: ColumnElement) -> ColumnElement:
        value = func.nullif(text, "")
        # SQLite keeps dates as ISO text, which compares and converts as the column itself does.
        return type_coerce(value, Date) if sqlite else cast(value, Date)

    # The changes effective after the day, read from the log once per statement (a common table
    # expression, which both databases compute once however often it is named): a light names the
    # dated fields some fifteen times, and each name looked the log up on its own (issue 27).
    since = (select(_log.task_id, _log.field)
             .where(_log.field.in_(DATED), _log.effective_on > as_of, _log.outcome == OUTCOME_APPLIED)
             .cte("changed_since"))

    def at(field: str, column: ColumnElement, convert=None) -> ColumnElement:  # noqa: ANN001
        mine = and_(_log.task_id == _task.id, _log.field == field, _log.outcome == OUTCOME_APPLIED)
        before = (select(_log.new).where(mine, _log.effective_on <= as_of)
                  .order_by(_log.effective_on.desc(), _log.id.desc()).limit(1).scalar_subquery())
        after = (select(_log.old).where(mine, _log.effective_on > as_of)
                 .order_by(_log.effective_on, _log.id).limit(1).scalar_subquery())
        # Uncorrelated, so the database reads it once: the tasks this field changed for after the day.
        later = select(since.c.task_id).where(since.c.field == field)
        logged = func.coalesce(before, after)
        return case((_task.id.in_(later), convert(logged) if convert else logged), else_=column)

    changed = _task.id.in_(select(since.c.task_id))
    return TaskColumns(
        status=at("status", _task.status),
        percent=type_coerce(at("percent", _task.percent, lambda v: cast(v, Integer)), Integer),
        deadline=type_coerce(at("deadline", _task.deadline, as_date), Date),
        deadline_text=at("deadline_text", _task.deadline_text),
        start_date=type_coerce(at("start_date", _task.start_date, as_date), Date),
        changed=changed,
    )
