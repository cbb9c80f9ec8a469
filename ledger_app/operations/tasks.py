"""Operations on tasks and their records: edit fields, write a quarter's progress, add, change or
delete a 督办 record, create, delete and restore a task, record an indicator value. Each is one
transaction carrying the version the clerk saw, and answers what changed and its undo."""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy import Engine

from ledger_app.indicators.store import ValueInput, record_value, undo_value
from ledger_app.messages.errors import LedgerError
from ledger_app.operations.changes import OpChanges, OpResult, records_of
from ledger_app.records import supervision
from ledger_app.records.history import list_supervision
from ledger_app.records.progress import (
    ProgressInput,
    as_input,
    quarter_report,
    report_effective_on,
    restore_progress,
    write_progress,
)
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store.models import Plan
from ledger_app.tasks import lifecycle, timeline
from ledger_app.tasks.editing import apply_changes, check_changes, field_as_of, implied_changes, versioned_task


def edit_task(engine: Engine, task_id: int, changes: dict[str, object], *, user: str,
              expected_version: int | None = None, source: str = "手工修改", effective_on: date | None = None,
              reason: str = "") -> OpResult:
    """Change fields of one task, effective on ``effective_on`` (业务日期, default today). Undo puts
    back, effective the same day, the values this edit replaced."""
    if not changes:
        raise LedgerError("未指定要修改的字段")
    day = effective_on or date.today()
    with versioned_task(engine, task_id, expected_version, changes, user=user, source=source) as (session, task):
        based_on = task.version
        year = None
        if "deadline" in changes and not hasattr(changes["deadline"], "isoformat"):
            plan = session.get(Plan, task.plan_id)  # only a typed deadline needs the plan's year
            year = plan.year if plan else None
        # With what the rules add (推进中 on a first percent), so the undo knows every old value.
        clean = implied_changes(session, task, check_changes(changes, year), day)
        # A change effective before a later one is logged but leaves the task's current value as it is.
        later = timeline.changed_after(session, task.id, clean, day)
        before = {k: field_as_of(session, task, k, day, later) for k in clean}
        changed = apply_changes(session, task, clean, user, source, effective_on=day, reason=reason, later=later)
        version = task.version
    if not changed:
        return OpResult(OpChanges(), versions={task_id: version}, based_on={task_id: based_on})
    old = {k: before[k] for k in changed}
    if "deadline" in old and "deadline_text" not in old:
        old["deadline_text"] = before["deadline_text"]
    # The values as of the edit's day: what the editor shows (it looks at the day it edits).
    return OpResult(OpChanges(tasks=frozenset({task_id}),
                              fields={task_id: {**{k: clean[k] for k in changed}, "version": version}},
                              records=frozenset({task_id})),
                    undo=partial(edit_task, engine, task_id, old, user=user, expected_version=version,
                                 source="撤销", effective_on=day, reason=reason),
                    versions={task_id: version}, based_on={task_id: based_on})


def record_progress(engine: Engine, task_id: int, report: ProgressInput, *, user: str,
                    expected_version: int | None = None, source: str = "季度进展", reason: str = "") -> OpResult:
    """Write one quarter's report (the one progress rule). Undo restores the quarter's previous
    report and the task's percent and status, in one transaction."""
    with versioned_task(engine, task_id, expected_version, {"percent": report.percent}, user=user,
                        source=source) as (session, task):
        based_on = task.version
        existing = quarter_report(session, task_id, report.year, report.quarter)
        previous = as_input(existing) if existing is not None else None
        day = report_effective_on(report)
        before = {"percent": field_as_of(session, task, "percent", day),
                  "status": field_as_of(session, task, "status", day)}
        write_progress(session, task, report, user=user, source=source, reason=reason)
        version = task.version
        after = {"percent": task.percent, "status": task.status, "version": version}
    undo = partial(_restore_quarter, engine, task_id, report, previous, before, user=user, expected_version=version,
                   reason=reason)
    return OpResult(_touched(task_id, after), undo=undo, versions={task_id: version}, based_on={task_id: based_on})


