"""What a PDF offered as evidence holds that matters here: how many pages (the 销号审批表 lists
them) and whether it carries active content — JavaScript, or an action that launches a program —
which a document of record never needs and a hostile one uses.

Only the PDF's own syntax is read: dictionaries outside streams, and the compressed object streams
where PDF 1.5 and later keep the page tree and the actions (each inflated up to a budget). The data
of other streams (page content, images) is skipped: fifty megabytes of a scan hold "/JS" by chance
several times over. Read in bounded windows, never the whole file at once."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

_WINDOW = 8 * 2**20
_CARRY = 64  # bytes kept from the end of a window: a keyword cut in two is found whole
_INFLATE_BUDGET = 16 * 2**20  # per object stream; a page tree is kilobytes
_TOTAL_BUDGET = 128 * 2**20

_PAGES = (re.compile(rb"/Type\s*/Pages\b[^>]{0,400}?/Count\s+(\d{1,7})"),
          re.compile(rb"/Count\s+(\d{1,7})[^>]{0,400}?/Type\s*/Pages\b"))
# Names may be written with #xx escapes (/J#61vaScript): undone before looking.
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)(?![A-Za-z0-9])")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"(?<![a-z])stream\r?\n")
_END = b"endstream"
# A stream's length written in its dictionary (not "12 0 R", a reference to be looked up).
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")


@dataclass(frozen=True)
class PdfFacts:
    pages: int | None  # None: not found (a damaged or unusual page tree)
    active: str | None  # "JavaScript" / "Launch" when present


class _Scan:
    def __init__(self) -> None:
        self.pages = 0
        self.active: str | None = None

    def syntax(self, data: bytes) -> None:
        if b"#" in data:
            data = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
        for pattern in _PAGES:
            for match in pattern.finditer(data):
                self.pages = max(self.pages, int(match.group(1)))
        if self.active is None and (match := _ACTIVE.search(data)):
            self.active = "Launch" if match.group(1) == b"Launch" else "JavaScript"


def _inflate_at(fh: BinaryIO, offset: int, budget: int) -> bytes:
    """The FlateDecode stream starting at ``offset``, inflated up to ``budget`` bytes."""
    back = fh.tell()
    fh.seek(offset)
    inflater, out = zlib.decompressobj(), bytearray()
    try:
        while len(out) < budget and not inflater.eof:
            raw = fh.read(256 * 1024)
            if not raw:
                break
            out += inflater.decompress(raw, budget - len(out))
    except zlib.error:
        pass
    fh.seek(back)
    return bytes(out)


def _ends_at(fh: BinaryIO, offset: int) -> bool:
    """Whether the stream whose data would end at ``offset`` does: ``endstream`` follows within a line."""
    back = fh.tell()
    fh.seek(offset)
    after = fh.read(40)
    fh.seek(back)
    return _END in after


def inspect_pdf(fh: BinaryIO, size: int, sink: Callable[[bytes], None] | None = None) -> PdfFacts:
    """Read the PDF in ``fh`` once, front to back (``sink``: given every byte on the way, in order,
    so the file is hashed and stored in the same pass). A stream whose dictionary gives its length
    directly is stepped over, its bytes never searched; another is searched for its ``endstream``."""
    scan, spent = _Scan(), 0
    fh.seek(0)
    base, buffer = 0, b""  # buffer[0] is the file's byte ``base``
    skip_to, in_stream = 0, False
    while True:
        block = fh.read(_WINDOW)
        if sink is not None and block:
            sink(block)
        last = not block
        buffer += block
        cursor = max(0, skip_to - base)
        while cursor < len(buffer):
            if in_stream:
                end = buffer.find(_END, cursor)
                if end < 0:
                    cursor = max(cursor, len(buffer) - len(_END))
                    break
                cursor, in_stream = end + len(_END), False
                continue
            match = _STREAM.search(buffer, cursor)
            if match is None:
                keep = len(buffer) if last else max(cursor, len(buffer) - _CARRY)
                scan.syntax(buffer[cursor:keep])
                cursor = keep
                break
            head = buffer[cursor:match.start()]
            scan.syntax(head)
            dictionary = head[-2048:]
            if _OBJSTM.search(dictionary) and spent < _TOTAL_BUDGET:
                inflated = _inflate_at(fh, base + match.end(), _INFLATE_BUDGET)
                spent += len(inflated)
                scan.syntax(inflated)
            lengths = _LENGTH.findall(dictionary)
            step = int(lengths[-1]) if lengths else 0
            if step and not _ends_at(fh, base + match.end() + step):
                step = 0  # a length that lies (to hide what follows): search for the end instead
            in_stream = True
            cursor = match.end() + step
            skip_to = base + cursor
        if last:
            break
        drop = min(cursor, len(buffer))
        buffer, base = buffer[drop:], base + drop
    return PdfFacts(scan.pages or None, scan.active)
