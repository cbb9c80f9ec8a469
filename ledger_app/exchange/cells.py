"""Writing cells a spreadsheet will never execute, in a style clerks recognise."""

from __future__ import annotations

from copy import copy
from datetime import date

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from ledger_app.messages.errors import LedgerError
from ledger_app.store.limits import length_values, too_long_for_a_cell

TOO_LONG_TO_EXPORT = ("工作表“{sheet}”单元格 {cell} 的文字过长（{length} 字），"
                      "超过 Excel 单元格的上限 {limit} 字，未导出")
# A spreadsheet treats text starting with these as a formula (CSV/DDE injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E8EAED")
HEADER_FONT = Font(name="SimHei", bold=True)
TITLE_FONT = Font(name="SimHei", bold=True, size=16)
WRAP = Alignment(wrap_text=True, vertical="top")
LIGHT_FILLS = {"red": "F4C7C3", "yellow": "FCE8B2", "green": "B7E1CD", "done": "DADCE0", "off": "FFFFFF",
               "pending": "C6DAFC"}


# Styles are resolved once per workbook and kind of cell, then copied: setting border and
# alignment cell by cell makes openpyxl hash style objects and triples the time of an export.
# The cache lives on the workbook, whose style tables the cached indices point into.
_CACHE_ATTR = "_ledger_style_cache"


def put(ws: Worksheet, row: int, column: int, value: object, *, wrap: bool = True) -> Cell:
    """Write ``value``; text is always a text cell, never a formula (no <f> in the sheet XML)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str) and too_long_for_a_cell(value):  # openpyxl would cut it short without a word
        raise LedgerError(TOO_LONG_TO_EXPORT, sheet=ws.title, cell=cell.coordinate, **length_values(value))
    is_date = isinstance(value, date)
    quoted = isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl turned "=…" into a formula; this makes it text again
    cache: dict[tuple[bool, bool, bool], StyleArray] = ws.parent.__dict__.setdefault(_CACHE_ATTR, {})
    key = (wrap, is_date, quoted)
    cached = cache.get(key)
    if cached is None:
        if is_date:
            cell.number_format = "yyyy-mm-dd"
        if quoted:
            cell.quotePrefix = True  # Excel and WPS keep it text when the clerk edits the cell
        if wrap:
            cell.alignment = WRAP
        cell.border = BORDER
        cache[key] = copy(cell._style)
    else:
        cell._style = copy(cached)
    return cell



def header(ws: Worksheet, row: int, names: list[str], widths: list[float]) -> None:
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = put(ws, row, column, name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def title(ws: Worksheet, text: str, columns: int) -> None:
    put(ws, 1, 1, text, wrap=False).font = TITLE_FONT
    ws.cell(1, 1).border = Border()
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = 28
