"""The ledger's fixed vocabularies (plain enums, importable without SQLModel)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    SUSPENDED = "暂缓"
    CANCELLED = "已取消"
    # Unfinished at the end of its plan year and carried over (结转) into next year's plan as a
    # new task: set only by the carry-over, out of the schedule like a cancelled task.
    CARRIED = "已结转"


# What a clerk may set (the window's combos, `set --status`, the forms' answers, the export's list): every
# status but 已结转, which only the carry-over into next year's plan sets (ledger_app/periods/carry_over.py).
SETTABLE_STATUSES = tuple(s.value for s in Status if s is not Status.CARRIED)


class DeptRole(StrEnum):
    LEAD = "lead"
    CO = "co"


class SupervisionKind(StrEnum):
    QUARTERLY = "季度督办"
    SPECIAL = "专项督查"
    CRITICISM = "通报批评"
    RECTIFY = "限期整改"
    ACCOUNTABILITY = "问责"
    # Steps the ledger proposes before a document (ledger_app/supervision/escalation.py)
    REMINDER = "临近提醒"
    URGE = "催办"


OUTCOME_APPLIED = "applied"
OUTCOME_REFUSED = "refused"
# How a change entered with an earlier 业务日期 is marked: 补录 while its quarter is open,
# 更正 (with a reason) once the quarter has been closed.
MARK_LATE = "补录"
MARK_CORRECTION = "更正"
