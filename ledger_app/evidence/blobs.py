"""The bytes of evidence files: stored once per content (its SHA-256), in 1 MiB chunks, in the
caller's transaction — the blob row and every chunk commit together, so a process killed half-way
leaves nothing of the file — and never changed afterwards. Read back a chunk at a time and hashed on
the way: what comes out is proven to be what went in. Purged only when no attachment row (removed
ones included: their undo needs the bytes) names the content any more."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import Prepared
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.blob_check import DAMAGED_FILE, NAMED
from ledger_app.store.schema import evidence_blob, evidence_chunk, evidence_file, utcnow
from ledger_app.system.pause_hook import pause_point

CHUNK = 2**20
CHANGED = "在添加过程中被修改了（内容与检查时不同），请等文件保存完毕后重新添加"
EN.update({CHANGED: "was changed while it was being added (its content differs from what was checked); add it "
                    "again once it has been saved"})


def chunks_of(size: int) -> int:
    return -(-size // CHUNK)


def _insert_ignoring(session: Session | Connection, values: dict[str, object]) -> bool:
    """Insert the blob row unless the content is there already (another desk may be storing the same
    file right now: PostgreSQL waits for it, then finds it); True if this transaction inserted it."""
    dialect = session.get_bind().dialect.name if isinstance(session, Session) else session.dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # RETURNING, not the row count: what a driver counts for ON CONFLICT DO NOTHING varies.
    done = session.execute(make(evidence_blob).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
                           .returning(evidence_blob.c.sha256))
    return done.first() is not None


def store(session: Session | Connection, file: Prepared) -> bool:
    """Store the bytes of ``file`` in the caller's transaction unless its content is stored already;
    True if they were written now. The file is read again and hashed as it is written: a file changed
    since it was prepared is refused (EvidenceRejected), and the caller's transaction rolls back."""
    fresh = _insert_ignoring(session, {"sha256": file.sha256, "size": file.size, "kind": file.kind,
                                       "pages": file.pages, "chunks": chunks_of(file.size),
                                       "thumbnail": file.thumbnail, "stored_at": utcnow()})
    if not fresh:
        return False
    digest, size, seq = hashlib.sha256(), 0, 0
    try:
        with open(file.path, "rb") as fh:
            while piece := fh.read(CHUNK):
                digest.update(piece)
                size += len(piece)
                session.execute(evidence_chunk.insert().values(sha256=file.sha256, seq=seq, data=piece))
                seq += 1
                pause_point("evidence-chunk")  # a test kills the process here: nothing may remain
    except OSError as exc:
        raise EvidenceRejected(file.name, CHANGED) from exc
    if size != file.size or digest.hexdigest() != file.sha256:
        raise EvidenceRejected(file.name, CHANGED)
    return True


def is_stored(conn: Session | Connection, sha256: str) -> bool:
    return conn.execute(select(evidence_blob.c.sha256).where(evidence_blob.c.sha256 == sha256)).first() is not None


def read(conn: Connection, sha256: str, name: str, code: str) -> Iterator[bytes]:
    """The bytes of the content ``sha256`` a chunk at a time, hashed as they come; the last chunk is
    given only once the whole content proved whole (LedgerError naming the file ``name`` of task
    ``code`` if it does not), so a caller writing them out never finishes a damaged copy."""
    row = conn.execute(select(evidence_blob.c.size, evidence_blob.c.chunks)
                       .where(evidence_blob.c.sha256 == sha256)).first()
    damaged = LedgerError(DAMAGED_FILE, names=t(NAMED, name=name, code=code))
    if row is None:
        raise damaged
    digest, size, count, held = hashlib.sha256(), 0, 0, None
    result = conn.execution_options(yield_per=4).execute(
        select(evidence_chunk.c.seq, evidence_chunk.c.data).where(evidence_chunk.c.sha256 == sha256)
        .order_by(evidence_chunk.c.seq))
    for seq, data in result:
        if seq != count:
            raise damaged
        digest.update(data)
        size += len(data)
        count += 1
        if held is not None:
            yield held
        held = bytes(data)
    if (size, count) != (row.size, row.chunks) or digest.hexdigest() != sha256:
        raise damaged
    if held is not None:
        yield held


def copy_to(conn: Connection, sha256: str, target: Path, name: str, code: str) -> None:
    """Write the content ``sha256`` to ``target`` (a new file); a damaged content leaves no file."""
    try:
        with open(target, "xb") as out:
            for piece in read(conn, sha256, name, code):
                out.write(piece)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def purge(conn: Session | Connection) -> int:
    """Delete the contents no attachment row names (a removed attachment still names its content:
    its undo needs it); how many went."""
    unnamed = ~exists().where(evidence_file.c.sha256 == evidence_blob.c.sha256)
    gone = [r[0] for r in conn.execute(select(evidence_blob.c.sha256).where(unnamed))]
    if gone:
        conn.execute(delete(evidence_chunk).where(evidence_chunk.c.sha256.in_(gone)))
        conn.execute(delete(evidence_blob).where(evidence_blob.c.sha256.in_(gone)))
    return len(gone)
