"""Importing an indicator table (read by ``indicator_parse``) into the ledger: indicators matched by
name are updated, values recorded per period through the one value rule, all in one transaction or
none (a dry run rolls back)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from db.session import transaction
from ledger_app.exchange.importing.indicator_parse import (
    IndicatorImportResult,
    ParsedIndicator,
    read_table,
)
from ledger_app.indicators.recording import value_row, write_value
from ledger_app.indicators.store import ValueInput
from ledger_app.messages.errors import ImportRejected, Problem
from ledger_app.store.models import Indicator, IndicatorTask, Plan, Task, utcnow
from ledger_app.tasks.departments import department_ids
from ledger_app.tasks.groups import group_rule

__all__ = ["IndicatorImportResult", "import_indicators", "read_table"]


class _DryRun(Exception):
    pass


_FIELDS = ("code", "unit", "area", "direction", "baseline", "baseline_year", "target", "target_year", "path", "note")


def import_indicators(engine: Engine, path: str | Path, *, plan: str | None = None, sheet: str | None = None,
                      dry_run: bool = False, user: str = "") -> IndicatorImportResult:
    """Import an indicator table into ``plan`` (default: the table's title, else the file name):
    indicators matched by name are updated, values recorded per period through the one value rule.
    Raises ImportRejected and writes nothing when any cell is bad."""
    path = Path(path)
    table = read_table(path, sheet, group_rule(engine))
    if table.problems:
        raise ImportRejected(table.problems)
    plan_title = (plan or table.title or path.stem).strip()
    added = updated = unchanged = values = 0
    try:
        with transaction(engine) as session:
            plan_row = session.execute(select(Plan).where(Plan.title == plan_title)).scalars().first()
            if plan_row is None:
                plan_row = Plan(title=plan_title)
                session.add(plan_row)
                session.flush()
            existing = {i.name: i for i in session.execute(
                select(Indicator).where(Indicator.plan_id == plan_row.id)).scalars()}
            codes = dict(session.execute(select(Task.code, Task.id).where(Task.plan_id == plan_row.id)).all())
            missing = [Problem(table.file, "方案“{plan}”中没有编号为“{code}”的任务", {"plan": plan_title, "code": code},
                               table.sheet, p.row) for p in table.indicators for code in p.task_codes
                       if code not in codes]
            if missing:
                raise ImportRejected(missing)
            depts = department_ids(session, [p.dept for p in table.indicators if p.dept])
            position = max((i.position for i in existing.values()), default=0)
            for parsed in table.indicators:
                wanted = {k: parsed.values[k] for k in _FIELDS}
                wanted["department_id"] = depts.get(parsed.dept) if parsed.dept else None
                wanted["co_depts"] = parsed.co_depts
                indicator = existing.get(parsed.values["name"])
                if indicator is None:
                    position += 1
                    indicator = Indicator(plan_id=plan_row.id, name=parsed.values["name"], position=position,
                                          **wanted)
                    session.add(indicator)
                    session.flush()
                    added += 1
                elif any(getattr(indicator, k) != v for k, v in wanted.items()):
                    for key, value in wanted.items():
                        setattr(indicator, key, value)
                    indicator.version += 1
                    indicator.updated_at = utcnow()
                    updated += 1
                else:
                    unchanged += 1
                if parsed.task_codes:
                    session.execute(delete(IndicatorTask).where(IndicatorTask.indicator_id == indicator.id))
                    session.execute(insert(IndicatorTask), [{"indicator_id": indicator.id, "task_id": codes[c]}
                                                            for c in dict.fromkeys(parsed.task_codes)])
                values += _write_readings(session, indicator, parsed, user)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return IndicatorImportResult(plan_title, table.sheet, table.header_row, len(table.indicators), added, updated,
                                 unchanged, values, dry_run)


def _write_readings(session, indicator: Indicator, parsed: ParsedIndicator, user: str) -> int:  # noqa: ANN001
    written = 0
    for year, quarter, value in parsed.readings:
        row = value_row(session, indicator.id, year, quarter)
        if row is not None and row.value == value:
            continue  # a re-import of the same table changes nothing
        write_value(session, indicator, ValueInput(year, quarter, value), user=user, source="导入")
        written += 1
    return written
