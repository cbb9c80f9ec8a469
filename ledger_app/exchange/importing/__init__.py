"""Excel task-table import: analyse → parse → write, each step usable on its own
(the import wizard shows the analysis and lets the clerk correct the mapping)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from ledger_app.exchange.importing.analyse import Analysis, analyse
from ledger_app.exchange.importing.apply import ImportResult, Progress, check_table, write_table
from ledger_app.exchange.importing.parse import ParsedTable
from ledger_app.store.limits import check_year

__all__ = ["Analysis", "ImportResult", "ParsedTable", "analyse", "import_file", "plan_title_for", "read_table"]


def plan_title_for(analysis: Analysis, plan: str | None) -> str:
    """``--plan`` if given, else the table's title row, else the file name."""
    return (plan or analysis.title or analysis.path.stem).strip()


def read_table(path: str | Path, *, sheet: str | None = None, plan: str | None = None,
               year: int | None = None, quarter: tuple[int, int] | None = None) -> tuple[ParsedTable, str]:
    """The task table in ``path`` and the plan it goes to, checked: :class:`~ledger_app.messages.errors.ImportRejected`
    if it cannot be imported (asked before a new ledger is made for it). ``quarter`` (year, quarter)
    receives the table's 进展情况 (default: the quarter it is dated in)."""
    if year is not None:
        check_year(year)
    analysis = analyse(Path(path), sheet)
    table, title = analysis.parse(year, quarter), plan_title_for(analysis, plan)
    check_table(table, title)
    return table, title


def import_file(engine: Engine, path: str | Path, *, sheet: str | None = None, plan: str | None = None,
                year: int | None = None, quarter: tuple[int, int] | None = None, dry_run: bool = False,
                user: str = "", progress: Progress | None = None) -> ImportResult:
    """Import a task table; raises :class:`~ledger_app.messages.errors.ImportRejected` and writes nothing on error."""
    table, title = read_table(path, sheet=sheet, plan=plan, year=year, quarter=quarter)
    return write_table(engine, table, title, user=user, dry_run=dry_run, progress=progress)
