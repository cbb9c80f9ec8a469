"""The ledger's tables: what the reform plans require a 工作台账 to hold.

Plain SQLModel classes; behaviour lives in the services. Timestamps are aware
UTC datetimes (SQLModel rejects naive ones).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

# The enums live without SQLModel so that the window can use them before the database layer loads.
from ledger_app.enums import (
    MARK_CORRECTION,
    MARK_LATE,
    OUTCOME_APPLIED,
    OUTCOME_REFUSED,
    DeptRole,
    Status,
    SupervisionKind,
)

__all__ = ["MARK_CORRECTION", "MARK_LATE", "OUTCOME_APPLIED", "OUTCOME_REFUSED", "Area", "ChangeLog", "Department",
           "DeptRole", "FormIssue", "Indicator", "IndicatorTask", "IndicatorValue", "Plan", "ProgressReport",
           "ProposalDismissal", "QuarterClose", "QuarterEvent", "Setting", "Status", "SupervisionAction",
           "SupervisionKind", "Task", "TaskDepartment", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _kept(value: str | int):  # noqa: ANN202 - a pydantic FieldInfo, typed as the value for the checkers
    """A default the database also knows (a server default), as the migration that added the
    column gave it: rows written before the column existed, or by hand, get it too."""
    return Field(default=value, sa_column_kwargs={"server_default": str(value)})


class Plan(SQLModel, table=True):
    """改革方案 / 行动计划, e.g. 常州经开区改革创新三年行动计划 (2017—2019)."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(unique=True)
    issuer: str = ""
    period_start: int | None = None
    period_end: int | None = None
    year: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Area(SQLModel, table=True):
    """改革领域, ordered within a plan."""

    __table_args__ = (UniqueConstraint("plan_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False))
    name: str
    position: int = 0


class Department(SQLModel, table=True):
    """部门 / 单位; one row per normalised name, however many tasks name it."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Task(SQLModel, table=True):
    """改革任务."""

    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        Index("ix_task_deadline", "deadline"),
        Index("ix_task_area_id", "area_id"),
        Index("ix_task_plan_position", "plan_id", "position"),
        Index("ix_task_carried_from", "carried_from"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False))
    area_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("area.id", ondelete="SET NULL"), nullable=True)
    )
    code: str
    position: int = 0
    title: str
    content: str = ""
    measures: str = ""
    category: str = ""
    leader: str = ""
    deadline: date | None = None
    deadline_text: str = ""
    start_date: date | None = None
    milestone_q1: str = ""
    milestone_q2: str = ""
    milestone_q3: str = ""
    milestone_q4: str = ""
    # Collective terms written where a department belongs (各部门、相关部门…), 、-separated:
    # shown and printed with the departments, but not departments themselves.
    lead_groups: str = Field(default="", sa_column_kwargs={"server_default": ""})
    co_groups: str = Field(default="", sa_column_kwargs={"server_default": ""})
    note: str = Field(default="", sa_column_kwargs={"server_default": ""})  # 备注
    status: str = Status.NOT_STARTED.value
    percent: int = 0
    # The plan year the task belongs to (a multi-year plan's tasks, next year's carried-over
    # ones); None: the plan's year.
    year: int | None = None
    # The unfinished task of an earlier year this one carries on (结转), if any. No foreign key:
    # deleting the origin leaves its id here, and undoing the deletion (same id) restores the link.
    carried_from: int | None = None
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TaskDepartment(SQLModel, table=True):
    """Who leads (牵头) and who cooperates (配合) on a task, in the order written."""

    __tablename__ = "task_department"
    __table_args__ = (Index("ix_task_department_department_id", "department_id"),)
    task_id: int = Field(
        sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True)
    )
    department_id: int = Field(
        sa_column=Column(Integer, ForeignKey("department.id", ondelete="RESTRICT"), primary_key=True)
    )
    role: str = Field(primary_key=True)
    position: int = 0


class ProgressReport(SQLModel, table=True):
    """季度进展: one report per task and quarter."""

    __tablename__ = "progress_report"
    __table_args__ = (UniqueConstraint("task_id", "year", "quarter"),)
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), nullable=False))
    year: int
    quarter: int
    percent: int = 0
    done: str = ""
    problems: str = ""
    next_steps: str = ""
    reporter: str = ""
    report_date: date | None = None
    # 业务日期: the day the report describes (the quarter's end, or earlier); it counts "as of"
    # that day once its quarter is over. (The column default serves bulk inserts too.)
    effective_on: date = Field(default_factory=date.today, sa_column_kwargs={"default": date.today})
    created_at: datetime = Field(default_factory=utcnow)


class SupervisionAction(SQLModel, table=True):
    """督办: 季度督办 / 专项督查 / 通报批评 / 限期整改 / 问责."""

    __tablename__ = "supervision_action"
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), nullable=False))
    kind: str
    action_date: date
    doc_no: str = _kept("")  # 督办编号, e.g. 督办〔2017〕第3号, for actions that issued a document
    content: str = ""
    rectify_deadline: date | None = None
    result: str = ""
    closed: bool = False
    created_at: datetime = Field(default_factory=utcnow)




class ChangeLog(SQLModel, table=True):
    """Every change to a task. Kept when the task is deleted, so the code is copied."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_task_field_effective", "task_id", "field", "effective_on"),
                      Index("ix_change_log_effective_on", "effective_on"))
    id: int | None = Field(default=None, primary_key=True)
    task_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("task.id", ondelete="SET NULL"), nullable=True, index=True),
    )
    task_code: str = ""
    field: str
    old: str = ""
    new: str = ""
    changed_at: datetime = Field(default_factory=utcnow)  # when it was recorded
    # 业务日期: the day the change took effect; "as of D" counts the changes effective by D.
    effective_on: date = Field(default_factory=date.today, sa_column_kwargs={"default": date.today})
    mark: str = Field(default="", sa_column_kwargs={"server_default": ""})  # "", 补录 or 更正
    reason: str = Field(default="", sa_column_kwargs={"server_default": ""})  # why a 更正 was made
    changed_by: str = ""
    source: str = ""
    version: int | None = None  # the task's version after this change; None before it was recorded
    # "applied", or "refused" for a save based on a version another desk had already replaced
    outcome: str = Field(default=OUTCOME_APPLIED, sa_column_kwargs={"server_default": OUTCOME_APPLIED})


