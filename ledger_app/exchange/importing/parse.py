"""Turn the rows of a task sheet into tasks, or into a list of located problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from ledger_app.dates.deadlines import DeadlineError, parse_deadline
from ledger_app.exchange.importing.header import PROGRESS_FIELDS, HeaderMap
from ledger_app.exchange.importing.progress_text import infer_status
from ledger_app.messages.errors import Problem
from ledger_app.messages.labels import FIELD_LABELS
from ledger_app.store.enums import Status
from ledger_app.store.limits import MAX_TEXT, length_values, too_long_for_a_cell
from ledger_app.tasks.departments import NAME_TOO_LONG, join_names, split_departments, too_long_name
from ledger_app.tasks.groups import DEFAULT, Decision, GroupRule

_NOTE = re.compile(r"^\s*(注|备注|说明|附注|填表说明|填报说明)\s*[0-9一二三四五六七八九十]*\s*[:：.、]")
_NUMERAL = "[一二三四五六七八九十百]+"
_SECTION = re.compile(rf"^\s*({_NUMERAL}\s*[、.．]|[（(]{_NUMERAL}[）)]|第{_NUMERAL}[部分章])")
_TOTAL = re.compile(r"^\s*(合\s*计|小\s*计|总\s*计)\s*$")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[%％]?\s*$")
# Control characters (Excel stores them as _x0001_, calamine hands them back) would reach the
# ledger, break PostgreSQL (NUL) and make openpyxl refuse to export the task again.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CELL_TOO_LONG = "文字过长（{length} 字），超过 Excel 单元格的上限 {limit} 字"

STATUS_WORDS: dict[str, str] = {
    "未启动": Status.NOT_STARTED, "未开始": Status.NOT_STARTED, "尚未启动": Status.NOT_STARTED,
    "推进中": Status.IN_PROGRESS, "进行中": Status.IN_PROGRESS, "正在推进": Status.IN_PROGRESS,
    "已启动": Status.IN_PROGRESS, "序时推进": Status.IN_PROGRESS,
    "已完成": Status.DONE, "完成": Status.DONE, "已办结": Status.DONE, "办结": Status.DONE,
    "暂缓": Status.SUSPENDED, "暂停": Status.SUSPENDED, "缓办": Status.SUSPENDED,
    "已取消": Status.CANCELLED, "取消": Status.CANCELLED, "撤销": Status.CANCELLED,
}

TEXT_FIELDS = ("title", "content", "measures", "category", "leader", "note")
MILESTONE_FIELDS = {"q1": "milestone_q1", "q2": "milestone_q2", "q3": "milestone_q3", "q4": "milestone_q4"}


@dataclass(slots=True)  # a table holds up to 100,000 of them
class ParsedTask:
    row: int  # 1-based sheet row, for messages
    code: str
    area: str
    values: dict[str, object] = field(default_factory=dict)  # Task column → value
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    # 进展情况 / 存在问题 / 下步打算 as written (keys done, problems, next_steps), when any is filled in
    progress: dict[str, str] = field(default_factory=dict)
    inferred: str = ""  # the status read from the progress text ("" when none was inferred)
    cells: tuple[str, str] = ("", "")  # the 牵头 and 配合 cells as written: split again by another rule


@dataclass
class ParsedTable:
    file: str
    sheet: str
    header_row: int  # 1-based
    title: str
    year: int | None
    fields: set[str]  # ledger fields the file provides (only these are updated on re-import)
    tasks: list[ParsedTask]
    problems: list[Problem]
    history: object = None  # importing.history.History of an exported ledger, when it has one
    # Where ``year`` came from: "given" (the clerk), "title", "deadlines" (the earliest one), or ""
    year_source: str = ""
    # (year, quarter) whose progress report the 进展情况 column becomes, and why that quarter
    progress_quarter: tuple[int, int] | None = None
    quarter_source: str = ""
    plan_years: tuple[int, int] | None = None  # first and last year of the plan (title, deadlines)
    groups: GroupRule = DEFAULT  # the rule that told units from classes of units (统称)

    @property
    def areas(self) -> list[str]:
        return list(dict.fromkeys(t.area for t in self.tasks if t.area))

    @property
    def inferred(self) -> list[ParsedTask]:
        """Tasks whose status was read from their progress text (shown before importing)."""
        return [t for t in self.tasks if t.inferred]

    def decisions(self) -> list[Decision]:
        """Each name written in the 牵头/配合 cells once, with what the rule made of it: the
        import's review shows them, so a class taken for a unit (or the reverse) is seen before
        importing and corrected in the settings."""
        names: dict[str, None] = {}
        for task in self.tasks:
            names.update(dict.fromkeys(task.lead))
            names.update(dict.fromkeys(task.co))
            for key in ("lead_groups", "co_groups"):
                names.update(dict.fromkeys(g for g in str(task.values.get(key, "")).split("、") if g))
        return [self.groups.decide(name) for name in names]

    def regroup(self, rule: GroupRule) -> None:
        """Split the 牵头/配合 cells again by ``rule``: the import writes by the ledger's rule as it
        stands when it writes, whatever rule the table was parsed with."""
        if rule == self.groups:
            return
        for task in self.tasks:
            for role, cell in zip(("lead", "co"), task.cells, strict=True):
                units, classes = rule.split(split_departments(cell))
                setattr(task, role, units)
                if f"{role}_groups" in task.values:
                    task.values[f"{role}_groups"] = join_names(classes)
        self.groups = rule


def cell_text(value: object) -> str:
    """A cell as clean text: whole floats lose their '.0', dates become ISO, lines are kept."""
    if value.__class__ is str and value.isprintable():
        return value.strip()  # the common case, kept cheap: called for every cell
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def fill_merged(rows: list[list[object]], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Write each merged range's value into every cell it covers, as a reader sees it."""
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def year_from_title(title: str) -> int | None:
    match = _YEAR_IN_TITLE.search(title)
    return int(match.group(1)) if match else None


