"""The ORM classes the services write the ledger with, mapped onto the tables of
``ledger_app.store.schema`` (where the schema, its defaults and its comments are written, once).

Plain SQLModel classes; behaviour lives in the services. Each attribute is the table's own
column, with the column's default; a test checks that every column has its attribute.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table
from sqlmodel import Field, SQLModel

from db.bulk import python_default
from ledger_app.store import schema

# The enums live without SQLModel so that the window can use them before the database layer loads.
from ledger_app.store.enums import (
    MARK_CORRECTION,
    MARK_LATE,
    OUTCOME_APPLIED,
    OUTCOME_REFUSED,
    DeptRole,
    Status,
    SupervisionKind,
)
from ledger_app.store.schema import utcnow

__all__ = ["MARK_CORRECTION", "MARK_LATE", "OUTCOME_APPLIED", "OUTCOME_REFUSED", "Area", "ChangeLog", "ClosureClaim",
           "Department", "DeptRole", "DocumentCounter", "EvidenceBlob", "EvidenceChunk", "EvidenceFile", "FormIssue",
           "Indicator", "IndicatorTask", "IndicatorValue",
           "IssuedDocument", "Plan", "ProgressReport", "ProposalDismissal", "QuarterClose", "QuarterEvent", "Setting",
           "Status", "SupervisionAction", "SupervisionKind", "Task", "TaskDepartment", "utcnow"]


def _on(table: Table, name: str) -> Any:  # noqa: ANN401 - a pydantic FieldInfo, typed as the value
    """The attribute over ``table``'s column ``name``: the column itself, and its default for
    objects made in Python (None for NULL-able columns and the table's own row number)."""
    column = table.c[name]
    make = python_default(column)
    if make is not None and column.default.is_callable:
        return Field(default_factory=make, sa_column=column)
    if make is not None:
        return Field(default=make(), sa_column=column)
    if column.nullable or table.autoincrement_column is column:
        return Field(default=None, sa_column=column)
    return Field(sa_column=column)


class Plan(SQLModel, table=True):
    """改革方案 / 行动计划, e.g. 常州经开区改革创新三年行动计划 (2017—2019)."""

    __table__ = schema.plan
    id: int | None = _on(schema.plan, "id")
    title: str = _on(schema.plan, "title")
    issuer: str = _on(schema.plan, "issuer")
    period_start: int | None = _on(schema.plan, "period_start")
    period_end: int | None = _on(schema.plan, "period_end")
    year: int | None = _on(schema.plan, "year")
    created_at: datetime = _on(schema.plan, "created_at")


class Area(SQLModel, table=True):
    """改革领域, ordered within a plan."""

    __table__ = schema.area
    id: int | None = _on(schema.area, "id")
    plan_id: int = _on(schema.area, "plan_id")
    name: str = _on(schema.area, "name")
    position: int = _on(schema.area, "position")


class Department(SQLModel, table=True):
    """部门 / 单位; one row per normalised name, however many tasks name it."""

    __table__ = schema.department
    id: int | None = _on(schema.department, "id")
    name: str = _on(schema.department, "name")


class Task(SQLModel, table=True):
    """改革任务."""

    __table__ = schema.task
    id: int | None = _on(schema.task, "id")
    plan_id: int = _on(schema.task, "plan_id")
    area_id: int | None = _on(schema.task, "area_id")
    code: str = _on(schema.task, "code")
    position: int = _on(schema.task, "position")
    title: str = _on(schema.task, "title")
    content: str = _on(schema.task, "content")
    measures: str = _on(schema.task, "measures")
    category: str = _on(schema.task, "category")
    leader: str = _on(schema.task, "leader")
    deadline: date | None = _on(schema.task, "deadline")
    deadline_text: str = _on(schema.task, "deadline_text")
    start_date: date | None = _on(schema.task, "start_date")
    milestone_q1: str = _on(schema.task, "milestone_q1")
    milestone_q2: str = _on(schema.task, "milestone_q2")
    milestone_q3: str = _on(schema.task, "milestone_q3")
    milestone_q4: str = _on(schema.task, "milestone_q4")
    lead_groups: str = _on(schema.task, "lead_groups")
    co_groups: str = _on(schema.task, "co_groups")
    note: str = _on(schema.task, "note")
    status: str = _on(schema.task, "status")
    percent: int = _on(schema.task, "percent")
    year: int | None = _on(schema.task, "year")
    carried_from: int | None = _on(schema.task, "carried_from")
    version: int = _on(schema.task, "version")
    created_at: datetime = _on(schema.task, "created_at")
    updated_at: datetime = _on(schema.task, "updated_at")


class TaskDepartment(SQLModel, table=True):
    """Who leads (牵头) and who cooperates (配合) on a task, in the order written."""

    __table__ = schema.task_department
    task_id: int = _on(schema.task_department, "task_id")
    department_id: int = _on(schema.task_department, "department_id")
    role: str = _on(schema.task_department, "role")
    position: int = _on(schema.task_department, "position")


class ProgressReport(SQLModel, table=True):
    """季度进展: one report per task and quarter."""

    __table__ = schema.progress_report
    id: int | None = _on(schema.progress_report, "id")
    task_id: int = _on(schema.progress_report, "task_id")
    year: int = _on(schema.progress_report, "year")
    quarter: int = _on(schema.progress_report, "quarter")
    percent: int = _on(schema.progress_report, "percent")
    done: str = _on(schema.progress_report, "done")
    problems: str = _on(schema.progress_report, "problems")
    next_steps: str = _on(schema.progress_report, "next_steps")
    reporter: str = _on(schema.progress_report, "reporter")
    report_date: date | None = _on(schema.progress_report, "report_date")
    effective_on: date = _on(schema.progress_report, "effective_on")
    created_at: datetime = _on(schema.progress_report, "created_at")


class SupervisionAction(SQLModel, table=True):
    """督办: 季度督办 / 专项督查 / 通报批评 / 限期整改 / 问责."""

    __table__ = schema.supervision_action
    id: int | None = _on(schema.supervision_action, "id")
    task_id: int = _on(schema.supervision_action, "task_id")
    kind: str = _on(schema.supervision_action, "kind")
    action_date: date = _on(schema.supervision_action, "action_date")
    doc_no: str = _on(schema.supervision_action, "doc_no")
    content: str = _on(schema.supervision_action, "content")
    rectify_deadline: date | None = _on(schema.supervision_action, "rectify_deadline")
    result: str = _on(schema.supervision_action, "result")
    closed: bool = _on(schema.supervision_action, "closed")
    created_at: datetime = _on(schema.supervision_action, "created_at")


class ChangeLog(SQLModel, table=True):
    """Every change to a task. Kept when the task is deleted, so the code is copied."""

    __table__ = schema.change_log
    id: int | None = _on(schema.change_log, "id")
    task_id: int | None = _on(schema.change_log, "task_id")
    task_code: str = _on(schema.change_log, "task_code")
    field: str = _on(schema.change_log, "field")
    old: str = _on(schema.change_log, "old")
    new: str = _on(schema.change_log, "new")
    changed_at: datetime = _on(schema.change_log, "changed_at")
    effective_on: date = _on(schema.change_log, "effective_on")
    mark: str = _on(schema.change_log, "mark")
    reason: str = _on(schema.change_log, "reason")
    changed_by: str = _on(schema.change_log, "changed_by")
    source: str = _on(schema.change_log, "source")
    version: int | None = _on(schema.change_log, "version")
    outcome: str = _on(schema.change_log, "outcome")


class Setting(SQLModel, table=True):
    """Ledger-wide settings (warning thresholds, organisation name), shared by every desk."""

    __table__ = schema.setting
    key: str = _on(schema.setting, "key")
    value: str = _on(schema.setting, "value")


class IssuedDocument(SQLModel, table=True):
    """A numbered document that left the office."""

    __table__ = schema.issued_document
    id: int | None = _on(schema.issued_document, "id")
    kind: str = _on(schema.issued_document, "kind")
    subject: str = _on(schema.issued_document, "subject")
    year: int = _on(schema.issued_document, "year")
    serial: int = _on(schema.issued_document, "serial")
    doc_no: str = _on(schema.issued_document, "doc_no")
    title: str = _on(schema.issued_document, "title")
    signed_on: date = _on(schema.issued_document, "signed_on")
    as_of: date = _on(schema.issued_document, "as_of")
    pages: int = _on(schema.issued_document, "pages")
    issued_at: datetime = _on(schema.issued_document, "issued_at")
    issued_by: str = _on(schema.issued_document, "issued_by")
    delivered_at: datetime | None = _on(schema.issued_document, "delivered_at")
    blob_id: int | None = _on(schema.issued_document, "blob_id")  # the delivered PDF (evidence_blob)


class DocumentCounter(SQLModel, table=True):
    """The last number issued per kind of document and year."""

    __table__ = schema.document_counter
    kind: str = _on(schema.document_counter, "kind")
    year: int = _on(schema.document_counter, "year")
    last: int = _on(schema.document_counter, "last")


class QuarterClose(SQLModel, table=True):
    """A closed quarter (季度封账)."""

    __table__ = schema.quarter_close
    year: int = _on(schema.quarter_close, "year")
    quarter: int = _on(schema.quarter_close, "quarter")
    closed_at: datetime = _on(schema.quarter_close, "closed_at")
    closed_by: str = _on(schema.quarter_close, "closed_by")
    frozen: bytes = _on(schema.quarter_close, "frozen")
    summary: str = _on(schema.quarter_close, "summary")


class QuarterEvent(SQLModel, table=True):
    """Who closed or reopened which quarter, when and why."""

    __table__ = schema.quarter_event
    id: int | None = _on(schema.quarter_event, "id")
    year: int = _on(schema.quarter_event, "year")
    quarter: int = _on(schema.quarter_event, "quarter")
    action: str = _on(schema.quarter_event, "action")
    at: datetime = _on(schema.quarter_event, "at")
    by: str = _on(schema.quarter_event, "by")
    reason: str = _on(schema.quarter_event, "reason")
    entered_by: str = _on(schema.quarter_event, "entered_by")


class Indicator(SQLModel, table=True):
    """量化指标 of a plan."""

    __table__ = schema.indicator
    id: int | None = _on(schema.indicator, "id")
    plan_id: int = _on(schema.indicator, "plan_id")
    code: str = _on(schema.indicator, "code")
    position: int = _on(schema.indicator, "position")
    name: str = _on(schema.indicator, "name")
    unit: str = _on(schema.indicator, "unit")
    area: str = _on(schema.indicator, "area")
    direction: str = _on(schema.indicator, "direction")
    baseline: float | None = _on(schema.indicator, "baseline")
    baseline_year: int | None = _on(schema.indicator, "baseline_year")
    target: float = _on(schema.indicator, "target")
    target_year: int = _on(schema.indicator, "target_year")
    path: str = _on(schema.indicator, "path")
    department_id: int | None = _on(schema.indicator, "department_id")
    co_depts: str = _on(schema.indicator, "co_depts")
    note: str = _on(schema.indicator, "note")
    version: int = _on(schema.indicator, "version")
    created_at: datetime = _on(schema.indicator, "created_at")
    updated_at: datetime = _on(schema.indicator, "updated_at")


class IndicatorTask(SQLModel, table=True):
    """Which tasks serve an indicator."""

    __table__ = schema.indicator_task
    indicator_id: int = _on(schema.indicator_task, "indicator_id")
    task_id: int = _on(schema.indicator_task, "task_id")


class IndicatorValue(SQLModel, table=True):
    """An indicator's actual value for a quarter (1–4) or a whole year (quarter 0)."""

    __table__ = schema.indicator_value
    id: int | None = _on(schema.indicator_value, "id")
    indicator_id: int = _on(schema.indicator_value, "indicator_id")
    year: int = _on(schema.indicator_value, "year")
    quarter: int = _on(schema.indicator_value, "quarter")
    value: float = _on(schema.indicator_value, "value")
    note: str = _on(schema.indicator_value, "note")
    reporter: str = _on(schema.indicator_value, "reporter")
    source: str = _on(schema.indicator_value, "source")
    report_date: date | None = _on(schema.indicator_value, "report_date")
    created_at: datetime = _on(schema.indicator_value, "created_at")


class ProposalDismissal(SQLModel, table=True):
    """A supervision step the ledger proposed and the clerk turned down, with the reason."""

    __table__ = schema.proposal_dismissal
    id: int | None = _on(schema.proposal_dismissal, "id")
    task_id: int = _on(schema.proposal_dismissal, "task_id")
    step: str = _on(schema.proposal_dismissal, "step")
    year: int = _on(schema.proposal_dismissal, "year")
    quarter: int = _on(schema.proposal_dismissal, "quarter")
    reason: str = _on(schema.proposal_dismissal, "reason")
    dismissed_by: str = _on(schema.proposal_dismissal, "dismissed_by")
    dismissed_at: datetime = _on(schema.proposal_dismissal, "dismissed_at")


class FormIssue(SQLModel, table=True):
    """A fill-in form sent to a department for a quarter, and when it came back (merged)."""

    __table__ = schema.form_issue
    form_id: str = _on(schema.form_issue, "form_id")
    dept: str = _on(schema.form_issue, "dept")
    year: int = _on(schema.form_issue, "year")
    quarter: int = _on(schema.form_issue, "quarter")
    issued_at: datetime = _on(schema.form_issue, "issued_at")
    returned_at: datetime | None = _on(schema.form_issue, "returned_at")


class EvidenceBlob(SQLModel, table=True):
    """The content of an evidence file, known by its SHA-256; never changed."""

    __table__ = schema.evidence_blob
    id: int | None = _on(schema.evidence_blob, "id")
    sha256: str = _on(schema.evidence_blob, "sha256")
    size: int = _on(schema.evidence_blob, "size")
    kind: str = _on(schema.evidence_blob, "kind")
    pages: int | None = _on(schema.evidence_blob, "pages")
    chunks: int = _on(schema.evidence_blob, "chunks")
    thumbnail: bytes | None = _on(schema.evidence_blob, "thumbnail")
    stored_at: datetime = _on(schema.evidence_blob, "stored_at")


class EvidenceChunk(SQLModel, table=True):
    """One MiB of a content, in order."""

    __table__ = schema.evidence_chunk
    blob_id: int = _on(schema.evidence_chunk, "blob_id")
    seq: int = _on(schema.evidence_chunk, "seq")
    data: bytes = _on(schema.evidence_chunk, "data")


class ClosureClaim(SQLModel, table=True):
    """申请销号 and the office's decision on it."""

    __table__ = schema.closure_claim
    id: int | None = _on(schema.closure_claim, "id")
    task_id: int = _on(schema.closure_claim, "task_id")
    claimed_on: date = _on(schema.closure_claim, "claimed_on")
    summary: str = _on(schema.closure_claim, "summary")
    unit: str = _on(schema.closure_claim, "unit")
    claimed_by: str = _on(schema.closure_claim, "claimed_by")
    source: str = _on(schema.closure_claim, "source")
    mark: str = _on(schema.closure_claim, "mark")
    reason: str = _on(schema.closure_claim, "reason")
    created_at: datetime = _on(schema.closure_claim, "created_at")
    outcome: str = _on(schema.closure_claim, "outcome")
    decided_on: date | None = _on(schema.closure_claim, "decided_on")
    decided_by: str = _on(schema.closure_claim, "decided_by")
    opinion: str = _on(schema.closure_claim, "opinion")
    missing: str = _on(schema.closure_claim, "missing")
    decided_at: datetime | None = _on(schema.closure_claim, "decided_at")


class EvidenceFile(SQLModel, table=True):
    """A file attached to a task as evidence."""

    __table__ = schema.evidence_file
    id: int | None = _on(schema.evidence_file, "id")
    task_id: int = _on(schema.evidence_file, "task_id")
    claim_id: int | None = _on(schema.evidence_file, "claim_id")
    blob_id: int = _on(schema.evidence_file, "blob_id")
    name: str = _on(schema.evidence_file, "name")
    added_by: str = _on(schema.evidence_file, "added_by")
    source: str = _on(schema.evidence_file, "source")
    added_at: datetime = _on(schema.evidence_file, "added_at")
    removed_at: datetime | None = _on(schema.evidence_file, "removed_at")
    removed_by: str = _on(schema.evidence_file, "removed_by")
