"""Checks on the zip archive of an .xlsx before any reader unpacks it.

The spreadsheet reader (calamine, in Rust) trusts the file: a zip member that inflates to
gigabytes, a DTD of nested entities, or a single cell addressed as XFD1048576 (it allocates
the whole 17-billion-cell grid and the process aborts) would hang or kill the program. So
every member is inflated once here, in bounded chunks, checked against its CRC and scanned.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from ledger_app.exchange.importing.sniff import Phrase, zip_kind
from ledger_app.messages.errors import ImportRejected, Problem

# Real task tables unpack to a few MB, a 100,000-task export to about 100 MB.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
# XML of a real sheet deflates 5–30×; only a crafted member of zeros reaches this.
MAX_RATIO = 200
RATIO_FLOOR = 16 * 1024 * 1024  # smaller members may be as repetitive as they like
# The grid the reader builds for one sheet (rows × columns from A1); a 100,000-task export
# is about 2.5 million cells.
MAX_CELLS = 6_000_000
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits
# Rows of one sheet (README, 导入): a ledger has a few thousand tasks; a table of 100,000 with its title,
# header and notes fits, and so does an exported ledger's 季度进展 of 120,000 reports. The reader keeps
# a whole sheet in memory, so a longer one is refused while it is checked, as soon as its rows pass the
# limit and before the reader builds it: an import stays within 400 MB (bench/bench_import_memory.py).
MAX_SHEET_ROWS = 120_000
# The memory an import needs besides the program (about 90 MB), as measured (bench/bench_import_memory.py,
# and sheets made to be the worst for each term): a row costs about 1,100 bytes (the program's row
# and parsed task), a value 80 (calamine keeps one per cell of its grid, the program another), an
# empty cell of the grid 40, and a byte of text 1.8 (the reader's copy and the program's; a shared
# string is copied into every cell that names it). Counted over the whole workbook (an import holds
# its task sheet and an export's 进展 and 督办 sheets). A 120,000-row task table needs about 300 MB;
# a workbook that needs more than the limit is refused before it is read: an import stays within 400 MB.
ROW_BYTES, VALUE_BYTES, CELL_BYTES, TEXT_FACTOR = 1_100, 80, 40, 1.8
MAX_READ_BYTES = 330 * 2**20
_CHUNK = 8 * 1024 * 1024
# A real workbook has tens of parts (a few thousand with many sheets and pictures); a directory
# of 200,000 empty parts takes seconds just to list.
MAX_DIRECTORY_BYTES = 2 * 1024 * 1024

NOT_XLSX = "不是有效的 .xlsx 工作簿（文件内容是 {kind}，可能只是改了扩展名）"
DAMAGED = "工作簿已损坏，无法解压：{reason}"
DAMAGED_MEMBER = "工作簿已损坏：其中的 {member} 无法解压（{reason}）"
TRUNCATED = "工作簿已损坏：文件不完整（在中途被截断，可能没有下载或复制完整），请重新获取原文件"
# Why a member is damaged ({reason} above).
BAD_HEADER = Phrase("文件头无效")
UNKNOWN_METHOD = Phrase("未知的压缩方式")
CUT_SHORT = Phrase("数据不完整")
SIZE_MISMATCH = Phrase("解压后的大小与记录不符")
BAD_CRC = Phrase("校验和不符")
ENCRYPTED = "工作簿设有打开密码（已加密），请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入"
TOO_BIG = "工作簿解压后过大（{size} MB），已拒绝"
BOMB = "工作簿中的 {member} 压缩比异常（{ratio} 倍），疑似压缩炸弹，已拒绝"
UNSAFE_XML = "工作簿含有不安全的 XML（实体定义），已拒绝"
TOO_MANY_PARTS = "工作簿的目录过大（{size} KB，约 {count} 个部件），已拒绝"
HUGE_GRID = "单元格范围过大（{rows} 行 × {columns} 列），已拒绝"
TOO_MANY_ROWS = "行数过多：超过导入上限 {limit} 行（一个台账通常只有几千项任务），已拒绝"
BAD_REFERENCE = "单元格地址“{ref}”超出 Excel 的范围，文件已损坏"
TOO_MUCH_CONTENT = "内容过多：读入约需 {size} MB 内存，超过导入上限 {limit} MB，已拒绝"

# Office never writes a DTD; an entity declaration is there only to expand (billion laughs).
_ENTITY_MARKS = tuple("<!ENTITY".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
# Cell addresses: r="B7", also r = 'b7'.
_R = rb"\s(?:[\w.-]+:)?r\s*="
_REF = re.compile(_R + rb"""\s*["']([A-Za-z]+)(\d+)""")
_ADDRESS = re.compile(_R + rb"""\s*["']([A-Za-z]*)(\d*)""")
# Cells and rows without an address in the usual form r="B7" (none, or r = 'b7'), which only the
# slow walk below reads right, and prefixed tags (<x:c>), which the quick patterns do not see.
_UNADDRESSED = re.compile(rb'<(?:c|row)(?=[\s/>])(?![^>]*?\sr=")')
_PREFIX_HINT = re.compile(rb":(?:c|row)[\s/>]")  # a cheap first look for _PREFIXED
_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row)[\s/>]")
# A superset of the addresses beyond column Z or row 99,999 (in any form: a tag may carry a
# second, differently quoted address, and the reader takes the last).
_WIDE_OR_DEEP = re.compile(rb"""r\s*=\s*["'](?:[A-Za-z]{2}|[A-Za-z]+\d{6})""")
_TAG = re.compile(rb"<(?:[\w.-]+:)?(c|row)(?=[\s/>])([^>]*)>")
# A cell's column where it is one letter (regular expressions that start with a literal are the fast ones;
# this one may also see another attribute ending in r, which only makes the grid larger than it is).
_LETTER = re.compile(rb"""r\s*=\s*["']([A-Za-z])\d""")
_ROW_NUMBER = re.compile(rb"""<row\s[^>]*?\br\s*=\s*["'](\d{1,5})\D""")
# A value and its text: <v>…</v> of a cell, <t>…</t> of a text (in a cell or in the shared strings).
_VALUE = re.compile(rb"<[tv](?:\s[^>]*)?>([^<]*)")
_PREFIXED_VALUE = re.compile(rb"<(?:[\w.-]+:)?[tv](?:\s[^>]*)?>([^<]*)")  # also <x:v>…</x:v>
# A cell whose text is a shared string (t="s"), and the number of that string (the reader copies it
# into the cell: one long string named by a million cells is a million copies).
_SHARED_REF = re.compile(rb"""<(?:[\w.-]+:)?c\s[^>]*?\st\s*=\s*["']s["'][^>]*>"""
                         rb"""(?:[^<]|<(?!/?(?:[\w.-]+:)?c[\s/>]))*?<(?:[\w.-]+:)?v(?:\s[^>]*)?>\s*([^<]*)""")
