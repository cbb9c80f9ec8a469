"""The bytes of evidence files, written: stored once per content (its SHA-256), in 1 MiB chunks, in the
caller's transaction — the blob row and every chunk commit together, so a process killed half-way
leaves nothing of the file — and never changed afterwards.

One pass over the file does everything the store needs: the bytes are written as they are read,
hashed, and (a PDF) searched for active content; the chunks hang on the blob row's number, which
takes its hash when the last chunk is in. A content stored already (another task's copy of the
same file) is then dropped again within the transaction, and the existing row used: a rare extra
write instead of a second read of every file. Purged only when no attachment row (removed ones
included: their undo needs the bytes) and no issued document (the PDF it was delivered as, kept
for its reprints) names the content any more. Reading them back, hashed, is
ledger_app/evidence/readback.py (this module writes: import-linter's ``writes`` contract)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

from sqlalchemy import Connection, delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import Prepared, pdf_facts
from ledger_app.messages.i18n import EN
from ledger_app.store.schema import evidence_blob, evidence_chunk, evidence_file, issued_document, utcnow
from ledger_app.system.pause_hook import pause_point

CHUNK = 2**20
CHANGED = "在添加过程中被修改了（内容与检查时不同），请等文件保存完毕后重新添加"
EN.update({CHANGED: "was changed while it was being added (its content differs from what was checked); add it "
                    "again once it has been saved"})


_INSERT_CHUNK = insert(evidence_chunk)  # compiled once, run with each chunk's values


def chunks_of(size: int) -> int:
    return -(-size // CHUNK)


class _Chunks:
    """Bytes as they are read, written as rows of CHUNK bytes."""

    def __init__(self, session: Session | Connection, blob_id: int, stored: Callable[[int], None] | None) -> None:
        self.session, self.blob_id, self.stored = session, blob_id, stored
        self.hash, self.size, self.seq = hashlib.sha256(), 0, 0
        self.pending = bytearray()

    def add(self, block: bytes) -> None:
        self.hash.update(block)
        self.size += len(block)
        view, start = memoryview(block), 0
        if self.pending:  # the rest of a chunk begun by the last block
            start = CHUNK - len(self.pending)
            self.pending += view[:start]
            if len(self.pending) < CHUNK:
                return
            self._write(self.pending)
            self.pending = bytearray()
        while len(view) - start >= CHUNK:  # whole chunks straight from the block, not copied first
            self._write(view[start : start + CHUNK])
            start += CHUNK
        self.pending += view[start:]

    def close(self) -> None:
        if self.pending:
            self._write(self.pending)
            self.pending = bytearray()

    def _write(self, piece: bytes | bytearray | memoryview) -> None:
        self.session.execute(_INSERT_CHUNK, {"blob_id": self.blob_id, "seq": self.seq, "data": bytes(piece)})
        self.seq += 1
        if self.stored is not None:
            self.stored(len(piece))
        pause_point("evidence-chunk")  # a test kills the process here: nothing may remain


def existing(session: Session | Connection, sha256: str) -> int | None:
    return session.execute(select(evidence_blob.c.id).where(evidence_blob.c.sha256 == sha256)).scalar()


def store(session: Session, file: Prepared, stored: Callable[[int], None] | None = None) -> tuple[int, str, bool]:
    """Store the bytes of ``file`` in the caller's transaction: (blob id, SHA-256, whether they were
    written now). A content stored already is used as it is (and not read when ``file`` knows its
    hash). A file changed since it was checked is refused (EvidenceRejected): the size read differs,
    or its hash, when the check knew it; the caller's transaction then rolls back. ``stored(n)``: told
    of every ``n`` bytes written (the window's progress while a large scan is stored)."""
    if file.sha256 is not None and (found := existing(session, file.sha256)) is not None:
        return found, file.sha256, False
    blob_id = session.execute(insert(evidence_blob).values(
        sha256=f"pending-{uuid.uuid4().hex}", size=file.size, kind=file.kind, pages=file.pages,
        chunks=chunks_of(file.size), thumbnail=file.thumbnail, stored_at=utcnow())).inserted_primary_key[0]
    chunks, pages = _Chunks(session, blob_id, stored), file.pages
    try:
        with open(file.path, "rb") as fh:
            if file.kind == "pdf":  # searched for scripts in the pass that stores it (ledger_app/evidence/pdf.py)
                pages = pdf_facts(fh, file.size, file.name, chunks.add)
            else:
                while piece := fh.read(CHUNK):
                    chunks.add(piece)
        chunks.close()
    except OSError as exc:
        raise EvidenceRejected(file.name, CHANGED) from exc
    digest = chunks.hash.hexdigest()
    if chunks.size != file.size or (file.sha256 is not None and digest != file.sha256):
        raise EvidenceRejected(file.name, CHANGED)
    if (found := existing(session, digest)) is None:
        try:
            with session.begin_nested():  # another desk may be naming the same content right now
                session.execute(update(evidence_blob).where(evidence_blob.c.id == blob_id).values(sha256=digest,
                                                                                                  pages=pages))
            return blob_id, digest, True
        except IntegrityError:
            found = existing(session, digest)
    drop(session, blob_id)
    return found, digest, False


def drop(session: Session | Connection, blob_id: int) -> None:
    """Forget a content written in this transaction after all (the same content was there already)."""
    session.execute(delete(evidence_chunk).where(evidence_chunk.c.blob_id == blob_id))
    session.execute(delete(evidence_blob).where(evidence_blob.c.id == blob_id))


def purge(conn: Session | Connection) -> int:
    """Delete the contents no attachment row names (a removed attachment still names its content:
    its undo needs it) and no issued document was delivered as (its reprints are those bytes); how
    many went."""
    unnamed = ~exists().where(evidence_file.c.blob_id == evidence_blob.c.id) \
        & ~exists().where(issued_document.c.blob_id == evidence_blob.c.id)
    gone = [r[0] for r in conn.execute(select(evidence_blob.c.id).where(unnamed))]
    for start in range(0, len(gone), 500):
        part = gone[start : start + 500]
        conn.execute(delete(evidence_chunk).where(evidence_chunk.c.blob_id.in_(part)))
        conn.execute(delete(evidence_blob).where(evidence_blob.c.id.in_(part)))
    return len(gone)
