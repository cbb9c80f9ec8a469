"""Operations on tasks and their records: edit fields, write a quarter's progress, add, change or
delete a 督办 record, create, delete and restore a task. Each is one transaction carrying the
version the clerk saw, and answers what changed and its undo."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from db.session import transaction
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.operations.changes import OpChanges, OpResult, Undo, records_of
from ledger_app.records.progress import (
    ProgressInput,
    as_input,
    check,
    quarter_report,
    report_effective_on,
    restore_progress,
    write_progress,
)
from ledger_app.records.supervision import (
    SupervisionInput,
    change_supervision,
    record_supervision,
    remove_supervision,
)
from ledger_app.store.models import Plan, Task
from ledger_app.tasks import lifecycle, timeline
from ledger_app.tasks.editing import apply_changes, check_changes, field_as_of, implied_changes, versioned_task
from ledger_app.tasks.fields import DEPT_FIELDS, TASK_GONE
from ledger_app.tasks.groups import DEFAULT, read_rule

PLAN_GONE = "该方案已不在台账中，请刷新后再试"  # looked up by its id, which means nothing to a clerk
EN.update({PLAN_GONE: "the plan is no longer in the ledger; refresh and try again"})


def edit_task(engine: Engine, task_id: int, changes: dict[str, object], *, user: str,
              expected_version: int | None = None, source: str = "手工修改", effective_on: date | None = None,
              reason: str = "") -> OpResult:
    """Change fields of one task, effective on ``effective_on`` (业务日期, default today). With
    ``expected_version`` (the version the editor showed) the save is refused with StaleEditError,
    and the attempt logged, if someone else changed the task since; in a closed quarter it needs
    ``reason`` (a 更正). Undo puts back, effective the same day, the values this edit replaced."""
    if not changes:
        raise LedgerError("未指定要修改的字段")
    day = effective_on or date.today()
    with versioned_task(engine, task_id, expected_version, changes, user=user, source=source) as (session, task):
        based_on = task.version
        year = None
        if "deadline" in changes and not hasattr(changes["deadline"], "isoformat"):
            plan = session.get(Plan, task.plan_id)  # only a typed deadline needs the plan's year
            year = plan.year if plan else None
        # A department cell is split by the ledger's own rule (its settings' class words and exceptions).
        groups = read_rule(session) if DEPT_FIELDS.keys() & changes.keys() else DEFAULT
        # With what the rules add (推进中 on a first percent), so the undo knows every old value.
        clean = implied_changes(session, task, check_changes(changes, year, groups=groups), day)
        # A change effective before a later one is logged but leaves the task's current value as it is.
        later = timeline.changed_after(session, task.id, clean, day)
        before = {k: field_as_of(session, task, k, day, later) for k in clean}
        changed = apply_changes(session, task, clean, user, source, effective_on=day, reason=reason, later=later)
        version = task.version
    if not changed:
        return OpResult(OpChanges(), value=[], versions={task_id: version}, based_on={task_id: based_on})
    old = {k: before[k] for k in changed}
    if "deadline" in old and "deadline_text" not in old:
        old["deadline_text"] = before["deadline_text"]
    # The values as of the edit's day: what the editor shows (it looks at the day it edits).
    return OpResult(OpChanges(tasks=frozenset({task_id}),
                              fields={task_id: {**{k: clean[k] for k in changed}, "version": version}},
                              records=frozenset({task_id})),
                    undo=Undo(edit_task, (engine, task_id, old),
                              {"user": user, "source": "撤销", "effective_on": day, "reason": reason},
                              task_id=task_id, expected_version=version),
                    value=changed, versions={task_id: version}, based_on={task_id: based_on})


def record_progress(engine: Engine, task_id: int, report: ProgressInput, *, user: str,
                    expected_version: int | None = None, source: str = "季度进展", reason: str = "") -> OpResult:
    """Write one quarter's report (the one progress rule, ledger_app.records.progress). Undo
    restores the quarter's previous report and the task's percent and status, in one transaction."""
    check(report)
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
    undo = Undo(_restore_quarter, (engine, task_id, report, previous, before), {"user": user, "reason": reason},
                task_id=task_id, expected_version=version)
    return OpResult(_touched(task_id, after), undo=undo, versions={task_id: version}, based_on={task_id: based_on})


def _restore_quarter(engine: Engine, task_id: int, report: ProgressInput, previous: ProgressInput | None,
                     fields: dict[str, object], *, user: str, expected_version: int | None,
                     reason: str = "") -> OpResult:
    with versioned_task(engine, task_id, expected_version, dict(fields), user=user, source="撤销") as (session, task):
        based_on = task.version
        restore_progress(session, task, report, previous, fields, user=user, reason=reason)
        version = task.version
        after = {"percent": task.percent, "status": task.status, "version": version}
    redo = Undo(record_progress, (engine, task_id, report), {"user": user, "source": "重做", "reason": reason},
                task_id=task_id, expected_version=version)
    return OpResult(_touched(task_id, after), undo=redo, versions={task_id: version}, based_on={task_id: based_on})


def _touched(task_id: int, fields: dict[str, object]) -> OpChanges:
    return OpChanges(tasks=frozenset({task_id}), fields={task_id: fields}, records=frozenset({task_id}))


def add_supervision(engine: Engine, task_id: int, action: SupervisionInput, *, user: str,
                    reason: str = "") -> OpResult:
    """Record a 督办 action on a task; undo deletes it."""
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise LedgerError(TASK_GONE)
        action_id = record_supervision(session, task, action, user=user, reason=reason)
    return OpResult(records_of(task_id), undo=Undo(delete_supervision, (engine, task_id, action_id),
                                                   {"user": user, "reason": reason}), value=action_id)


def delete_supervision(engine: Engine, task_id: int, action_id: int, *, user: str, reason: str = "") -> OpResult:
    """Delete a 督办 action; undo records it again (one already gone is nothing to undo)."""
    with transaction(engine) as session:
        kept = remove_supervision(session, action_id, user=user, reason=reason)
    undo = Undo(add_supervision, (engine, task_id, kept), {"user": user, "reason": reason}) if kept else None
    return OpResult(records_of(task_id), undo=undo)


def update_supervision(engine: Engine, task_id: int, action_id: int, action: SupervisionInput, *,
                       user: str, reason: str = "") -> OpResult:
    """Change a 督办 action; undo puts back what it held, read in the same transaction."""
    with transaction(engine) as session:
        old = change_supervision(session, action_id, action, user=user, reason=reason)
    return OpResult(records_of(task_id), undo=Undo(update_supervision, (engine, task_id, action_id, old),
                                                   {"user": user, "reason": reason}))


def create_task(engine: Engine, plan_id: int, fields: dict[str, object], *, user: str,
                area_id: int | None = None, code: str | None = None) -> OpResult:
    """Add a task to a plan (the next free code unless ``code``); its id is the value, undo deletes it."""
    with transaction(engine) as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise LedgerError(PLAN_GONE)
        task_id = lifecycle.add_task(session, plan, fields, user=user, code=code, area_id=area_id).id
    return OpResult(OpChanges(tasks=None, structure=True), undo=Undo(delete_task, (engine, task_id), {"user": user}),
                    value=task_id)


def delete_task(engine: Engine, task_id: int, *, user: str) -> OpResult:
    """Delete a task with everything it holds; undo brings it back with the same id."""
    with transaction(engine) as session:
        snapshot = lifecycle.remove_task(session, task_id, user=user)
    return OpResult(OpChanges(tasks=None, structure=True),
                    undo=Undo(restore_task, (engine, snapshot), {"user": user}))


def restore_task(engine: Engine, snapshot: lifecycle.TaskSnapshot, *, user: str) -> OpResult:
    with transaction(engine) as session:
        task_id = lifecycle.put_back(session, snapshot, user=user)
    return OpResult(OpChanges(tasks=None, structure=True), undo=Undo(delete_task, (engine, task_id), {"user": user}),
                    value=task_id)
