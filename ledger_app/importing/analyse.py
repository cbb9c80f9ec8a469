"""Look at a workbook before importing it: which sheet, where the header is, what maps where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ledger_app.errors import ImportRejected, Problem
from ledger_app.importing.header import HeaderMap, find_header, title_above
from ledger_app.importing.history import History, read_history
from ledger_app.importing.parse import ParsedTable, fill_merged, parse_rows, year_from_title
from ledger_app.importing.workbook import Sheet, Workbook

NO_TITLE_COLUMN = "表头中没有任务名称列（改革项目/重点任务/任务名称/具体改革内容）"
NO_HEADER = "没有找到任务表的表头：需要“改革项目/重点任务/任务名称”或“具体改革内容”等列"


@dataclass
class Analysis:
    """A readable sheet with its detected header; the mapping may be corrected before parsing."""

    path: Path
    sheet: Sheet
    header: HeaderMap
    title: str
    sheet_names: list[str]
    history: History = field(default_factory=History)

    def parse(self, year: int | None = None) -> ParsedTable:
        """Parse with ``year`` (else the title's year) for deadlines that omit it."""
        if not {"title", "content"} & set(self.header.columns.values()):
            raise ImportRejected([Problem(self.path.name, NO_TITLE_COLUMN, sheet=self.sheet.name,
                                          row=self.header.row + 1)])
        table = parse_rows(self.path.name, self.sheet.name, self.sheet.rows, self.header, self.title,
                           year or year_from_title(self.title))
        table.history = self.history
        table.problems += self.history.problems
        return table


def analyse(path: Path, sheet: str | None = None) -> Analysis:
    """Open ``path`` and find its task table (in ``sheet``, else in the first sheet that has one)."""
    workbook = Workbook(path)
    names = [sheet] if sheet is not None else workbook.sheet_names
    for name in names:
        data = workbook.sheet(name)
        fill_merged(data.rows, data.merged)
        header = find_header(data.rows)
        if header is not None:
            return Analysis(path, data, header, title_above(data.rows, header), workbook.sheet_names,
                            read_history(workbook))
    where = names[0] if len(names) == 1 else None
    raise ImportRejected([Problem(path.name, NO_HEADER, sheet=where)])
