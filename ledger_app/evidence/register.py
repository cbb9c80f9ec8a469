"""Reading the evidence and the claims, for the window, the command line, the forms and the documents
(which may import this module and never the ones that write: .importlinter ``documents-read``). No
query here reads the chunks: lists show names, types, sizes, pages and thumbnails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from ledger_app.evidence.intake import megabytes
from ledger_app.evidence.kinds import KINDS
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.schema import closure_claim, evidence_blob, evidence_file

PENDING, CLOSED, RETURNED, WITHDRAWN = "", "销号", "退回", "撤回"
NO_FILE = "没有这份佐证材料（编号 {id}），可能已被删除"
EN.update({NO_FILE: "there is no such evidence file (number {id}); it may have been deleted"})


@dataclass(frozen=True)
class EvidenceView:
    """One attached file as the lists show it (no bytes)."""

    id: int
    task_id: int
    claim_id: int | None
    name: str
    blob_id: int
    sha256: str
    size: int
    kind: str
    pages: int | None
    added_by: str
    added_at: datetime
    source: str
    removed_at: datetime | None = None
    removed_by: str = ""

    @property
    def kind_label(self) -> str:
        return t(KINDS[self.kind].label) if self.kind in KINDS else self.kind

    @property
    def size_label(self) -> str:
        return megabytes(self.size)

    @property
    def image(self) -> bool:
        return self.kind in KINDS and KINDS[self.kind].image

    @property
    def extension(self) -> str:
        return KINDS[self.kind].extension if self.kind in KINDS else ""


_COLUMNS = (evidence_file.c.id, evidence_file.c.task_id, evidence_file.c.claim_id, evidence_file.c.name,
            evidence_file.c.blob_id, evidence_blob.c.sha256, evidence_blob.c.size, evidence_blob.c.kind,
            evidence_blob.c.pages,
            evidence_file.c.added_by, evidence_file.c.added_at, evidence_file.c.source, evidence_file.c.removed_at,
            evidence_file.c.removed_by)


def _views(conn: Session | Connection, *where: object) -> list[EvidenceView]:
    stmt = (select(*_COLUMNS).join(evidence_blob, evidence_blob.c.id == evidence_file.c.blob_id)
            .where(*where).order_by(evidence_file.c.task_id, evidence_file.c.id))
    return [EvidenceView(*row) for row in conn.execute(stmt)]


def list_files(engine: Engine, task_id: int, *, removed: bool = False) -> list[EvidenceView]:
    """The files attached to a task, oldest first; ``removed``: those removed too."""
    with engine.connect() as conn:
        return files_of(conn, [task_id], removed=removed)


def files_of(conn: Session | Connection, task_ids: list[int], *, removed: bool = False) -> list[EvidenceView]:
    where = [evidence_file.c.task_id.in_(task_ids)]
    if not removed:
        where.append(evidence_file.c.removed_at.is_(None))
    return _views(conn, *where)


def get_file(conn: Session | Connection, file_id: int) -> EvidenceView:
    found = _views(conn, evidence_file.c.id == file_id)
    if not found:
        raise LedgerError(NO_FILE, id=file_id)
    return found[0]


def thumbnail(engine: Engine, blob_id: int) -> bytes | None:
    with engine.connect() as conn:
        return conn.execute(select(evidence_blob.c.thumbnail).where(evidence_blob.c.id == blob_id)).scalar()


def task_bytes(conn: Session | Connection, task_id: int) -> tuple[int, set[str]]:
    """What the task's evidence weighs (each content once) and which contents (SHA-256) it holds."""
    held = dict(conn.execute(select(evidence_blob.c.sha256, evidence_blob.c.size).where(
        evidence_blob.c.id.in_(select(evidence_file.c.blob_id).where(
            evidence_file.c.task_id == task_id, evidence_file.c.removed_at.is_(None))))).all())
    return sum(held.values()), set(held)


@dataclass(frozen=True)
class ClaimView:
    id: int
    task_id: int
    claimed_on: date
    summary: str
    unit: str
    claimed_by: str
    source: str
    mark: str
    reason: str
    created_at: datetime
    outcome: str
    decided_on: date | None
    decided_by: str
    opinion: str
    missing: str
    decided_at: datetime | None

    @property
    def waiting(self) -> bool:
        return self.outcome == PENDING


