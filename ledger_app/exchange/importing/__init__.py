"""Excel task-table import: analyse → parse → write, each step usable on its own
(the import wizard shows the analysis and lets the clerk correct the mapping). Writing is
``apply`` (``write_table``, ``import_file``), called through the operations ``import_table`` and
``import_file`` (ledger_app.operations)."""

from __future__ import annotations

from pathlib import Path

from ledger_app.exchange.importing.analyse import Analysis, analyse
from ledger_app.exchange.importing.apply import ImportResult, check_table
from ledger_app.exchange.importing.parse import ParsedTable
from ledger_app.store.limits import check_year
from ledger_app.tasks.groups import DEFAULT, GroupRule

__all__ = ["Analysis", "ImportResult", "ParsedTable", "analyse", "plan_title_for", "read_table"]


def plan_title_for(analysis: Analysis, plan: str | None) -> str:
    """``--plan`` if given, else the table's title row, else the file name."""
    return (plan or analysis.title or analysis.path.stem).strip()


def read_table(path: str | Path, *, sheet: str | None = None, plan: str | None = None,
               year: int | None = None, quarter: tuple[int, int] | None = None,
               groups: GroupRule = DEFAULT) -> tuple[ParsedTable, str]:
    """The task table in ``path`` and the plan it goes to, checked: :class:`~ledger_app.messages.errors.ImportRejected`
    if it cannot be imported (asked before a new ledger is made for it). ``quarter`` (year, quarter)
    receives the table's 进展情况 (default: the quarter it is dated in); ``groups`` the ledger's rule for
    classes of units (ledger_app.tasks.groups; a ledger not made yet has the built-in one)."""
    if year is not None:
        check_year(year)
    analysis = analyse(Path(path), sheet)
    table, title = analysis.parse(year, quarter, groups), plan_title_for(analysis, plan)
    check_table(table, title)
    return table, title
