"""Excel task-table import: analyse → parse → write, each step usable on its own
(the import wizard shows the analysis and lets the clerk correct the mapping)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from ledger_app.importing.analyse import Analysis, analyse
from ledger_app.importing.apply import ImportResult, Progress, write_table
from ledger_app.importing.parse import ParsedTable

__all__ = ["Analysis", "ImportResult", "ParsedTable", "analyse", "import_file", "plan_title_for"]


def plan_title_for(analysis: Analysis, plan: str | None) -> str:
    """``--plan`` if given, else the table's title row, else the file name."""
    return (plan or analysis.title or analysis.path.stem).strip()


def import_file(engine: Engine, path: str | Path, *, sheet: str | None = None, plan: str | None = None,
                year: int | None = None, quarter: tuple[int, int] | None = None, dry_run: bool = False,
                user: str = "", progress: Progress | None = None) -> ImportResult:
    """Import a task table; raises :class:`~ledger_app.errors.ImportRejected` and writes nothing on error.

    ``quarter`` (year, quarter) receives the table's 进展情况 (default: the quarter it is dated in)."""
    analysis = analyse(Path(path), sheet)
    table = analysis.parse(year, quarter)
    return write_table(engine, table, plan_title_for(analysis, plan), user=user, dry_run=dry_run,
                       progress=progress)
