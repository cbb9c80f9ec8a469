"""The ledger's tables: what the reform plans require a 工作台账 to hold, in SQLAlchemy Core.

The schema is written here once. The ORM classes in ``ledger_app.store.models`` are mapped onto these
very tables, so a Core query (``task.c.status``) and an ORM one (``Task.status``) name the same
columns and can be mixed; reading commands (``list``, ``show``) use only this module and so never
load the ORM, SQLModel or pydantic (a third of a second at every start). Timestamps are aware
UTC datetimes; a naive one is refused when written.

Python-side defaults (``default=``) serve inserts from the ORM and from Core alike; server
defaults (``server_default=``) are the ones the migrations gave, for rows written before the
column existed or by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
)

from ledger_app.store.enums import OUTCOME_APPLIED, Status


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes, stored and returned in UTC (SQLite keeps them without an offset)."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("datetimes written to the ledger must be aware (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


metadata = MetaData()


def _text(name: str, kept: bool = False) -> Column:
    """A text column that is never NULL, empty by default; ``kept``: the database knows the
    default too (the migration that added the column gave it)."""
    return Column(name, String, nullable=False, default="", **({"server_default": ""} if kept else {}))


def _number(name: str, value: int = 0, kept: bool = False) -> Column:
    return Column(name, Integer, nullable=False, default=value, **({"server_default": str(value)} if kept else {}))


def _stamp(name: str) -> Column:
    """When the row was written."""
    return Column(name, UTCDateTime, nullable=False, default=utcnow)


def _parent(name: str, target: str, ondelete: str, **kwargs: object) -> Column:
    return Column(name, Integer, ForeignKey(target, ondelete=ondelete), **kwargs)


# 改革方案 / 行动计划, e.g. 常州经开区改革创新三年行动计划 (2017—2019).
plan = Table(
    "plan", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String, nullable=False, unique=True),
    _text("issuer"),
    Column("period_start", Integer),
    Column("period_end", Integer),
    Column("year", Integer),
    _stamp("created_at"),
)

# 改革领域, ordered within a plan.
area = Table(
    "area", metadata,
    Column("id", Integer, primary_key=True),
    _parent("plan_id", "plan.id", "CASCADE", nullable=False),
    Column("name", String, nullable=False),
    _number("position"),
    UniqueConstraint("plan_id", "name"),
)

# 部门 / 单位: one row per normalised name, however many tasks name it.
department = Table(
    "department", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
)

# 改革任务.
task = Table(
    "task", metadata,
    Column("id", Integer, primary_key=True),
    _parent("plan_id", "plan.id", "CASCADE", nullable=False),
    _parent("area_id", "area.id", "SET NULL"),
    Column("code", String, nullable=False),
    _number("position"),
    Column("title", String, nullable=False),
    _text("content"),
    _text("measures"),
    _text("category"),
    _text("leader"),
    Column("deadline", Date),
    _text("deadline_text"),
    Column("start_date", Date),
    _text("milestone_q1"),
    _text("milestone_q2"),
    _text("milestone_q3"),
    _text("milestone_q4"),
    # Collective terms written where a department belongs (各部门、相关部门…), 、-separated:
    # shown and printed with the departments, but not departments themselves.
    _text("lead_groups", kept=True),
    _text("co_groups", kept=True),
    _text("note", kept=True),  # 备注
    Column("status", String, nullable=False, default=Status.NOT_STARTED.value),
    _number("percent"),
    # The plan year the task belongs to (a multi-year plan's tasks, next year's carried-over
    # ones); NULL: the plan's year.
    Column("year", Integer),
    # The unfinished task of an earlier year this one carries on (结转), if any. No foreign key:
    # deleting the origin leaves its id here, and undoing the deletion (same id) restores the link.
    Column("carried_from", Integer),
    _number("version", 1),
    _stamp("created_at"),
    _stamp("updated_at"),
    UniqueConstraint("plan_id", "code"),
    Index("ix_task_area_id", "area_id"),
    Index("ix_task_carried_from", "carried_from"),
    Index("ix_task_deadline", "deadline"),
    Index("ix_task_plan_position", "plan_id", "position"),
)

# Who leads (牵头) and who cooperates (配合) on a task, in the order written.
task_department = Table(
    "task_department", metadata,
    _parent("task_id", "task.id", "CASCADE", primary_key=True),
    _parent("department_id", "department.id", "RESTRICT", primary_key=True),
    Column("role", String, primary_key=True),
    _number("position"),
    Index("ix_task_department_department_id", "department_id"),
)

# 季度进展: one report per task and quarter.
progress_report = Table(
    "progress_report", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "CASCADE", nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    _number("percent"),
    _text("done"),
    _text("problems"),
    _text("next_steps"),
    _text("reporter"),
    Column("report_date", Date),
    # 业务日期: the day the report describes (the quarter's end, or earlier); it counts "as of"
    # that day once its quarter is over.
    Column("effective_on", Date, nullable=False, default=date.today),
    _stamp("created_at"),
    UniqueConstraint("task_id", "year", "quarter"),
    # The newest report effective by a day (最新进展, and sorting by it) found in the index alone
    # (migration 0014; tests/test_query_plans.py keeps the table's queries on it).
    Index("ix_progress_report_task_latest", "task_id", "year", "quarter", "effective_on"),
)

# 督办: 季度督办 / 专项督查 / 通报批评 / 限期整改 / 问责.
supervision_action = Table(
    "supervision_action", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "CASCADE", nullable=False),
    Column("kind", String, nullable=False),
    Column("action_date", Date, nullable=False),
    _text("doc_no", kept=True),  # 督办编号, e.g. 督办〔2017〕第3号, for actions that issued a document
    _text("content"),
    Column("rectify_deadline", Date),
    _text("result"),
    Column("closed", Boolean, nullable=False, default=False),
    _stamp("created_at"),
)

# Every change to a task. Kept when the task is deleted, so the code is copied.
change_log = Table(
    "change_log", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "SET NULL", index=True),
    _text("task_code"),
    Column("field", String, nullable=False),
    _text("old"),
    _text("new"),
    _stamp("changed_at"),  # when it was recorded
    # 业务日期: the day the change took effect; "as of D" counts the changes effective by D.
    Column("effective_on", Date, nullable=False, default=date.today),
    _text("mark", kept=True),  # "", 补录 or 更正
    _text("reason", kept=True),  # why a 更正 was made
    _text("changed_by"),
    _text("source"),
    Column("version", Integer),  # the task's version after this change; NULL before it was recorded
    # "applied", or "refused" for a save based on a version another desk had already replaced
    Column("outcome", String, nullable=False, default=OUTCOME_APPLIED, server_default=OUTCOME_APPLIED),
    Index("ix_change_log_effective_on", "effective_on"),
    Index("ix_change_log_task_field_effective", "task_id", "field", "effective_on"),
    # "changed effective after D?" by field: the date index alone visits every later 创建 entry
    Index("ix_change_log_field_effective", "field", "effective_on"),
)

# Ledger-wide settings (warning thresholds, organisation name), shared by every desk.
setting = Table(
    "setting", metadata,
    Column("key", String, primary_key=True),
    _text("value"),
)

# A numbered document that left the office: a reprint finds it and prints the same number and
# 成文日期; ``subject`` says what it is about (the quarter and department of a sheet, the task and
# date of a notice).
issued_document = Table(
    "issued_document", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),  # quarterly-sheet | bulletin | notice | annual
    Column("subject", String, nullable=False),
    Column("year", Integer, nullable=False),  # the year in the number: 经开改办〔2017〕3号
    Column("serial", Integer, nullable=False),
    Column("doc_no", String, nullable=False),
    _text("title", kept=True),
    Column("signed_on", Date, nullable=False),  # 成文日期
    Column("as_of", Date, nullable=False),
    _number("pages", kept=True),
    _stamp("issued_at"),
    _text("issued_by", kept=True),
    # When the document was printed or saved for sending; until then issuing it may be undone
    # (an accepted escalation proposal), after that it has left the office.
    Column("delivered_at", UTCDateTime),
    # The PDF it was delivered as, kept in the evidence store (one content, chunked, SHA-256): a
    # reprint writes these bytes, whatever was entered since. A quarter's sheets delivered in one
    # file name the same content. NULL: held, or issued before the bytes were kept (0013).
    _parent("blob_id", "evidence_blob.id", "RESTRICT"),
    UniqueConstraint("kind", "subject"),
    UniqueConstraint("kind", "year", "serial"),
)

# The last number issued per kind of document and year; bumped in the transaction that records
# the issue, so two desks issuing at once get different numbers.
document_counter = Table(
    "document_counter", metadata,
    Column("kind", String, primary_key=True),
    Column("year", Integer, primary_key=True),
    _number("last", kept=True),
)

# A closed quarter (季度封账): the ledger as it stood at the quarter's end, frozen with the
# documents issued by then, so that every document of the quarter reprints the same.
quarter_close = Table(
    "quarter_close", metadata,
    Column("year", Integer, primary_key=True),
    Column("quarter", Integer, primary_key=True),
    _stamp("closed_at"),
    _text("closed_by"),
    # zlib-compressed JSON of the snapshot (ledger_app.periods.closing): tasks, progress, supervision,
    # settings and the register of issued documents
    Column("frozen", LargeBinary, nullable=False),
    _text("summary"),  # JSON: the quarter's figures for the dashboard's trend
)

# Who closed or reopened which quarter, when and why.
quarter_event = Table(
    "quarter_event", metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("action", String, nullable=False),  # 封账 | 重新打开
    _stamp("at"),
    _text("by"),  # who closed it, or the named person who allowed reopening it
    _text("reason"),
    _text("entered_by"),  # the operator at the desk
)

# 量化指标 of a plan: a target value by a target year (园区工业产值突破千亿元 by 2025), measured
# from a baseline, owned by one department; optionally linked to the plan's tasks.
indicator = Table(
    "indicator", metadata,
    Column("id", Integer, primary_key=True),
    _parent("plan_id", "plan.id", "CASCADE", nullable=False),
    _text("code", kept=True),
    _number("position", kept=True),
    Column("name", String, nullable=False),
    _text("unit", kept=True),
    _text("area", kept=True),
    # ">=": at least the target (产值、平台数); "<=": at most (能耗、员额)
    Column("direction", String, nullable=False, default=">=", server_default=">="),
    Column("baseline", Float),
    Column("baseline_year", Integer),
    Column("target", Float, nullable=False),
    Column("target_year", Integer, nullable=False),
    # Intermediate targets "2023:780；2024:890" (year:value); empty: linear from baseline to target
    _text("path", kept=True),
    _parent("department_id", "department.id", "SET NULL"),
    _text("co_depts", kept=True),  # other departments named with the owner, 、-separated
    _text("note", kept=True),
    _number("version", 1, kept=True),
    _stamp("created_at"),
    _stamp("updated_at"),
    UniqueConstraint("plan_id", "name"),
)

# Which tasks serve an indicator.
indicator_task = Table(
    "indicator_task", metadata,
    _parent("indicator_id", "indicator.id", "CASCADE", primary_key=True),
    _parent("task_id", "task.id", "CASCADE", primary_key=True),
)

# An indicator's actual value for a quarter (1–4) or a whole year (quarter 0).
indicator_value = Table(
    "indicator_value", metadata,
    Column("id", Integer, primary_key=True),
    _parent("indicator_id", "indicator.id", "CASCADE", nullable=False),
    Column("year", Integer, nullable=False),
    _number("quarter", kept=True),
    Column("value", Float, nullable=False),
    _text("note", kept=True),
    _text("reporter", kept=True),
    _text("source", kept=True),
    Column("report_date", Date),
    _stamp("created_at"),
    UniqueConstraint("indicator_id", "year", "quarter"),
)

# A supervision step the ledger proposed and the clerk turned down, with the reason: not
# proposed again for the same task, step and quarter.
proposal_dismissal = Table(
    "proposal_dismissal", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "CASCADE", nullable=False),
    Column("step", String, nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("reason", String, nullable=False),
    _text("dismissed_by", kept=True),
    _stamp("dismissed_at"),
    UniqueConstraint("task_id", "step", "year", "quarter"),
)

# A fill-in form sent to a department for a quarter, and when it came back (merged).
form_issue = Table(
    "form_issue", metadata,
    Column("form_id", String, primary_key=True),
    Column("dept", String, nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    _stamp("issued_at"),
    Column("returned_at", UTCDateTime),
)


# 佐证材料 (evidence) are kept in the ledger itself, on SQLite and PostgreSQL alike, so that a
# backup, a restore and a move to the server carry them (ledger_app/evidence).
#
# The content of a file: one row per distinct content, named by its SHA-256, however many
# attachments name it; written once, in the transaction that first attaches it, and never changed.
# Listing attachments reads this row (never the chunks): type, size, pages, the image's thumbnail.
# The chunks hang on the row's number, not on the hash: the bytes are stored and hashed in one pass,
# under the number, and the row takes its hash when the last chunk is in (still one transaction).
evidence_blob = Table(
    "evidence_blob", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String, nullable=False, unique=True),  # 64 lowercase hex digits
    Column("size", BigInteger, nullable=False),  # bytes
    Column("kind", String, nullable=False),  # the type told from the content: pdf, ofd, png, docx, xls, wps…
    Column("pages", Integer),  # a PDF's pages when they could be counted
    Column("chunks", Integer, nullable=False),
    Column("thumbnail", LargeBinary),  # a small PNG of an image, for the evidence list
    _stamp("stored_at"),
)

# The bytes of a content, in chunks of 1 MiB in order (seq from 0), so that neither storing nor
# reading a 50 MB file holds it in memory, and a backup or a move streams it.
evidence_chunk = Table(
    "evidence_chunk", metadata,
    _parent("blob_id", "evidence_blob.id", "CASCADE", primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# 申请销号: a unit reports a task finished, with the day (业务日期) and what was done, and the
# office decides: 销号 (the task becomes 已完成 on the decision's day) or 退回 (with the reason and
# what is missing). ``outcome`` "" is a claim still waiting (待销号); 撤回 is a claim taken back
# (its entry undone), kept so that the undo can be undone.
closure_claim = Table(
    "closure_claim", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "CASCADE", nullable=False),
    Column("claimed_on", Date, nullable=False),  # 业务日期 of the claim
    _text("summary"),  # 办结情况
    _text("unit"),  # 申报单位
    _text("claimed_by"),  # who entered it
    _text("source"),  # 窗口 / 命令行 / the form it came on
    _text("mark"),  # "", 补录 or 更正
    _text("reason"),  # why a 更正 was made
    _stamp("created_at"),
    _text("outcome"),  # "" | 销号 | 退回 | 撤回
    Column("decided_on", Date),  # 业务日期 of the decision
    _text("decided_by"),
    _text("opinion"),  # 复核意见; for a 退回 its reason
    _text("missing"),  # 退回: what the unit still has to provide
    Column("decided_at", UTCDateTime),
    Index("ix_closure_claim_task_id", "task_id"),
)

# A file attached to a task as evidence (with the claim it came with, if any): its original name,
# who added it and when. Removing it is a change like any other: ``removed_at`` is set and the row
# kept (undo clears it); the bytes go only when no row names their content any more.
evidence_file = Table(
    "evidence_file", metadata,
    Column("id", Integer, primary_key=True),
    _parent("task_id", "task.id", "CASCADE", nullable=False),
    _parent("claim_id", "closure_claim.id", "CASCADE"),
    _parent("blob_id", "evidence_blob.id", "RESTRICT", nullable=False),
    Column("name", String, nullable=False),  # the file's name as it came (合同.pdf)
    _text("added_by"),
    _text("source"),
    _stamp("added_at"),
    Column("removed_at", UTCDateTime),
    _text("removed_by"),
    Index("ix_evidence_file_task_id", "task_id"),
    Index("ix_evidence_file_claim_id", "claim_id"),
    Index("ix_evidence_file_blob_id", "blob_id"),
)
