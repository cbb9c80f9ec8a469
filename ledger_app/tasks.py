"""Changing tasks: every edit is one transaction, bumps the task's version and
is written to the change log with who made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, delete, insert, select
from sqlmodel import Session

from db.session import read_session, transaction
from ledger_app.deadlines import DeadlineError, is_open_ended, parse_deadline
from ledger_app.departments import split_departments
from ledger_app.errors import LedgerError
from ledger_app.i18n import EN, t
from ledger_app.importing.apply import department_ids
from ledger_app.importing.header import FIELD_LABELS
from ledger_app.limits import check_text, check_year
from ledger_app.models import (
    OUTCOME_APPLIED,
    OUTCOME_REFUSED,
    ChangeLog,
    Department,
    DeptRole,
    Plan,
    ProgressReport,
    Status,
    Task,
    TaskDepartment,
    utcnow,
)

TEXT_FIELDS = ("title", "content", "measures", "category", "leader",
               "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4")
DEPT_FIELDS = {"lead_depts": DeptRole.LEAD, "co_depts": DeptRole.CO}
STATUSES = tuple(s.value for s in Status)
UNREADABLE_DEADLINE = ("完成时限“{text}”无法识别：请写日期（如 2017-09-30、2017年9月底、2017年第三季度），"
                       "或“持续推进”“长期坚持”等不设日期的说法")
NO_DEPARTMENTS = "“{field}”中没有部门名称：“{text}”"

EN.update({
    UNREADABLE_DEADLINE: "the deadline '{text}' cannot be read: write a date (such as 2017-09-30, 2017年9月底, "
                         "2017年第三季度) or an open-ended phrase such as 持续推进 or 长期坚持",
    NO_DEPARTMENTS: "'{field}' names no department: '{text}'",
})


def find_task_id(engine: Engine, code: str, plan: str | None = None) -> int:
    """The id of the task numbered ``code`` (in ``plan``, required when the code is ambiguous)."""
    stmt = select(Task.id, Plan.title).join(Plan, Plan.id == Task.plan_id).where(Task.code == code.strip())
    if plan:
        stmt = stmt.where(Plan.title == plan)
    with read_session(engine) as session:
        rows = session.execute(stmt).all()
    if not rows:
        raise LedgerError("台账中没有编号为“{code}”的任务", code=code)
    if len(rows) > 1:
        raise LedgerError("编号“{code}”在多个方案中存在，请用 --plan 指定：{plans}",
                          code=code, plans="、".join(title for _, title in rows))
    return rows[0][0]


def check_changes(changes: dict[str, object], plan_year: int | None) -> dict[str, object]:
    clean: dict[str, object] = {}
    for key, value in changes.items():
        if key == "status":
            if value not in STATUSES:
                raise LedgerError("状态必须是：{allowed}", allowed="、".join(STATUSES))
            clean[key] = value
        elif key == "percent":
            if not isinstance(value, int) or not 0 <= value <= 100:
                raise LedgerError("完成百分比必须在 0 到 100 之间")
            clean[key] = value
        elif key == "deadline":
            # A date object from a date editor, or text as a clerk would type it.
            # An empty field (the window) clears it; text must name a date or say on purpose that there is none.
            if isinstance(value, date) or value is None or not str(value).strip():
                value = value if isinstance(value, date) else None
                clean["deadline"] = value
                clean["deadline_text"] = value.isoformat() if value else ""
            else:
                text = check_text(_label(key), str(value).strip())
                try:
                    clean["deadline"], clean["deadline_text"] = parse_deadline(text, plan_year)
                except DeadlineError as exc:
                    raise LedgerError("完成时限：{message}", message=str(exc)) from None
                if clean["deadline"] is None and not is_open_ended(text):
                    raise LedgerError(UNREADABLE_DEADLINE, text=text)
        elif key in DEPT_FIELDS:
            # A list is explicit (empty clears); text must name at least one department.
            names = value if isinstance(value, list) else split_departments(value)
            if not isinstance(value, list) and not names:
                raise LedgerError(NO_DEPARTMENTS, field=_label(key), text=value or "")
            check_text(_label(key), "、".join(names))
            clean[key] = names
        elif key in TEXT_FIELDS:
            clean[key] = check_text(_label(key), str(value or "").strip())
        elif key in ("start_date", "area_id"):
            clean[key] = value
        elif key == "deadline_text":
            continue  # applied after the loop: it must win over the text derived from a date
        else:
            raise ValueError(f"unknown task field {key!r}")
    if "deadline_text" in changes:
        clean["deadline_text"] = check_text(_label("deadline_text"), str(changes["deadline_text"] or ""))
    if "title" in clean and not clean["title"]:
        raise LedgerError("任务名称为空")
    return clean


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(value)
    return "" if value is None else str(value)


def _departments_of(session: Session, task_id: int, role: DeptRole) -> list[str]:
    return list(
        session.execute(
            select(Department.name)
            .join(TaskDepartment, TaskDepartment.department_id == Department.id)
            .where(TaskDepartment.task_id == task_id, TaskDepartment.role == role.value)
            .order_by(TaskDepartment.position)
        ).scalars()
    )


def apply_changes(session: Session, task: Task, changes: dict[str, object], user: str, source: str) -> list[str]:
    """Apply already-checked ``changes`` to ``task`` inside the caller's transaction."""
    now = utcnow()
    changed: list[str] = []
    log: list[dict] = []
    for key, new in changes.items():
        if key in DEPT_FIELDS:
            old = _departments_of(session, task.id, DEPT_FIELDS[key])
            if old == new:
                continue
            session.execute(delete(TaskDepartment).where(TaskDepartment.task_id == task.id,
                                                         TaskDepartment.role == DEPT_FIELDS[key].value))
            ids = department_ids(session, new)
            if new:
                session.execute(insert(TaskDepartment), [
                    {"task_id": task.id, "department_id": ids[n], "role": DEPT_FIELDS[key].value, "position": i}
                    for i, n in enumerate(new)
                ])
        else:
            old = getattr(task, key)
            if old == new:
                continue
            setattr(task, key, new)
        changed.append(key)
        log.append({"task_id": task.id, "task_code": task.code, "field": key, "old": _shown(old),
                    "new": _shown(new), "changed_at": now, "changed_by": user, "source": source})
    if changed:
        task.version += 1
        task.updated_at = now
        for entry in log:
            entry["version"] = task.version
        session.execute(insert(ChangeLog), log)
    return changed