def _percent(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value) * 100 if 0 < value < 1 else float(value)
    else:
        match = _PERCENT.match(cell_text(value))
        if not match:
            return None
        number = float(match.group(1))
    return round(number) if 0 <= number <= 100 else None


class _RowReader:
    """Reads the task rows below a header; collects problems instead of stopping."""

    def __init__(self, file: str, sheet: str, header: HeaderMap, year: int | None, groups: GroupRule) -> None:
        self.file, self.sheet, self.header, self.year, self.groups = file, sheet, header, year, groups
        self.problems: list[Problem] = []
        self.col = {fld: col for col, fld in header.columns.items()}

    def problem(self, row: int, fld: str | None, template: str, **values: object) -> None:
        col = self.col.get(fld) if fld else None
        label = self.header.labels.get(col, FIELD_LABELS.get(fld or "", "")) if col is not None else ""
        self.problems.append(Problem(self.file, template, values, self.sheet, row, col, label))

    def get(self, row: list[object], fld: str) -> object:
        col = self.col.get(fld)
        return row[col] if col is not None and col < len(row) else ""

    def task(self, index: int, row: list[object], texts: list[str], area: str) -> ParsedTask:
        """The task in ``row``, whose cells ``texts`` holds as text (cell_text of each, made once)."""
        line = index + 1

        def text(fld: str) -> str:
            col = self.col.get(fld)
            return texts[col] if col is not None and col < len(texts) else ""

        values: dict[str, object] = {fld: text(fld) for fld in TEXT_FIELDS if fld in self.col}
        for fld, column in MILESTONE_FIELDS.items():
            if fld in self.col:
                values[column] = text(fld)
        if "title" not in self.col:
            values["title"] = values.get("content", "")
        if "deadline" in self.col:
            try:
                raw = self.get(row, "deadline")
                raw = text("deadline") if isinstance(raw, str) else raw
                values["deadline"], values["deadline_text"] = parse_deadline(raw, self.year)
            except DeadlineError as exc:
                self.problem(line, "deadline", exc.template, **exc.values)
        if "status" in self.col and (raw := text("status")):
            status = STATUS_WORDS.get(raw.replace(" ", ""))
            if status is None:
                self.problem(line, "status", "状态“{value}”无法识别（可用：{allowed}）",
                             value=raw, allowed="、".join(s.value for s in Status))
            else:
                values["status"] = str(status)
        if "percent" in self.col and (raw := self.get(row, "percent")) != "":
            pct = _percent(raw)
            if pct is None:
                self.problem(line, "percent", "完成百分比“{value}”不是 0–100 的数", value=cell_text(raw))
            else:
                values["percent"] = pct
        lead, lead_groups = self.groups.split(split_departments(text("lead")))
        co, co_groups = self.groups.split(split_departments(text("co")))
        for fld, names in (("lead", lead), ("co", co)):
            if (too_long := too_long_name(names)) is not None:
                self.problem(line, fld, NAME_TOO_LONG, field=FIELD_LABELS.get(fld, fld), **too_long)
        for fld, groups in (("lead", lead_groups), ("co", co_groups)):
            if fld in self.col:
                values[f"{fld}_groups"] = join_names(groups)
        progress = {key: text(fld) for fld, key in zip(
            PROGRESS_FIELDS, ("done", "problems", "next_steps"), strict=True) if fld in self.col}
        task = ParsedTask(line, text("code"), area, values, lead, co,
                          progress if any(progress.values()) else {}, cells=(text("lead"), text("co")))
        if task.progress.get("done") and "status" not in values:
            # A status written in the progress text counts where no 状态 column says otherwise.
            inferred = infer_status(task.progress["done"], values.get("percent"))
            if inferred is not None:
                values["status"] = task.inferred = inferred.status
                if inferred.percent is not None and "percent" not in values:
                    values["percent"] = inferred.percent
        # No text of a task is longer than the longest cell it came from (or the area's section row).
        if max(len(area), max((len(v) for v in row if v.__class__ is str), default=0)) > MAX_TEXT // 2:
            self.check_lengths(task)
        return task

    def check_lengths(self, task: ParsedTask) -> None:
        """Nothing stored may be longer than an Excel cell holds: it could not be exported again."""
        texts = {fld: task.values.get(column) for fld, column in MILESTONE_FIELDS.items()}
        texts.update({fld: task.values.get(fld) for fld in TEXT_FIELDS})
        texts.update(code=task.code, area=task.area, deadline=task.values.get("deadline_text"),
                     lead="、".join(task.lead), co="、".join(task.co),
                     **{key: task.progress.get(key) for key in ("done", "problems", "next_steps")})
        for fld, text in texts.items():
            if isinstance(text, str) and too_long_for_a_cell(text):
                self.problem(task.row, fld if fld in self.col else None, CELL_TOO_LONG, **length_values(text))


