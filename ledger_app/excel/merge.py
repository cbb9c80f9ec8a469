"""导入填报表: read returned forms (Excel, WPS or LibreOffice), show old → new per task and name
every conflict before anything is written; accepted answers go in as one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from db.session import transaction
from ledger_app import form_register
from ledger_app.backup import backup_ledger
from ledger_app.errors import ImportRejected, LedgerError, Problem
from ledger_app.excel import indicator_sheet
from ledger_app.excel.forms import ANSWERS, FORM_SHEET, HEADER_ROW, IDENTITY_SHEET, LOCKED, ledger_id, locked_digest
from ledger_app.importing.parse import cell_text
from ledger_app.importing.workbook import Workbook
from ledger_app.lifecycle import get_fields
from ledger_app.models import Status, Task
from ledger_app.pause_hook import pause_point
from ledger_app.progress import ProgressInput, as_input, quarter_report, write_progress
from ledger_app.records import get_progress

STATUSES = {s.value for s in Status}
NOT_A_FORM = "不是本程序生成的填报表"
OTHER_LEDGER = "这份填报表属于另一个台账，未合并"
OTHER_QUARTER = "这是 {year} 年第 {quarter} 季度的填报表，不是 {want_year} 年第 {want_quarter} 季度的，未合并"
DAMAGED_IDENTITY = "隐藏的身份页已被改动（{what}），无法核对这份填报表，未合并；请在原样发出的填报表上填写"
MAX_FORM_ROWS = 1_048_576


@dataclass
class Answer:
    """One task's answers on one returned form, with what they would change."""

    file: str
    dept: str
    form_id: str
    task_id: int
    code: str
    title: str
    year: int
    quarter: int
    done: str
    percent: int | None
    status: str
    problems: str
    next_steps: str
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field → (old, new)
    conflicts: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return (self.form_id, self.task_id)

    @property
    def mergeable(self) -> bool:
        return bool(self.changes) and not self.conflicts


