"""The hidden identity sheet of a department form: which ledger, form, quarter and department it
belongs to, and for each task its row on the form, id, code and version when issued, every value
signed (ledger_app/exchange/forms/signing.py). Written by workbook.py, read back — and any edit refused, naming
the cell — by merge.py."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from ledger_app.exchange.forms.signing import sign, signed
from ledger_app.exchange.importing.parse import cell_text

IDENTITY_SHEET = "_identity"
HEAD_KEYS = ("ledger_id", "form_id", "year", "quarter", "dept")
HEADER = ["row", "task_id", "code", "version", "locked", "sig"]
LEGACY_HEADER = HEADER[:5]  # forms issued before the signatures
_FIRST_TASK_LINE = len(HEAD_KEYS) + 2  # after the head and issued_at (0-based index of the header line: one less)
_MAX_ID = 2**63 - 1  # what the database can hold
MAX_FORM_ROWS = 1_048_576


class Damaged(Exception):
    """The identity sheet does not say what it must: where (1-based row, 0-based column), and what."""

    def __init__(self, row: int, column: int, what: str) -> None:
        super().__init__(what)
        self.row, self.column, self.what = row, column, what

    @property
    def header(self) -> str:
        return HEADER[self.column] if self.row > _FIRST_TASK_LINE else ("key", "value", "sig")[min(self.column, 2)]


class Unsigned(Exception):
    """A form issued before forms were signed: it cannot be told apart from an edited one."""


@dataclass(frozen=True)
class Issued:
    """One task as the form was issued: its row on the form, id, code, version, and the signature of
    each of its locked cells."""

    row: int
    task_id: int
    code: str
    version: int
    cells: tuple[str, ...]


def write_identity(sheet: Worksheet, secret: bytes, head: dict[str, object], issued_at: str) -> None:
    form_id = head["form_id"]
    for key in HEAD_KEYS:
        sheet.append([key, head[key], sign(secret, "head", form_id, key, head[key])])
    sheet.append(["issued_at", issued_at])
    sheet.append(HEADER)


def add_task(sheet: Worksheet, secret: bytes, form_id: str, row: int, task_id: int, code: str, version: int,
             locked: list[object]) -> None:
    """The task on form row ``row``; ``locked`` its locked cells from column A on."""
    cells = " ".join(sign(secret, "cell", form_id, task_id, column, value)
                     for column, value in enumerate(locked, start=1))
    values = [row, task_id, code, version, cells]
    line = sheet.max_row + 1
    sheet.append([*values, " ".join(sign(secret, "id", form_id, line, name, value)
                                   for name, value in zip(HEADER, values, strict=False))])


def _whole(rows: list[list[object]], row: int, column: int, low: int, high: int) -> int:
    value = rows[row][column]
    try:
        number = float(cell_text(value))
    except ValueError:
        number = float("nan")
    if not (number.is_integer() and low <= number <= high):
        raise Damaged(row + 1, column, HEADER[column] if row >= _FIRST_TASK_LINE else HEAD_KEYS[row])
    return int(number)


def read_head(rows: list[list[object]]) -> dict[str, str]:
    """The head, unchecked (which ledger the form says it is from is asked before its signatures)."""
    rows[:] = [[*r, "", "", "", "", "", ""] for r in rows]
    for index, key in enumerate(HEAD_KEYS):
        if index >= len(rows) or cell_text(rows[index][0]) != key or not cell_text(rows[index][1]):
            raise Damaged(index + 1, 1 if index < len(rows) and cell_text(rows[index][0]) == key else 0, key)
    return {key: cell_text(rows[index][1]) for index, key in enumerate(HEAD_KEYS)}


def read_tasks(rows: list[list[object]], head: dict[str, str], secret: bytes, first_row: int) -> list[Issued]:
    """Check every signature of the identity sheet (``rows`` as read_head left them) and read its tasks."""
    header = [cell_text(v) for v in rows[_FIRST_TASK_LINE - 1][: len(HEADER)]] if len(rows) >= _FIRST_TASK_LINE \
        else []
    if header[: len(LEGACY_HEADER)] == LEGACY_HEADER and not any(header[len(LEGACY_HEADER):]):
        raise Unsigned
    form_id = head["form_id"]
    for index, key in enumerate(HEAD_KEYS):
        if not signed(secret, rows[index][2], "head", form_id, key, rows[index][1]):
            raise Damaged(index + 1, 1, key)
    _whole(rows, 2, 1, 1900, 2100)
    _whole(rows, 3, 1, 1, 4)
    if header != HEADER:
        raise Damaged(_FIRST_TASK_LINE, 0, "row")
    issued: list[Issued] = []
    for index in range(_FIRST_TASK_LINE, len(rows)):
        values = rows[index][: len(HEADER) - 1]
        if not any(cell_text(v) for v in rows[index][: len(HEADER)]):
            continue
        macs = cell_text(rows[index][len(HEADER) - 1]).split()
        if len(macs) != len(values):
            raise Damaged(index + 1, len(HEADER) - 1, "sig")
        for column, (name, value, mac) in enumerate(zip(HEADER, values, macs, strict=False)):
            if not signed(secret, mac, "id", form_id, index + 1, name, value):
                raise Damaged(index + 1, column, name)
        task = Issued(_whole(rows, index, 0, first_row, MAX_FORM_ROWS), _whole(rows, index, 1, 1, _MAX_ID),
                      cell_text(values[2]), _whole(rows, index, 3, -_MAX_ID, _MAX_ID),
                      tuple(cell_text(values[4]).split()))
        if any(task.task_id == other.task_id or task.row == other.row for other in issued):
            raise Damaged(index + 1, 1, "task_id")
        issued.append(task)
    return issued


def changed_cell(secret: bytes, form_id: str, task: Issued, locked: list[object]) -> int | None:
    """The first locked cell (1-based column) that differs from the form as issued; None if none does."""
    if len(task.cells) != len(locked):
        return 1
    for column, (value, mac) in enumerate(zip(locked, task.cells, strict=True), start=1):
        if not signed(secret, mac, "cell", form_id, task.task_id, column, value):
            return column
    return None
