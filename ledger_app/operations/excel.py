"""Operations that take Excel in or send it out: import a task table, issue the departments' fill-in
forms, merge the returned ones. Each writes under ledger_app.exchange's own transaction rules (the
import in bulk statements, the merge rechecking every version where it writes, a backup before it);
the window and the command line call them here, never exchange's writing modules themselves
(import-linter's ``exchange-writes`` contract). Not undoable in the window; every view reloads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_app.operations.changes import OpChanges, OpResult

if TYPE_CHECKING:  # loaded when used: a plain table's import loads no ORM (nor openpyxl before it must)
    from sqlalchemy import Engine

    from ledger_app.exchange.forms.merge import Answer
    from ledger_app.exchange.importing.parse import ParsedTable

Progress = Callable[[int, int], None]


def import_table(engine: Engine, table: ParsedTable, plan_title: str, *, user: str, dry_run: bool = False,
                 progress: Progress | None = None) -> OpResult:
    """Write a parsed task table into the plan titled ``plan_title`` in one transaction (a dry run
    rolls back); the value is the import's summary (ImportResult)."""
    from ledger_app.exchange.importing.apply import write_table

    result = write_table(engine, table, plan_title, user=user, dry_run=dry_run, progress=progress)
    return OpResult(OpChanges() if dry_run else OpChanges.everything(), value=result)


def issue_forms(engine: Engine, year: int, quarter: int, folder: Path, depts: list[str] | None = None,
                plan: str | None = None) -> OpResult:
    """Write one fill-in form per lead department (those named, else all) into ``folder`` and
    register them as out (今日提醒 names the departments whose forms have not come back); the
    value is the forms written."""
    from ledger_app.exchange.forms.workbook import issue_forms as write_forms

    issued = write_forms(engine, year, quarter, folder, depts, plan)
    return OpResult(OpChanges(forms=True), value=issued)


def merge_forms(engine: Engine, answers: list[Answer], *, user: str) -> OpResult:
    """Write the accepted, conflict-free answers of returned forms in one transaction (after a
    backup), the forms marked returned; the value is how many tasks and indicators changed."""
    from ledger_app.exchange.forms.apply import apply_answers

    return OpResult(OpChanges.everything(), value=apply_answers(engine, answers, user=user))