_SHARED_HINT = re.compile(rb"""\st\s*=\s*["']s["']""")
# The shared strings' part, and its entries: <si> with the <t> texts in it.
_SST = re.compile(rb"<(?:[\w.-]+:)?sst[\s>]")
_SST_ITEM = re.compile(rb"<(?:[\w.-]+:)?(si|t)(?:\s[^>]*)?>([^<]*)")


def refuse(path: Path, template: str, *, in_sheet: str | None = None, **values: object) -> ImportRejected:
    return ImportRejected([Problem(file=path.name, template=template, values=values, sheet=in_sheet)])


def column_number(letters: bytes) -> int:
    """b"A" → 1, b"XFD" → 16384 (letters of any case)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


@dataclass
class Extent:
    """The largest row and column (1-based) that one XML member addresses."""

    rows: int = 0
    columns: int = 0
    bad: str = ""  # the first address beyond Excel's limits
    row: int = 0  # the reader's cursor, for cells and rows without an address
    column: int = 0
    lines: int = 0  # rows (<row> elements)
    values: int = 0  # cells and texts with a value
    text: int = 0  # bytes of their text
    shared: Counter[int] = field(default_factory=Counter)  # shared string → cells that name it
    strings: list[int] | None = None  # of the shared strings' part: each string's bytes

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def add(self, row: int, column: int, text: str) -> None:
        if not (row <= MAX_ROWS and column <= MAX_COLUMNS):
            self.bad = self.bad or text[:24]
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)

    def scan(self, data: bytes) -> None:
        if _UNADDRESSED.search(data) or (_PREFIX_HINT.search(data) and _PREFIXED.search(data)):
            self._walk(data)
        elif not _WIDE_OR_DEEP.search(data):
            # Every address is within A1:Z99999. The grid counts in the memory an import needs, so its
            # size, from the rows' numbers and the cells' column letters (a few distinct ones, in bulk).
            letters = set(_LETTER.findall(data))
            if letters:
                numbers = _ROW_NUMBER.findall(data)
                self.rows = max(self.rows, max(map(int, numbers)) if numbers else 1)
                self.columns = max(self.columns, *map(column_number, letters))
        else:
            refs = _REF.findall(data)
            if not refs:
                return
            # A million addresses: their few distinct column letters, and the rows as numbers, in bulk.
            columns = {letters[:4]: column_number(letters[:4]) for letters in set(map(itemgetter(0), refs))}
            row = max(map(int, map(itemgetter(1), refs)))
            if row > MAX_ROWS or max(columns.values()) > MAX_COLUMNS:
                for letters, digits in refs:  # name the first address beyond the limits
                    self.add(int(digits[:9]), columns[letters[:4]], (letters + digits).decode())
            self.rows, self.columns = max(self.rows, min(row, 10**9)), max(self.columns, *columns.values())

    def count(self, data: bytes, end: int, first: bool) -> None:
        """Count the values, text and shared-string cells starting in ``data`` before ``end`` (``first``:
        the member's first chunk, where its root element is)."""
        texts = (_PREFIXED_VALUE if _PREFIX_HINT.search(data, 0, end) else _VALUE).findall(data, 0, end)
        self.values += len(texts)
        self.text += sum(map(len, texts))
        if first and _SST.search(data, 0, min(end, 4096)):
            self.strings = []
        if self.strings is not None:
            for kind, text in _SST_ITEM.findall(data, 0, end):
                if kind.endswith(b"si"):
                    self.strings.append(0)
                elif self.strings:
                    self.strings[-1] += len(text)
        elif _SHARED_HINT.search(data, 0, end):
            for match in _SHARED_REF.finditer(data, 0):
                if match.start() >= end:
                    break
                number = match.group(1).strip()
                if b"&" in number:
                    number = html.unescape(number.decode("utf-8", "replace")).strip().encode()
                if number.isdigit() and len(number) < 10:
                    self.shared[int(number)] += 1

    def _walk(self, data: bytes) -> None:
        """Follow the reader's cursor tag by tag (slow; only for sheets with unaddressed cells)."""
        for kind, attrs in _TAG.findall(data):
            match = _ADDRESS.search(attrs)
            letters, digits = (match.group(1), match.group(2)) if match else (b"", b"")
            if kind == b"row":
                self.row, self.column = (int(digits[:9]) if digits else self.row + 1), 0
                self.add(self.row, 1, digits.decode())
                continue
            if digits:
                self.row = int(digits[:9])
            self.column = column_number(letters[:4]) if letters else self.column + 1
            self.add(max(self.row, 1), self.column, (letters + digits).decode())


class _TooTall(Exception):
    """A sheet past MAX_SHEET_ROWS rows (raised as soon as the data shows it)."""


_PREFIXED_ROW = re.compile(rb"<[\w.-]+:row[\s>]")


def _count_rows(data: bytes) -> int:
    """Row elements starting in ``data`` (text holds no "<": it is escaped), however they are numbered."""
    rows = data.count(b"<row ") + data.count(b"<row>")
    if _PREFIX_HINT.search(data):
        rows += len(_PREFIXED_ROW.findall(data))
    return rows


class _Damage(Exception):
    """A member that does not inflate to what the archive says it holds."""


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes, checked against its declared size and CRC while they come.

    Not zipfile's reader: it stops at the declared size, so a member that declares 1 KB (and the
    CRC of that 1 KB) but inflates to gigabytes would pass here and then be inflated whole by the
    spreadsheet reader.
    """
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or not local.startswith(b"PK\x03\x04"):
        raise _Damage(BAD_HEADER)
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    else:  # Excel, WPS and LibreOffice only ever deflate
        raise _Damage(UNKNOWN_METHOD)
    left, size, crc = info.compress_size, 0, 0
    while left:
        raw = fh.read(min(_CHUNK, left))
        if not raw:
            raise _Damage(CUT_SHORT)
        left -= len(raw)
        while raw:
            if inflater is None:
                out, raw = raw, b""
            else:
                out, raw = inflater.decompress(raw, _CHUNK), inflater.unconsumed_tail
            size += len(out)
            if size > info.file_size:
                raise _Damage(SIZE_MISMATCH)
            crc = zlib.crc32(out, crc)
            yield out
    if (inflater is not None and not inflater.eof) or size != info.file_size:
        raise _Damage(SIZE_MISMATCH if size != info.file_size else CUT_SHORT)
    if crc != info.CRC:
        raise _Damage(BAD_CRC)


def _scan_member(path: Path, fh: BinaryIO, info: zipfile.ZipInfo) -> Extent | None:
    """Inflate one member completely; scan it if it is XML."""
    extent = Extent() if info.filename.lower().endswith((".xml", ".rels", ".vml")) else None
    carry, rows, counted = b"", 0, 0  # counted: bytes at the head of carry already counted
    for chunk in _inflate(fh, info):
        if extent is None:
            continue
        data = carry + chunk
        if any(mark in data for mark in _ENTITY_MARKS):
            raise refuse(path, UNSAFE_XML)
        # Tags are scanned whole: what follows the last '<' waits for the next chunk,
        # with a little overlap so that a UTF-16 marker is not cut in two.
        cut = data.rfind(b"<")
        cut = len(data) if cut < 0 else cut
        region = data[counted:]
        rows += _count_rows(region[: cut - counted])
        if rows > MAX_SHEET_ROWS:
            raise _TooTall
        extent.scan(data[:cut])
        extent.count(region, cut - counted, first=not carry)
        carry, counted = data[max(cut - 16, 0) :], min(cut, 16)
    if extent is not None:
        extent.lines = rows
        if carry:
            extent.scan(carry)
            extent.count(carry[counted:], len(carry) - counted, first=False)
    return extent


def _directory(path: Path) -> tuple[int, int]:
    """(entries, bytes) of the archive's central directory, read from its end record before
    zipfile lists it; (0, 0) when there is no end record (zipfile then says so)."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(size - 65_557, 0))  # the end record and the longest comment allowed
        tail = fh.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        return 0, 0
    count, length = struct.unpack_from("<HI", tail, end + 10)
    locator = end - 20
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":  # zip64: the real figures elsewhere
        with path.open("rb") as fh:
            fh.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
            record = fh.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count, length = struct.unpack_from("<QQ", record, 32)
    return count, length


