"""导入填报表: read returned forms (Excel, WPS or LibreOffice), show old → new per task and name
every conflict before anything is written; accepted answers go in as one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from db.session import transaction
from ledger_app.backup import backup_ledger
from ledger_app.errors import ImportRejected, LedgerError
from ledger_app.excel.forms import ANSWERS, FORM_SHEET, IDENTITY_SHEET, LOCKED, ledger_id, locked_digest
from ledger_app.importing.parse import cell_text
from ledger_app.importing.workbook import Workbook
from ledger_app.lifecycle import get_fields
from ledger_app.models import ProgressReport, Status, Task
from ledger_app.pause_hook import pause_point
from ledger_app.records import get_progress
from ledger_app.tasks import apply_changes

STATUSES = {s.value for s in Status}


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


def _identity(workbook: Workbook) -> tuple[dict[str, str], list[list[object]]]:
    rows = workbook.sheet(IDENTITY_SHEET).rows
    head = {cell_text(r[0]): cell_text(r[1]) for r in rows[:6]}
    return head, [r for r in rows[7:] if cell_text(r[0])]


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
    review = Review()
    try:
        workbook = Workbook(path)
    except ImportRejected as exc:
        review.problems.append(str(exc))
        return review
    if IDENTITY_SHEET not in workbook.sheet_names or FORM_SHEET not in workbook.sheet_names:
        review.problems.append(f"{path.name}：不是本程序生成的填报表")
        return review
    head, tasks = _identity(workbook)
    if head.get("ledger_id") != ledger_id(engine):
        review.problems.append(f"{path.name}：这份填报表属于另一个台账，未合并")
        return review
    year, quarter, dept = int(float(head["year"])), int(float(head["quarter"])), head.get("dept", "")
    if expect is not None and (year, quarter) != expect:
        review.problems.append(f"{path.name}：这是 {year} 年第 {quarter} 季度的填报表，"
                               f"不是 {expect[0]} 年第 {expect[1]} 季度的，未合并")
        return review
    sheet = workbook.sheet(FORM_SHEET).rows
    width = len(LOCKED) + len(ANSWERS)
    for row_no, task_id, code, version, digest in ((int(float(r[0])), int(float(r[1])), cell_text(r[2]),
                                                   int(float(r[3])), cell_text(r[4])) for r in tasks):
        cells = (sheet[row_no - 1] + [""] * width)[:width] if row_no - 1 < len(sheet) else [""] * width
        done, percent, status, problems, next_steps = cells[len(LOCKED):]
        answer = Answer(path.name, dept, head["form_id"], task_id, code, cell_text(cells[1]), year, quarter,
                        cell_text(done), _as_int(percent), cell_text(status), cell_text(problems),
                        cell_text(next_steps))
        _judge(engine, answer, cells[: len(LOCKED)], digest, version)
        review.answers.append(answer)
    return review


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
    with transaction(engine) as session:
        for answer in chosen:
            task = session.get(Task, answer.task_id)
            report = session.execute(select(ProgressReport).where(
                ProgressReport.task_id == answer.task_id, ProgressReport.year == answer.year,
                ProgressReport.quarter == answer.quarter)).scalars().first()
            if report is None:
                report = ProgressReport(task_id=answer.task_id, year=answer.year, quarter=answer.quarter)
                session.add(report)
            for name in ("done", "percent", "problems", "next_steps"):
                if name in answer.changes:
                    setattr(report, name, answer.changes[name][1])
            report.reporter, report.report_date = answer.dept, date.today()
            task_changes: dict[str, object] = {}
            if "percent" in answer.changes:
                task_changes["percent"] = answer.changes["percent"][1]
            if "status" in answer.changes:
                task_changes["status"] = answer.changes["status"][1]
            session.flush()
            apply_changes(session, task, task_changes, user, answer.dept)
        pause_point("merge")
    return len(chosen)
