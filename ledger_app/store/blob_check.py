"""Whether the stored bytes of every evidence file are still the bytes that were stored: each
content's row carries its SHA-256, so reading its chunks in order and hashing them proves it.

Used wherever the whole ledger is read: a backup's whole-read check and a restore's check of the
backup (ledger_app/store/integrity.py, on sqlite3) and a move between databases
(ledger_app/store/transfer.py, on SQLAlchemy). One chunk at a time: a 2 GB ledger's evidence is
hashed as it streams past, never held. A damaged content is named by the files that carry it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from ledger_app.messages.i18n import EN, t

CHUNK_TABLE, BLOB_TABLE, FILE_TABLE = "evidence_chunk", "evidence_blob", "evidence_file"
# The chunks of a content in order, contents one after the other: what the hash check reads.
CHUNKS_IN_ORDER = "SELECT blob_id, seq, data FROM evidence_chunk ORDER BY blob_id, seq"
BLOBS = "SELECT id, sha256, size, chunks FROM evidence_blob"
# What carries a content: the files attached to tasks (name, task code), then the issued documents
# delivered as it (文号, DOCUMENT). The mark stands twice: pass the blob id twice.
DOCUMENT = "document"
NAMES = ("SELECT name, code FROM (SELECT f.id AS k, f.name AS name, t.code AS code FROM evidence_file f "
         "LEFT JOIN task t ON t.id = f.task_id WHERE f.blob_id = {mark} UNION ALL "
         f"SELECT 1000000000000 + d.id, d.doc_no, '{DOCUMENT}' FROM issued_document d WHERE d.blob_id = {{mark}}) "
         "AS n ORDER BY k LIMIT 3")

DAMAGED_FILE = "佐证材料{names}已损坏：台账中存储的内容与它的 SHA-256 校验值不符"
DAMAGED_ORIGINAL = "已印发公文{numbers}存档的原件已损坏：台账中存储的内容与它的 SHA-256 校验值不符"
NAMED = "“{name}”（任务 {code}）"
UNNAMED = "（内容 {prefix}…，已无文件引用）"
EN.update({
    DAMAGED_FILE: "the evidence file {names} is damaged: the content stored in the ledger does not match its SHA-256",
    NAMED: "'{name}' (task {code})",
    UNNAMED: "(content {prefix}…, no longer attached)",
    DAMAGED_ORIGINAL: "the original kept of the issued document {numbers} is damaged: the content stored in the "
                      "ledger does not match its SHA-256",
})


class BlobVerifier:
    """Fed the chunks of every content in (blob id, seq) order; :attr:`bad` collects the contents
    whose bytes, count of chunks or size differ from what their blob row says."""

    def __init__(self, blobs: Iterable[tuple[int, str, int, int]]) -> None:
        self.expected = {blob: (sha, size, chunks) for blob, sha, size, chunks in blobs}
        self.bad: list[int] = []
        self._seen: set[int] = set()
        self._blob: int | None = None
        self._hash = hashlib.sha256()
        self._size = self._chunks = 0

    def feed(self, blob: int, seq: int, data: bytes) -> None:
        if not isinstance(data, bytes | memoryview):  # damage can turn a value into text: still hashed, and wrong
            data = str(data).encode("utf-8", "surrogatepass") + b"\x00text"
        if blob != self._blob:
            self._close()
            self._blob, self._hash, self._size, self._chunks = blob, hashlib.sha256(), 0, 0
        if seq != self._chunks:  # a chunk missing or out of place
            self._chunks = -1
        elif self._chunks >= 0:
            self._chunks += 1
        self._hash.update(data)
        self._size += len(data)

    def _close(self) -> None:
        if self._blob is None:
            return
        self._seen.add(self._blob)
        sha, size, chunks = self.expected.get(self._blob, ("", -1, -1))
        if (self._size, self._chunks) != (size, chunks) or self._hash.hexdigest() != sha:
            self.bad.append(self._blob)
        self._blob = None

    def finish(self) -> list[int]:
        """The damaged contents: those that hashed wrong, and those with no chunks at all."""
        self._close()
        self.bad += [blob for blob, (_sha, size, _n) in self.expected.items() if blob not in self._seen and size > 0]
        return self.bad

    def sha(self, blob: int) -> str:
        return self.expected.get(blob, ("?",))[0]


def describe(sha: str, names: list[tuple[str, str | None]]) -> str:
    """The clerk's words for a damaged content: the files (and tasks) that carry it, or else the
    issued documents kept as it."""
    files = [(name, code) for name, code in names if code != DOCUMENT]
    if not files and (numbers := [name for name, code in names if code == DOCUMENT]):
        return t(DAMAGED_ORIGINAL, numbers="、".join(numbers))
    if not files:
        return t(DAMAGED_FILE, names=t(UNNAMED, prefix=sha[:12]))
    return t(DAMAGED_FILE, names="、".join(t(NAMED, name=name, code=code or "—") for name, code in files))


def verify(rows: Iterable[tuple[int, int, bytes]], blobs: Iterable[tuple[int, str, int, int]],
           names: Callable[[int], list[tuple[str, str | None]]]) -> str | None:
    """Hash every content from ``rows`` (chunks in order); the first damaged one described, or None."""
    verifier = BlobVerifier(blobs)
    for blob, seq, data in rows:
        verifier.feed(blob, seq, data)
    bad = verifier.finish()
    return describe(verifier.sha(bad[0]), names(bad[0])) if bad else None
