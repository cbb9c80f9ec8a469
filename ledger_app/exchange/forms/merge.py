"""导入填报表: read returned forms (Excel, WPS or LibreOffice), show old → new per task and name
every conflict before anything is written (this module only reads); the accepted answers go in as
one transaction (ledger_app/exchange/forms/apply.py, through the operation ``merge_forms``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from db.session import read_session
from ledger_app.dates.deadlines import DeadlineError, parse_deadline
from ledger_app.dates.quarters import end_of_quarter, report_day, start_of_quarter
from ledger_app.exchange.forms import claim_sheet, indicator_sheet
from ledger_app.exchange.forms.evidence_folder import EvidenceSources, Offered, not_claimed
from ledger_app.exchange.forms.identity import (
    IDENTITY_SHEET,
    LOCKED_CHANGED,
    Damaged,
    FormRow,
    Issued,
    Lines,
    Unsigned,
    changed_cell,
    read_head,
    read_tasks,
)
from ledger_app.exchange.forms.signing import form_secret
from ledger_app.exchange.forms.workbook import ANSWERS, FORM_SHEET, HEADER_ROW, LOCKED, ledger_id
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.exchange.importing.workbook import Workbook
from ledger_app.messages.errors import ImportRejected, LedgerError, Problem, column_letter
from ledger_app.messages.i18n import EN, t
from ledger_app.records.progress import ProgressInput, as_input, is_latest, quarter_report
from ledger_app.store import settings
from ledger_app.store.enums import SETTABLE_STATUSES
from ledger_app.store.limits import text_problem
from ledger_app.store.models import Status, Task
from ledger_app.tasks.editing import evidence_required
from ledger_app.tasks.fields import field_as_of, starts_task

NOT_A_FORM = "不是本程序生成的填报表"
OTHER_LEDGER = "这份填报表属于另一个台账，未合并"
OTHER_QUARTER = "这是 {year} 年第 {quarter} 季度的填报表，不是 {want_year} 年第 {want_quarter} 季度的，未合并"
DAMAGED_IDENTITY = "隐藏的身份页已被改动（{what}），无法核对这份填报表，未合并；请在原样发出的填报表上填写"
UNSIGNED = "这份填报表没有本台账的签名（由旧版本生成），无法确认未被改动，未合并；请重新生成填报表发给该单位"
CHANGED_SINCE_REVIEW = "审阅后，台账中的这项任务已被他人修改"
UNREADABLE_DAY = "发生日期“{written}”无法识别或不在本季度内"
DAY_OUTSIDE = ("发生日期“{written}”不在 {year} 年第 {quarter} 季度（{first.month}月{first.day}日至"
               "{last.month}月{last.day}日）内，这项答复未合并")
STALE_MERGE = "任务 {codes} 在审阅后已被他人修改，未合并任何内容；请重新读取填报表，核对后再合并"
TASK_GONE = "任务已不在台账中"
PERCENT_OUT_OF_RANGE = "完成百分比不在 0–100 之间"
UNKNOWN_STATUS = "状态“{status}”无法识别"
NO_PROGRESS = "没有填写本季度进展"
CHANGED_SINCE_ISSUE = "填报表发出后，台账中的这项任务已被修改"
DONE_BY_CLAIM = ("状态“已完成”未采用：任务须经申请销号、督查室复核后销号才算完成；"
                 "请在填报表的“申请销号”页申请并随表交回佐证材料")
NO_IDENTITY_LINE = ("这一行的任务（{code}）在隐藏的身份页中没有对应的行，其答复无法核对，未合并这份填报表；"
                    "请在原样发出的填报表上填写")

EN.update({
    TASK_GONE: "the task is no longer in the ledger",
    PERCENT_OUT_OF_RANGE: "the percent is not between 0 and 100",
    UNKNOWN_STATUS: "the status '{status}' is not understood",
    NO_PROGRESS: "this quarter's progress was not filled in",
    CHANGED_SINCE_ISSUE: "the task was changed in the ledger after the form was issued",
    UNSIGNED: "this form carries no signature of this ledger (an older version made it), so it cannot be shown "
              "to be unchanged; not merged. Issue a new form to the department",
    CHANGED_SINCE_REVIEW: "the task was changed by someone else after the review",
    UNREADABLE_DAY: "the date '{written}' is not understood or not within the quarter",
    DAY_OUTSIDE: "the date '{written}' is not within Q{quarter} {year} ({first} to {last}); this answer was not "
                 "merged",
    STALE_MERGE: "task(s) {codes} were changed by someone else after the review; nothing was merged. Read the "
                 "forms again, check them and merge again",
    DONE_BY_CLAIM: "the status 已完成 was not taken: a task is done once it is claimed finished and the office has "
                   "checked its evidence (销号); claim it on the form's 申请销号 page with the evidence",
    NO_IDENTITY_LINE: "the task on this row ({code}) has no line in the hidden identity sheet, so its answer cannot "
                      "be checked; the form was not merged. Please fill in the form as it was issued",
})


@dataclass
class Answer(FormRow):
    """One task's answers on one returned form, with what they would change."""

    done: str
    percent: int | None
    status: str
    problems: str
    next_steps: str
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field → (old, new)
    effective_on: date | None = None  # the day the form says things happened (default: the quarter's end)
    conflicts: list[str] = field(default_factory=list)
    seen_version: int | None = None  # the task's version when the answer was reviewed
    notes: list[str] = field(default_factory=list)  # what the merge does not take, said without refusing the rest


