"""The bytes of evidence files, written: stored once per content (its SHA-256), in 1 MiB chunks, in the
caller's transaction — the blob row and every chunk commit together, so a process killed half-way
leaves nothing of the file — and never changed afterwards.

One pass over the file does everything the store needs: the bytes are written as they are read,
hashed, and (a PDF) searched for active content; the chunks hang on the blob row's number, and the
row gets its hash when the last chunk is in (on SQLite it is inserted then, see :func:`store`). A
content stored already (another task's copy of the same file) is then dropped again within the
transaction, and the existing row used: a rare extra write instead of a second read of every file.
Purged only when no attachment row (removed ones included: their undo needs the bytes) and no issued
document (the PDF it was delivered as, kept for its reprints) names the content any more. Reading
them back, hashed, is ledger_app/evidence/readback.py (this module writes: import-linter's ``writes``
contract).

A large file (:data:`LARGE`, a scan of tens of megabytes) is stored as fast as a durable copy allows:
its SHA-256 is computed on a thread of its own while SQLite writes (both let go of the GIL), the
chunks of each block read go to the database in one ``executemany``, straight from the block read
(no copy), and the WAL checkpoint that SQLite would do inside the commit is done just after it, in
the background (ledger_app/store/checkpoint.py; the commit itself still waits for the disk)."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress

from sqlalchemy import Connection, delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import Prepared, pdf_facts
from ledger_app.messages.i18n import EN
from ledger_app.store.checkpoint import defer_checkpoint
from ledger_app.store.schema import evidence_blob, evidence_chunk, evidence_file, issued_document, utcnow
from ledger_app.system.pause_hook import pause_point

CHUNK = 2**20
# From this size on a file is stored the fast way (module docstring). SQLite checkpoints by itself once the
# WAL passes 1,000 pages (4 MB at the ledger's 4 KiB pages): a smaller file rarely makes it do so, and
# is written in milliseconds anyway.
LARGE = 4 * CHUNK
BEHIND = 16 * CHUNK  # how far the hashing thread may lag behind the writing, in bytes
CHANGED = "在添加过程中被修改了（内容与检查时不同），请等文件保存完毕后重新添加"
EN.update({CHANGED: "was changed while it was being added (its content differs from what was checked); add it "
                    "again once it has been saved"})


_INSERT_CHUNK = insert(evidence_chunk)  # compiled once, run with each chunk's values


def chunks_of(size: int) -> int:
    return -(-size // CHUNK)


class _Hash:
    """SHA-256 of the blocks given, in order; for a large file computed on a thread of its own (one for
    every store, started once: starting a thread takes a loaded machine tens of milliseconds), at most
    :data:`BEHIND` bytes behind the writing, so that a 50 MB file is never all in memory at once."""

    def __init__(self, threaded: bool) -> None:
        self.hash = hashlib.sha256()
        self.threaded = threaded
        self.behind: deque[tuple[Future[None], int]] = deque()
        self.waiting = 0  # bytes given and not hashed yet (as far as we know)

    def update(self, block: bytes) -> None:
        if not self.threaded:
            self.hash.update(block)
            return
        while self.behind and self.waiting + len(block) > BEHIND:
            done, size = self.behind.popleft()
            done.result()
            self.waiting -= size
        # One worker takes the blocks in the order given; bytes do not change meanwhile.
        self.behind.append((_hashing().submit(self.hash.update, block), len(block)))
        self.waiting += len(block)

    def hexdigest(self) -> str:
        self.close()
        return self.hash.hexdigest()

    def close(self) -> None:
        while self.behind:  # one worker, first in first out: the last block done is all done
            self.behind.pop()[0].result()
        self.waiting = 0


_HASHING: list[ThreadPoolExecutor] = []
_HASHING_LOCK = threading.Lock()


def _hashing() -> ThreadPoolExecutor:
    with _HASHING_LOCK:
        if not _HASHING:
            _HASHING.append(ThreadPoolExecutor(1, thread_name_prefix="evidence-hash"))
        return _HASHING[0]


class _Chunks:
    """Bytes as they are read, written as rows of CHUNK bytes: the whole chunks of each block in one
    statement, sliced from the block (a memoryview: not copied before the driver copies them)."""

    def __init__(self, session: Session | Connection, blob_id: int, stored: Callable[[int], None] | None,
                 large: bool = False) -> None:
        self.session, self.blob_id, self.stored = session, blob_id, stored
        self.hash, self.size, self.seq = _Hash(large), 0, 0
        self.pending = bytearray()

    def add(self, block: bytes) -> None:
        self.hash.update(block)
        self.size += len(block)
        view, start, whole = memoryview(block), 0, []
        if self.pending:  # the rest of a chunk begun by the last block
            start = CHUNK - len(self.pending)
            self.pending += view[:start]
            if len(self.pending) < CHUNK:
                return
            whole.append(self.pending)
            self.pending = bytearray()
        while len(view) - start >= CHUNK:  # whole chunks straight from the block, not copied first
            whole.append(view[start : start + CHUNK])
            start += CHUNK
        self.pending += view[start:]
        self._write(whole)

    def close(self) -> None:
        if self.pending:
            self._write([self.pending])
            self.pending = bytearray()

    def _write(self, pieces: Sequence[bytearray | memoryview]) -> None:
        if not pieces:
            return
        self.session.execute(_INSERT_CHUNK, [{"blob_id": self.blob_id, "seq": self.seq + k, "data": piece}
                                             for k, piece in enumerate(pieces)])
        self.seq += len(pieces)
        if self.stored is not None:
            for piece in pieces:
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
    conn = session if isinstance(session, Connection) else session.connection()
    row = {"size": file.size, "kind": file.kind, "pages": file.pages, "chunks": chunks_of(file.size),
           "thumbnail": file.thumbnail, "stored_at": utcnow()}
    # SQLite: the blob row is written after the chunks, whole. Written before them and given its hash
    # after, its page (and its hash index's) would be spilled into the WAL early and written there
    # again at the commit, and SQLite then rewrites the checksum of every WAL frame after the first
    # one rewritten — reads the 50 MB back and writes 12,800 frame headers (walRewriteChecksums: about
    # 60 ms of a 50 MB add here, docs/benchmarks.md). The chunks wait for their parent row: foreign
    # keys checked at its insert (or at the commit). PostgreSQL checks them at once: its row comes
    # first (no such cost there).
    last = conn.dialect.name == "sqlite"
    deferred = last and bool(conn.exec_driver_sql("PRAGMA defer_foreign_keys").scalar())
    try:
        if last:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            # Under the write lock (BEGIN IMMEDIATE): nobody else takes it meanwhile; the number SQLite
            # would give the row, and none that a chunk uses.
            blob_id = 1 + max(session.execute(select(func.max(evidence_blob.c.id))).scalar() or 0,
                              session.execute(select(func.max(evidence_chunk.c.blob_id))).scalar() or 0)
        else:
            blob_id = session.execute(insert(evidence_blob).values(sha256=f"pending-{uuid.uuid4().hex}",
                                                                   **row)).inserted_primary_key[0]
        return _write_blob(session, conn, file, blob_id, row if last else None, stored)
    finally:
        if last and not deferred:  # as it was: the chunks have their parent now, or are gone
            with suppress(SQLAlchemyError):  # a connection that failed is rolled back, which resets it too
                conn.exec_driver_sql("PRAGMA defer_foreign_keys = OFF")


def _write_blob(session: Session, conn: Connection, file: Prepared, blob_id: int, row: dict[str, object] | None,
                stored: Callable[[int], None] | None) -> tuple[int, str, bool]:
    """The chunks of ``file`` under ``blob_id``, then its row: inserted now (``row``, SQLite) or given
    its hash (the row written before)."""
    large = file.size >= LARGE
    if large:
        defer_checkpoint(conn)
    chunks, pages = _Chunks(session, blob_id, stored, large), file.pages
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
    finally:
        chunks.hash.close()  # its thread is done with this file, refused or not
    digest = chunks.hash.hexdigest()
    if chunks.size != file.size or (file.sha256 is not None and digest != file.sha256):
        raise EvidenceRejected(file.name, CHANGED)
    if (found := existing(session, digest)) is None:
        if row is not None:  # SQLite: nobody else writes until the commit, the hash cannot be taken meanwhile
            session.execute(insert(evidence_blob).values(id=blob_id, sha256=digest, **(row | {"pages": pages})))
            return blob_id, digest, True
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
