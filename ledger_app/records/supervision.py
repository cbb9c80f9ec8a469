"""督办 (supervision) actions of a task: recorded, changed and deleted inside the caller's write
transaction (the operations open it; issuing a document records its actions with its number), each
logged in the task's change log with who did it. Reading them back is ``records.history``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ledger_app.dates.business import entry_mark
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.store.limits import check_text, check_year
from ledger_app.store.models import ChangeLog, SupervisionAction, SupervisionKind, Task, utcnow
from ledger_app.tasks.timeline import change_row

KINDS = tuple(k.value for k in SupervisionKind)
CHANGED = "修改：{kind} {result}"  # the change log's record of an edited action
EN.update({CHANGED: "changed: {kind} {result}"})


@dataclass(frozen=True)
class SupervisionInput:
    kind: str
    action_date: date
    content: str = ""
    rectify_deadline: date | None = None
    result: str = ""
    closed: bool = False
    doc_no: str = ""


def _check(action: SupervisionInput) -> None:
    if action.kind not in KINDS:
        raise LedgerError("督办类型必须是：{allowed}", allowed="、".join(KINDS))
    if action.rectify_deadline is not None and action.rectify_deadline < action.action_date:
        raise LedgerError("整改期限不能早于督办日期")
    check_year(action.action_date.year)
    for label, text in (("督办内容", action.content), ("办理结果", action.result), ("督办编号", action.doc_no)):
        check_text(label, text)


def _log(session, task: Task, what: str, old: str, new: str, user: str, day: date, reason: str) -> None:  # noqa: ANN001
    """Log a change to the task's supervision, effective on the action's date (its 业务日期):
    refused in a closed quarter unless entered as a 更正 with ``reason``."""
    mark = entry_mark(session, day, reason, future=True)  # an action may be planned ahead
    session.add(ChangeLog(**change_row(task.id, task.code, what, old, new, at=utcnow(), by=user, source="督办",
                                       version=None, day=day, mark=mark, reason=reason)))


def note_supervision(session: Session, task: Task, old: str, new: str, *, user: str) -> None:
    """A line about a task's supervision in its change log, inside the caller's transaction
    (a proposal dismissed with its reason, an acceptance taken back). It is a decision taken
    now, so it takes effect on the day it is entered and needs no closed-quarter check."""
    now = utcnow()
    session.add(ChangeLog(**change_row(task.id, task.code, "督办", old, new, at=now, by=user, source="督办",
                                       version=None, day=now.astimezone().date())))


def record_supervision(session: Session, task: Task, action: SupervisionInput, *, user: str, reason: str = "") -> int:
    """Record a supervision action inside the caller's transaction (a document issue records its
    actions together with its number)."""
    _check(action)
    summary = f"{action.kind} {action.doc_no} {action.action_date.isoformat()} {action.content}"
    _log(session, task, "督办", "", " ".join(summary.split()), user, action.action_date, reason)
    # Stamped here (not by the column's default): when it was recorded decides whether a bulletin
    # issued since named it (ledger_app/assessment/publication.py).
    row = SupervisionAction(task_id=task.id, created_at=utcnow(), **action.__dict__)
    session.add(row)
    session.flush()
    return row.id


def change_supervision(session: Session, action_id: int, action: SupervisionInput, *, user: str,
                       reason: str = "") -> SupervisionInput:
    """Change a supervision action inside the caller's transaction; returns what it held before."""
    _check(action)
    row = session.get(SupervisionAction, action_id)
    if row is None:
        raise LedgerError("督办记录不存在")
    before = _kept(row)
    task = session.get(Task, row.task_id)
    for day in sorted({row.action_date, action.action_date}):  # moved out of or into a closed quarter
        entry_mark(session, day, reason, future=True)
    _log(session, task, "督办", "", Message(CHANGED, kind=action.kind, result=action.result).strip(), user,
         action.action_date, reason)
    for key, value in action.__dict__.items():
        setattr(row, key, value)
    return before


def remove_supervision(session: Session, action_id: int, *, user: str, reason: str = "") -> SupervisionInput | None:
    """Delete a supervision action inside the caller's transaction; returns what it held (None: it was gone)."""
    row = session.get(SupervisionAction, action_id)
    if row is None:
        return None
    kept = _kept(row)
    task = session.get(Task, row.task_id)
    _log(session, task, "督办", f"{row.kind} {row.action_date.isoformat()}", "删除", user, row.action_date, reason)
    session.delete(row)
    return kept


def _kept(row: SupervisionAction) -> SupervisionInput:
    return SupervisionInput(row.kind, row.action_date, row.content, row.rectify_deadline, row.result, row.closed,
                            row.doc_no)
