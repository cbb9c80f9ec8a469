"""What the report dialog says of a document issued already (one 文号, one text): the registered
dates it fills in, and what an issue turned out to be — new numbers, or a 重印 of the registered
text. The rule itself is ledger_app/documents/reissue.py."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ledger_app.documents import reissue
from ledger_app.documents.build import ReportResult
from ledger_app.documents.options import NUMBERED, ReportOptions
from ledger_app.store.opening import Ledger


def registered(ledger: Ledger, options: ReportOptions) -> reissue.Terms | None:
    """The registered terms of the document ``options`` asks for, if it was issued already."""
    if options.kind not in NUMBERED:
        return None
    return reissue.registered_document(ledger.engine, options)


def registered_text(found: reissue.Terms) -> str:
    return QCoreApplication.translate(
        "Reprints", "Issued already as %1 (as of %2, dated %3). Printing or saving reprints it: the same text, "
        "date and number (重印). Other dates are refused: a number stands for one text.") \
        .replace("%1", found.doc_no).replace("%2", found.as_of.isoformat()).replace("%3", found.signed.isoformat())


def issued_text(result: ReportResult, done: str) -> str:
    """"Saved to …. Issued: 招商局 督办〔2017〕3号 Reprinted as issued …: 财政局 督办〔2017〕1号"."""
    def listed(reprinted: bool) -> str:
        return "；".join(f"{k} {v}".strip() for k, v in result.numbers.items() if (k in result.reprinted) == reprinted)

    said = [done]
    if numbers := listed(False):
        said.append(QCoreApplication.translate("ReportDialog", "Issued: %1").replace("%1", numbers))
    if again := listed(True):
        said.append(QCoreApplication.translate("Reprints", "Reprinted as issued (same text and date): %1")
                    .replace("%1", again))
        if result.original:
            said.append(QCoreApplication.translate("Reprints", "It is the original kept when it was issued."))
        elif result.corrected:
            said.append(QCoreApplication.translate(
                "Reprints", "The quarter is closed and corrections were entered since: it was typeset again as "
                "corrected, listing the corrections before the signature."))
        else:
            said.append(QCoreApplication.translate(
                "Reprints", "No original was kept when it was issued (or only part of one issue was chosen): it was "
                "typeset again from the ledger with the registered dates."))
    if result.late:
        said.append(QCoreApplication.translate(
            "Reprints", "%1 late entries (补录) were made after it was issued, taking effect by its as-of day; the "
            "reprint is the original without them. They show in the next period's documents; to correct this "
            "document, issue another one (a new number) saying so.").replace("%1", str(result.late)))
    return " ".join(said)