def _claim_views(conn: Session | Connection, *where: object) -> list[ClaimView]:
    stmt = select(closure_claim).where(*where).order_by(closure_claim.c.task_id, closure_claim.c.id)
    return [ClaimView(**row._mapping) for row in conn.execute(stmt)]


def claims_of(engine: Engine, task_id: int) -> list[ClaimView]:
    """Every claim of a task, oldest first, withdrawn ones left out."""
    with engine.connect() as conn:
        return _claim_views(conn, closure_claim.c.task_id == task_id, closure_claim.c.outcome != WITHDRAWN)


def waiting_claim(conn: Session | Connection, task_id: int) -> ClaimView | None:
    found = _claim_views(conn, closure_claim.c.task_id == task_id, closure_claim.c.outcome == PENDING)
    return found[-1] if found else None




# What documents read (ledger_app/documents): claims by their 业务日期, files by task.

def decided_between(engine: Engine, outcome: str, start: date, end: date, *,
                    recorded_before: datetime | None = None) -> list[ClaimView]:
    """Claims closed (销号) or returned (退回) with a decision dated ``start``…``end``, in the order of
    their day; ``recorded_before``: only decisions entered by then (a closed quarter's, as frozen)."""
    where = [closure_claim.c.outcome == outcome, closure_claim.c.decided_on >= start, closure_claim.c.decided_on <= end]
    if recorded_before is not None:
        where.append(closure_claim.c.decided_at <= recorded_before)
    with engine.connect() as conn:
        return sorted(_claim_views(conn, *where), key=lambda c: (c.decided_on, c.id))


def waiting_on(engine: Engine, day: date, *, recorded_before: datetime | None = None) -> list[ClaimView]:
    """Claims made by ``day`` and not decided by then (待销号 on that day)."""
    c = closure_claim.c
    where = [c.claimed_on <= day, c.outcome != WITHDRAWN, (c.decided_on.is_(None)) | (c.decided_on > day)]
    if recorded_before is not None:
        where.append(c.created_at <= recorded_before)
    with engine.connect() as conn:
        return sorted(_claim_views(conn, *where), key=lambda v: (v.claimed_on, v.id))


def returned_on(engine: Engine, day: date) -> dict[int, ClaimView]:
    """Task → its claim that stands returned on ``day``: its latest claim made by then was 退回 by
    then (a newer claim, made after the 退回, answers it). What a unit's next 督办单 tells it."""
    c = closure_claim.c
    with engine.connect() as conn:
        claims = _claim_views(conn, c.claimed_on <= day, c.outcome != WITHDRAWN)
    latest: dict[int, ClaimView] = {}
    for claim in claims:  # in id order: the newest claim of each task wins
        latest[claim.task_id] = claim
    return {task: claim for task, claim in latest.items()
            if claim.outcome == RETURNED and claim.decided_on is not None and claim.decided_on <= day}


def evidence_by_task(engine: Engine, task_ids: list[int]) -> dict[int, list[EvidenceView]]:
    """The evidence attached to each task (not removed), oldest first."""
    found: dict[int, list[EvidenceView]] = {}
    with engine.connect() as conn:
        for start in range(0, len(task_ids), 900):
            for view in files_of(conn, task_ids[start : start + 900]):
                found.setdefault(view.task_id, []).append(view)
    return found


def year_counts(engine: Engine, year: int) -> dict[str, int]:
    """How many claims the year's decisions closed and returned, and how many wait at its end."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    c = closure_claim.c
    with engine.connect() as conn:
        decided = dict(conn.execute(select(c.outcome, func.count()).where(
            c.outcome.in_((CLOSED, RETURNED)), c.decided_on >= start, c.decided_on <= end).group_by(c.outcome)).all())
    return {CLOSED: decided.get(CLOSED, 0), RETURNED: decided.get(RETURNED, 0),
            PENDING: len(waiting_on(engine, end))}