class StaleEditError(LedgerError):
    """A save based on a version of the task that another desk has since replaced."""

    def __init__(self, task_id: int, code: str, expected: int, current: int, others: list[ChangeLog]) -> None:
        if others:
            who = "；".join(t("{user} 于 {when} 改了“{field}”（{old} → {new}）", user=c.changed_by or "?",
                              when=_local(c.changed_at), field=_label(c.field), old=c.old or "空",
                              new=c.new or "空")
                            for c in others[:5])
            super().__init__("任务 {code} 已被他人修改：{who}。您的修改未保存，请重新载入后再改",
                             code=code, who=who)
        else:
            super().__init__(
                "任务 {code} 已被他人修改（版本 {expected} → {current}）。您的修改未保存，请重新载入后再改",
                code=code, expected=expected, current=current)
        self.task_id, self.expected, self.current, self.others = task_id, expected, current, others


def _label(field: str) -> str:
    extra = {"lead_depts": "牵头部门", "co_depts": "配合部门", "deadline_text": "完成时限（原文）",
             "start_date": "开始日期", "area_id": "改革领域"}
    if field.startswith("milestone_q"):
        return f"{FIELD_LABELS['q' + field[-1]]}节点"
    return extra.get(field) or FIELD_LABELS.get(field, field)


def _local(moment: datetime) -> str:
    if moment.tzinfo is None:  # stored as UTC without a zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _refused(engine: Engine, task_id: int, code: str, changes: dict[str, object], expected: int,
             user: str, source: str) -> list[ChangeLog]:
    """Log the refused attempt (its own transaction: the edit's was rolled back) and
    return the changes that made it stale."""
    with transaction(engine) as session:
        others = list(session.execute(
            select(ChangeLog).where(ChangeLog.task_id == task_id, ChangeLog.version > expected,
                                    ChangeLog.outcome == OUTCOME_APPLIED).order_by(ChangeLog.id)
        ).scalars())
        now = utcnow()
        session.execute(insert(ChangeLog), [
            {"task_id": task_id, "task_code": code, "field": key, "old": "", "new": _shown(value),
             "changed_at": now, "changed_by": user, "source": source, "version": expected,
             "outcome": OUTCOME_REFUSED}
            for key, value in changes.items() if key != "deadline_text"
        ])
    return others


def update_task(engine: Engine, task_id: int, changes: dict[str, object], *, user: str,
                source: str = "手工修改", expected_version: int | None = None) -> list[str]:
    """Change fields of one task; returns the names of the fields that really changed.

    With ``expected_version`` (the version the editor showed), the save is refused with
    StaleEditError if someone else changed the task since, and the attempt is logged."""
    return edit_task(engine, task_id, changes, user=user, source=source, expected_version=expected_version)[0]


def edit_task(engine: Engine, task_id: int, changes: dict[str, object], *, user: str,
              source: str = "手工修改", expected_version: int | None = None) -> tuple[list[str], int]:
    """As update_task, also returning the task's version after the edit."""
    if not changes:
        raise LedgerError("未指定要修改的字段")
    with transaction(engine) as session:
        # The row lock makes check-then-write atomic on PostgreSQL; SQLite's
        # BEGIN IMMEDIATE already holds the whole database for this transaction.
        task = session.get(Task, task_id, with_for_update=True)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=task_id)
        stale = expected_version is not None and task.version != expected_version
        if not stale:
            plan = session.get(Plan, task.plan_id)
            changed = apply_changes(session, task, check_changes(changes, plan.year if plan else None), user, source)
            return changed, task.version
        code, current = task.code, task.version
    others = _refused(engine, task_id, code, changes, expected_version, user, source)
    raise StaleEditError(task_id, code, expected_version, current, others)


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


