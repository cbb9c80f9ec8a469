"""Writing cells a spreadsheet will never execute, in a style clerks recognise."""

from __future__ import annotations

from datetime import date

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
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
_FILL_ATTR = "_ledger_fill_cache"


def put(ws: Worksheet, row: int, column: int, value: object, *, wrap: bool = True) -> Cell:
    """Write ``value``; text is always a text cell, never a formula (no <f> in the sheet XML)."""
    return _put(ws, _styles(ws), row, column, value, wrap)


def put_row(ws: Worksheet, row: int, values: list[object], *, wrap: bool = True) -> list[Cell]:
    """:func:`put` each of ``values`` into ``row``, from column A on."""
    styles = _styles(ws)
    return [_put(ws, styles, row, column, value, wrap) for column, value in enumerate(values, start=1)]


def _styles(ws: Worksheet) -> dict[tuple[bool, bool, bool], StyleArray]:
    return ws.parent.__dict__.setdefault(_CACHE_ATTR, {})


def _put(ws: Worksheet, styles: dict[tuple[bool, bool, bool], StyleArray], row: int, column: int, value: object,
         wrap: bool) -> Cell:
    text = isinstance(value, str)
    if text:
        if too_long_for_a_cell(value):  # openpyxl would cut it short without a word
            raise LedgerError(TOO_LONG_TO_EXPORT, sheet=ws.title, cell=f"{get_column_letter(column)}{row}",
                              **length_values(value))
        key = (wrap, False, value.startswith(FORMULA_TRIGGERS))
    else:
        key = (wrap, isinstance(value, date), False)
    style = styles.get(key)
    if style is None:
        style = styles[key] = _style(ws, *key)
    cells = ws._cells
    cell = cells.get((row, column))
    if cell is None:
        # Made with its value and style at once, as Worksheet.append makes its cells: through
        # ws.cell() and the style setters a 5,000-task export spent a third of its time here.
        # Cell() copies the style array, so the cached one is never shared with a cell.
        cell = cells[(row, column)] = Cell(ws, row=row, column=column, value=value, style_array=style)
    else:
        cell.value, cell._style = value, StyleArray(style)  # each cell its own: styles change in place
    if text and cell.data_type != "s":
        cell.data_type = "s"  # openpyxl made "=…" a formula and "#N/A" an error; this makes them text again
    return cell


def _style(ws: Worksheet, wrap: bool, is_date: bool, quoted: bool) -> StyleArray:
    """The style of a cell (date format, quote prefix, wrap, border), made in the workbook's tables."""
    model = Cell(ws)  # never placed in the sheet: the styles it is given are the workbook's
    if is_date:
        model.number_format = "yyyy-mm-dd"
    if quoted:
        model.quotePrefix = True  # Excel and WPS keep it text when the clerk edits the cell
    if wrap:
        model.alignment = WRAP
    model.border = BORDER
    return StyleArray(model._style)


def fill(cell: Cell, colour: str) -> None:
    """Give ``cell`` a solid background of ``colour`` (RGB hex). The styles made are kept per workbook:
    a PatternFill assigned to each of 5,000 cells is hashed and compared each time (a fifth of an export)."""
    cache: dict[tuple[tuple[int, ...], str], StyleArray] = cell.parent.parent.__dict__.setdefault(_FILL_ATTR, {})
    key = (tuple(cell._style), colour)
    styled = cache.get(key)
    if styled is None:
        cell.fill = PatternFill("solid", fgColor=colour)
        styled = cache[key] = StyleArray(cell._style)
    cell._style = StyleArray(styled)


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
