"""One file offered as evidence, checked before any transaction begins: its size against the limit,
its kind from its content (ledger_app/evidence/kinds.py), a zip container's members, a picture
decoded into its thumbnail. What comes out (:class:`Prepared`) is what the store writes.

A PDF's pages and active content, and the SHA-256 of any file, are read by the store in the one pass
that writes the bytes (ledger_app/evidence/blobs.py): a 50 MB scan is read once, not three times,
and what is hashed is what is stored, even if the file changed since it was checked. ``scan=True``
reads them here as well, for a review that must name a refused PDF before anything is written (the
forms merge) — the store still reads them again as it writes."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.images import thumbnail
from ledger_app.evidence.kinds import KINDS, detect
from ledger_app.evidence.pdf import inspect_pdf
from ledger_app.messages.i18n import EN
from ledger_app.store.limits import check_text
from ledger_app.store.settings import EvidenceLimits

EMPTY = "是空文件（0 字节）"
TOO_LARGE = "有 {size}，超过单个佐证材料的上限 {limit}（设置“佐证材料：单个文件上限”）"
MISSING = "不存在或无法读取（{reason}）"
NOT_REGULAR = "不是普通文件（是文件夹、管道或设备）"
ACTIVE_PDF = "是含有 {what} 的 PDF（可执行脚本或启动程序），不能作为佐证材料；请重新导出或打印为 PDF 后再上传"
NAME_TOO_LONG = "的文件名过长（{length} 字，上限 {limit} 字）"
EN.update({
    EMPTY: "is an empty file (0 bytes)",
    TOO_LARGE: "is {size}, more than the limit of {limit} for one evidence file (setting 'evidence: one file at most')",
    MISSING: "does not exist or cannot be read ({reason})",
    NOT_REGULAR: "is not a regular file (it is a folder, a pipe or a device)",
    ACTIVE_PDF: "is a PDF with {what} (scripts or launching programs) and cannot be kept as evidence; export or print "
                "it to PDF again and add that",
    NAME_TOO_LONG: "has too long a name ({length} characters; at most {limit})",
})
MAX_NAME = 200


def megabytes(size: int) -> str:
    """A size as a clerk reads it: 12.3 MB, 850 KB, 312 字节."""
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def over(size: int, limit: int) -> dict[str, str]:
    """{size} and {limit} of a refusal: in bytes when a size just over the limit would round to it."""
    shown, most = megabytes(size), megabytes(limit)
    return {"size": shown, "limit": most} if shown != most else {"size": f"{size:,} B", "limit": f"{limit:,} B"}


@dataclass(frozen=True)
class Prepared:
    """A file checked and hashed, ready to be stored."""

    path: Path
    name: str  # the name it is kept under (the original name)
    size: int
    kind: str
    sha256: str | None = None  # known when ``scan`` read it (the store finds it anyway)
    pages: int | None = None
    thumbnail: bytes | None = None


def prepare(path: Path, limits: EvidenceLimits, name: str | None = None, *, scan: bool = False) -> Prepared:
    """Check the file ``path`` (kept as ``name``, default its own name); EvidenceRejected naming it,
    for every reason a file is refused (see ledger_app/evidence/kinds.py). ``scan``: also read a PDF
    through and hash the file (see the module docstring)."""
    path = Path(path)
    name = (name or path.name).strip() or path.name
    check_text("文件名", name)
    if len(name) > MAX_NAME:
        raise EvidenceRejected(name[:40] + "…", NAME_TOO_LONG, length=len(name), limit=MAX_NAME)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise EvidenceRejected(name, MISSING, reason=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise EvidenceRejected(name, NOT_REGULAR)
    size = info.st_size
    if size == 0:
        raise EvidenceRejected(name, EMPTY)
    if size > limits.max_file:
        raise EvidenceRejected(name, TOO_LARGE, **over(size, limits.max_file))
    try:
        with open(path, "rb") as fh:
            kind = detect(fh, size, name, Path(name).suffix.lower(), path)
            pages, digest = None, None
            if scan and kind == "pdf":  # read once: checked and hashed in the same pass
                hashing = hashlib.sha256()
                pages = pdf_facts(fh, size, name, hashing.update)
                digest = hashing.hexdigest()
            elif scan:
                fh.seek(0)
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise EvidenceRejected(name, MISSING, reason=exc.strerror or exc) from None
    thumb = thumbnail(path, name, kind) if KINDS[kind].image else None
    return Prepared(path, name, size, kind, digest, pages, thumb)


def pdf_facts(fh: BinaryIO, size: int, name: str, sink: Callable[[bytes], None] | None = None) -> int | None:
    """A PDF's pages, read through (``sink`` given every byte); EvidenceRejected if it is active."""
    facts = inspect_pdf(fh, size, sink)
    if facts.active is not None:
        raise EvidenceRejected(name, ACTIVE_PDF, what=facts.active)
    return facts.pages
