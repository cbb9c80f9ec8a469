"""The form's 申请销号 page: a department claims finished tasks on the form it returns, and sends the
evidence beside it — in the same folder, or a zip — one subfolder per task named by its 序号, or files
named with the 序号 and a dash (``3-印发文件.pdf``). The convention is written on the page itself.

Reading a returned page gives one :class:`ClaimAnswer` per claimed task, shown in the merge's review
like any answer (what it claims, which files, what is wrong); its files are checked and hashed then
(ledger_app/evidence/intake.py), so a refused file is named in the review. A file that belongs to no
claimed row is listed, never guessed. Merging writes each claim through ledger_app/evidence/claims.py
in the merge's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine
from sqlmodel import Session

from ledger_app.dates.business import closed_quarter_set
from ledger_app.dates.deadlines import DeadlineError, parse_deadline
from ledger_app.dates.quarters import end_of_quarter, quarter_of
from ledger_app.evidence import claims
from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.evidence.intake import Prepared, prepare
from ledger_app.evidence.register import waiting_claim
from ledger_app.exchange.cells import header, put
from ledger_app.exchange.forms.evidence_folder import Offered
from ledger_app.exchange.forms.identity import FormRow, Issued
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.exchange.importing.workbook import Workbook as ReadWorkbook
from ledger_app.messages.i18n import EN, t
from ledger_app.store.limits import text_problem
from ledger_app.store.models import Status, Task
from ledger_app.store.settings import EvidenceLimits
from ledger_app.tasks.queries import TaskView

CLAIM_SHEET = "申请销号"
TASK_GONE = "任务已不在台账中"  # as the progress form's merge says it (registered there)
LOCKED = ["序号", "改革项目", "完成时限", "当前状态"]
ANSWERS = ["申请销号", "办结日期", "办结情况", "佐证材料（文件名，选填）"]
WIDTHS = [6, 30, 14, 9, 9, 12, 40, 30]
HEADER_ROW = 5
YES = {"是", "√", "✓", "y", "yes", "申请", "申请销号"}
GUIDE = ("任务已全部完成、申请销号的，在“申请销号”列选“是”，写明办结日期（不写按本季度末）和办结情况。"
         "佐证材料（印发的文件、批复、照片、签订的协议等；PDF、OFD、图片、Word/Excel/WPS 文档，不收压缩包里的压缩包、"
         "程序和脚本）与本表一起交回，放在同一个文件夹或压缩包中：每项任务一个子文件夹，以任务序号命名（如“3”或"
         "“3 推行权力清单”）；或文件名以任务序号加短横线开头（如“3-印发文件.pdf”）。不按此命名的文件不归入任何任务。"
         "督查室复核后销号或退回。")

NO_SUMMARY = "没有填写办结情况"
BAD_DAY = "办结日期“{written}”无法识别或晚于今天"
CLOSED_DAY = "办结日期 {day} 在已封账的季度内，须由督查室在窗口中作为“更正”录入"
NOT_ON_FORM = "序号 {code} 不是这份填报表上的任务"
NOT_OPEN = "任务的状态是“{status}”，不能申请销号"
WAITING = "已有待销号的申请（{day}），督查室尚未复核"
NO_FILES = "没有随表交回的佐证材料（按表上的命名约定放在文件夹或压缩包中）"
LISTED_MISSING = "表上列出的佐证材料“{name}”没有随表交回"
EN.update({
    NO_SUMMARY: "no 办结情况 written", BAD_DAY: "the date '{written}' is not understood or is after today",
    CLOSED_DAY: "the date {day} is in a closed quarter: the office enters it in the window as a correction (更正)",
    NOT_ON_FORM: "序号 {code} is not a task of this form",
    NOT_OPEN: "the task is '{status}' and cannot be claimed finished",
    WAITING: "a claim is already waiting ({day}) for the office's review",
    NO_FILES: "no evidence came with the form (in a folder or zip named as the form says)",
    LISTED_MISSING: "the evidence '{name}' listed on the form did not come with it",
    "{day}，{summary}（佐证材料：{files}）": "{day}, {summary} (evidence: {files})",
})


@dataclass
class ClaimAnswer(FormRow):
    """A 申请销号 row of a returned form with its evidence (shown and merged like a task's answer)."""

    claimed_on: date
    summary: str
    files: list[Prepared] = field(default_factory=list)
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    seen_version: int | None = None


def write(wb: Workbook, tasks: list[TaskView], org_line: str, dept: str) -> None:
    """The 申请销号 page for the department's open tasks."""
    ws = wb.create_sheet(CLAIM_SHEET)
    columns = len(LOCKED) + len(ANSWERS)
    for row, text in enumerate((f"{org_line}申请销号（办结销号）", f"填报单位：{dept}", "填写说明：" + GUIDE), start=1):
        cell = put(ws, row, 1, text, wrap=True)
        cell.font = Font(name="SimHei", bold=row == 1, size=14 if row == 1 else 10)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[3].height = 96
    header(ws, HEADER_ROW, LOCKED + ANSWERS, WIDTHS)
    choice = DataValidation(type="list", formula1='"是,否"', showErrorMessage=True, errorTitle="申请销号",
                            error="请选择“是”或留空")
    ws.add_data_validation(choice)
    fill = PatternFill("solid", fgColor="FFF8DC")
    row = HEADER_ROW
    for task in tasks:
        if task.status in (Status.DONE, Status.CANCELLED, Status.CARRIED):
            continue
        row += 1
        deadline = task.deadline_text or (task.deadline.isoformat() if task.deadline else "")
        for column, value in enumerate([task.code, task.title, deadline, task.status, "", None, "", ""], start=1):
            cell = put(ws, row, column, value)
            if column > len(LOCKED):
                cell.protection = Protection(locked=False)
                cell.fill = fill
        choice.add(ws.cell(row, len(LOCKED) + 1))
        ws.cell(row, len(LOCKED) + 2).number_format = "yyyy-mm-dd"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _day(value: object, year: int, quarter: int) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = cell_text(value)
    if not written:
        return min(end_of_quarter(year, quarter), date.today())
    try:
        day, _text = parse_deadline(written, year)
    except DeadlineError:
        return None
    return day


def read(engine: Engine, workbook: ReadWorkbook, path: Path, head: dict[str, str], tasks: list[Issued],
         offered: dict[str, list[Offered]], limits: EvidenceLimits) -> list[ClaimAnswer]:
    """The claims on the returned form ``path`` (none if it has no such page), with the files ``offered``
    for their codes checked; ``offered`` loses the files taken, so the rest can be listed."""
    if CLAIM_SHEET not in workbook.sheet_names:
        return []
    year, quarter, dept = int(float(head["year"])), int(float(head["quarter"])), head["dept"]
    by_code = {task.code: task for task in tasks}
    found: list[ClaimAnswer] = []
    for cells in workbook.sheet(CLAIM_SHEET).rows[HEADER_ROW:]:
        cells = (list(cells) + [""] * 8)[:8]
        code, flag = cell_text(cells[0]), cell_text(cells[4]).lower()
        if not code or flag not in YES:
            continue
        issued = by_code.get(code)
        day = _day(cells[5], year, quarter)
        answer = ClaimAnswer(path.name, dept, head["form_id"], issued.task_id if issued else 0, code,
                             cell_text(cells[1]), year, quarter, day or date.today(), cell_text(cells[6]))
        if issued is None:
            answer.conflicts.append(t(NOT_ON_FORM, code=code))
            found.append(answer)
            continue
        if day is None or day > date.today():
            answer.conflicts.append(t(BAD_DAY, written=cell_text(cells[5])))
        _take_files(answer, offered.pop(code, []), cell_text(cells[7]), limits)
        _judge(engine, answer, limits)
        found.append(answer)
    return found


def _take_files(answer: ClaimAnswer, offered: list[Offered], listed: str, limits: EvidenceLimits) -> None:
    for item in offered:
        try:
            answer.files.append(prepare(item.path, limits, item.name, scan=True))  # named in the review
        except EvidenceRejected as exc:
            answer.conflicts.append(str(exc))
    names = {Path(f.name).name for f in answer.files} | {Path(i.name).name for i in offered}
    for name in (n.strip() for n in listed.replace("；", "、").replace(";", "、").replace("，", "、").replace(
            ",", "、").replace("\n", "、").split("、")):
        if name and name not in names and not any(n.endswith(name) for n in names):
            answer.conflicts.append(t(LISTED_MISSING, name=name))


def _judge(engine: Engine, answer: ClaimAnswer, limits: EvidenceLimits) -> None:
    from db.session import read_session

    if not answer.summary:
        answer.conflicts.append(t(NO_SUMMARY))
    elif (problem := text_problem(answer.summary)) is not None:
        answer.conflicts.append(t(problem[0], field="办结情况", **problem[1]))
    with read_session(engine) as session:
        task = session.get(Task, answer.task_id)
        if task is None:
            answer.conflicts.append(t(TASK_GONE))
            return
        answer.title, answer.seen_version = task.title, task.version
        if task.status in (Status.DONE, Status.CANCELLED, Status.CARRIED):
            answer.conflicts.append(t(NOT_OPEN, status=task.status))
        if (waiting := waiting_claim(session, task.id)) is not None:
            answer.conflicts.append(t(WAITING, day=waiting.claimed_on.isoformat()))
        if quarter_of(answer.claimed_on) in closed_quarter_set(session):
            answer.conflicts.append(t(CLOSED_DAY, day=answer.claimed_on.isoformat()))
    if limits.required and not answer.files:
        answer.conflicts.append(t(NO_FILES))
    files = "、".join(f.name for f in answer.files) or "—"
    said = t("{day}，{summary}（佐证材料：{files}）", day=answer.claimed_on.isoformat(),
             summary=answer.summary, files=files)
    answer.changes = {"申请销号": ("", said)}


def apply(session: Session, answers: list[ClaimAnswer], limits: EvidenceLimits, *, user: str) -> None:
    """Write the claims in the merge's transaction (their tasks already row-locked and checked)."""
    for answer in answers:
        task = session.get(Task, answer.task_id)
        claims.claim(session, task, claims.ClaimInput(answer.claimed_on, answer.summary, answer.dept), answer.files,
                     limits, user=user, source=f"填报表（{answer.dept}）")
