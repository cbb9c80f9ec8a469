"""进展填报表: one workbook per lead department, its tasks locked, the answers unlocked,
and a hidden identity so that a returned form is matched to this ledger, quarter and task versions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine, select

from db.session import transaction
from ledger_app.exchange.cells import header, put
from ledger_app.exchange.forms import claim_sheet, indicator_sheet
from ledger_app.exchange.forms.identity import COUNT_KEY, IDENTITY_SHEET, add_task, write_identity
from ledger_app.exchange.forms.signing import form_secret
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.records import form_register
from ledger_app.records.history import get_progress
from ledger_app.store import settings
from ledger_app.store.enums import SETTABLE_STATUSES
from ledger_app.store.limits import check_year
from ledger_app.store.models import Status
from ledger_app.store.schema import setting
from ledger_app.system.file_names import safe_file_name
from ledger_app.system.files import save_to
from ledger_app.tasks.groups import group_rule
from ledger_app.tasks.queries import TaskQuery, TaskView, list_tasks

FORM_SHEET = "填报表"
LOCKED = ["序号", "改革项目", "具体改革内容", "本季度节点目标", "完成时限", "当前状态", "当前完成%"]
# 情况发生日期 (optional): the day a change of status took effect ("9月1日开学"); left empty, the
# answers take effect at the quarter's end.
ANSWERS = ["本季度进展", "完成百分比", "状态", "存在问题", "下步打算", "发生日期（选填）"]
WIDTHS = [6, 18, 36, 14, 12, 9, 9, 36, 10, 10, 28, 28, 14]
HEADER_ROW = 5
ANSWER_FILL = PatternFill("solid", fgColor="FFF8DC")

EN.update({
    "{path} 已存在且不是文件夹；填报表要写入一个文件夹":
        "{path} exists and is not a folder; the forms go into a folder",
    "无法建立文件夹 {path}：{reason}": "cannot make the folder {path}: {reason}",
})


def ledger_id(engine: Engine) -> str | None:
    """The id the ledger gave itself when it first issued forms (None: it never has)."""
    with engine.connect() as conn:
        return conn.execute(select(setting.c.value).where(setting.c.key == form_register.LEDGER_ID)).scalar()


def locked_values(task: TaskView, quarter: int) -> list[object]:
    return [task.code, task.title, task.content, task.milestones[quarter - 1],
            task.deadline_text or (task.deadline.isoformat() if task.deadline else ""), task.status, task.percent]


@dataclass(frozen=True)
class IssuedForm:
    dept: str
    path: Path
    form_id: str
    tasks: int


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise LedgerError("{path} 已存在且不是文件夹；填报表要写入一个文件夹", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError("无法建立文件夹 {path}：{reason}", path=folder, reason=exc.strerror or exc) from None


def _write_form(path: Path, engine: Engine, dept: str, tasks: list[TaskView], year: int, quarter: int,
                ledger: str, org: str, secret: bytes) -> str:
    form_id = uuid.uuid4().hex
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    columns = len(LOCKED) + len(ANSWERS)
    lines = [f"{org}{year}年第{quarter}季度改革任务进展填报表".strip(), f"填报单位：{dept}",
             "填写说明：只需填写右侧浅黄色单元格——本季度进展、完成百分比（0–100 的整数）、状态（从下拉列表选择）、"
             "存在问题、下步打算，状态在季度中间某天发生变化的（如9月1日建成投用），在“发生日期”中写明该日期，"
             "不写则按季度末计；左侧各列已锁定，请勿修改。填好后直接保存（可用 Excel 或 WPS），原文件交回。"]
    for row, text in enumerate(lines, start=1):
        cell = put(ws, row, 1, text, wrap=True)
        cell.font = Font(name="SimHei", bold=row == 1, size=14 if row == 1 else 10)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[3].height = 44
    header(ws, HEADER_ROW, LOCKED + ANSWERS, WIDTHS)
    percent_check = DataValidation(type="whole", operator="between", formula1="0", formula2="100",
                                   showErrorMessage=True, errorTitle="完成百分比", error="请填写 0 到 100 的整数")
    status_check = DataValidation(type="list", formula1='"' + ",".join(SETTABLE_STATUSES) + '"',
                                  showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态")
    ws.add_data_validation(percent_check)
    ws.add_data_validation(status_check)
    identity = wb.create_sheet(IDENTITY_SHEET)
    write_identity(identity, secret, {"ledger_id": ledger, "form_id": form_id, "year": year, "quarter": quarter,
                                      "dept": dept, COUNT_KEY: len(tasks)},
                   datetime.now(UTC).isoformat(timespec="seconds"))
    for offset, task in enumerate(tasks):
        row = HEADER_ROW + 1 + offset
        locked = locked_values(task, quarter)
        previous = get_progress(engine, task.id, year, quarter)
        answers = [previous.done if previous else "", previous.percent if previous else None, task.status,
                   previous.problems if previous else "", previous.next_steps if previous else "", None]
        for column, value in enumerate(locked + answers, start=1):
            cell = put(ws, row, column, value)
            if column > len(LOCKED):
                cell.protection = Protection(locked=False)
                cell.fill = ANSWER_FILL
        percent_check.add(ws.cell(row, len(LOCKED) + 2))
        status_check.add(ws.cell(row, len(LOCKED) + 3))
        add_task(identity, secret, form_id, row, task.id, task.code, task.version, locked)
    ws.protection.sheet = True  # no password: the department fills in, the layout stays put
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    identity.sheet_state = "hidden"
    identity.protection.sheet = True
    for cell in ws[HEADER_ROW]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # The department's indicators, if it owns any; its open tasks to claim finished (办结销号).
    indicator_sheet.write(wb, engine, dept, year, quarter, secret=secret, form_id=form_id)
    claim_sheet.write(wb, tasks, org, dept)
    save_to(path, wb.save)
    return form_id


def issue_forms(engine: Engine, year: int, quarter: int, folder: Path, depts: list[str] | None = None,
                plan: str | None = None) -> list[IssuedForm]:
    """Write one fill-in form per lead department (those named, else all) into ``folder``."""
    check_year(year)
    if quarter not in (1, 2, 3, 4):
        raise LedgerError("请指定季度（1–4）")
    # Cancelled tasks and those carried over into next year's plan (reported there) get no row.
    tasks = [t for t in list_tasks(engine, TaskQuery(plan=plan))
             if t.status not in (Status.CANCELLED.value, Status.CARRIED.value)]
    # Departments that lead tasks, then those that only own indicators.
    # A class of units (统称) gets no form even where an old import made it a department row.
    leads = group_rule(engine).units_only(dict.fromkeys(
        [*(d for t in tasks for d in t.lead_depts), *indicator_sheet.owners(engine, plan)]))
    chosen = depts or leads
    unknown = [d for d in chosen if d not in leads]
    if unknown:
        raise LedgerError("以下部门没有牵头的任务：{depts}", depts="、".join(unknown))
    _make_folder(folder)
    ledger = ledger_id(engine)
    if ledger is None:
        with transaction(engine) as session:  # the first forms this ledger issues
            ledger = form_register.own_id(session)
    org, secret = settings.get_all(engine)["org.name"], form_secret(engine)
    issued, taken = [], set()
    for dept in chosen:
        mine = [t for t in tasks if dept in t.lead_depts]
        name = safe_file_name(f"进展填报表_{year}年第{quarter}季度_{dept}", ".xlsx", folder=folder, taken=taken)
        path = folder / name
        form_id = _write_form(path, engine, dept, mine, year, quarter, ledger, org, secret)
        issued.append(IssuedForm(dept, path, form_id, len(mine)))
    # Written, then registered in one short transaction: the workbooks are not written under the lock.
    with transaction(engine) as session:
        form_register.register(session, [(f.form_id, f.dept, year, quarter) for f in issued])
    return issued
