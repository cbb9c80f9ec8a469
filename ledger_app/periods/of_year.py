"""What belongs to a year in its annual documents: a document by the day it is as of (截至日期), not
by the year in its number — the fourth quarter's 督办单 and 通报 are signed in January and numbered
in the new year, yet they are the old year's supervision — and a 督办 record by the document it
carries out (else by its own date)."""

from __future__ import annotations

from collections.abc import Iterable

from ledger_app.store.models import IssuedDocument, SupervisionAction


def documents(register: Iterable[IssuedDocument], year: int) -> list[IssuedDocument]:
    """The documents issued for ``year``: as of a day in it."""
    return [d for d in register if d.as_of.year == year]


def supervision(actions: Iterable[SupervisionAction], year: int,
                register: Iterable[IssuedDocument]) -> list[SupervisionAction]:
    """The 督办 records of ``year``: those carrying out a document of the year (whenever signed),
    and those without a registered document dated in the year."""
    belongs = {d.doc_no: d.as_of.year for d in register}
    return [a for a in actions if belongs.get(a.doc_no or "", a.action_date.year) == year]
