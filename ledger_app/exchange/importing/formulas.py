"""Formula cells saved without their result. Excel and WPS store a formula's last result beside it;
a workbook written by a program that does not calculate (a script, some converters) stores only
the formula, which every reader, ours included, sees as an empty cell. A cell the import needs that
is such a formula is named as what it is ("是公式，但文件中没有保存计算结果") rather than as empty
("任务名称为空"), and the clerk knows to open and save the file in Excel or WPS once."""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

from ledger_app.exchange.importing.archive import column_number, sheet_members
from ledger_app.exchange.importing.header import HeaderMap
from ledger_app.exchange.importing.parse import ParsedTable
from ledger_app.messages.errors import Problem
from ledger_app.messages.i18n import EN

NO_RESULT = "这个单元格是公式，但文件中没有保存公式的计算结果；请在 Excel 或 WPS 中打开该文件、保存后再导入"
EN.update({NO_RESULT: "this cell is a formula whose result is not saved in the file; open the file in Excel or "
                      "WPS, save it, and import it again"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _has_formula(path: Path, member: str) -> bool:
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
        while chunk := xml.read(1 << 20):
            window = tail + chunk
            if b"<f" in window or b":f>" in window or b":f " in window:
                return True
            tail = chunk[-3:]
    return False


def formulas_without_results(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row 1-based, column 0-based) of every formula cell of ``sheet`` that has no saved result."""
    member = next((m for m, name in sheet_members(path).items() if name == sheet), None)
    found: set[tuple[int, int]] = set()
    if member is None:
        return found
    try:
        if not _has_formula(path, member):  # a table typed by hand has none: said at C speed
            return found
        with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
            for _event, element in iterparse(xml, events=("end",)):
                if _local(element.tag) != "c":
                    continue
                children = {_local(child.tag): child for child in element}
                value = children.get("v")
                if "f" in children and (value is None or not (value.text or "").strip()):
                    ref = element.get("r", "")
                    letters = ref.rstrip("0123456789")
                    if letters and ref[len(letters):].isdigit():
                        found.add((int(ref[len(letters):]), column_number(letters.encode()) - 1))
                element.clear()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):
        return set()  # the file was read already; at worst the problems keep their first wording
    return found


def check_formulas(path: Path, table: ParsedTable, header: HeaderMap) -> None:
    """Name every formula without a saved result in a cell the import reads (a mapped column of a
    task row): it reads as empty, so a grouped title would silently repeat the one above, and a
    required cell would be reported as empty. Its problem replaces any other about that cell."""
    formulas = formulas_without_results(path, table.sheet)
    if not formulas:
        return
    rows = {task.row for task in table.tasks} | {p.row for p in table.problems if p.row is not None}
    cells = sorted((row, col) for row, col in formulas if row in rows and col in header.columns)
    if not cells:
        return
    kept = [p for p in table.problems if (p.row, p.column) not in set(cells)]
    named = [Problem(table.file, NO_RESULT, {}, table.sheet, row, col, header.labels.get(col, ""))
             for row, col in cells]
    table.problems = sorted(kept + named, key=lambda p: (p.row or 0, -1 if p.column is None else p.column))
