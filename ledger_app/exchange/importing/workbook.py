"""Open an .xlsx safely and hand back one sheet as a grid of values.

Reading uses python-calamine (about ten times faster than openpyxl, and it
reports merged ranges). Before the reader sees a file we check that it really is
an .xlsx and not a renamed CSV, an encrypted workbook or an XML bomb, so every
refusal is a clear message instead of a library traceback (or a crash of the reader).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from ledger_app.exchange.importing import sniff
from ledger_app.exchange.importing.archive import (
    DAMAGED,
    ENCRYPTED,
    MAX_UNPACKED_BYTES,
    NOT_XLSX,
    check_archive,
    check_grids,
    refuse,
    sheet_members,
)
from ledger_app.messages.errors import ImportRejected

__all__ = ["MAX_UNPACKED_BYTES", "NOT_XLSX", "Sheet", "Workbook", "check_xlsx"]

LEGACY_XLS = "这是旧版 Excel 97–2003 工作簿（.xls），请在 Excel/WPS 中另存为 .xlsx 后再导入"
# An Office compound file whose directory cannot be read: it could be either.
OLE_UNREADABLE = "工作簿已加密或为旧版 .xls 格式，请在 Excel/WPS 中取消密码并另存为 .xlsx"
OVERLAPPING_MERGES = "合并单元格区域互相重叠，文件已损坏"
UNREADABLE_SHEET = "无法读取，文件已损坏：{reason}"
NOT_A_FILE = "不是普通文件（是文件夹、管道或设备），无法导入"
_SNIFF_BYTES = 4096


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # from A1, 0-based; '' for empty cells
    merged: list[tuple[tuple[int, int], tuple[int, int]]]  # ((row, col), (row, col)) inclusive


def _refuse_ole(path: Path, size: int) -> ImportRejected:
    with path.open("rb") as fh:
        streams = sniff.ole_streams(fh, size)
    if streams is None:
        return refuse(path, OLE_UNREADABLE)
    names = {name.lower() for name in streams}
    if names & {"encryptioninfo", "encryptedpackage"}:
        return refuse(path, ENCRYPTED)
    if names & {"workbook", "book"}:
        return refuse(path, LEGACY_XLS)
    kind = sniff.OLE_DOC if "worddocument" in names else sniff.OLE_PPT if "powerpoint document" in names \
        else sniff.OLE_OTHER
    return refuse(path, NOT_XLSX, kind=kind)


def check_xlsx(path: Path) -> None:
    """Raise :class:`ImportRejected` unless ``path`` is a plausible, safe .xlsx."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read forever, /dev/zero never end
            raise refuse(path, NOT_A_FILE)
        size = status.st_size
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise refuse(path, "文件不存在") from None
    except OSError as exc:
        raise refuse(path, "无法读取文件：{reason}", reason=exc.strerror or exc) from None
    if size == 0:
        raise refuse(path, "文件为空（0 字节）")
    if head.startswith(sniff.OLE_MAGIC):
        raise _refuse_ole(path, size)
    if not head.startswith(b"PK"):
        raise refuse(path, NOT_XLSX, kind=sniff.content_kind(head))
    extents = check_archive(path)
    check_grids(path, extents, sheet_members(path))


def _reader_failed(exc: BaseException) -> bool:
    # pyo3 reports a panic inside the Rust reader as PanicException, a BaseException.
    return isinstance(exc, (CalamineError, ValueError, OSError, OverflowError)) \
        or type(exc).__name__ == "PanicException"


def _merged_area(rows: list[list[object]], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> int:
    """Cells covered by the merged ranges, clipped to the sheet (a valid sheet never overlaps)."""
    height, width = len(rows), max(map(len, rows), default=0)
    return sum(max(0, min(r1, height - 1) - r0 + 1) * max(0, min(c1, width - 1) - c0 + 1)
               for (r0, c0), (r1, c1) in merged)


_SHORT = 40  # characters: texts a table repeats row after row (departments, categories, deadlines…)
_KEPT = 65_536  # different short texts kept once (a sheet of only different ones is not worth a dictionary)


def _grid(data: CalamineSheet) -> list[list[object]]:
    """The sheet's cells from A1 (what ``to_python(skip_empty_area=False)`` gives), row by row: the
    reader's rows come from row 1 but from the sheet's first used column. A short text repeated
    in thousands of rows is kept once (the reader makes a new string for every cell)."""
    pad = [""] * (data.start[1] if data.start else 0)
    kept: dict[str, str] = {}

    def once(text: str) -> str:
        found = kept.get(text)
        if found is not None:
            return found
        if len(kept) < _KEPT:
            kept[text] = text
        return text

    return [pad + [once(v) if v.__class__ is str and len(v) <= _SHORT else v for v in row]
            for row in data.iter_rows()]


class Workbook:
    """A checked .xlsx whose sheets are read on demand."""

    def __init__(self, path: Path) -> None:
        check_xlsx(path)
        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))
            self.sheet_names: list[str] = list(self._book.sheet_names)
        except BaseException as exc:
            if not _reader_failed(exc):
                raise
            raise refuse(path, DAMAGED, reason=exc) from None

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheet_names:
            raise refuse(self.path, "工作簿中没有名为“{sheet}”的工作表（现有：{sheets}）",
                          sheet=name, sheets="、".join(self.sheet_names))
        try:
            data = self._book.get_sheet_by_name(name)
            rows = _grid(data)
            merged = list(data.merged_cell_ranges or [])
            del data  # the reader's copy of the sheet
        except BaseException as exc:
            if not _reader_failed(exc):
                raise
            raise refuse(self.path, UNREADABLE_SHEET, in_sheet=name, reason=exc) from None
        # Overlapping ranges (only a crafted file has them) would make filling them quadratic.
        if _merged_area(rows, merged) > len(rows) * max(map(len, rows), default=0):
            raise refuse(self.path, OVERLAPPING_MERGES, in_sheet=name)
        return Sheet(name, rows, merged)
