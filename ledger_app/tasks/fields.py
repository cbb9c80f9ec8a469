"""A task's fields: which a clerk may write and how a value is checked before it is (the
vocabulary every writer shares: the window, the command line, the import, the forms' merge), and
reading them back as the editor shows them. Writing them is ``ledger_app.tasks.editing``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlmodel import Session

from db.session import read_session
from ledger_app.dates.deadlines import DeadlineError, is_open_ended, parse_deadline
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.messages.labels import field_label
from ledger_app.store.enums import SETTABLE_STATUSES
from ledger_app.store.limits import check_text
from ledger_app.store.models import Department, DeptRole, Status, Task
from ledger_app.tasks import timeline
from ledger_app.tasks.departments import (
    NAME_TOO_LONG,
    join_names,
    names_of,
    split_departments,
    too_long_name,
)
from ledger_app.tasks.groups import DEFAULT, GroupRule, read_rule

TEXT_FIELDS = ("title", "content", "measures", "category", "leader", "note",
               "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4")
DEPT_FIELDS = {"lead_depts": DeptRole.LEAD, "co_depts": DeptRole.CO}
# The classes of units (各部门, 成员单位…) written with each role's departments, kept as text on the task.
GROUP_FIELDS = {"lead_depts": "lead_groups", "co_depts": "co_groups"}
UNREADABLE_DEADLINE = ("完成时限“{text}”无法识别：请写日期（如 2017-09-30、2017年9月底、2017年第三季度），"
                       "或“持续推进”“长期坚持”等不设日期的说法")
NO_DEPARTMENTS = "“{field}”中没有部门名称：“{text}”"
# A start is a day, not a period: "2017年3月" would be ambiguous (the deadline reads it as the month's end).
UNREADABLE_START = "开始日期“{text}”无法识别：请写 2017-01-01 这样的日期"
# A task looked up by its database id that is no longer there: the id means nothing to a clerk.
TASK_GONE = "该任务已不在台账中（可能已被删除），请刷新后再试"

EN.update({
    UNREADABLE_DEADLINE: "the deadline '{text}' cannot be read: write a date (such as 2017-09-30, 2017年9月底, "
                         "2017年第三季度) or an open-ended phrase such as 持续推进 or 长期坚持",
    NO_DEPARTMENTS: "'{field}' names no department: '{text}'",
    UNREADABLE_START: "the start date '{text}' cannot be read: write a date such as 2017-01-01",
    TASK_GONE: "the task is no longer in the ledger (it may have been deleted); refresh and try again",
})


def check_changes(changes: dict[str, object], plan_year: int | None, *,
                  groups: GroupRule = DEFAULT) -> dict[str, object]:
    """``changes`` checked and in the form they are stored; department cells split by ``groups``
    (the ledger's rule, ledger_app.tasks.groups) into units and classes of units."""
    clean: dict[str, object] = {}
    for key, value in changes.items():
        if key == "status":
            if value not in SETTABLE_STATUSES:
                raise LedgerError("状态必须是：{allowed}", allowed="、".join(SETTABLE_STATUSES))
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
                text = check_text(field_label(key), str(value).strip())
                try:
                    clean["deadline"], clean["deadline_text"] = parse_deadline(text, plan_year)
                except DeadlineError as exc:
                    raise LedgerError("完成时限：{message}", message=str(exc)) from None
                if clean["deadline"] is None and not is_open_ended(text):
                    raise LedgerError(UNREADABLE_DEADLINE, text=text)
        elif key in DEPT_FIELDS:
            # A list is explicit (empty clears); text must name at least one department. What a
            # clerk types may mix offices and collective terms: the offices become departments,
            # the terms stay text on the task.
            names = value if isinstance(value, list) else split_departments(value)
            if not isinstance(value, list) and not names:
                raise LedgerError(NO_DEPARTMENTS, field=field_label(key), text=value or "")
            check_text(field_label(key), "、".join(names))
            if (too_long := too_long_name(names)) is not None:
                raise LedgerError(NAME_TOO_LONG, field=field_label(key), **too_long)
            clean[key], classes = groups.split(names)
            clean[GROUP_FIELDS[key]] = join_names(classes)
        elif key in TEXT_FIELDS or key in GROUP_FIELDS.values():
            clean[key] = check_text(field_label(key), str(value or "").strip())
        elif key == "start_date":
            clean[key] = _start_date(value)
        elif key == "area_id":
            clean[key] = value
        elif key == "deadline_text":
            continue  # applied after the loop: it must win over the text derived from a date
        else:
            raise ValueError(f"unknown task field {key!r}")
    if "deadline_text" in changes:
        clean["deadline_text"] = check_text(field_label("deadline_text"), str(changes["deadline_text"] or ""))
    if "title" in clean and not clean["title"]:
        raise LedgerError("任务名称为空")
    return clean


def _start_date(value: object) -> date | None:
    """A date from a date editor, ISO text from a script, or blank; anything else is refused here rather
    than by the database at the commit (a TypeError a clerk could not read)."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LedgerError(UNREADABLE_START, text=text) from None


def field_as_of(session: Session, task: Task, key: str, day: date, later: set[str] | None = None) -> object:
    """One field of ``task`` as of ``day`` (what a change effective that day replaces); ``later``:
    the fields changed effective after that day, if already read."""
    if key in (later if later is not None else timeline.changed_after(session, task.id, [key], day)):
        return timeline.logged_value(session, task.id, key, day)
    return names_of(session, task.id, DEPT_FIELDS[key]) if key in DEPT_FIELDS else getattr(task, key)



EDITABLE = ("title", "content", "measures", "category", "leader", "note", "deadline", "deadline_text", "start_date",
            "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4", "status", "percent", "area_id")


def get_fields(engine: Engine, task_id: int, keys: list[str], as_of: date | None = None) -> dict[str, object]:
    """Current values of ``keys`` (task columns or lead_depts/co_depts) for one task; with
    ``as_of``, the dated ones (status, percent, deadline, start date) as of that day, as the
    task table shows them (ledger_app.tasks.timeline).

    lead_depts/co_depts list the departments followed by the collective terms (各部门…)
    written with them: what the clerk sees and edits, and what an undo puts back."""
    with read_session(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise LedgerError(TASK_GONE)
        values: dict[str, object] = {}
        for key in keys:
            if key in DEPT_FIELDS:
                values[key] = names_of(session, task_id, DEPT_FIELDS[key])
                values[key] += [g for g in getattr(task, GROUP_FIELDS[key]).split("、") if g]
            else:
                values[key] = getattr(task, key)
        if as_of is not None:
            for key in timeline.changed_after(session, task_id, [k for k in keys if k in timeline.DATED], as_of):
                values[key] = timeline.logged_value(session, task_id, key, as_of)
        return values


def department_names(engine: Engine) -> list[str]:
    """The units the editor offers as it completes a name (classes of units are not among them)."""
    with read_session(engine) as session:
        names = session.execute(select(Department.name).order_by(Department.name)).scalars().all()
        return read_rule(session).units_only(names)


def starts_task(status: str, percent: int) -> bool:
    """The one rule for a task not yet started: progress above 0 % recorded by any path — a field edit
    (the table, the detail pane, ``set --percent``), a quarter's report, a department's form — moves
    未启动 to 推进中; 0 % does not. ``status``: the task's status as of the day the percent takes effect."""
    return status == Status.NOT_STARTED and percent > 0
