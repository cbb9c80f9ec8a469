"""One entry point for every document, used by the command line and the report dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine

from ledger_app.errors import LedgerError
from ledger_app.queries import TaskQuery
from ledger_app.records import SupervisionInput, add_supervision, list_supervision, next_document_number
from ledger_app.reports import annual, bulletin, ledger_print, notice, quarterly_sheet, snapshot
from ledger_app.reports.layout import Page, content_width, write_pdf
from ledger_app.reports.options import KINDS, TITLES, Progress, ReportOptions
from ledger_app.tasks import find_task_id


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    title: str
    numbers: dict[str, str]  # department or task code → document number issued


def _sheet_marker(options: ReportOptions, dept: str) -> str:
    return f"{options.period}季度督办单：{dept}"


def _sheet_numbers(engine: Engine, options: ReportOptions, snap: snapshot.Snapshot,
                   depts: list[str]) -> dict[str, str]:
    """Reuse the number a department's sheet got when first issued; number the others in turn."""
    issued = {a.content: a.doc_no for a in list_supervision(engine) if a.kind == "季度督办" and a.doc_no}
    numbers, base = {}, next_document_number(engine, options.year)
    following = int(base.split("第")[1].rstrip("号"))
    for dept in depts:
        if _sheet_marker(options, dept) in issued:
            numbers[dept] = issued[_sheet_marker(options, dept)]
        else:
            numbers[dept] = f"督办〔{options.year}〕第{following}号"
            following += 1
    return numbers


def _check(options: ReportOptions) -> None:
    if options.kind not in KINDS:
        raise LedgerError("报表类型必须是：{allowed}", allowed="、".join(KINDS))
    if options.kind in ("quarterly-sheet", "bulletin") and options.quarter not in (1, 2, 3, 4):
        raise LedgerError("请指定季度（1–4）")
    if options.kind == "notice" and not options.task_code:
        raise LedgerError("限期整改通知书需要指定任务编号（--task）")


def build_report(engine: Engine, options: ReportOptions, out: Path, *, user: str, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ReportResult:
    """Write the document to ``out`` (only when complete) and, if ``options.record``, record what it issued."""
    _check(options)
    as_of = options.effective_as_of
    query = replace(options.query) if options.query is not None else TaskQuery()
    if options.plan:
        query.plan = options.plan
    snap = snapshot.take(engine, as_of, query)
    plan = options.plan or "本方案"
    title = f"{options.period}{TITLES[options.kind]}" if options.kind != "notice" else TITLES["notice"]
    page = Page(title, snap.org, date.today(), as_of, landscape=options.kind != "notice")
    width = content_width(page)
    numbers: dict[str, str] = {}
    rectify_by = None
    if options.kind == "quarterly-sheet":
        depts = options.depts or snap.lead_departments()
        unknown = [d for d in depts if not snap.of_dept(d)]
        if unknown:
            raise LedgerError("以下部门没有牵头的任务：{depts}", depts="、".join(unknown))
        numbers = _sheet_numbers(engine, options, snap, depts)
        story = quarterly_sheet.story(snap, replace(options, depts=depts), numbers, width, progress)
    elif options.kind == "bulletin":
        story = bulletin.story(snap, options, width, plan)
    elif options.kind == "annual":
        quarters = {q: snapshot.take(engine, end, query) for q, end in annual.quarter_ends(options.year, as_of).items()}
        story = annual.story(snap, quarters, options, width, plan)
    elif options.kind == "notice":
        task_id = find_task_id(engine, options.task_code, options.plan)
        task = next((t for t in snap.tasks if t.id == task_id), None)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=options.task_code)
        earlier = [a for a in list_supervision(engine, task_id)
                   if a.kind == "限期整改" and a.action_date == as_of and a.doc_no.startswith("整改")]
        number = earlier[0].doc_no if earlier else next_document_number(engine, as_of.year, prefix="整改")
        numbers = {task.code: number}
        rectify_by = options.rectify_by or (earlier[0].rectify_deadline if earlier else None) \
            or as_of + timedelta(days=30)
        story = notice.story(snap, task, number, rectify_by)
    else:
        story = ledger_print.story(snap, title, width, progress)
    pages = write_pdf(out, page, story, cancelled)
    if options.record:
        _record(engine, options, snap, numbers, user, rectify_by)
    if progress is not None:
        progress(1, 1)
    return ReportResult(out, pages, title, numbers)


def _record(engine: Engine, options: ReportOptions, snap: snapshot.Snapshot, numbers: dict[str, str], user: str,
            rectify_by) -> None:  # noqa: ANN001
    """Documents that were issued become supervision actions (once: a re-print records nothing new)."""
    issued = {(a.task_id, a.doc_no) for a in list_supervision(engine)}
    if options.kind == "quarterly-sheet":
        for dept, number in numbers.items():
            for task in snap.of_dept(dept):
                if task.status != "已取消" and (task.id, number) not in issued:
                    add_supervision(engine, task.id, SupervisionInput(
                        "季度督办", snap.as_of, _sheet_marker(options, dept), doc_no=number), user=user)
    elif options.kind == "notice":
        (code, number), = numbers.items()
        task_id = find_task_id(engine, code, options.plan)
        if (task_id, number) not in issued:
            add_supervision(engine, task_id, SupervisionInput("限期整改", snap.as_of, "限期整改通知书",
                                                              rectify_by, doc_no=number), user=user)
