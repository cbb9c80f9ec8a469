"""Issuing a document: one entry point for the command line, the report dialog and an accepted
限期整改 proposal.

Numbering and recording are two short write transactions with the typesetting and the delivering
between them, outside any transaction, so that another desk's edit never waits for a printer:

1. ``reserve`` — the numbers are reserved and the document registered as held (``delivered_at``
   empty), or a reprint finds the numbers it was first issued with;
2. the PDF is typeset with those numbers and handed to ``deliver`` (written to the chosen file, or
   sent to the printer);
3. ``record`` — the register marks it delivered (unless ``hold``) and the 督办 actions it stands for
   are recorded (a 季度督办 of each open task a sheet lists, a 限期整改 of a notice's task).

A document delivered already is reprinted from the PDF it was delivered as, kept in the ledger
(ledger_app/operations/originals.py) and named by its register row in step 3: those bytes are
written to ``deliver`` and nothing is typeset or recorded (ledger_app/documents/reissue.py
``original`` says when; otherwise it is typeset again as below, with its registered dates).

If typesetting or delivering fails, or the clerk cancels, a compensating transaction withdraws the
numbers reserved in step 1 (the last one of its kind and year is given back, as undoing an
accepted proposal does), so no number is used up. A crash between steps 1 and 3 leaves the
document in the register as held, with no 督办 recorded: a notice shows in 待办督办 among the
notices not yet printed, any other kind in the report dialog's line of documents not yet delivered;
issuing it again prints it with the same number and records it then.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from db.session import transaction
from ledger_app.dates.business import closed_quarter_set
from ledger_app.dates.quarters import quarter_name, quarter_of
from ledger_app.documents import quarterly_sheet, reissue
from ledger_app.documents.build import Prepared, ReportResult, prepare, preview, typeset
from ledger_app.documents.options import NUMBERED, OF_THE_YEAR, Progress, ReportOptions
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.operations import originals, reserving
from ledger_app.records import numbering
from ledger_app.records.supervision import SupervisionInput, record_supervision
from ledger_app.store.models import IssuedDocument, Status, SupervisionAction, Task, utcnow

Deliver = Callable[[Path], None]
SHEET_RECORD = "{period}改革任务督办单"  # the 督办 record a quarterly sheet leaves on each open task
EN[SHEET_RECORD] = "reform task supervision sheet, {period}"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Numbered:
    """What step 1 reserved: every label's number and its (year, serial), the register rows it made
    (label → row id), and the labels not yet delivered (those it made, and held ones issued again)."""

    numbers: dict[str, str]
    serials: dict[str, tuple[int, int]]
    made: dict[str, int]
    pending: frozenset[str]


def issue(engine: Engine, options: ReportOptions, deliver: Deliver, *, user: str,
          progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
          hold: bool = False) -> ReportResult:
    """Number, typeset, deliver and record the document (see the module's docstring). ``hold``:
    the document is numbered and recorded but not yet delivered (an accepted escalation proposal);
    it may be taken back until a later issue of it (printing or saving) delivers it."""
    kept, prepared = reissue.original(engine, options), None
    if kept is not None and options.kind == "quarterly-sheet":
        # A quarter's sheets asked for again may take in a department not issued yet (one whose tasks
        # are open now): then they are issued as before, the new sheets numbered beside the reprints.
        try:
            prepared = prepare(engine, options)
        except LedgerError:
            prepared = None  # no open task to send a sheet about: nothing is added to the original
        if prepared is not None and any(s not in prepared.existing for s in prepared.subjects.values()):
            kept = None
    if kept is not None:
        return _reprint_original(engine, kept, deliver)
    prepared = prepared or prepare(engine, options)
    with tempfile.TemporaryDirectory(prefix="ledger-issue-") as tmp:
        out = Path(tmp) / "document.pdf"
        if options.kind not in NUMBERED:
            pages = typeset(prepared, {}, out, draft=False, progress=progress, cancelled=cancelled)
            deliver(out)
            return ReportResult(out, pages, prepared.title, {}, True)
        numbered = _reserve_retrying(engine, prepared, user)
        try:
            pages = typeset(prepared, numbered.numbers, out, draft=False, progress=progress, cancelled=cancelled)
            deliver(out)
        except BaseException:
            try:
                withdraw_made(engine, numbered.made)
            except Exception:  # the ledger unreachable now: the numbers stay held, as after a crash
                log.exception("could not withdraw the numbers of a document that did not go out")
            raise
        recorded = _record(engine, prepared, numbered, pages, user, hold, out)
        return ReportResult(out, pages, prepared.title, numbered.numbers, True, frozenset(recorded),
                            reprinted=frozenset(numbered.numbers) - numbered.pending, signed=prepared.signed,
                            as_of=prepared.snap.as_of, corrected=bool(prepared.snap.corrections))


def _reprint_original(engine: Engine, kept: reissue.Original, deliver: Deliver) -> ReportResult:
    """The delivered PDF written out and handed to ``deliver`` as it is: nothing typeset, nothing
    recorded (the register and the 督办 were written when it first went out)."""
    with tempfile.TemporaryDirectory(prefix="ledger-reprint-") as tmp:
        out = Path(tmp) / "document.pdf"
        originals.write(engine, kept.blob_id, out, "；".join(kept.numbers.values()))
        deliver(out)
    return ReportResult(out, kept.pages, kept.title, kept.numbers, True, reprinted=frozenset(kept.numbers),
                        signed=kept.terms.signed, as_of=kept.terms.as_of, original=True, late=kept.late)


def _reserve_retrying(engine: Engine, prepared: Prepared, user: str) -> _Numbered:
    for attempt in range(2):
        try:
            return _reserve(engine, prepared, user)
        except IntegrityError:
            # Another desk registered the same document a moment ago (PostgreSQL lets both read
            # "not issued yet"): take its number, as a reprint would.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _reserve(engine: Engine, prepared: Prepared, user: str) -> _Numbered:
    """Step 1, one short transaction: the numbers, and the new ones registered as held."""
    options = prepared.options
    kind = options.kind
    prefix = numbering.prefix(engine, kind)
    with transaction(engine) as session:
        existing = _rows(session, kind, prepared.subjects.values())
        closed = quarter_of(prepared.snap.as_of)
        # A year's documents are written once its last quarter is closed, from its frozen snapshot.
        if kind not in OF_THE_YEAR and len(existing) < len(prepared.subjects) \
                and closed in closed_quarter_set(session):
            # The quarter's documents and their numbers were frozen with it: reprints only.
            raise LedgerError("{quarter}已封账，不能再印发截至该季度的新文书（已印发的可以重印）；"
                              "确需印发请先重新打开该季度", quarter=quarter_name(*closed))
        for subject, row in existing.items():
            if subject not in prepared.existing:  # registered by another desk since it was read
                reissue.check_unchanged(row, prepared.snap.as_of, prepared.signed)
        year = prepared.signed.year
        numbers: dict[str, str] = {}
        serials: dict[str, tuple[int, int]] = {}
        made: dict[str, IssuedDocument] = {}
        pending: set[str] = set()
        for label, subject in prepared.subjects.items():
            if subject in existing:
                row = existing[subject]
                numbers[label], serials[label] = row.doc_no, (row.year, row.serial)
                if row.delivered_at is None:
                    pending.add(label)
                continue
            pending.add(label)
            serial = reserving.reserve(session, kind, year)
            numbers[label], serials[label] = numbering.format_number(prefix, year, serial), (year, serial)
            made[label] = reserving.register(
                session, kind=kind, subject=subject, year=year, serial=serial, doc_no=numbers[label],
                title=_register_title(prepared, label), signed_on=prepared.signed, as_of=prepared.snap.as_of,
                pages=0, user=user, delivered=False)
        session.flush()
        return _Numbered(numbers, serials, {label: row.id for label, row in made.items()}, frozenset(pending))


def withdraw_made(engine: Engine, made: dict[str, int]) -> None:
    """The compensating transaction: the rows step 1 registered are withdrawn and the last number
    given back, unless another desk has delivered the document since (it then stays issued)."""
    if not made:
        return
    with transaction(engine) as session:
        for row_id in made.values():
            row = session.get(IssuedDocument, row_id)
            if row is not None and row.delivered_at is None:
                reserving.withdraw(session, row)


def _record(engine: Engine, prepared: Prepared, numbered: _Numbered, pages: int, user: str,
            hold: bool, pdf: Path) -> set[int]:
    """Step 3, one short transaction: delivered (unless ``hold``) with the PDF it went out as kept
    for its reprints, and the 督办 actions recorded — once per document: a reprint, or a held
    notice printed now, finds them recorded already."""
    kind = prepared.options.kind
    recorded: set[int] = set()
    if not numbered.pending:
        return recorded  # a reprint of documents delivered already: nothing to write
    kept: int | None = None  # the delivered PDF's blob, stored once for every document it holds
    with transaction(engine) as session:
        rows = _rows(session, kind, [prepared.subjects[label] for label in numbered.pending])
        for label in numbered.pending:
            subject = prepared.subjects[label]
            row = rows.get(subject)
            if row is None:  # withdrawn meanwhile by another desk's failed issue of the same document
                year, serial = numbered.serials[label]
                row = reserving.reinstate(session, kind=kind, subject=subject, year=year, serial=serial,
                                          doc_no=numbered.numbers[label], title=_register_title(prepared, label),
                                          signed_on=prepared.signed, as_of=prepared.snap.as_of, user=user)
            if not row.pages:
                row.pages = pages
            if not hold:  # a held document printed or saved now has left the office, as ``pdf``
                row.delivered_at = row.delivered_at or utcnow()
                # Kept when the file holds only documents going out now for the first time, so
                # that a kept file is exactly the documents naming it (reissue.original).
                if row.blob_id is None and numbered.pending == frozenset(numbered.numbers):
                    kept = kept if kept is not None else originals.keep(session, pdf)
                    row.blob_id = kept
            # Recorded when first numbered and held (an accepted proposal's notice), or by another
            # desk's issue of it meanwhile: then not again.
            already = session.execute(select(SupervisionAction.id).where(
                SupervisionAction.doc_no == row.doc_no)).first()
            if already is None:
                recorded |= _record_actions(session, prepared, label, row.doc_no, user)
    return recorded


def _rows(session, kind: str, subjects) -> dict[str, IssuedDocument]:  # noqa: ANN001
    return {row.subject: row for row in session.execute(
        select(IssuedDocument).where(IssuedDocument.kind == kind, IssuedDocument.subject.in_(list(subjects))))
        .scalars()}


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
