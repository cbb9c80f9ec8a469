"""Look at a workbook before importing it: which sheet, where the header is, what maps where."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ledger_app.dates.deadlines import DeadlineError, parse_deadline
from ledger_app.dates.quarters import quarter_of
from ledger_app.exchange.importing.formulas import check_formulas
from ledger_app.exchange.importing.header import PROGRESS_FIELDS, HeaderMap, find_header, quarter_named, title_above
from ledger_app.exchange.importing.history_sheets import History, read_history
from ledger_app.exchange.importing.parse import ParsedTable, cell_text, fill_merged, parse_rows, year_from_title
from ledger_app.exchange.importing.progress_text import quarter_in_lines, saved_on
from ledger_app.exchange.importing.workbook import Sheet, Workbook
from ledger_app.messages.errors import ImportRejected, Problem
from ledger_app.tasks.groups import DEFAULT, GroupRule

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

    def _deadline_days(self) -> list[date]:
        """The deadlines that name a year (the others are read in the plan year, when parsing)."""
        column = self.header.column_of("deadline")
        days = []
        for row in self.sheet.rows[self.header.data_start:] if column is not None else []:
            value = row[column] if column < len(row) else ""
            try:
                deadline, _text = parse_deadline(cell_text(value) if isinstance(value, str) else value, None)
            except DeadlineError:
                continue  # no year of its own (or unreadable: reported when parsing)
            if deadline is not None:
                days.append(deadline)
        return days

    def plan_year(self) -> tuple[int | None, str]:
        """The plan's year and where it was read: the title ("title"), else the earliest
        deadline that names a year ("deadlines"), else (None, "")."""
        if year := year_from_title(self.title):
            return year, "title"
        days = self._deadline_days()
        return (min(days).year, "deadlines") if days else (None, "")

    def plan_years(self) -> tuple[int, int] | None:
        """The years the plan runs over: from its year (title or first deadline) to its last deadline."""
        year = self.plan_year()[0]
        years = [d.year for d in self._deadline_days()] + ([year] if year else [])
        return (min(years), max(years)) if years else None

    def plan_quarter(self) -> tuple[int, int] | None:
        """The plan's own reporting quarter: the one its last deadline falls in, else the last
        quarter of the plan year."""
        days = self._deadline_days()
        if days:
            return quarter_of(max(days))
        year = self.plan_year()[0]
        return (year, 4) if year else None

    def progress_quarter(self) -> tuple[tuple[int, int] | None, str]:
        """The quarter the 进展情况 column reports on, and where that was read: the column's
        header ("三季度进展情况": "header"), a date in the title rows ("title"), when the
        workbook was last saved ("saved") or today ("today") if that falls in the plan's years,
        else the plan's own quarter ("plan": a 2023 plan saved again in 2026 reports on 2023, not
        on 2026 Q4). (None, "") without such a column."""
        if not set(PROGRESS_FIELDS) & set(self.header.columns.values()):
            return None, ""
        column = self.header.column_of("progress")
        named = quarter_named(self.header.labels.get(column, "")) if column is not None else None
        if named is not None:
            year = named[0] or self.plan_year()[0] or date.today().year
            return (year, named[1]), "header"
        lines = [v for row in self.sheet.rows[: self.header.row] for v in row if isinstance(v, str) and v]
        if found := quarter_in_lines(lines):
            return found, "title"
        saved = saved_on(self.path)
        day, source = (saved, "saved") if saved else (date.today(), "today")
        years = self.plan_years()
        if years is not None and not years[0] <= day.year <= years[1]:
            return self.plan_quarter(), "plan"
        return quarter_of(day), source

    def parse(self, year: int | None = None, quarter: tuple[int, int] | None = None,
              groups: GroupRule = DEFAULT) -> ParsedTable:
        """Parse with ``year`` (else the plan year found in the title or the deadlines) for
        deadlines that omit it; progress text goes to ``quarter`` (else the one the table is dated in);
        ``groups``: the ledger's rule for classes of units (ledger_app.tasks.groups.group_rule)."""
        if not {"title", "content"} & set(self.header.columns.values()):
            raise ImportRejected([Problem(self.path.name, NO_TITLE_COLUMN, sheet=self.sheet.name,
                                          row=self.header.row + 1)])
        source = "given"
        if year is None:
            year, source = self.plan_year()
        table = parse_rows(self.path.name, self.sheet.name, self.sheet.rows, self.header, self.title, year, groups)
        check_formulas(self.path, table, self.header)
        table.year_source = source
        if quarter is not None:
            table.progress_quarter, table.quarter_source = quarter, "given"
        else:
            table.progress_quarter, table.quarter_source = self.progress_quarter()
        table.plan_years = self.plan_years()
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
