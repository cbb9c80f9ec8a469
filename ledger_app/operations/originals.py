"""The PDF an issued document was delivered as, kept in the ledger and written out again for its
reprints (one 文号, one text: ledger_app/documents/reissue.py says when a reprint is the original).

The bytes go into the evidence store (ledger_app/evidence/blobs.py): one content stored once by its
SHA-256, in 1 MiB chunks, in the transaction that marks the document delivered; the register row
names it (``issued_document.blob_id``), which keeps it from ``blobs.purge``. Backups, restores and
moves between databases carry and hash it with every other content (ledger_app/store/blob_check.py).
Read back hashed: a damaged original is refused, never printed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ledger_app.evidence import blobs
from ledger_app.evidence.intake import Prepared
from ledger_app.evidence.readback import read
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

NOT_REPRINTED = ("{doc_no} 存档的原件已损坏（台账中存储的内容与它的 SHA-256 校验值不符），未重印；"
                    "请从备份恢复台账（备份中有完好的原件）后再重印")
EN[NOT_REPRINTED] = ("the kept original of {doc_no} is damaged (the content stored in the ledger does not match "
                        "its SHA-256); nothing was reprinted. Restore the ledger from a backup (it holds the intact "
                        "original) and reprint it then")


def keep(session: Session, pdf: Path) -> int:
    """Store the delivered ``pdf`` in the caller's transaction (a content kept already is reused);
    its blob id."""
    digest = hashlib.sha256()
    with open(pdf, "rb") as fh:
        while piece := fh.read(blobs.CHUNK):
            digest.update(piece)
    size = pdf.stat().st_size
    blob_id, _sha, _fresh = blobs.store(session, Prepared(pdf, pdf.name, size, "pdf", digest.hexdigest()))
    return blob_id


def write(engine: Engine, blob_id: int, target: Path, doc_no: str) -> None:
    """Write the kept original ``blob_id`` to ``target`` (a new file), hashed on the way; a damaged
    one leaves no file and is refused naming ``doc_no``."""
    with open(target, "xb") as out:
        try:
            with engine.connect() as conn:
                for piece in read(conn, blob_id, doc_no, ""):
                    out.write(piece)
        except BaseException as exc:
            out.close()
            target.unlink(missing_ok=True)
            if isinstance(exc, LedgerError):
                raise LedgerError(NOT_REPRINTED, doc_no=doc_no) from None
            raise