def _restore_quarter(engine: Engine, task_id: int, report: ProgressInput, previous: ProgressInput | None,
                     fields: dict[str, object], *, user: str, expected_version: int | None,
                     reason: str = "") -> OpResult:
    with versioned_task(engine, task_id, expected_version, dict(fields), user=user, source="撤销") as (session, task):
        based_on = task.version
        restore_progress(session, task, report, previous, fields, user=user, reason=reason)
        version = task.version
        after = {"percent": task.percent, "status": task.status, "version": version}
    redo = partial(record_progress, engine, task_id, report, user=user, expected_version=version, source="重做",
                   reason=reason)
    return OpResult(_touched(task_id, after), undo=redo, versions={task_id: version}, based_on={task_id: based_on})


def _touched(task_id: int, fields: dict[str, object]) -> OpChanges:
    return OpChanges(tasks=frozenset({task_id}), fields={task_id: fields}, records=frozenset({task_id}))


def add_supervision(engine: Engine, task_id: int, action: SupervisionInput, *, user: str,
                    reason: str = "") -> OpResult:
    action_id = supervision.add_supervision(engine, task_id, action, user=user, reason=reason)
    return OpResult(records_of(task_id), undo=partial(delete_supervision, engine, task_id, action_id, user=user,
                                                       reason=reason), value=action_id)


def delete_supervision(engine: Engine, task_id: int, action_id: int, *, user: str, reason: str = "") -> OpResult:
    kept = supervision.delete_supervision(engine, action_id, user=user, reason=reason)
    undo = partial(add_supervision, engine, task_id, kept, user=user, reason=reason) if kept is not None else None
    return OpResult(records_of(task_id), undo=undo)


def update_supervision(engine: Engine, task_id: int, action_id: int, action: SupervisionInput, *,
                       user: str, reason: str = "") -> OpResult:
    before = next((a for a in list_supervision(engine, task_id) if a.id == action_id), None)
    if before is None:
        raise LedgerError("督办记录不存在")
    supervision.update_supervision(engine, action_id, action, user=user, reason=reason)
    old = SupervisionInput(before.kind, before.action_date, before.content, before.rectify_deadline, before.result,
                           before.closed, before.doc_no)
    return OpResult(records_of(task_id), undo=partial(update_supervision, engine, task_id, action_id, old,
                                                        user=user, reason=reason))


def create_task(engine: Engine, plan_id: int, fields: dict[str, object], *, user: str,
                area_id: int | None = None) -> OpResult:
    task_id = lifecycle.create_task(engine, plan_id, fields, user=user, area_id=area_id)
    return OpResult(OpChanges(tasks=None, structure=True), undo=partial(delete_task, engine, task_id, user=user),
                    value=task_id)


def delete_task(engine: Engine, task_id: int, *, user: str) -> OpResult:
    snapshot = lifecycle.delete_task(engine, task_id, user=user)
    return OpResult(OpChanges(tasks=None, structure=True), undo=partial(restore_task, engine, snapshot, user=user))


def restore_task(engine: Engine, snapshot: lifecycle.TaskSnapshot, *, user: str) -> OpResult:
    task_id = lifecycle.restore_task(engine, snapshot, user=user)
    return OpResult(OpChanges(tasks=None, structure=True), undo=partial(delete_task, engine, task_id, user=user),
                    value=task_id)


def record_indicator_value(engine: Engine, indicator_id: int, value: ValueInput, *, user: str,
                           expected_version: int | None = None) -> OpResult:
    """Record one period's actual value of an indicator; undo puts the period back as it was."""
    previous, version = record_value(engine, indicator_id, value, user=user,
                                                     expected_version=expected_version)
    return OpResult(OpChanges(indicators=True),
                    undo=partial(_restore_indicator_value, engine, indicator_id, value, previous, user=user,
                                 expected_version=version))


def _restore_indicator_value(engine: Engine, indicator_id: int, value: ValueInput,
                             previous: ValueInput | None, *, user: str,
                             expected_version: int | None) -> OpResult:
    version = undo_value(engine, indicator_id, value.year, value.quarter, previous, user=user,
                                         expected_version=expected_version)
    return OpResult(OpChanges(indicators=True),
                    undo=partial(record_indicator_value, engine, indicator_id, value, user=user,
                                 expected_version=version))