def check_progress(report: ProgressInput) -> None:
    """A quarter's report as it may be stored (every report printed later reads it)."""
    check_year(report.year)
    if not 1 <= report.quarter <= 4:
        raise LedgerError("季度必须是 1 到 4")
    if not isinstance(report.percent, int) or not 0 <= report.percent <= 100:
        raise LedgerError("完成百分比必须在 0 到 100 之间")
    for label, text in (("本季度完成情况", report.done), ("存在问题", report.problems), ("下步打算", report.next_steps),
                        ("填报人", report.reporter)):
        check_text(label, text)


def record_progress(engine: Engine, task_id: int, report: ProgressInput, *, user: str,
                    source: str = "季度进展", expected_version: int | None = None) -> None:
    """Record (or replace) the task's progress for one quarter; the task's percent follows it,
    and a task not yet started becomes 推进中. With ``expected_version``, refused with
    StaleEditError (and logged) when another desk has changed the task since."""
    check_progress(report)
    with transaction(engine) as session:
        task = session.get(Task, task_id, with_for_update=True)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=task_id)
        if expected_version is None or task.version == expected_version:
            _write_progress(session, task, report, user, source)
            return
        code, current = task.code, task.version
    others = _refused(engine, task_id, code, {"percent": report.percent}, expected_version, user, source)
    raise StaleEditError(task_id, code, expected_version, current, others)


def _fill(row: ProgressReport, report: ProgressInput, user: str) -> None:
    row.percent, row.done, row.problems = report.percent, report.done.strip(), report.problems.strip()
    row.next_steps, row.reporter = report.next_steps.strip(), report.reporter or user
    row.report_date = report.report_date or date.today()


def _quarter_report(session: Session, task_id: int, year: int, quarter: int) -> ProgressReport | None:
    return session.execute(
        select(ProgressReport).where(ProgressReport.task_id == task_id, ProgressReport.year == year,
                                     ProgressReport.quarter == quarter)
    ).scalars().first()


def _report_changed(session: Session, task: Task, before: str, after: str, user: str, source: str) -> None:
    """The report is part of the task's record: a new version even when percent and status
    stay, so another desk's save based on the old one is refused."""
    task.version += 1
    task.updated_at = utcnow()
    session.add(ChangeLog(task_id=task.id, task_code=task.code, field="季度进展", old=before, new=after,
                          changed_at=task.updated_at, changed_by=user, source=source, version=task.version))


def _write_progress(session: Session, task: Task, report: ProgressInput, user: str, source: str) -> None:
    existing = _quarter_report(session, task.id, report.year, report.quarter)
    before = "" if existing is None else f"{existing.percent}%"
    row = existing or ProgressReport(task_id=task.id, year=report.year, quarter=report.quarter)
    _fill(row, report, user)
    session.add(row)
    session.flush()
    latest = session.execute(
        select(ProgressReport.year, ProgressReport.quarter).where(ProgressReport.task_id == task.id)
        .order_by(ProgressReport.year.desc(), ProgressReport.quarter.desc()).limit(1)
    ).first()
    changes: dict[str, object] = {}
    # An older quarter filled in late must not pull the current percent back.
    if latest is None or (report.year, report.quarter) >= tuple(latest):
        changes["percent"] = report.percent
    if task.status == Status.NOT_STARTED and report.percent > 0:
        changes["status"] = Status.IN_PROGRESS.value
    if not apply_changes(session, task, changes, user, source):
        _report_changed(session, task, before, f"{report.year}年第{report.quarter}季度 {report.percent}%", user,
                        source)


def undo_progress(engine: Engine, task_id: int, year: int, quarter: int, previous: ProgressInput | None,
                  fields: dict[str, object], *, user: str, expected_version: int | None = None) -> None:
    """Undo recording a quarter's report, in one transaction: the quarter's previous report
    (or none) and the task's ``fields`` (percent, status) as they were. Versioned like a save."""
    source = "撤销"
    with transaction(engine) as session:
        task = session.get(Task, task_id, with_for_update=True)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=task_id)
        if expected_version is None or task.version == expected_version:
            row = _quarter_report(session, task_id, year, quarter)
            before = "" if row is None else f"{row.percent}%"
            if previous is None:
                if row is not None:
                    session.delete(row)
            else:
                row = row or ProgressReport(task_id=task_id, year=year, quarter=quarter)
                _fill(row, previous, user)
                session.add(row)
            if not apply_changes(session, task, check_changes(fields, None), user, source):
                after = "" if previous is None else f"{year}年第{quarter}季度 {previous.percent}%"
                _report_changed(session, task, before, after, user, source)
            return
        code, current = task.code, task.version
    others = _refused(engine, task_id, code, dict(fields), expected_version, user, source)
    raise StaleEditError(task_id, code, expected_version, current, others)
