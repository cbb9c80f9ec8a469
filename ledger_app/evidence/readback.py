"""The bytes of an evidence file read back out of the ledger, a chunk at a time and hashed on the
way: what comes out is proven to be what went in (a damaged content is refused, named, before its
last chunk is given). The opened copy (ledger_app/evidence/copies.py) and the export
(ledger_app/exchange/evidence_export.py) read through here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, select

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import t
from ledger_app.store.blob_check import DAMAGED_FILE, NAMED
from ledger_app.store.schema import evidence_blob, evidence_chunk


def read(conn: Connection, blob_id: int, name: str, code: str) -> Iterator[bytes]:
    """The bytes of the content ``blob_id`` a chunk at a time, hashed as they come; the last chunk is
    given only once the whole content proved whole (LedgerError naming the file ``name`` of task
    ``code`` if it does not), so a caller writing them out never finishes a damaged copy."""
    row = conn.execute(select(evidence_blob.c.sha256, evidence_blob.c.size, evidence_blob.c.chunks)
                       .where(evidence_blob.c.id == blob_id)).first()
    damaged = LedgerError(DAMAGED_FILE, names=t(NAMED, name=name, code=code))
    if row is None:
        raise damaged
    digest, size, count, held = hashlib.sha256(), 0, 0, None
    result = conn.execution_options(yield_per=4).execute(
        select(evidence_chunk.c.seq, evidence_chunk.c.data).where(evidence_chunk.c.blob_id == blob_id)
        .order_by(evidence_chunk.c.seq))
    for seq, data in result:
        if seq != count or not isinstance(data, bytes | memoryview):
            raise damaged
        digest.update(data)
        size += len(data)
        count += 1
        if held is not None:
            yield held
        held = bytes(data)
    if (size, count) != (row.size, row.chunks) or digest.hexdigest() != row.sha256:
        raise damaged
    if held is not None:
        yield held


def copy_to(conn: Connection, blob_id: int, target: Path, name: str, code: str) -> None:
    """Write the content ``blob_id`` to ``target`` (a new file); a damaged content leaves no file."""
    try:
        with open(target, "xb") as out:
            for piece in read(conn, blob_id, name, code):
                out.write(piece)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
