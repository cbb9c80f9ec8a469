"""One 文号, one text: what a document is registered as, and whether a request to issue it again is
a reprint or must be refused.

A numbered document is known in the register (``issued_document``) by its kind and subject (the
period, the department of a sheet, the task and day of a notice). Issuing it again is a 重印: the
registered 截至日期, 成文日期 (and a notice's 整改期限) are used, whatever the defaults say today, so
the number never comes out with other figures or another date. Asking for another date explicitly
is refused, saying what was issued and what to do instead; a 样稿 with other dates is typeset
without the number (``build.prepare`` leaves it blank).

Subjects are built here and nowhere else (``build.prepare`` and the report dialog use them).

The text is the PDF that was delivered: the register keeps its bytes (``IssuedDocument.blob_id``),
and :func:`original` says when a reprint is those bytes, written as they are — so a 补录 entered
since, effective on or before the 截至日期 of a quarter still open, never changes what the number
prints (the reprint says how many there are). Typeset again from the ledger instead, and said so:
a document registered before the bytes were kept, part of a delivery asked for alone (one
department of a quarter's sheets) or mixed with another, and a closed quarter's document with a
更正 entered since it was delivered (its reprint is the corrected text with the 更正说明).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, case, func, select

from ledger_app.documents.options import NUMBERED, ReportOptions
from ledger_app.documents.words import cn_date
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.records import numbering
from ledger_app.records.history import list_supervision
from ledger_app.store.enums import MARK_CORRECTION, OUTCOME_APPLIED
from ledger_app.store.models import IssuedDocument
from ledger_app.store.schema import change_log, plan, task
from ledger_app.tasks.queries import find_task_id

REFUSED = ("{doc_no}（{title}）已经印发（截至{as_of}，成文日期{signed}{deadline}）。一个文号只对应一份文本，"
           "不能按{asked}再印这一文号。重印请沿用登记的日期（命令行不写 --as-of、--date、--deadline；窗口中保持"
           "登记的日期），文本、日期、编号与原件相同；内容有误的，在台账中录入更正后重印（已封账季度的重印件附"
           "更正说明）；确需按新的日期发文的，是另一份文件，须用新的文号（如限期整改通知书按新的截至日期下发），"
           "同一期的同类公文只有一份。")
EN.update({REFUSED: "{doc_no} ({title}) has been issued (as of {as_of}, dated {signed}{deadline}). One number, one "
                    "text: it cannot be printed again {asked}. To reprint it keep the registered dates (on the "
                    "command line leave out --as-of, --date and --deadline; in the window keep the registered "
                    "dates): the text, date and number are those of the original. If its content is wrong, enter "
                    "the correction in the ledger and reprint it (a closed quarter's reprint lists the "
                    "corrections). A document with new dates is another document and needs a new number (e.g. a "
                    "rectification notice as of a new day); a period has one document of each kind."})
_ASKED = {"as_of": "截至{day}", "signed": "成文日期{day}", "rectify_by": "整改期限{day}"}
_DEADLINE = "，整改期限{day}"
EN.update({"截至{day}": "as of {day}", "成文日期{day}": "dated {day}", "整改期限{day}": "with the deadline {day}",
           _DEADLINE: ", rectify by {day}"})


@dataclass(frozen=True)
class Terms:
    """The dates a registered document was issued with: its reprints use them."""

    doc_no: str
    title: str
    as_of: date
    signed: date
    rectify_by: date | None = None  # a notice's 整改期限


def sheet_stem(options: ReportOptions) -> str:
    """The subject of a quarter's sheets up to the department: ``plan|2017Q3|``."""
    return f"{options.plan or ''}|{options.year}Q{options.quarter}|"


def subject(options: ReportOptions, *, dept: str = "", task_id: int | None = None, as_of: date | None = None) -> str:
    """The register's key of a document: one per sheet and department, per bulletin and quarter,
    per report and year, per notice and task and day."""
    plan, kind = options.plan or "", options.kind
    if kind == "quarterly-sheet":
        return sheet_stem(options) + dept
    if kind == "bulletin":
        return f"{plan}|{options.year}Q{options.quarter}"
    if kind == "notice":
        assert task_id is not None and as_of is not None
        return f"{task_id}|{as_of.isoformat()}"
    return f"{plan}|{options.year}"


def registered(engine: Engine, options: ReportOptions) -> list[IssuedDocument]:
    """The documents already issued that ``options`` asks for again, oldest first (for a quarter's
    sheets: those of the chosen departments, or all the quarter's)."""
    kind = options.kind
    if kind not in NUMBERED:
        return []
    if kind == "quarterly-sheet":
        stem = sheet_stem(options)
        rows = [r for r in numbering.issued(engine, kind) if r.subject.startswith(stem)]
        return [r for r in rows if not options.depts or r.subject[len(stem):] in options.depts]
    task_id = None
    if kind == "notice":
        if not options.task_code:
            return []
        try:
            task_id = find_task_id(engine, options.task_code, options.plan)
        except LedgerError:
            return []  # ``build.prepare`` says what is wrong with the task
    key = subject(options, task_id=task_id, as_of=options.effective_as_of)
    return list(numbering.find(engine, kind, [key]).values())


def terms(engine: Engine, rows: list[IssuedDocument]) -> Terms | None:
    """The terms of the first of ``rows`` (a quarter's sheets are issued together, with one date)."""
    if not rows:
        return None
    first = min(rows, key=lambda r: r.id or 0)
    rectify_by = None
    if first.kind == "notice":
        task_id = int(first.subject.split("|")[0])
        rectify_by = next((a.rectify_deadline for a in list_supervision(engine, task_id)
                           if a.doc_no == first.doc_no), None)
    return Terms(first.doc_no, first.title or "", first.as_of, first.signed_on, rectify_by)


