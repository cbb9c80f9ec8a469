"""导出台账: the ledger (or the current filter) as a workbook a clerk would be proud to forward.

Sheets: 台账 (title row, frozen bold header, auto-filter, wrapped text, real dates, coloured
light, a drop-down on 状态), 季度进展, 督办记录, 统计. Importing the file gives the same ledger back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from db.bulk import collector_paused
from ledger_app.exchange.cells import LIGHT_FILLS, fill, header, put_row, title
from ledger_app.exchange.importing.history_sheets import (
    PROGRESS_EFFECTIVE,
    PROGRESS_HEADER,
    PROGRESS_SHEET,
    SUPERVISION_HEADER,
    SUPERVISION_SHEET,
)
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.labels import LIGHT_LABELS
from ledger_app.records.history import list_progress, list_supervision
from ledger_app.store import settings
from ledger_app.store.enums import SETTABLE_STATUSES
from ledger_app.system.files import check_target, save_to
from ledger_app.tasks.queries import TaskQuery, TaskView, list_tasks, plan_titles

LEDGER_HEADER = ["序号", "改革领域", "改革项目", "具体改革内容", "推进措施", "项目类别", "牵头部门", "配合部门",
                 "责任领导", "完成时限", "截止日期", "一季度", "二季度", "三季度", "四季度", "状态", "完成百分比",
                 "预警灯", "最新进展", "备注"]
LEDGER_WIDTHS = [6, 22, 20, 40, 30, 12, 14, 18, 10, 14, 12, 12, 12, 12, 12, 9, 9, 8, 30, 20]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tasks: int
    progress: int
    supervision: int


def _plan_of(engine: Engine, query: TaskQuery) -> str:
    if query.plan:
        return query.plan
    titles = plan_titles(engine)
    if len(titles) != 1:
        raise LedgerError("台账中有多个方案，请指定要导出的方案：{plans}", plans="、".join(titles) or "—")
    return titles[0]


def _ledger_sheet(wb: Workbook, plan: str, tasks: list[TaskView]) -> None:
    ws = wb.active
    ws.title = "台账"
    title(ws, plan, len(LEDGER_HEADER))
    header(ws, 2, LEDGER_HEADER, LEDGER_WIDTHS)
    for row, t in enumerate(tasks, start=3):
        # Collective terms (各部门…) go with the departments, where the clerk wrote them.
        values = [t.code, t.area, t.title, t.content, t.measures, t.category, "、".join(t.lead_depts + t.lead_groups),
                  "、".join(t.co_depts + t.co_groups), t.leader, t.deadline_text, t.deadline, *t.milestones, t.status,
                  t.percent, LIGHT_LABELS.get(t.light, t.light), t.latest_progress, t.note]
        cells = put_row(ws, row, values)
        fill(cells[17], LIGHT_FILLS.get(t.light, "FFFFFF"))
    last = max(3, len(tasks) + 2)
    ws.auto_filter.ref = f"A2:{ws.cell(2, len(LEDGER_HEADER)).column_letter}{last}"
    statuses = DataValidation(type="list", formula1='"' + ",".join(SETTABLE_STATUSES) + '"', allow_blank=False,
                              showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态")
    ws.add_data_validation(statuses)
    statuses.add(f"P3:P{last}")


def _progress_sheet(wb: Workbook, engine: Engine, tasks: list[TaskView]) -> int:
    ws = wb.create_sheet(PROGRESS_SHEET)
    header(ws, 1, [*PROGRESS_HEADER, PROGRESS_EFFECTIVE], [6, 7, 6, 10, 40, 30, 30, 10, 12, 12])
    codes = {t.id: t.code for t in tasks}
    order = {t.id: i for i, t in enumerate(tasks)}
    reports = sorted((r for r in list_progress(engine) if r.task_id in codes),
                     key=lambda r: (order[r.task_id], r.year, r.quarter))
    for row, report in enumerate(reports, start=2):
        put_row(ws, row, [codes[report.task_id], report.year, report.quarter, report.percent, report.done,
                          report.problems, report.next_steps, report.reporter, report.report_date,
                          report.effective_on])
    return len(reports)


def _supervision_sheet(wb: Workbook, engine: Engine, tasks: list[TaskView]) -> int:
    ws = wb.create_sheet(SUPERVISION_SHEET)
    header(ws, 1, SUPERVISION_HEADER, [6, 10, 18, 12, 40, 12, 30, 8])
    codes = {t.id: t.code for t in tasks}
    row = 2
    for action in list_supervision(engine):
        if action.task_id in codes:
            put_row(ws, row, [codes[action.task_id], action.kind, action.doc_no, action.action_date, action.content,
                              action.rectify_deadline, action.result, "是" if action.closed else "否"])
            row += 1
    return row - 2


def _stats_sheet(wb: Workbook, tasks: list[TaskView]) -> None:
    ws = wb.create_sheet("统计")
    row = 1
    groups = (("改革领域", lambda t: [t.area or "（未分领域）"]), ("牵头部门", lambda t: t.lead_depts))
    for name, key in groups:
        header(ws, row, [name, "任务数", "已完成", "红灯", "黄灯", "绿灯"], [36, 8, 8, 8, 8, 8])
        counts: dict[str, Counter] = {}
        for task in tasks:
            for group in key(task):
                counts.setdefault(group, Counter())[task.light] += 1
        for group, lights in counts.items():
            row += 1
            put_row(ws, row, [group, sum(lights.values()), lights["done"], lights["red"], lights["yellow"],
                              lights["green"]])
        row += 2
    ws.freeze_panes = None


def export_ledger(engine: Engine, path: Path, query: TaskQuery | None = None,
                  as_of: date | None = None) -> ExportResult:
    """Write the tasks matching ``query`` (one plan) with their progress and supervision to ``path``."""
    path = check_target(path)
    query = replace(query or TaskQuery(), as_of=as_of or date.today())
    plan = _plan_of(engine, query)
    # A workbook of 5,000 tasks is some 200,000 cell objects, none of them garbage: the collector,
    # set off again and again by their number, walked all of them each time (a tenth of an export).
    with collector_paused():
        tasks = list_tasks(engine, replace(query, plan=plan), settings.thresholds(engine))
        wb = Workbook()
        _ledger_sheet(wb, plan, tasks)
        progress = _progress_sheet(wb, engine, tasks)
        supervision = _supervision_sheet(wb, engine, tasks)
        _stats_sheet(wb, tasks)
        save_to(path, wb.save)  # a half-written workbook never replaces a good one
    return ExportResult(path, len(tasks), progress, supervision)
