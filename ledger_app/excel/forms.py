"""进展填报表: one workbook per lead department, its tasks locked, the answers unlocked,
and a hidden identity so that a returned form is matched to this ledger, quarter and task versions."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from ledger_app import form_register, settings
from ledger_app.errors import LedgerError
from ledger_app.excel import indicator_sheet
from ledger_app.excel.cells import header, put
from ledger_app.files import write_replacing
from ledger_app.importing.parse import cell_text
from ledger_app.models import Setting, Status
from ledger_app.queries import TaskQuery, TaskView, list_tasks
from ledger_app.records import get_progress

FORM_SHEET = "填报表"
IDENTITY_SHEET = "_identity"
LOCKED = ["序号", "改革项目", "具体改革内容", "本季度节点目标", "完成时限", "当前状态", "当前完成%"]
ANSWERS = ["本季度进展", "完成百分比", "状态", "存在问题", "下步打算"]
WIDTHS = [6, 18, 36, 14, 12, 9, 9, 36, 10, 10, 28, 28]
HEADER_ROW = 5
ANSWER_FILL = PatternFill("solid", fgColor="FFF8DC")


def ledger_id(engine: Engine) -> str:
    """A random id given to the ledger on first use; forms carry it so they come back to the right ledger."""
    from db.session import transaction

    with transaction(engine) as session:
        row = session.get(Setting, "ledger.id")
        if row is None:
            row = Setting(key="ledger.id", value=uuid.uuid4().hex)
            session.add(row)
        return row.value


def locked_digest(values: list[object]) -> str:
    """A fingerprint of a row's locked cells, to notice a department that edited them."""
    # cell_text: the same spelling whether the value is written here or read back from any spreadsheet.
    text = "\x1f".join(cell_text(v) for v in values)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def locked_values(task: TaskView, quarter: int) -> list[object]:
    return [task.code, task.title, task.content, task.milestones[quarter - 1],
            task.deadline_text or (task.deadline.isoformat() if task.deadline else ""), task.status, task.percent]


@dataclass(frozen=True)
class IssuedForm:
    dept: str
    path: Path
    form_id: str
    tasks: int


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', "_", text)


def _write_form(path: Path, engine: Engine, dept: str, tasks: list[TaskView], year: int, quarter: int,
                ledger: str, org: str) -> str:
    form_id = uuid.uuid4().hex
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    columns = len(LOCKED) + len(ANSWERS)
    lines = [f"{org}{year}年第{quarter}季度改革任务进展填报表".strip(), f"填报单位：{dept}",
             "填写说明：只需填写右侧浅黄色单元格——本季度进展、完成百分比（0–100 的整数）、状态（从下拉列表选择）、"
             "存在问题、下步打算；左侧各列已锁定，请勿修改。填好后直接保存（可用 Excel 或 WPS），原文件交回。"]
    for row, text in enumerate(lines, start=1):
        cell = put(ws, row, 1, text, wrap=True)
        cell.font = Font(name="SimHei", bold=row == 1, size=14 if row == 1 else 10)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[3].height = 32
    header(ws, HEADER_ROW, LOCKED + ANSWERS, WIDTHS)
    percent_check = DataValidation(type="whole", operator="between", formula1="0", formula2="100",
                                   showErrorMessage=True, errorTitle="完成百分比", error="请填写 0 到 100 的整数")
    status_check = DataValidation(type="list", formula1='"' + ",".join(s.value for s in Status) + '"',
                                  showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态")
    ws.add_data_validation(percent_check)
    ws.add_data_validation(status_check)
    identity = wb.create_sheet(IDENTITY_SHEET)
    for key, value in (("ledger_id", ledger), ("form_id", form_id), ("year", year), ("quarter", quarter),
                       ("dept", dept), ("issued_at", datetime.now(UTC).isoformat(timespec="seconds"))):
        identity.append([key, value])
    identity.append(["row", "task_id", "code", "version", "locked"])
    for offset, task in enumerate(tasks):
        row = HEADER_ROW + 1 + offset
        locked = locked_values(task, quarter)
        previous = get_progress(engine, task.id, year, quarter)
        answers = [previous.done if previous else "", previous.percent if previous else None, task.status,
                   previous.problems if previous else "", previous.next_steps if previous else ""]
        for column, value in enumerate(locked + answers, start=1):
            cell = put(ws, row, column, value)
            if column > len(LOCKED):
                cell.protection = Protection(locked=False)
                cell.fill = ANSWER_FILL
        percent_check.add(ws.cell(row, len(LOCKED) + 2))
        status_check.add(ws.cell(row, len(LOCKED) + 3))
        identity.append([row, task.id, task.code, task.version, locked_digest(locked)])
    ws.protection.sheet = True  # no password: the department fills in, the layout stays put
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    identity.sheet_state = "hidden"
    identity.protection.sheet = True
    for cell in ws[HEADER_ROW]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    indicator_sheet.write(wb, engine, dept, year, quarter)  # the department's indicators, if it owns any
    write_replacing(path, wb.save)
    return form_id


def issue_forms(engine: Engine, year: int, quarter: int, folder: Path, depts: list[str] | None = None,
                plan: str | None = None) -> list[IssuedForm]:
    """Write one fill-in form per lead department (those named, else all) into ``folder``."""
    if quarter not in (1, 2, 3, 4):
        raise LedgerError("请指定季度（1–4）")
    tasks = [t for t in list_tasks(engine, TaskQuery(plan=plan)) if t.status != Status.CANCELLED.value]
    # Departments that lead tasks, then those that only own indicators.
    leads = list(dict.fromkeys([*(d for t in tasks for d in t.lead_depts), *indicator_sheet.owners(engine, plan)]))
    chosen = depts or leads
    unknown = [d for d in chosen if d not in leads]
    if unknown:
        raise LedgerError("以下部门没有牵头的任务：{depts}", depts="、".join(unknown))
    folder.mkdir(parents=True, exist_ok=True)
    ledger, org = ledger_id(engine), settings.get_all(engine)["org.name"]
    issued = []
    for dept in chosen:
        mine = [t for t in tasks if dept in t.lead_depts]
        path = folder / _safe_name(f"进展填报表_{year}年第{quarter}季度_{dept}.xlsx")
        form_id = _write_form(path, engine, dept, mine, year, quarter, ledger, org)
        issued.append(IssuedForm(dept, path, form_id, len(mine)))
    form_register.record(engine, [(f.form_id, f.dept, year, quarter) for f in issued])
    return issued