def check_archive(path: Path) -> dict[str, Extent]:
    """Refuse a damaged, encrypted, oversized or crafted archive; the extent of each XML member."""
    count, length = _directory(path)
    if length > MAX_DIRECTORY_BYTES:
        raise refuse(path, TOO_MANY_PARTS, size=length // 1024, count=count)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNPACKED_BYTES:
                raise refuse(path, TOO_BIG, size=total // 2**20)
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise refuse(path, NOT_XLSX, kind=zip_kind(names))
            extents: dict[str, Extent] = {}
            for info in infos:
                if info.flag_bits & 0x1:
                    raise refuse(path, ENCRYPTED)
                ratio = info.file_size // max(info.compress_size, 1)
                if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    raise refuse(path, BOMB, member=info.filename, ratio=ratio)
                try:
                    extent = _scan_member(path, archive.fp, info)
                except _Damage as exc:
                    raise refuse(path, DAMAGED_MEMBER, member=info.filename, reason=exc.args[0]) from None
                except _TooTall:
                    raise refuse(path, TOO_MANY_ROWS, in_sheet=sheet_members(path).get(info.filename, info.filename),
                                 limit=f"{MAX_SHEET_ROWS:,}") from None
                except zlib.error as exc:
                    raise refuse(path, DAMAGED_MEMBER, member=info.filename, reason=exc) from None
                if extent is not None:
                    extents[info.filename] = extent
            return extents
    except zipfile.BadZipFile as exc:
        if "not a zip file" in str(exc):  # no end-of-archive record: the file was cut short
            raise refuse(path, TRUNCATED) from None
        raise refuse(path, DAMAGED, reason=exc) from None
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise refuse(path, DAMAGED, reason=exc) from None


def check_grids(path: Path, extents: dict[str, Extent], sheets: dict[str, str]) -> None:
    """Refuse a member whose grid the reader could not hold, and a workbook whose values or text
    would not fit in an import's memory (``sheets``: member → sheet name)."""
    for member, extent in extents.items():
        sheet = sheets.get(member, member)
        if extent.bad:
            raise refuse(path, BAD_REFERENCE, in_sheet=sheet, ref=extent.bad)
        if extent.cells > MAX_CELLS:
            raise refuse(path, HUGE_GRID, in_sheet=sheet, rows=extent.rows, columns=extent.columns)
    strings = [0] * max((len(e.strings) for e in extents.values() if e.strings), default=0)
    for extent in extents.values():  # should there be two shared strings' parts, the longer of each
        for number, size in enumerate(extent.strings or ()):
            strings[number] = max(strings[number], size)
    # Each member as read: its rows, values and text, with a copy of each shared string it names.
    need = {member: ROW_BYTES * e.lines + VALUE_BYTES * e.values + CELL_BYTES * max(e.cells - e.values, 0)
            + TEXT_FACTOR * (e.text + sum(strings[n] * times for n, times in e.shared.items() if n < len(strings)))
            for member, e in extents.items()}
    if sum(need.values()) > MAX_READ_BYTES:
        most = max(need, key=need.get)
        size = math.ceil(sum(need.values()) / 2**20)
        raise refuse(path, TOO_MUCH_CONTENT, in_sheet=sheets.get(most), size=f"{size:,}", limit=MAX_READ_BYTES // 2**20)


def sheet_members(path: Path) -> dict[str, str]:
    """Zip member → sheet name, from xl/workbook.xml and its relationships (for messages)."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = safe_xml.fromstring(archive.read("xl/workbook.xml"))
            rels = safe_xml.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, zipfile.BadZipFile, safe_xml.ParseError, DefusedXmlException, OSError, ValueError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    members: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        target = targets.get(rid, "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        members[member] = element.get("name", "")
    return members
