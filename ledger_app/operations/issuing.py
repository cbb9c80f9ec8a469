"""Issuing a document: one entry point for the command line, the report dialog and an accepted
限期整改 proposal.

Issuing runs in one write transaction: the numbers are reserved, the document typeset with them
(``ledger_app.documents.build``), handed to ``deliver`` (written to the chosen file, or sent to the
printer), and only then registered with its supervision records; if delivering fails or the clerk
cancels, the transaction rolls back and no number is used up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from db.session import transaction
from ledger_app.dates.business import closed_quarter_set
from ledger_app.dates.quarters import quarter_name, quarter_of
from ledger_app.documents import quarterly_sheet
from ledger_app.documents.build import Prepared, ReportResult, prepare, preview, typeset
from ledger_app.documents.options import NUMBERED, Progress, ReportOptions
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.operations import reserving
from ledger_app.records import numbering
from ledger_app.records.supervision import SupervisionInput, record_supervision
from ledger_app.store.models import IssuedDocument, Status, Task, utcnow

Deliver = Callable[[Path], None]
SHEET_RECORD = "{period}改革任务督办单"  # the 督办 record a quarterly sheet leaves on each open task
EN[SHEET_RECORD] = "reform task supervision sheet, {period}"


def issue(engine: Engine, options: ReportOptions, deliver: Deliver, *, user: str,
          progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
          hold: bool = False) -> ReportResult:
    """Number, typeset, deliver and record the document, all or nothing. ``hold``: the document is
    numbered and recorded but not yet delivered (an accepted escalation proposal); it may be taken
    back until a later issue of it (printing or saving) delivers it."""
    prepared = prepare(engine, options)
    with tempfile.TemporaryDirectory(prefix="ledger-issue-") as tmp:
        out = Path(tmp) / "document.pdf"
        if options.kind not in NUMBERED:
            pages = typeset(prepared, {}, out, draft=False, progress=progress, cancelled=cancelled)
            deliver(out)
            return ReportResult(out, pages, prepared.title, {}, True)
        for attempt in range(2):
            try:
                return _issue_once(engine, prepared, out, deliver, user, progress, cancelled, hold)
            except IntegrityError:
                # Another desk issued the same document a moment ago (PostgreSQL lets both read
                # "not issued yet"): take its number, as a reprint would.
                if attempt:
                    raise
                prepared.existing = numbering.find(engine, options.kind, list(prepared.subjects.values()))
    raise AssertionError("unreachable")


def _issue_once(engine: Engine, prepared: Prepared, out: Path, deliver: Deliver, user: str,
                progress: Progress | None, cancelled: Callable[[], bool] | None, hold: bool = False) -> ReportResult:
    options = prepared.options
    kind = options.kind
    prefix = numbering.prefix(engine, kind)
    with transaction(engine) as session:
        existing = {row.subject: row for row in session.execute(
            select(IssuedDocument).where(IssuedDocument.kind == kind,
                                         IssuedDocument.subject.in_(list(prepared.subjects.values())))).scalars()}
        closed = quarter_of(prepared.snap.as_of)
        if len(existing) < len(prepared.subjects) and closed in closed_quarter_set(session):
            # The quarter's documents and their numbers were frozen with it: reprints only.
            raise LedgerError("{quarter}已封账，不能再印发截至该季度的新文书（已印发的可以重印）；"
                              "确需印发请先重新打开该季度", quarter=quarter_name(*closed))
        if existing:
            prepared.signed = next(iter(existing.values())).signed_on
        year = prepared.signed.year
        numbers: dict[str, str] = {}
        new: dict[str, tuple[str, int]] = {}
        for label, subject in prepared.subjects.items():
            if subject in existing:
                numbers[label] = existing[subject].doc_no
            else:
                serial = reserving.reserve(session, kind, year)
                numbers[label] = numbering.format_number(prefix, year, serial)
                new[label] = (subject, serial)
        pages = typeset(prepared, numbers, out, draft=False, progress=progress, cancelled=cancelled)
        deliver(out)
        if not hold:  # a held document printed or saved now has left the office
            for row in existing.values():
                row.delivered_at = row.delivered_at or utcnow()
        recorded: set[int] = set()
        for label, (subject, serial) in new.items():
            reserving.register(session, kind=kind, subject=subject, year=year, serial=serial, doc_no=numbers[label],
                               title=_register_title(prepared, label), signed_on=prepared.signed,
                               as_of=prepared.snap.as_of, pages=pages, user=user, delivered=not hold)
            recorded |= _record_actions(session, prepared, label, numbers[label], user)
    return ReportResult(out, pages, prepared.title, numbers, True, frozenset(recorded))


def _register_title(prepared: Prepared, label: str) -> str:
    return f"{prepared.title}（{label}）" if label else prepared.title


def _record_actions(session, prepared: Prepared, label: str, number: str, user: str) -> set[int]:  # noqa: ANN001
    """A sheet is a 季度督办 of each open task it lists; a notice a 限期整改 of its task.
    Returns the tasks recorded."""
    snap, options = prepared.snap, prepared.options
    recorded: set[int] = set()
    if options.kind == "quarterly-sheet":
        for view in quarterly_sheet.open_tasks(snap, label):
            task = session.get(Task, view.id)
            if task is not None:
                content = Message(SHEET_RECORD, period=options.period)
                record_supervision(session, task, SupervisionInput("季度督办", prepared.signed, content, doc_no=number),
                                   user=user)
                recorded.add(task.id)
    elif options.kind == "notice":
        assert prepared.task is not None
        task = session.get(Task, prepared.task.id)
        if task is not None and task.status not in (Status.DONE, Status.CANCELLED, Status.CARRIED):
            record_supervision(session, task, SupervisionInput(
                "限期整改", prepared.signed, "限期整改通知书", prepared.rectify_by, doc_no=number), user=user)
            recorded.add(task.id)
    return recorded


def build_report(engine: Engine, options: ReportOptions, out: Path, *, user: str, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ReportResult:
    """Write the document to ``out``: issued (numbered and recorded) if ``options.record``, else a preview."""
    if not options.record:
        return preview(engine, options, out, progress=progress, cancelled=cancelled)
    from ledger_app.system.files import replace_file

    def deliver(path: Path) -> None:
        replace_file(path, out)

    result = issue(engine, options, deliver, user=user, progress=progress, cancelled=cancelled)
    return replace(result, path=out)