@dataclass
class Review:
    answers: list[Answer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # whole forms that cannot be merged

    @property
    def mergeable(self) -> list[Answer]:
        return [a for a in self.answers if a.mergeable]


class _Damaged(Exception):
    """The hidden identity sheet does not say what it must: where, and what is wrong."""

    def __init__(self, row: int, column: int, what: str) -> None:
        super().__init__(what)
        self.row, self.column, self.what = row, column, what


IDENTITY_HEADER = ["row", "task_id", "code", "version", "locked"]
_IDENTITY_KEYS = ("ledger_id", "form_id", "year", "quarter", "dept")
_MAX_ID = 2**63 - 1  # what the database can hold


@dataclass(frozen=True)
class _Issued:
    """One task as the form was issued: its row on the form, id, code, version and locked-cell digest."""

    row: int
    task_id: int
    code: str
    version: int
    digest: str


def _whole(rows: list[list[object]], row: int, column: int, low: int, high: int) -> int:
    value = rows[row][column] if column < len(rows[row]) else ""
    try:
        number = float(cell_text(value))
    except ValueError:
        number = float("nan")
    if not (number.is_integer() and low <= number <= high):
        raise _Damaged(row + 1, column, IDENTITY_HEADER[column] if row >= 6 else _IDENTITY_KEYS[row])
    return int(number)


def _identity(workbook: Workbook) -> tuple[dict[str, str], list[_Issued]]:
    """Read the hidden identity sheet exactly as forms.py wrote it; any edit is damage."""
    rows = [[*r, "", ""] for r in workbook.sheet(IDENTITY_SHEET).rows]
    for index, key in enumerate(_IDENTITY_KEYS):
        if index >= len(rows) or cell_text(rows[index][0]) != key or not cell_text(rows[index][1]):
            raise _Damaged(index + 1, 1 if index < len(rows) and cell_text(rows[index][0]) == key else 0, key)
    head = {key: cell_text(rows[index][1]) for index, key in enumerate(_IDENTITY_KEYS)}
    _whole(rows, 2, 1, 1900, 2100)
    _whole(rows, 3, 1, 1, 4)
    if len(rows) < 7 or [cell_text(v) for v in rows[6][:5]] != IDENTITY_HEADER:
        raise _Damaged(7, 0, "row")
    issued: list[_Issued] = []
    for index in range(7, len(rows)):
        if not any(cell_text(v) for v in rows[index][:5]):
            continue
        task = _Issued(_whole(rows, index, 0, HEADER_ROW + 1, MAX_FORM_ROWS), _whole(rows, index, 1, 1, _MAX_ID),
                       cell_text(rows[index][2]), _whole(rows, index, 3, -_MAX_ID, _MAX_ID), cell_text(rows[index][4]))
        if any(task.task_id == other.task_id or task.row == other.row for other in issued):
            raise _Damaged(index + 1, 1, "task_id")
        issued.append(task)
    return head, issued


def _as_int(value: object) -> int | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        number = float(text.rstrip("%"))
    except ValueError:
        return -1  # not a number: reported as out of range
    return int(number) if number.is_integer() else -1


def read_form(engine: Engine, path: Path, expect: tuple[int, int] | None = None) -> Review:
    """The answers on one returned form, or (in ``problems``) why the whole form cannot be merged."""
    review = Review()
    try:
        answers = _read(engine, path, expect)
    except ImportRejected as exc:
        review.problems.append(str(exc))
    except _Damaged as exc:
        header = IDENTITY_HEADER[exc.column] if exc.row >= 7 else ("key", "value")[min(exc.column, 1)]
        review.problems.append(str(Problem(path.name, DAMAGED_IDENTITY, {"what": exc.what}, IDENTITY_SHEET, exc.row,
                                           exc.column, header)))
    else:
        review.answers = answers
    return review


def _read(engine: Engine, path: Path, expect: tuple[int, int] | None) -> list[Answer]:
    workbook = Workbook(path)
    if IDENTITY_SHEET not in workbook.sheet_names or FORM_SHEET not in workbook.sheet_names:
        raise ImportRejected([Problem(path.name, NOT_A_FORM)])
    head, tasks = _identity(workbook)
    if head["ledger_id"] != ledger_id(engine):
        raise ImportRejected([Problem(path.name, OTHER_LEDGER)])
    year, quarter, dept = int(float(head["year"])), int(float(head["quarter"])), head["dept"]
    if expect is not None and (year, quarter) != expect:
        raise ImportRejected([Problem(path.name, OTHER_QUARTER, {"year": year, "quarter": quarter,
                                                                 "want_year": expect[0], "want_quarter": expect[1]})])
    sheet = workbook.sheet(FORM_SHEET).rows
    width = len(LOCKED) + len(ANSWERS)
    answers = []
    for task in tasks:
        cells = (sheet[task.row - 1] + [""] * width)[:width] if task.row - 1 < len(sheet) else [""] * width
        done, percent, status, problems, next_steps = cells[len(LOCKED):]
        answer = Answer(path.name, dept, head["form_id"], task.task_id, task.code, cell_text(cells[1]), year,
                        quarter, cell_text(done), _as_int(percent), cell_text(status), cell_text(problems),
                        cell_text(next_steps))
        _judge(engine, answer, cells[: len(LOCKED)], task.digest, task.version)
        answers.append(answer)
    return answers + indicator_sheet.read(engine, workbook, path, head)


def _judge(engine: Engine, answer: Answer, locked: list[object], digest: str, version: int) -> None:
    try:
        current = get_fields(engine, answer.task_id, ["status", "percent", "version", "title"])
    except LedgerError:
        answer.conflicts.append("任务已不在台账中")
        return
    answer.title = current["title"]
    if locked_digest(locked) != digest:
        answer.conflicts.append("填报单位修改了锁定的列")
    if answer.percent is not None and not 0 <= answer.percent <= 100:
        answer.conflicts.append("完成百分比不在 0–100 之间")
    if answer.status and answer.status not in STATUSES:
        answer.conflicts.append(f"状态“{answer.status}”无法识别")
    report = get_progress(engine, answer.task_id, answer.year, answer.quarter)
    old = (report.done, report.percent, report.problems, report.next_steps) if report else ("", None, "", "")
    new = (answer.done, answer.percent, answer.problems, answer.next_steps)
    for name, before, after in zip(("done", "percent", "problems", "next_steps"), old, new, strict=True):
        if after not in ("", None) and after != before:
            answer.changes[name] = (before, after)
    if answer.status and answer.status != current["status"]:
        answer.changes["status"] = (current["status"], answer.status)
    if answer.changes and not answer.done and "done" not in answer.changes and report is None:
        answer.conflicts.append("没有填写本季度进展")
    # Only a form that would change something can conflict with edits made since it was issued.
    if answer.changes and current["version"] != version and not answer.conflicts:
        answer.conflicts.append("填报表发出后，台账中的这项任务已被修改")


def review_forms(engine: Engine, paths: list[Path], expect: tuple[int, int] | None = None) -> Review:
    total = Review()
    for path in paths:
        review = read_form(engine, path, expect)
        total.answers += review.answers
        total.problems += review.problems
    return total


def apply_answers(engine: Engine, answers: list[Answer], *, user: str) -> int:
    """Write the accepted, conflict-free answers in one transaction; returns how many tasks changed."""
    chosen = [a for a in answers if a.mergeable]
    if chosen:
        # A merge touches many tasks at once and is not undoable in the window.
        backup_ledger(engine, "merge")
    indicators = [a for a in chosen if isinstance(a, indicator_sheet.IndicatorAnswer)]
    chosen = [a for a in chosen if not isinstance(a, indicator_sheet.IndicatorAnswer)]
    with transaction(engine) as session:
        indicator_sheet.apply(session, indicators, user=user)
        form_register.mark_returned(session, [a.form_id for a in answers])
        for answer in chosen:
            task = session.get(Task, answer.task_id)
            report = quarter_report(session, answer.task_id, answer.year, answer.quarter)
            old = as_input(report) if report is not None else ProgressInput(answer.year, answer.quarter, 0, "")
            values = {name: answer.changes[name][1] if name in answer.changes else getattr(old, name)
                      for name in ("done", "percent", "problems", "next_steps")}
            write_progress(session, task, ProgressInput(answer.year, answer.quarter, reporter=answer.dept,
                                                        report_date=date.today(), **values),
                           user=user, source=answer.dept,
                           status=answer.changes["status"][1] if "status" in answer.changes else None)
        pause_point("merge")
    return len(chosen) + len(indicators)
