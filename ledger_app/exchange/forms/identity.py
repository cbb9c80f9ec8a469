"""The hidden identity sheet of a department form: which ledger, form, quarter and department it
belongs to, how many tasks it lists, and for each task its row on the form, id, code and version
when issued, every value signed (ledger_app/exchange/forms/signing.py). Written by workbook.py, read
back — and any edit refused, naming the cell — by merge.py. A task line cleared, added or moved
refuses the form too: the lines must run without a gap from the form's first task row, as many as
the signed count says (forms issued before the count: the form sheet shows no task row without
its line, see merge.py)."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from ledger_app.exchange.forms.signing import sign, signed
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.messages.i18n import EN

IDENTITY_SHEET = "_identity"
HEAD_KEYS = ("ledger_id", "form_id", "year", "quarter", "dept")
COUNT_KEY = "tasks"  # the number of task lines, signed like the head (forms issued before it have none)
HEADER = ["row", "task_id", "code", "version", "locked", "sig"]
LEGACY_HEADER = HEADER[:5]  # forms issued before the signatures
_FIRST_TASK_LINE = len(HEAD_KEYS) + 2  # after the head and issued_at (0-based index of the header line: one less)
_MAX_ID = 2**63 - 1  # what the database can hold
MAX_FORM_ROWS = 1_048_576

LINE_CLEARED = ("隐藏的身份页中这一行（一项任务的身份）已被清空，该任务的答复无法核对，未合并这份填报表；"
                "请在原样发出的填报表上填写")
LINES_MISSING = ("隐藏的身份页缺少 {missing} 行任务身份（发出时 {issued} 项任务，现有 {found} 行），其答复无法核对，"
                 "未合并这份填报表；请在原样发出的填报表上填写")
LINES_EXTRA = ("隐藏的身份页多出 {extra} 行任务身份（发出时 {issued} 项任务），未合并这份填报表；"
               "请在原样发出的填报表上填写")
LINE_OUT_OF_ORDER = ("隐藏的身份页中任务行的顺序已被改动（这一行应对应填报表第 {want} 行，写的是第 {row} 行），"
                     "未合并这份填报表；请在原样发出的填报表上填写")
# A conflict on an answer, told the same way on the task and the indicator sheets.
LOCKED_CHANGED = "填报单位修改了锁定的单元格 {cell}（{header}）"
EN.update({
    LOCKED_CHANGED: "the department changed the locked cell {cell} ({header})",
    LINE_CLEARED: "this line of the hidden identity sheet (one task's identity) was cleared, so that task's answer "
                  "cannot be checked; the form was not merged. Please fill in the form as it was issued",
    LINES_MISSING: "the hidden identity sheet lacks {missing} task line(s) (issued with {issued} tasks, {found} "
                   "lines now), so their answers cannot be checked; the form was not merged. Please fill in the "
                   "form as it was issued",
    LINES_EXTRA: "the hidden identity sheet has {extra} task line(s) too many (issued with {issued} tasks); the "
                 "form was not merged. Please fill in the form as it was issued",
    LINE_OUT_OF_ORDER: "the task lines of the hidden identity sheet were reordered (this line should be for row "
                       "{want} of the form, it says row {row}); the form was not merged. Please fill in the form "
                       "as it was issued",
})


class Damaged(Exception):
    """The identity sheet does not say what it must: where (1-based row, 0-based column), and what."""

    def __init__(self, row: int, column: int, what: str, *, task_line: bool = False) -> None:
        super().__init__(what)
        self.row, self.column, self.what, self.task_line = row, column, what, task_line

    @property
    def header(self) -> str:
        return HEADER[self.column] if self.task_line else ("key", "value", "sig")[min(self.column, 2)]


class Lines(Exception):
    """The task lines are not those issued — one cleared, missing, added or moved: the line (1-based
    row) where it shows, and the message (a template and its values)."""

    def __init__(self, row: int, template: str, **values: object) -> None:
        super().__init__(template)
        self.row, self.template, self.values = row, template, values


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


@dataclass
class FormRow:
    """Where an answer on a returned form comes from — the file, the department, the form, the task
    of that row, the quarter — and how the review keys it; a task's answer (merge.Answer) and a
    申请销号 (claim_sheet.ClaimAnswer) are each one."""

    file: str
    dept: str
    form_id: str
    task_id: int
    code: str
    title: str
    year: int
    quarter: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.form_id, self.task_id)

    @property
    def mergeable(self) -> bool:
        # Each kind of answer carries what it would change and its conflicts (fields with defaults,
        # so they follow the kind's own fields).
        return bool(self.changes) and not self.conflicts  # type: ignore[attr-defined]


def write_identity(sheet: Worksheet, secret: bytes, head: dict[str, object], issued_at: str) -> None:
    """The head (``head`` has HEAD_KEYS and COUNT_KEY: how many tasks add_task will add)."""
    form_id = head["form_id"]
    for key in (*HEAD_KEYS, COUNT_KEY):
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


def _whole(rows: list[list[object]], row: int, column: int, low: int, high: int, name: str,
           task_line: bool = False) -> int:
    value = rows[row][column]
    try:
        number = float(cell_text(value))
    except ValueError:
        number = float("nan")
    if not (number.is_integer() and low <= number <= high):
        raise Damaged(row + 1, column, name, task_line=task_line)
    return int(number)


def read_head(rows: list[list[object]]) -> dict[str, str]:
    """The head, unchecked (which ledger the form says it is from is asked before its signatures);
    COUNT_KEY is in it when the form has the count."""
    rows[:] = [[*r, "", "", "", "", "", ""] for r in rows]
    for index, key in enumerate(HEAD_KEYS):
        if index >= len(rows) or cell_text(rows[index][0]) != key or not cell_text(rows[index][1]):
            raise Damaged(index + 1, 1 if index < len(rows) and cell_text(rows[index][0]) == key else 0, key)
    head = {key: cell_text(rows[index][1]) for index, key in enumerate(HEAD_KEYS)}
    if len(rows) > len(HEAD_KEYS) and cell_text(rows[len(HEAD_KEYS)][0]) == COUNT_KEY:
        head[COUNT_KEY] = cell_text(rows[len(HEAD_KEYS)][1])
    return head


def _blank(row: list[object]) -> bool:
    return not any(cell_text(v) for v in row[: len(HEADER)])


def read_tasks(rows: list[list[object]], head: dict[str, str], secret: bytes, first_row: int) -> list[Issued]:
    """Check every signature of the identity sheet (``rows`` as read_head left them) and read its tasks,
    the first on form row ``first_row`` and each on the next; Lines when they are not those issued."""
    counted = COUNT_KEY in head
    first = _FIRST_TASK_LINE + counted  # 0-based index of the first task line (the header line: one less)
    header = [cell_text(v) for v in rows[first - 1][: len(HEADER)]] if len(rows) >= first else []
    if header[: len(LEGACY_HEADER)] == LEGACY_HEADER and not any(header[len(LEGACY_HEADER):]):
        raise Unsigned
    form_id = head["form_id"]
    for index, key in enumerate((*HEAD_KEYS, COUNT_KEY) if counted else HEAD_KEYS):
        if not signed(secret, rows[index][2], "head", form_id, key, rows[index][1]):
            raise Damaged(index + 1, 1, key)
    _whole(rows, 2, 1, 1900, 2100, "year")
    _whole(rows, 3, 1, 1, 4, "quarter")
    count = _whole(rows, len(HEAD_KEYS), 1, 0, MAX_FORM_ROWS, COUNT_KEY) if counted else None
    if header != HEADER:
        raise Damaged(first, 0, "row")
    end = len(rows)
    while end > first and _blank(rows[end - 1]):  # blank rows after the last line are no lines
        end -= 1
    issued: list[Issued] = []
    for index in range(first, end):
        if _blank(rows[index]):
            raise Lines(index + 1, LINE_CLEARED)
        values = rows[index][: len(HEADER) - 1]
        macs = cell_text(rows[index][len(HEADER) - 1]).split()
        if len(macs) != len(values):
            raise Damaged(index + 1, len(HEADER) - 1, "sig", task_line=True)
        for column, (name, value, mac) in enumerate(zip(HEADER, values, macs, strict=False)):
            if not signed(secret, mac, "id", form_id, index + 1, name, value):
                raise Damaged(index + 1, column, name, task_line=True)
        task = Issued(_whole(rows, index, 0, first_row, MAX_FORM_ROWS, "row", True),
                      _whole(rows, index, 1, 1, _MAX_ID, "task_id", True), cell_text(values[2]),
                      _whole(rows, index, 3, -_MAX_ID, _MAX_ID, "version", True), tuple(cell_text(values[4]).split()))
        if any(task.task_id == other.task_id for other in issued):
            raise Damaged(index + 1, 1, "task_id", task_line=True)
        if task.row != first_row + len(issued):
            raise Lines(index + 1, LINE_OUT_OF_ORDER, want=first_row + len(issued), row=task.row)
        issued.append(task)
    if count is not None and len(issued) < count:
        raise Lines(first + len(issued) + 1, LINES_MISSING, missing=count - len(issued), issued=count,
                    found=len(issued))
    if count is not None and len(issued) > count:
        raise Lines(first + count + 1, LINES_EXTRA, extra=len(issued) - count, issued=count)
    return issued


def changed_cell(secret: bytes, form_id: str, task: Issued, locked: list[object]) -> int | None:
    """The first locked cell (1-based column) that differs from the form as issued; None if none does."""
    if len(task.cells) != len(locked):
        return 1
    for column, (value, mac) in enumerate(zip(locked, task.cells, strict=True), start=1):
        if not signed(secret, mac, "cell", form_id, task.task_id, column, value):
            return column
    return None