@dataclass
class Review:
    answers: list[Answer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # whole forms that cannot be merged
    unassigned: list[str] = field(default_factory=list)  # evidence files that belong to no claimed task
    evidence: EvidenceSources | None = None  # the files sent beside the forms (unpacked zips live here)

    @property
    def mergeable(self) -> list[Answer]:
        return [a for a in self.answers if a.mergeable]


class MergeConflict(LedgerError):
    """Answers whose tasks changed between the review and the merge; nothing was written."""

    def __init__(self, answers: list[Answer]) -> None:
        super().__init__(STALE_MERGE, codes="、".join(dict.fromkeys(a.code for a in answers)))
        self.answers = answers


def _as_int(value: object) -> int | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        number = float(text.rstrip("%％"))  # 60%, or 60％ as a Chinese input method types it
    except ValueError:
        return -1  # not a number: reported as out of range
    return int(number) if number.is_integer() else -1


def read_form(engine: Engine, path: Path, expect: tuple[int, int] | None = None,
              offered: dict[str, list[Offered]] | None = None) -> Review:
    """The answers on one returned form, or (in ``problems``) why the whole form cannot be merged;
    ``offered``: the evidence files sent beside it by 序号 (those its claims take are removed)."""
    review = Review()
    try:
        answers = _read(engine, path, expect, {} if offered is None else offered)
    except ImportRejected as exc:
        review.problems.append(str(exc))
    except Damaged as exc:
        review.problems.append(str(Problem(path.name, DAMAGED_IDENTITY, {"what": exc.what}, IDENTITY_SHEET, exc.row,
                                           exc.column, exc.header)))
    except Lines as exc:
        review.problems.append(str(Problem(path.name, exc.template, exc.values, IDENTITY_SHEET, exc.row)))
    except Unsigned:
        review.problems.append(str(Problem(path.name, UNSIGNED)))
    else:
        review.answers = answers
    return review


def _read(engine: Engine, path: Path, expect: tuple[int, int] | None, offered: dict[str, list[Offered]]) -> list:
    workbook = Workbook(path)
    if IDENTITY_SHEET not in workbook.sheet_names or FORM_SHEET not in workbook.sheet_names:
        raise ImportRejected([Problem(path.name, NOT_A_FORM)])
    rows = workbook.sheet(IDENTITY_SHEET).rows
    head = read_head(rows)
    if head["ledger_id"] != ledger_id(engine):
        raise ImportRejected([Problem(path.name, OTHER_LEDGER)])
    secret = form_secret(engine)
    tasks = read_tasks(rows, head, secret, HEADER_ROW + 1)
    year, quarter, dept = int(float(head["year"])), int(float(head["quarter"])), head["dept"]
    if expect is not None and (year, quarter) != expect:
        raise ImportRejected([Problem(path.name, OTHER_QUARTER, {"year": year, "quarter": quarter,
                                                                 "want_year": expect[0], "want_quarter": expect[1]})])
    sheet = workbook.sheet(FORM_SHEET).rows
    width = len(LOCKED) + len(ANSWERS)
    # Every task row of the form has its identity line (the count checks this on forms that carry it).
    for index in range(HEADER_ROW + len(tasks), len(sheet)):
        if any(cell_text(v) for v in sheet[index][: len(LOCKED)]):
            raise ImportRejected([Problem(path.name, NO_IDENTITY_LINE, {"code": cell_text(sheet[index][0])},
                                          FORM_SHEET, index + 1)])
    answers = []
    for task in tasks:
        cells = (sheet[task.row - 1] + [""] * width)[:width] if task.row - 1 < len(sheet) else [""] * width
        # A form issued before the 发生日期 column existed has one answer fewer: read as empty.
        done, percent, status, problems, next_steps, happened = cells[len(LOCKED):]
        answer = Answer(path.name, dept, head["form_id"], task.task_id, task.code, cell_text(cells[1]), year,
                        quarter, cell_text(done), _as_int(percent), cell_text(status), cell_text(problems),
                        cell_text(next_steps))
        _happened(answer, happened)
        changed = changed_cell(secret, head["form_id"], task, cells[: len(LOCKED)])
        _judge(engine, answer, task, changed)
        answers.append(answer)
    claimed = claim_sheet.read(engine, workbook, path, head, tasks, offered, limits_of(engine))
    return answers + indicator_sheet.read(engine, workbook, path, head, secret) + claimed


def limits_of(engine: Engine) -> settings.EvidenceLimits:
    return settings.evidence_limits_from(settings.get_all(engine))


def _happened(answer: Answer, value: object) -> None:
    """The 发生日期 answer: a date within the form's quarter (up to today while it runs), else a conflict."""
    written = cell_text(value)
    if isinstance(value, datetime):  # a date cell: openpyxl reads it with a time of day
        value = value.date()
    elif not isinstance(value, date):
        if not written:
            return
        try:
            value, _text = parse_deadline(written, answer.year)
        except DeadlineError:
            value = None
    if value is None:
        answer.conflicts.append(t(UNREADABLE_DAY, written=written))
        return
    first = start_of_quarter(answer.year, answer.quarter)
    last = min(end_of_quarter(answer.year, answer.quarter), date.today())
    if not first <= value <= last:
        answer.conflicts.append(t(DAY_OUTSIDE, written=written, year=answer.year, quarter=answer.quarter,
                                  first=first, last=last))
        return
    answer.effective_on = value


def _judge(engine: Engine, answer: Answer, task: Issued, changed: int | None) -> None:
    """Fill in what ``answer`` would change and why it cannot be merged (``changed``: the first locked
    cell, 1-based column, the department edited)."""
    with read_session(engine) as session:
        current = session.get(Task, answer.task_id)
        if current is None:
            answer.conflicts.append(t(TASK_GONE))
            return
        answer.title = current.title
        answer.seen_version = current.version
        if changed is not None:
            answer.conflicts.append(t(LOCKED_CHANGED, cell=f"{column_letter(changed - 1)}{task.row}",
                                      header=LOCKED[changed - 1]))
        for label, text in ((ANSWERS[0], answer.done), (ANSWERS[3], answer.problems),
                            (ANSWERS[4], answer.next_steps)):
            if (problem := text_problem(text)) is not None:
                answer.conflicts.append(t(problem[0], field=label, **problem[1]))
        if answer.percent is not None and not 0 <= answer.percent <= 100:
            answer.conflicts.append(t(PERCENT_OUT_OF_RANGE))
        if answer.status and answer.status not in SETTABLE_STATUSES:
            answer.conflicts.append(t(UNKNOWN_STATUS, status=answer.status))
        planned = plan_answer(session, current, answer)
        day = answer.effective_on or report_day(answer.year, answer.quarter)
        if answer.status == Status.DONE and evidence_required(session) and \
                field_as_of(session, current, "status", day) != Status.DONE:
            answer.notes.append(t(DONE_BY_CLAIM))
    answer.changes = planned.changes
    if answer.changes and not answer.done and planned.new_report:
        answer.conflicts.append(t(NO_PROGRESS))
    # Only a form that would change something can conflict with edits made since it was issued.
    if answer.changes and answer.seen_version != task.version and not answer.conflicts:
        answer.conflicts.append(t(CHANGED_SINCE_ISSUE))


@dataclass(frozen=True)
class Planned:
    report: ProgressInput  # the quarter's report as the merge writes it
    status: str | None  # the status it sets: the one given, or 推进中 by the progress rule
    changes: dict[str, tuple[object, object]]  # every field that changes, old → new
    new_report: bool  # the quarter had no report yet


def plan_answer(session: Session, task: Task, answer: Answer) -> Planned:
    """What merging ``answer`` writes and every field it changes: the review shows these changes, and
    the merge computes them again in its transaction and writes exactly this. A blank answer
    changes nothing: a blank text keeps the quarter's report's, a blank percent the task's 完成% as
    of the report's 业务日期 (the report's own percent for an earlier quarter than the latest)."""
    existing = quarter_report(session, task.id, answer.year, answer.quarter)
    old = as_input(existing) if existing is not None else None
    day = answer.effective_on or report_day(answer.year, answer.quarter)
    # The task's percent follows the latest quarter's report: compared with the task's as of then.
    follows = is_latest(session, task.id, answer.year, answer.quarter)
    standing = field_as_of(session, task, "percent", day) if follows or old is None else old.percent
    percent = standing if answer.percent is None else answer.percent
    given = {"done": answer.done, "percent": percent, "problems": answer.problems, "next_steps": answer.next_steps}
    before = {"done": "", "problems": "", "next_steps": ""} if old is None else \
        {name: getattr(old, name) for name in ("done", "problems", "next_steps")}
    before["percent"] = standing
    texts = {name: given[name] or before[name] for name in ("done", "problems", "next_steps")}
    changes = {name: (before[name], value) for name, value in given.items() if value not in ("", before[name])}
    status_before = field_as_of(session, task, "status", day)
    status = answer.status if answer.status and answer.status != status_before else None
    if status == Status.DONE and evidence_required(session):
        status = None  # a task is done by 销号 (ledger_app/evidence/claims.py): said in the review
    if status is None and changes and starts_task(status_before, percent):
        status = Status.IN_PROGRESS.value  # as write_progress does: the one rule
    if status is not None:
        changes["status"] = (status_before, status)
    # 填报日期: the day it is merged, as records.progress dates a report given none.
    report = ProgressInput(answer.year, answer.quarter, percent, reporter=answer.dept, effective_on=answer.effective_on,
                           **texts)
    return Planned(report, status, changes, old is None)


def review_forms(engine: Engine, paths: list[Path], expect: tuple[int, int] | None = None,
                 evidence: list[Path] | None = None) -> Review:
    """Every answer of the forms ``paths``; ``evidence``: folders or zips of the evidence sent with them
    (see ledger_app/exchange/forms/evidence_folder.py), matched to the claims by 序号."""
    total = Review()
    limits = limits_of(engine)
    if evidence:
        total.evidence = EvidenceSources.read(list(evidence), set(paths), max(4 * limits.max_task, 2**31))
        total.problems = list(total.evidence.problems)  # said first, then each form's
    offered = total.evidence.by_code() if total.evidence else {}
    for path in paths:
        review = read_form(engine, path, expect, offered)
        total.answers += review.answers
        total.problems += review.problems
    if total.evidence is not None:
        total.unassigned = total.evidence.without_code() + not_claimed(offered)
    return total