def registered_document(engine: Engine, options: ReportOptions) -> Terms | None:
    """The terms of the document ``options`` asks for, if it was issued already."""
    return terms(engine, registered(engine, options))


def differences(registered_terms: Terms | None, options: ReportOptions) -> dict[str, date]:
    """What ``options`` asks for explicitly that differs from the registered terms (name → day asked)."""
    if registered_terms is None:
        return {}
    asked = {"as_of": options.as_of, "signed": options.signed, "rectify_by": options.rectify_by}
    kept = {"as_of": registered_terms.as_of, "signed": registered_terms.signed,
            "rectify_by": registered_terms.rectify_by}
    return {name: day for name, day in asked.items()
            if day is not None and kept[name] is not None and day != kept[name]}


def refusal(registered_terms: Terms, differ: dict[str, date]) -> LedgerError:
    """Why the same number cannot come out with other dates, and what to do instead."""
    kept = registered_terms.rectify_by
    deadline = t(_DEADLINE, day=cn_date(kept)) if kept else ""
    asked = "、".join(t(_ASKED[name], day=cn_date(day)) for name, day in differ.items())
    return LedgerError(REFUSED, doc_no=registered_terms.doc_no, title=registered_terms.title,
                       as_of=cn_date(registered_terms.as_of),
                       signed=cn_date(registered_terms.signed), deadline=deadline, asked=asked)


def check_unchanged(row: IssuedDocument, as_of: date, signed: date) -> None:
    """At numbering time: a document another desk registered meanwhile with other dates refuses
    this issue rather than giving its number to another text."""
    differ = {name: day for name, day, kept in (("as_of", as_of, row.as_of), ("signed", signed, row.signed_on))
              if day != kept}
    if differ:
        raise refusal(Terms(row.doc_no, row.title or "", row.as_of, row.signed_on), differ)


@dataclass(frozen=True)
class Original:
    """A reprint that is the delivered PDF itself: the content to write, what the result says."""

    blob_id: int
    numbers: dict[str, str]  # label (department, task code or "") → 文号, as ``build.prepare`` labels them
    title: str
    pages: int
    terms: Terms
    late: int  # entries recorded after delivery, effective by the 截至日期: not in the original


def original(engine: Engine, options: ReportOptions) -> Original | None:
    """The delivered PDF a request to issue ``options`` again reprints, or None when it is not
    (nothing issued yet, a 样稿, or a reprint typeset again: see the module's docstring). Other
    dates than the registered ones are refused here, as ``build.prepare`` refuses them."""
    if options.kind not in NUMBERED or not options.record:
        return None
    rows = registered(engine, options)
    found = terms(engine, rows)
    if found is None:
        return None
    if differ := differences(found, options):
        raise refusal(found, differ)
    contents = {row.blob_id for row in rows}
    if len(contents) != 1 or None in contents or any(row.delivered_at is None for row in rows):
        return None
    blob_id = contents.pop()
    assert blob_id is not None
    delivery = [row for row in numbering.issued(engine, options.kind) if row.blob_id == blob_id]
    if {row.id for row in delivery} != {row.id for row in rows}:
        return None  # a part of what was delivered together: its pages cannot be cut out of the file
    delivered = min(row.delivered_at for row in rows if row.delivered_at is not None)
    task_id = int(rows[0].subject.split("|")[0]) if options.kind == "notice" else None
    late, corrected = _entered_since(engine, delivered, found.as_of, task_id, options.plan)
    if corrected:
        return None  # a closed quarter's 更正: the reprint is the corrected text with its 更正说明
    first = min(rows, key=lambda r: r.id or 0)
    label = _label(options, first)  # the register's title names it: 季度督办单（招商局）
    title = (first.title or "").removesuffix(f"（{label}）") if label else first.title or ""
    numbers = {_label(options, row): row.doc_no for row in sorted(rows, key=lambda r: r.id or 0)}
    return Original(blob_id, numbers, title, first.pages, found, late)


def _label(options: ReportOptions, row: IssuedDocument) -> str:
    if options.kind == "quarterly-sheet":
        return row.subject[len(sheet_stem(options)):]
    if options.kind == "notice":
        return options.task_code or ""
    return ""


def _entered_since(engine: Engine, delivered: datetime, as_of: date, task_id: int | None,
                   plan_name: str | None) -> tuple[int, bool]:
    """(entries recorded after ``delivered`` taking effect by ``as_of`` — on the notice's task, or the
    plan's tasks, or any — and whether one is a 更正)."""
    stmt = (select(func.count(), func.coalesce(func.sum(case((change_log.c.mark == MARK_CORRECTION, 1), else_=0)), 0))
            .where(change_log.c.changed_at > delivered, change_log.c.effective_on <= as_of,
                   change_log.c.outcome == OUTCOME_APPLIED))
    if task_id is not None:
        stmt = stmt.where(change_log.c.task_id == task_id)
    elif plan_name:
        stmt = stmt.where(change_log.c.task_id.in_(
            select(task.c.id).join(plan, plan.c.id == task.c.plan_id).where(plan.c.title == plan_name)))
    with engine.connect() as conn:
        count, corrected = conn.execute(stmt).one()
    return int(count), bool(corrected)
