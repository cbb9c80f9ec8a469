"""What a PDF offered as evidence holds that matters here: how many pages (the 销号审批表 lists
them) and whether it carries active content — JavaScript, or an action that launches a program —
which a document of record never needs and a hostile one uses. Read in bounded windows: the file's
own bytes and the compressed object streams (where PDF 1.5 and later keep the page tree and the
actions), each inflated up to a budget, never the page content."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import BinaryIO

_WINDOW = 8 * 2**20
_OVERLAP = 4096
_INFLATE_BUDGET = 16 * 2**20  # per object stream; a page tree is kilobytes
_TOTAL_BUDGET = 128 * 2**20

_PAGES = (re.compile(rb"/Type\s*/Pages\b[^>]{0,400}?/Count\s+(\d{1,7})"),
          re.compile(rb"/Count\s+(\d{1,7})[^>]{0,400}?/Type\s*/Pages\b"))
# Names may be written with #xx escapes (/J#61vaScript): undone before looking.
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)\b")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"stream\r?\n")


@dataclass(frozen=True)
class PdfFacts:
    pages: int | None  # None: not found (a damaged or unusual page tree)
    active: str | None  # "JavaScript" / "Launch" when present


def _scan(data: bytes, found: dict[str, object]) -> None:
    if b"#" in data:
        data = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    for pattern in _PAGES:
        for match in pattern.finditer(data):
            found["pages"] = max(int(found.get("pages") or 0), int(match.group(1)))
    if found.get("active") is None and (match := _ACTIVE.search(data)):
        found["active"] = "Launch" if match.group(1) == b"Launch" else "JavaScript"


def _inflate_at(fh: BinaryIO, offset: int, budget: int) -> bytes:
    """The FlateDecode stream starting at ``offset``, inflated up to ``budget`` bytes (b"" if it is not one)."""
    fh.seek(offset)
    inflater, out = zlib.decompressobj(), bytearray()
    try:
        while len(out) < budget and not inflater.eof:
            raw = fh.read(256 * 1024)
            if not raw:
                break
            out += inflater.decompress(raw, budget - len(out))
    except zlib.error:
        return bytes(out)
    return bytes(out)


def inspect_pdf(fh: BinaryIO, size: int) -> PdfFacts:
    found: dict[str, object] = {}
    position, spent = 0, 0
    while position < size:
        fh.seek(position)
        window = fh.read(_WINDOW + _OVERLAP)
        _scan(window, found)
        for match in _OBJSTM.finditer(window):
            after = _STREAM.search(window, match.end(), match.end() + 2048)
            if after is None or spent >= _TOTAL_BUDGET:
                continue
            inflated = _inflate_at(fh, position + after.end(), _INFLATE_BUDGET)
            spent += len(inflated)
            _scan(inflated, found)
        position += _WINDOW
    pages = found.get("pages")
    return PdfFacts(int(pages) if pages else None, found.get("active"))  # type: ignore[arg-type]
