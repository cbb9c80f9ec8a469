"""Writing a task's fields inside a write transaction: each change compared with the field as of
its 业务日期, the task's version moved on, the change logged with who made it; the transaction on
one task that goes ahead only at the version the clerk saw (``versioned_task``), and the refusal
that names who changed what since (``StaleEditError``). The operations (ledger_app.operations)
open these transactions; nothing else calls them (import-linter's ``writes`` contract)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlmodel import Session

from db.session import transaction
from ledger_app.dates.business import entry_mark
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.messages.labels import field_label
from ledger_app.store.models import OUTCOME_APPLIED, OUTCOME_REFUSED, ChangeLog, Status, Task, TaskDepartment, utcnow
from ledger_app.tasks import timeline
from ledger_app.tasks.departments import department_ids, names_of

# The vocabulary every writer of a task's fields shares (the carry-over imports it from here too).
from ledger_app.tasks.fields import DEPT_FIELDS, TASK_GONE, check_changes, field_as_of, starts_task

__all__ = ["DEPT_FIELDS", "NO_EVIDENCE", "StaleEditError", "apply_changes", "check_changes", "field_as_of",
           "implied_changes", "require_evidence", "starts_task", "versioned_task"]


NO_EVIDENCE = ("任务 {code} 没有佐证材料，不能设为“已完成”：请先上传佐证材料并申请销号，由督查室复核销号；"
               "或由办公室在 设置 → 督办与考核 中取消“已完成须有佐证材料”（config evidence.required 0）")
EN.update({
    NO_EVIDENCE: "task {code} has no evidence and cannot be set to 已完成 (done): attach the evidence and claim it "
                 "finished (申请销号) for the office to check and close, or set 'evidence required for 已完成' to 0 "
                 "under Settings → Supervision and assessment (config evidence.required 0)",
})


def implied_changes(session: Session, task: Task, changes: dict[str, object], day: date) -> dict[str, object]:
    """``changes`` with what the rules add to them: 推进中 when they record a new percent above 0 on a
    task not yet started as of ``day`` (:func:`starts_task`) — unless they set the status themselves."""
    if "percent" not in changes or "status" in changes:
        return changes
    if field_as_of(session, task, "percent", day) == changes["percent"]:
        return changes  # the same percent again: nothing is recorded
    if not starts_task(field_as_of(session, task, "status", day), changes["percent"]):
        return changes
    return {**changes, "status": Status.IN_PROGRESS.value}


def evidence_required(session: Session | Connection) -> bool:
    """The setting ``evidence.required`` (on unless the office turned it off), read in the writing transaction."""
    from ledger_app.store.schema import setting
    from ledger_app.store.settings import SPECS

    required = session.execute(select(setting.c.value).where(setting.c.key == "evidence.required")).scalar()
    return (required if required is not None else SPECS["evidence.required"].default) == "1"


def require_evidence(session: Session, task: Task) -> None:
    """The one rule for 已完成: with the setting ``evidence.required`` on (the default), a task
    becomes 已完成 only when it has evidence attached (ledger_app/evidence) — by 销号, or set
    directly by the office. Every path that sets a status comes through :func:`apply_changes`."""
    from ledger_app.store.schema import evidence_file

    if not evidence_required(session):
        return
    has = session.execute(select(evidence_file.c.id).where(evidence_file.c.task_id == task.id,
                                                           evidence_file.c.removed_at.is_(None)).limit(1)).first()
    if has is None:
        raise LedgerError(NO_EVIDENCE, code=task.code)


def apply_changes(session: Session, task: Task, changes: dict[str, object], user: str, source: str, *,
                  effective_on: date | None = None, reason: str = "", future: bool = False,
                  later: set[str] | None = None) -> list[str]:
    """Apply already-checked ``changes`` to ``task`` inside the caller's transaction, effective on
    ``effective_on`` (业务日期; default today). Returns the fields whose change was logged.

    A change is compared with the field's value as of its 业务日期. The task's own column holds
    the value as of its latest 业务日期, so a change effective before a later one (补录, 更正) is
    logged — it is what reports of that time show — but leaves the column as the later one set it.
    Refused (periods.entry_mark) for a day after today, or in a closed quarter without ``reason``.
    ``later``: the fields changed effective after that day, when the caller has read them already.
    A new percent above 0 on a task not yet started moves it to 推进中 (:func:`implied_changes`).
    """
    day = effective_on or date.today()
    now = utcnow()
    given = changes
    changes = implied_changes(session, task, changes, day)
    if later is None:
        later = timeline.changed_after(session, task.id, changes, day) if changes else set()
    elif len(changes) > len(given):  # a field the caller did not read
        later = later | timeline.changed_after(session, task.id, set(changes) - set(given), day)
    changed: list[str] = []
    log: list[tuple[str, object, object]] = []
    mark: str | None = None
    for key, new in changes.items():
        current = names_of(session, task.id, DEPT_FIELDS[key]) if key in DEPT_FIELDS else getattr(task, key)
        old = timeline.logged_value(session, task.id, key, day) if key in later else current
        if old == new:
            continue
        if key == "status" and new == Status.DONE.value:
            require_evidence(session, task)
        if mark is None:
            mark = entry_mark(session, day, reason, future=future)
        if key not in later:
            _write_field(session, task, key, new)
        changed.append(key)
        log.append((key, old, new))
    if changed:
        task.version += 1
        task.updated_at = now
        session.execute(insert(ChangeLog), [
            timeline.change_row(task.id, task.code, key, old, new, at=now, by=user, source=source,
                                version=task.version, day=day, mark=mark, reason=reason)
            for key, old, new in log])
    return changed


def _write_field(session: Session, task: Task, key: str, new: object) -> None:
    if key in DEPT_FIELDS:
        session.execute(delete(TaskDepartment).where(TaskDepartment.task_id == task.id,
                                                     TaskDepartment.role == DEPT_FIELDS[key].value))
        ids = department_ids(session, new)
        if new:
            session.execute(insert(TaskDepartment), [
                {"task_id": task.id, "department_id": ids[n], "role": DEPT_FIELDS[key].value, "position": i}
                for i, n in enumerate(new)
            ])
    else:
        setattr(task, key, new)


class StaleEditError(LedgerError):
    """A save based on a version of the task that another desk has since replaced."""

    def __init__(self, task_id: int, code: str, expected: int, current: int, others: list[ChangeLog]) -> None:
        if others:
            who = "；".join(t("{user} 于 {when} 改了“{field}”（{old} → {new}）", user=c.changed_by or "?",
                              when=_local(c.changed_at), field=field_label(c.field), old=c.old or "空",
                              new=c.new or "空")
                            for c in others[:5])
            super().__init__("任务 {code} 已被他人修改：{who}。您的修改未保存，请重新载入后再改",
                             code=code, who=who)
        else:
            super().__init__(
                "任务 {code} 已被他人修改（版本 {expected} → {current}）。您的修改未保存，请重新载入后再改",
                code=code, expected=expected, current=current)
        self.task_id, self.expected, self.current, self.others = task_id, expected, current, others


def _local(moment: datetime) -> str:
    if moment.tzinfo is None:  # stored as UTC without a zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _refused(engine: Engine, task_id: int, code: str, changes: dict[str, object], expected: int,
             user: str, source: str) -> list[ChangeLog]:
    """Log the refused attempt (its own transaction: the edit's was rolled back) and
    return the changes that made it stale."""
    with transaction(engine) as session:
        others = list(session.execute(
            select(ChangeLog).where(ChangeLog.task_id == task_id, ChangeLog.version > expected,
                                    ChangeLog.outcome == OUTCOME_APPLIED).order_by(ChangeLog.id)
        ).scalars())
        now = utcnow()
        session.execute(insert(ChangeLog), [
            timeline.change_row(task_id, code, key, "", value, at=now, by=user, source=source, version=expected,
                                day=date.today(), mark="", outcome=OUTCOME_REFUSED)
            for key, value in changes.items() if key != "deadline_text"
        ])
    return others


@contextmanager
def versioned_task(engine: Engine, task_id: int, expected_version: int | None, attempt: dict[str, object], *,
                   user: str, source: str) -> Iterator[tuple[Session, Task]]:
    """One write transaction on one task, row-locked, that goes ahead only if the task is still at
    ``expected_version`` (None: any). Otherwise the attempt is logged as refused and
    StaleEditError names who changed what since."""
    with transaction(engine) as session:
        # The row lock makes check-then-write atomic on PostgreSQL; SQLite's
        # BEGIN IMMEDIATE already holds the whole database for this transaction.
        task = session.get(Task, task_id, with_for_update=True)
        if task is None:
            raise LedgerError(TASK_GONE)
        stale = expected_version is not None and task.version != expected_version
        if not stale:
            yield session, task
            return
        code, current = task.code, task.version
    others = _refused(engine, task_id, code, attempt, expected_version, user, source)
    raise StaleEditError(task_id, code, expected_version, current, others)
