"""Quarterly progress (季度进展): the one rule for writing a quarter's report, inside the caller's
write transaction — the operation the window and the command line call (ledger_app.operations
``record_progress``), the merge of department forms and the import of an exported ledger.

The rule: the quarter's report is added or replaced; the task's percent follows the report only
when it is the latest quarter reported (a late Q2 form never pulls a Q3 percent back); a task not
yet started becomes 推进中 once progress is reported; a status given with the report (a form's
answer) is applied; the task's version moves on and the change is logged, even when only the
report's text changed, so another desk's save based on the old version is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from ledger_app.dates.business import entry_mark
from ledger_app.dates.quarters import quarter_name, report_day, start_of_quarter
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.store.limits import check_text, check_year
from ledger_app.store.models import ChangeLog, ProgressReport, Status, Task, utcnow
from ledger_app.tasks.timeline import change_row

SUMMARY = "{year}年第{quarter}季度 {percent}%"
SUMMARY_DONE = "{year}年第{quarter}季度 {percent}%：{done}"
EN.update({SUMMARY: "{year} Q{quarter} {percent}%", SUMMARY_DONE: "{year} Q{quarter} {percent}%: {done}"})


@dataclass(frozen=True)
class ProgressInput:
    year: int
    quarter: int
    percent: int
    done: str
    problems: str = ""
    next_steps: str = ""
    reporter: str = ""
    report_date: date | None = None
    # 业务日期: the day the report describes; default the quarter's end (today while it runs).
    effective_on: date | None = None


def report_effective_on(report: ProgressInput) -> date:
    return report.effective_on or report_day(report.year, report.quarter)


def check(report: ProgressInput) -> None:
    """A quarter's report as it may be stored (every report printed later reads it)."""
    check_year(report.year)
    if not 1 <= report.quarter <= 4:
        raise LedgerError("季度必须是 1 到 4")
    if not isinstance(report.percent, int) or not 0 <= report.percent <= 100:
        raise LedgerError("完成百分比必须在 0 到 100 之间")
    for label, text in (("本季度完成情况", report.done), ("存在问题", report.problems), ("下步打算", report.next_steps),
                        ("填报人", report.reporter)):
        check_text(label, text)
    if report_effective_on(report) < start_of_quarter(report.year, report.quarter):
        raise LedgerError("业务日期 {day} 早于{quarter}：季度进展的业务日期不能早于该季度的第一天",
                          day=report_effective_on(report).isoformat(),
                          quarter=quarter_name(report.year, report.quarter))


def quarter_report(session: Session, task_id: int, year: int, quarter: int) -> ProgressReport | None:
    return session.execute(
        select(ProgressReport).where(ProgressReport.task_id == task_id, ProgressReport.year == year,
                                     ProgressReport.quarter == quarter)
    ).scalars().first()


def is_latest(session: Session, task_id: int, year: int, quarter: int) -> bool:
    """Whether a report for ``year``/``quarter`` is (or would be) the task's latest, so that the
    task's percent follows it."""
    latest = session.execute(
        select(ProgressReport.year, ProgressReport.quarter).where(ProgressReport.task_id == task_id)
        .order_by(ProgressReport.year.desc(), ProgressReport.quarter.desc()).limit(1)
    ).first()
    return latest is None or (year, quarter) >= tuple(latest)


def as_input(row: ProgressReport) -> ProgressInput:
    return ProgressInput(row.year, row.quarter, row.percent, row.done, row.problems, row.next_steps, row.reporter,
                         row.report_date, row.effective_on)


def summary(report: ProgressInput) -> Message:
    """How the change log shows a quarter's report: 2017年第3季度 60%：完成系统对接."""
    done = " ".join(report.done.split())
    return Message(SUMMARY_DONE if done else SUMMARY, year=report.year, quarter=report.quarter,
                   percent=report.percent, done=done)


def _fill(row: ProgressReport, report: ProgressInput, user: str) -> None:
    row.percent, row.done, row.problems = report.percent, report.done.strip(), report.problems.strip()
    row.next_steps, row.reporter = report.next_steps.strip(), report.reporter or user
    row.report_date = report.report_date or date.today()
    row.effective_on = report_effective_on(report)


def _logged_without_field_change(session: Session, task: Task, before: str, after: str, user: str,
                                 source: str, day: date, mark: str, reason: str) -> None:
    task.version += 1
    task.updated_at = utcnow()
    session.add(ChangeLog(**change_row(task.id, task.code, "季度进展", before, after, at=task.updated_at, by=user,
                                       source=source, version=task.version, day=day, mark=mark, reason=reason)))


def write_progress(session: Session, task: Task, report: ProgressInput, *, user: str, source: str,
                   status: str | None = None, task_fields: bool = True, reason: str = "") -> None:
    """Write one quarter's report inside the caller's transaction (see the module's rule), effective
    on its 业务日期 — as are the percent and status it changes.

    ``task_fields=False``: the task's percent and status were given alongside (an exported
    ledger re-imported), so the report is history only — it is written and logged, and moves
    the version, but does not change the task's fields.
    """
    from ledger_app.tasks.editing import apply_changes, field_as_of, starts_task

    check(report)
    day = report_effective_on(report)
    mark = entry_mark(session, day, reason)  # refused in a closed quarter without a 更正 reason
    existing = quarter_report(session, task.id, report.year, report.quarter)
    before = "" if existing is None else summary(as_input(existing))
    row = existing or ProgressReport(task_id=task.id, year=report.year, quarter=report.quarter)
    _fill(row, report, user)
    session.add(row)
    session.flush()
    changes: dict[str, object] = {}
    if task_fields:
        if is_latest(session, task.id, report.year, report.quarter):
            changes["percent"] = report.percent
        if status:
            changes["status"] = status
        elif starts_task(field_as_of(session, task, "status", day), report.percent):
            # The report records this percent even when the task's own does not follow it (an earlier quarter).
            changes["status"] = Status.IN_PROGRESS.value
    if not apply_changes(session, task, changes, user, source, effective_on=day, reason=reason):
        _logged_without_field_change(session, task, before, summary(report), user, source, day, mark, reason)


def restore_progress(session: Session, task: Task, report: ProgressInput, previous: ProgressInput | None,
                     fields: dict[str, object], *, user: str, reason: str, source: str = "撤销") -> None:
    """Put a quarter back as it was before ``report`` was written (undo), in the caller's
    transaction: the previous report (or none) and the task's ``fields`` (percent, status) as
    they were on the report's 业务日期."""
    from ledger_app.tasks.editing import apply_changes, check_changes

    year, quarter, day = report.year, report.quarter, report_effective_on(report)
    mark = entry_mark(session, day, reason)
    row = quarter_report(session, task.id, year, quarter)
    before = "" if row is None else summary(as_input(row))
    if previous is None:
        if row is not None:
            session.delete(row)
    else:
        row = row or ProgressReport(task_id=task.id, year=year, quarter=quarter)
        _fill(row, previous, user)
        session.add(row)
    if not apply_changes(session, task, check_changes(fields, None), user, source, effective_on=day, reason=reason):
        after = "" if previous is None else summary(previous)
        _logged_without_field_change(session, task, before, after, user, source, day, mark, reason)
