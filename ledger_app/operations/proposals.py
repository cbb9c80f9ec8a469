"""Carrying out an accepted escalation proposal (ledger_app/supervision/escalation.py) and taking it back, or
dismissing it for its quarter.

Accepting records the step as a supervision action in one transaction; a 限期整改 issues the
限期整改通知书 through the documents' own issue (number reserved, notice typeset, 限期整改 action
recorded, all in one transaction) and holds it: it may be taken back until it is printed or saved,
after which it has left the office. Taking back deletes what accepting wrote and, for a notice,
gives its number back when no later one was issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, delete, select

from db.session import transaction
from ledger_app.dates.quarters import quarter_of
from ledger_app.documents.options import ReportOptions
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.operations import reserving
from ledger_app.operations.changes import OpResult, Undo, records_of
from ledger_app.records import numbering
from ledger_app.records.supervision import SupervisionInput, note_supervision, record_supervision
from ledger_app.store import settings
from ledger_app.store.models import (
    IssuedDocument,
    Plan,
    ProposalDismissal,
    SupervisionAction,
    SupervisionKind,
    Task,
    utcnow,
)
from ledger_app.supervision.escalation import DISMISSAL, DISMISSED, KIND_OF, LABELS, RECTIFY, REMIND, Proposal, Rules

EN.update({"该整改通知书已不存在": "that rectification notice no longer exists"})


@dataclass(frozen=True)
class Accepted:
    proposal: Proposal
    action_id: int | None = None  # the supervision action recorded
    doc_no: str = ""  # the notice issued (限期整改)


def _refuse_if_done_already(session, proposal: Proposal, as_of: date, remind_days: int) -> None:  # noqa: ANN001
    """Two desks accepting one proposal: the second finds the step recorded and is refused."""
    year, quarter = quarter_of(as_of)
    since = as_of - timedelta(days=remind_days) if proposal.step == REMIND else date(year, quarter * 3 - 2, 1)
    kind = KIND_OF[proposal.step].value
    clash = session.execute(select(SupervisionAction.id).where(
        SupervisionAction.task_id == proposal.task_id, SupervisionAction.kind == kind,
        SupervisionAction.action_date >= since)).first()
    if clash is not None:
        raise LedgerError("该建议已不存在（任务情况或督办记录已变化），请刷新")


def _accept(engine: Engine, proposal: Proposal, *, user: str, as_of: date, signed: date | None = None) -> Accepted:
    """Carry out ``proposal`` as of ``as_of``; the action (or notice) is dated ``signed`` (default: as_of)."""
    signed = signed or as_of
    if proposal.step == RECTIFY:
        return _issue_notice(engine, proposal, user=user, as_of=as_of, signed=signed)
    content = str(proposal.record)  # in Chinese, as the ledger keeps its records
    remind_days = Rules.from_settings(settings.get_all(engine)).remind_days  # the thresholds read in one place
    with transaction(engine) as session:
        task = session.get(Task, proposal.task_id)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=proposal.code)
        _refuse_if_done_already(session, proposal, as_of, remind_days)
        action_id = record_supervision(session, task, SupervisionInput(KIND_OF[proposal.step].value, signed, content),
                                       user=user)
    return Accepted(proposal, action_id=action_id)


def notice_options(proposal: Proposal, as_of: date, signed: date, rectify_days: int) -> ReportOptions:
    return ReportOptions("notice", signed.year, as_of=as_of, task_code=proposal.code, plan=proposal.plan,
                         rectify_by=max(as_of, signed) + timedelta(days=rectify_days), signed=signed)


def _issue_notice(engine: Engine, proposal: Proposal, *, user: str, as_of: date, signed: date) -> Accepted:
    from ledger_app.operations.issuing import issue

    days = Rules.from_settings(settings.get_all(engine)).rectify_days
    result = issue(engine, notice_options(proposal, as_of, signed, days), lambda _pdf: None, user=user, hold=True)
    return Accepted(proposal, doc_no=result.numbers[proposal.code])


def _take_back(engine: Engine, accepted: Accepted, *, user: str) -> None:
    """Undo an acceptance in one transaction; refused once its notice has been printed or saved."""
    with transaction(engine) as session:
        if accepted.doc_no:
            row = session.execute(select(IssuedDocument).where(
                IssuedDocument.kind == "notice", IssuedDocument.doc_no == accepted.doc_no)).scalars().first()
            if row is None:
                raise LedgerError("该整改通知书已不存在")
            reserving.withdraw(session, row)
            actions = session.execute(select(SupervisionAction).where(
                SupervisionAction.task_id == accepted.proposal.task_id, SupervisionAction.doc_no == accepted.doc_no,
                SupervisionAction.kind == SupervisionKind.RECTIFY.value)).scalars().all()
        else:
            actions = [a for a in [session.get(SupervisionAction, accepted.action_id)] if a is not None]
        task = session.get(Task, accepted.proposal.task_id)
        for action in actions:
            was = " ".join(f"{action.kind} {action.doc_no} {action.action_date.isoformat()}".split())
            note_supervision(session, task, was, "撤销采纳", user=user)
            session.delete(action)


@dataclass(frozen=True)
class HeldNotice:
    """A 限期整改通知书 issued on accepting a proposal and not yet printed or saved."""

    doc_no: str
    task_id: int
    code: str
    title: str
    signed_on: date
    options: ReportOptions  # issuing these again prints the same notice and delivers it


def held_notices(engine: Engine) -> list[HeldNotice]:
    rows = numbering.held(engine, "notice")
    if not rows:
        return []
    from db.session import read_session

    out = []
    with read_session(engine) as session:
        for row in rows:
            task_id = int(row.subject.split("|")[0])
            found = session.execute(select(Task, Plan.title).join(Plan, Plan.id == Task.plan_id)
                                    .where(Task.id == task_id)).first()
            action = session.execute(select(SupervisionAction).where(
                SupervisionAction.task_id == task_id, SupervisionAction.doc_no == row.doc_no)).scalars().first()
            if found is None:
                continue
            task, plan = found
            options = ReportOptions("notice", row.signed_on.year, as_of=row.as_of, task_code=task.code, plan=plan,
                                    rectify_by=action.rectify_deadline if action else None, signed=row.signed_on)
            out.append(HeldNotice(row.doc_no, task.id, task.code, task.title, row.signed_on, options))
    return out


def accept_proposal(engine: Engine, proposal: Proposal, *, user: str, as_of: date,
                    signed: date | None = None) -> OpResult:
    """Carry out an escalation proposal in one transaction (a 限期整改 issues its notice, held);
    the value is what was recorded (:class:`Accepted`); undo takes it back until the notice is
    printed or saved."""
    accepted = _accept(engine, proposal, user=user, as_of=as_of, signed=signed)
    return OpResult(records_of(proposal.task_id), value=accepted,
                    undo=Undo(_take_back_op, (engine, accepted), {"user": user, "as_of": as_of, "signed": signed}))


def _take_back_op(engine: Engine, accepted: Accepted, *, user: str, as_of: date, signed: date | None) -> OpResult:
    _take_back(engine, accepted, user=user)
    return OpResult(records_of(accepted.proposal.task_id),
                    undo=Undo(accept_proposal, (engine, accepted.proposal),
                              {"user": user, "as_of": as_of, "signed": signed}))


def dismiss_proposal(engine: Engine, proposal: Proposal, reason: str, *, user: str) -> OpResult:
    """Turn a proposal down for its quarter, keeping the reason, in one transaction; the value is
    the dismissal's id; undo proposes it again."""
    if not reason.strip():
        raise LedgerError("请填写不采纳的理由")
    with transaction(engine) as session:
        exists = session.execute(select(ProposalDismissal.id).where(
            ProposalDismissal.task_id == proposal.task_id, ProposalDismissal.step == proposal.step,
            ProposalDismissal.year == proposal.year, ProposalDismissal.quarter == proposal.quarter)).first()
        if exists is not None:
            raise LedgerError("本季度已不采纳过该建议")
        row = ProposalDismissal(task_id=proposal.task_id, step=proposal.step, year=proposal.year,
                                quarter=proposal.quarter, reason=reason.strip(), dismissed_by=user,
                                dismissed_at=utcnow())
        session.add(row)
        session.flush()
        task = session.get(Task, proposal.task_id)
        if task is not None:  # shown with the task's history (变更记录)
            note_supervision(session, task, "", Message(DISMISSED, label=proposal.label, reason=row.reason), user=user)
        dismissal = row.id
    return OpResult(records_of(proposal.task_id), value=dismissal,
                    undo=Undo(_undismiss, (engine, dismissal, proposal, reason), {"user": user}))


def _undismiss(engine: Engine, dismissal: int, proposal: Proposal, reason: str, *, user: str) -> OpResult:
    with transaction(engine) as session:
        row = session.get(ProposalDismissal, dismissal)
        if row is not None:
            task = session.get(Task, row.task_id)
            if task is not None:
                note_supervision(session, task, Message(DISMISSAL, label=LABELS[row.step]), "撤销", user=user)
            session.execute(delete(ProposalDismissal).where(ProposalDismissal.id == dismissal))
    return OpResult(records_of(proposal.task_id),
                    undo=Undo(dismiss_proposal, (engine, proposal, reason), {"user": user}))
