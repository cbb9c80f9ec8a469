"""Operations on periods: 季度封账 and 重新打开 (ledger_app/periods/closing.py says what a close
freezes), and 结转 into next year's plan (ledger_app/periods/carry_over.py). Not undoable in the
window; every view reloads."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import Engine, select

from db.session import transaction
from ledger_app.dates.quarters import end_of_quarter, quarter_name
from ledger_app.messages.errors import LedgerError
from ledger_app.operations.changes import OpChanges, OpResult
from ledger_app.periods import carry_over as carrying
from ledger_app.periods.closing import CLOSED, REOPENED, ClosedQuarter, check_quarter, figures, freeze, of_quarter
from ledger_app.periods.snapshot import take_live
from ledger_app.records import numbering
from ledger_app.store.models import QuarterClose, QuarterEvent, Task, utcnow


def close_quarter(engine: Engine, year: int, quarter: int, *, user: str, today: date | None = None) -> OpResult:
    """Freeze a quarter that is over; the value is the :class:`ClosedQuarter`.

    The ledger is read and frozen inside one write transaction that no other write may commit
    during (``alone``): an edit another desk saves meanwhile waits for the close, and then — being
    effective in a closed quarter — is refused unless entered as a 更正, which the quarter's
    reprints list. Read first and written after, such an edit was in neither."""
    check_quarter(year, quarter)
    end = end_of_quarter(year, quarter)
    if end >= (today or date.today()):
        raise LedgerError("{quarter}尚未结束，{day}之后才能封账", quarter=quarter_name(year, quarter),
                          day=end.isoformat())
    with transaction(engine, alone=True) as session:
        if session.get(QuarterClose, (year, quarter)) is not None:
            raise LedgerError("{quarter}已经封账", quarter=quarter_name(year, quarter))
        # Read through the engine's other connections: they see exactly what is committed, and
        # nothing can be committed until this transaction ends.
        snap = take_live(engine, end)
        places = {task_id: (plan_id, area_id) for task_id, plan_id, area_id in
                  session.execute(select(Task.id, Task.plan_id, Task.area_id))}
        places = {t.id: places[t.id] for t in snap.tasks if t.id in places}
        register = numbering.issued(engine)
        figured = figures(year, quarter, snap.tasks)
        row = QuarterClose(year=year, quarter=quarter, closed_at=utcnow(), closed_by=user,
                           frozen=freeze(snap, places, register), summary=json.dumps(asdict(figured)))
        session.add(row)
        session.add(QuarterEvent(year=year, quarter=quarter, action=CLOSED, at=row.closed_at, by=user,
                                 entered_by=user))
    closed = ClosedQuarter(year, quarter, row.closed_at, user, figured, of_quarter(register, year, quarter))
    return OpResult(OpChanges.everything(), value=closed)


def reopen_quarter(engine: Engine, year: int, quarter: int, *, allowed_by: str, reason: str, user: str) -> OpResult:
    """Reopen a closed quarter: allowed by a named person, for a reason; both are logged. Its
    documents are computed from the ledger again until it is closed anew."""
    check_quarter(year, quarter)
    if not allowed_by.strip():
        raise LedgerError("重新打开已封账的季度须写明批准人")
    if not reason.strip():
        raise LedgerError("重新打开已封账的季度须写明原因")
    with transaction(engine) as session:
        row = session.get(QuarterClose, (year, quarter))
        if row is None:
            raise LedgerError("{quarter}没有封账", quarter=quarter_name(year, quarter))
        session.delete(row)
        session.add(QuarterEvent(year=year, quarter=quarter, action=REOPENED, by=allowed_by.strip(),
                                 reason=reason.strip(), entered_by=user))
    return OpResult(OpChanges.everything())


def carry_over(engine: Engine, from_year: int, to_year: int, *, user: str, plan: str | None = None,
               task_ids: list[int] | None = None) -> OpResult:
    """Carry the unfinished tasks of ``from_year`` (those in ``task_ids``, if given) into
    ``to_year``'s plan, all or nothing (ledger_app.periods.carry_over); the value is the new tasks' ids."""
    created = carrying.carry_over(engine, from_year, to_year, user=user, plan=plan, task_ids=task_ids)
    return OpResult(OpChanges.everything(), value=created)