class Setting(SQLModel, table=True):
    """Ledger-wide settings (warning thresholds, organisation name), shared by every desk."""

    key: str = Field(primary_key=True)
    value: str = ""


class IssuedDocument(SQLModel, table=True):
    """A numbered document that left the office: a reprint finds it and prints the same number
    and 成文日期; ``subject`` says what it is about (the quarter and department of a sheet, the
    task and date of a notice)."""

    __tablename__ = "issued_document"
    __table_args__ = (UniqueConstraint("kind", "subject"), UniqueConstraint("kind", "year", "serial"))
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # quarterly-sheet | bulletin | notice | annual
    subject: str
    year: int  # the year in the number: 经开改办〔2017〕3号
    serial: int
    doc_no: str
    title: str = _kept("")
    signed_on: date  # 成文日期
    as_of: date
    pages: int = _kept(0)
    issued_at: datetime = Field(default_factory=utcnow)
    issued_by: str = _kept("")
    # When the document was printed or saved for sending; until then issuing it may be undone
    # (an accepted escalation proposal), after that it has left the office.
    delivered_at: datetime | None = None


class DocumentCounter(SQLModel, table=True):
    """The last number issued per kind of document and year; bumped in the transaction that
    records the issue, so two desks issuing at once get different numbers."""

    __tablename__ = "document_counter"
    kind: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    last: int = _kept(0)


class QuarterClose(SQLModel, table=True):
    """A closed quarter (季度封账): the ledger as it stood at the quarter's end, frozen with the
    documents issued by then, so that every document of the quarter reprints the same."""

    __tablename__ = "quarter_close"
    year: int = Field(primary_key=True)
    quarter: int = Field(primary_key=True)
    closed_at: datetime = Field(default_factory=utcnow)
    closed_by: str = ""
    # zlib-compressed JSON of the snapshot (ledger_app.closing): tasks, progress, supervision,
    # settings and the register of issued documents
    frozen: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    summary: str = ""  # JSON: the quarter's figures for the dashboard's trend


class QuarterEvent(SQLModel, table=True):
    """Who closed or reopened which quarter, when and why."""

    __tablename__ = "quarter_event"
    id: int | None = Field(default=None, primary_key=True)
    year: int
    quarter: int
    action: str  # 封账 | 重新打开
    at: datetime = Field(default_factory=utcnow)
    by: str = ""  # who closed it, or the named person who allowed reopening it
    reason: str = ""
    entered_by: str = ""  # the operator at the desk


class Indicator(SQLModel, table=True):
    """量化指标 of a plan: a target value by a target year (园区工业产值突破千亿元 by 2025), measured
    from a baseline, owned by one department; optionally linked to the plan's tasks."""

    __table_args__ = (UniqueConstraint("plan_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False))
    code: str = _kept("")
    position: int = _kept(0)
    name: str
    unit: str = _kept("")
    area: str = _kept("")
    direction: str = _kept(">=")  # ">=": at least the target (产值、平台数); "<=": at most (能耗、员额)
    baseline: float | None = None
    baseline_year: int | None = None
    target: float
    target_year: int
    # Intermediate targets "2023:780；2024:890" (year:value); empty: linear from baseline to target
    path: str = _kept("")
    department_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("department.id", ondelete="SET NULL"), nullable=True)
    )
    co_depts: str = _kept("")  # other departments named with the owner, 、-separated
    note: str = _kept("")
    version: int = _kept(1)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class IndicatorTask(SQLModel, table=True):
    """Which tasks serve an indicator."""

    __tablename__ = "indicator_task"
    indicator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True)
    )
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True))


class IndicatorValue(SQLModel, table=True):
    """An indicator's actual value for a quarter (1–4) or a whole year (quarter 0)."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "quarter"),)
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(
        sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="CASCADE"), nullable=False)
    )
    year: int
    quarter: int = _kept(0)
    value: float
    note: str = _kept("")
    reporter: str = _kept("")
    source: str = _kept("")
    report_date: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class ProposalDismissal(SQLModel, table=True):
    """A supervision step the ledger proposed and the clerk turned down, with the reason: not
    proposed again for the same task, step and quarter."""

    __tablename__ = "proposal_dismissal"
    __table_args__ = (UniqueConstraint("task_id", "step", "year", "quarter"),)
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), nullable=False))
    step: str
    year: int
    quarter: int
    reason: str
    dismissed_by: str = _kept("")
    dismissed_at: datetime = Field(default_factory=utcnow)


class FormIssue(SQLModel, table=True):
    """A fill-in form sent to a department for a quarter, and when it came back (merged)."""

    __tablename__ = "form_issue"
    form_id: str = Field(primary_key=True)
    dept: str
    year: int
    quarter: int
    issued_at: datetime = Field(default_factory=utcnow)
    returned_at: datetime | None = None