def _row_kind(cells: list[str], in_notes: bool) -> str:
    texts = [t for t in cells if t]
    if not texts:
        return "blank"
    first = texts[0]
    if _NOTE.match(first):
        return "note"
    if _TOTAL.match(first):
        return "total"
    if len(set(texts)) == 1:
        if _SECTION.match(first) or len(texts) > 1:
            return "section"  # a heading written across the table (merged)
        if in_notes:
            return "note"
    return "task"


class Entry(NamedTuple):
    index: int  # 0-based row in the sheet
    row: list[object]
    texts: list[str]  # cell_text of each cell, made once
    section: str  # the section heading above it ("" before the first)
    section_starts: bool  # the first entry after a section heading


def entry_rows(rows: list[list[object]], start: int) -> Iterator[Entry]:
    """The rows from ``start`` that hold an entry of the table (a task, an indicator): blank and
    total rows, section headings and the notes at the bottom are passed over."""
    section, in_notes, new_section = "", False, False
    for index in range(start, len(rows)):
        texts = [cell_text(v) for v in rows[index]]
        kind = _row_kind(texts, in_notes)
        if kind == "note":
            in_notes = True
        elif kind == "section":
            section, new_section = next(t for t in texts if t), True
        elif kind == "task":
            yield Entry(index, rows[index], texts, section, new_section)
            new_section = False


def parse_rows(file: str, sheet: str, rows: list[list[object]], header: HeaderMap, title: str,
               year: int | None, groups: GroupRule = DEFAULT) -> ParsedTable:
    """Parse every row below ``header``. ``rows`` must already have merged cells filled; ``groups``
    tells the units in the 牵头/配合 cells from the classes of units (the ledger's rule)."""
    reader = _RowReader(file, sheet, header, year, groups)
    tasks: list[ParsedTask] = []
    seen_codes: dict[str, int] = {}
    previous: ParsedTask | None = None
    for index, row, texts, section, section_starts in entry_rows(rows, header.data_start):
        if section_starts:
            previous = None
        area = texts[reader.col["area"]] if "area" in reader.col and reader.col["area"] < len(texts) else ""
        if not area:
            area = previous.area if previous is not None else section
        parsed = reader.task(index, row, texts, area)
        _fill_grouped_title(reader, parsed, previous)
        if not parsed.values.get("title"):
            reader.problem(parsed.row, "title" if "title" in reader.col else "content", "任务名称为空")
        if "code" not in reader.col:
            parsed.code = str(len(tasks) + 1)
        elif not parsed.code:
            reader.problem(parsed.row, "code", "序号为空")
        elif parsed.code in seen_codes:
            reader.problem(parsed.row, "code", "序号“{code}”与第 {other} 行重复",
                           code=parsed.code, other=seen_codes[parsed.code])
        else:
            seen_codes[parsed.code] = parsed.row
        tasks.append(parsed)
        previous = parsed
    fields = set(header.columns.values())
    return ParsedTable(file, sheet, header.row + 1, title, year, fields, tasks, reader.problems, groups=groups)


def _fill_grouped_title(reader: _RowReader, task: ParsedTask, previous: ParsedTask | None) -> None:
    """A project written once above several unmerged rows of content applies to each of them."""
    if task.values.get("title") or "title" not in reader.col or "content" not in reader.col:
        return
    if previous is not None and previous.area == task.area and task.values.get("content"):
        task.values["title"] = previous.values.get("title", "")
