"""Reading an indicator table (指标表) the way task tables are read: title rows above the
header, synonyms for the columns, merged cells, section rows, notes under the table; any bad
cell refuses the whole file with file/sheet/row/column. Writing it is ``indicators``.

Columns: 指标名称 (required), 单位, 基期值 + 基期年份 (or "2022年基数"), 目标值 + 目标年份 (or "2025年目标",
or a year in the title), 方向 (≥/≤; else read from the target cell: "≥3%", "50人以内"), 责任单位,
所属领域, 分年度目标, 关联任务 (task codes of the same plan), 备注; and any number of actual-value
columns named by their period: "2023年", "2024年实际", "2024年第三季度", "2024Q3". A figure is a number or
a number in the row's unit, else the cell is named (ledger_app/exchange/importing/figures.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ledger_app.dates.quarters import CN_QUARTER
from ledger_app.exchange.importing.figures import read_figure
from ledger_app.exchange.importing.header import normalise_header
from ledger_app.exchange.importing.parse import cell_text, entry_rows, fill_merged
from ledger_app.exchange.importing.workbook import Workbook
from ledger_app.indicators.measure import AT_LEAST, AT_MOST, format_path, parse_path
from ledger_app.messages.errors import ImportRejected, LedgerError, Problem
from ledger_app.messages.i18n import EN
from ledger_app.tasks.departments import NAME_TOO_LONG, split_responsible, too_long_name
from ledger_app.tasks.groups import DEFAULT, GroupRule

SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号", "指标编号", "指标代码"),
    "name": ("指标名称", "指标", "指标项", "主要指标", "目标指标", "指标内容", "考核指标", "量化指标", "发展指标"),
    "unit": ("单位", "计量单位", "指标单位"),
    "baseline": ("基期值", "基数", "基准值", "基期数", "现状值", "基期", "基础值", "基期数值"),
    "baseline_year": ("基期年份", "基期年", "基准年", "基准年份", "基数年份"),
    "target": ("目标值", "目标", "预期目标", "目标数", "目标要求", "目标任务"),
    "target_year": ("目标年份", "目标年", "目标年度", "完成年份", "完成年限", "完成时限"),
    "direction": ("方向", "指标方向", "考核方向", "比较方式", "指标属性"),
    "dept": ("责任单位", "牵头单位", "责任部门", "牵头部门", "主责单位"),
    "area": ("所属领域", "领域", "指标类别", "类别", "改革领域", "指标类型"),
    "tasks": ("关联任务", "对应任务", "任务编号", "关联任务编号"),
    "path": ("分年度目标", "年度目标", "路径", "年度路径", "推进路径"),
    "note": ("备注", "说明", "备注说明"),
}
_LOOKUP = {name: fld for fld, names in SYNONYMS.items() for name in names}
_YEAR = r"((?:19|20)\d{2})"
_YEAR_FIELD = re.compile(rf"^{_YEAR}年?(目标|目标值|预期目标|基数|基期值|基准值|现状值|基期)$")
_VALUE = re.compile(rf"^{_YEAR}年?(?:第?([一二三四1-4])季度|q([1-4]))?(?:末)?"
                    r"(?:实际|实际值|完成|完成值|完成情况|实绩|数值)?$")
_ANY_YEAR = re.compile(_YEAR)
# A header that names a period the way an actual-value column does, whatever its numbers: one that
# _VALUE refuses (99999年, 2024年第5季度) is a mistake to name, not a column to skip.
_PERIOD_LIKE = re.compile(r"^\d+年?(?:第?[\d一二三四五六七八九十]+季度|q\d+)?(?:末)?"
                          r"(?:实际|实际值|完成|完成值|完成情况|实绩|数值)?$")
BAD_PERIOD = "表头“{value}”不是有效的年份或季度（年份 1900–2100，季度 1–4），这一列的实际值无法导入"
EN.update({BAD_PERIOD: "the header '{value}' is not a valid year or quarter (years 1900-2100, quarters 1-4); "
                       "the actual values of this column cannot be imported"})
_MORE = re.compile(r"≥|>=|＞＝|不低于|不少于|以上|突破|超过|达到|增长|正向")
_LESS = re.compile(r"≤|<=|＜＝|不高于|不超过|以内|以下|控制在|下降|降低|反向|约束")
_DIRECTIONS = re.compile(f"{_MORE.pattern}|{_LESS.pattern}")  # what a target cell may say besides its figure
HEADER_ROWS = 30

NO_HEADER = "没有找到指标表的表头：需要“指标名称”和“目标值”等列"
NO_TARGET = "表头中没有目标值列（目标值/目标/预期目标/2025年目标）"
NO_INDICATORS = "表中没有指标行"
EN.update({
    NO_HEADER: "no indicator table header found: it needs columns such as 指标名称 (name) and 目标值 (target)",
    NO_TARGET: "the header has no target column (目标值/目标/预期目标/2025年目标)",
    NO_INDICATORS: "the table has no indicator rows",
    "指标名称为空": "the indicator name is empty",
    "目标值为空": "the target is empty",
    "目标年份为空（可在表头写“2025年目标”，或加“目标年份”列）":
        "the target year is empty (write '2025年目标' in the header, or add a target year column)",
    "年份“{value}”无效": "the year '{value}' is not valid",
    "方向“{value}”无法识别（≥ 或 ≤）": "the direction '{value}' is not understood (≥ or ≤)",
    "分年度目标“{value}”无法识别，应写作“2023:780；2024:890”":
        "the yearly targets '{value}' are not understood; write them as 2023:780；2024:890",
    "指标“{name}”与第 {other} 行重复": "the indicator '{name}' repeats row {other}",
    "方案“{plan}”中没有编号为“{code}”的任务": "the plan '{plan}' has no task numbered '{code}'",
    "基期年份应早于目标年份": "the baseline year must be before the target year",
})


@dataclass
class ParsedIndicator:
    row: int
    values: dict[str, object]
    dept: str | None
    co_depts: str
    task_codes: list[str]
    readings: list[tuple[int, int, float]]  # (year, quarter, value)


@dataclass
class IndicatorTable:
    file: str
    sheet: str
    header_row: int
    title: str
    indicators: list[ParsedIndicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorImportResult:
    plan: str
    sheet: str
    header_row: int
    indicators: int
    added: int
    updated: int
    unchanged: int
    values: int  # actual values added or changed
    dry_run: bool


@dataclass
class _Header:
    row: int
    columns: dict[int, str]  # column → field
    labels: dict[int, str]
    years: dict[str, int]  # baseline / target year given in the header ("2025年目标", "目标值（2025年）")
    periods: dict[int, tuple[int, int]]  # column → (year, quarter) of an actual-value column
    bad_periods: dict[int, str] = field(default_factory=dict)  # column → a header like a period, but none


def _map(row: list[object]) -> _Header | None:
    columns, labels, years, periods, bad = {}, {}, {}, {}, {}
    for col, value in enumerate(row):
        raw = cell_text(value)
        if not raw or len(raw) > 40:
            continue
        text = normalise_header(raw)
        fld = _LOOKUP.get(text)
        year_in = _ANY_YEAR.search(raw)
        if fld is None and (match := _YEAR_FIELD.match(text)):
            fld = "target" if "目标" in match.group(2) else "baseline"
            year_in = match
        if fld is not None and fld not in columns.values():
            columns[col], labels[col] = fld, raw
            if fld in ("target", "baseline") and year_in:
                years[fld] = int(year_in.group(1))
            continue
        if match := _VALUE.match(text):
            quarter = match.group(2) or match.group(3)
            q = 0 if not quarter else int(quarter) if quarter.isdigit() else CN_QUARTER.index(quarter) + 1
            periods[col] = (int(match.group(1)), q)
            labels[col] = raw
        elif _PERIOD_LIKE.match(text):
            bad[col] = labels[col] = raw
    if "name" not in columns.values() or not ({"target", "baseline"} & set(columns.values()) or periods):
        return None
    return _Header(-1, columns, labels, years, periods, bad)


def _find_header(rows: list[list[object]]) -> _Header | None:
    best: _Header | None = None
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = _map(row)
        if found is not None and (best is None or len(found.columns) > len(best.columns)):
            found.row = index
            best = found
    return best


def _direction(text: str) -> str | None:
    if _LESS.search(text):
        return AT_MOST
    if _MORE.search(text):
        return AT_LEAST
    return None


class _Reader:
    def __init__(self, file: str, sheet: str, header: _Header, title_year: int | None,
                 groups: GroupRule = DEFAULT) -> None:
        self.file, self.sheet, self.header, self.title_year = file, sheet, header, title_year
        self.groups = groups
        self.col = {fld: col for col, fld in header.columns.items()}
        self.problems: list[Problem] = []

    def problem(self, row: int, col: int | None, template: str, **values: object) -> None:
        label = self.header.labels.get(col, "") if col is not None else ""
        self.problems.append(Problem(self.file, template, values, self.sheet, row, col, label))

    def text(self, row: list[object], fld: str) -> str:
        col = self.col.get(fld)
        return cell_text(row[col]) if col is not None and col < len(row) else ""

    def figure(self, line: int, row: list[object], col: int, directions: re.Pattern[str] | None = None
               ) -> tuple[float, str] | None:
        """The figure in ``col`` (figures.read_figure: a number, in the row's unit) and any words of
        direction with it; None, and the cell named, when it is not one."""
        try:
            return read_figure(row[col], self.text(row, "unit"), directions)
        except LedgerError as exc:
            self.problem(line, col, exc.template, **exc.values)
            return None

    def number(self, line: int, row: list[object], fld: str) -> tuple[float, str] | None:
        if not self.text(row, fld):
            return None
        return self.figure(line, row, self.col[fld], _DIRECTIONS if fld == "target" else None)

    def year(self, line: int, row: list[object], fld: str, default: int | None) -> int | None:
        text = self.text(row, fld)
        if not text:
            return default
        match = _ANY_YEAR.search(text)
        if match is None:
            self.problem(line, self.col[fld], "年份“{value}”无效", value=text)
            return default
        return int(match.group(1))

    def indicator(self, index: int, row: list[object], area: str) -> ParsedIndicator:
        line = index + 1
        name = self.text(row, "name")
        if not name:
            self.problem(line, self.col["name"], "指标名称为空")
        values: dict[str, object] = {"name": name, "code": self.text(row, "code"), "unit": self.text(row, "unit"),
                                     "area": self.text(row, "area") or area, "note": self.text(row, "note")}
        target = self.number(line, row, "target") if "target" in self.col else None
        words = target[1] if target else ""
        if target is None and "target" in self.col and not self.text(row, "target"):
            self.problem(line, self.col["target"], "目标值为空")
        values["target"] = target[0] if target else None
        baseline = self.number(line, row, "baseline") if "baseline" in self.col else None
        values["baseline"] = baseline[0] if baseline else None
        values["target_year"] = self.year(line, row, "target_year", self.header.years.get("target", self.title_year))
        values["baseline_year"] = self.year(line, row, "baseline_year", self.header.years.get("baseline"))
        if values["target_year"] is None and target is not None:
            column = self.col.get("target_year", self.col.get("target"))
            self.problem(line, column, "目标年份为空（可在表头写“2025年目标”，或加“目标年份”列）")
        if values["baseline"] is not None and values["baseline_year"] is None and values["target_year"]:
            values["baseline_year"] = None  # a baseline without its year cannot start a path
        if values["baseline_year"] and values["target_year"] and values["baseline_year"] >= values["target_year"]:
            self.problem(line, self.col.get("baseline_year", self.col.get("baseline")), "基期年份应早于目标年份")
        given = self.text(row, "direction")
        direction = _direction(given) if given else _direction(words) or AT_LEAST
        if direction is None:
            self.problem(line, self.col["direction"], "方向“{value}”无法识别（≥ 或 ≤）", value=given)
        values["direction"] = direction or AT_LEAST
        path = self.text(row, "path")
        try:
            values["path"] = format_path(parse_path(path))
        except ValueError:
            self.problem(line, self.col["path"], "分年度目标“{value}”无法识别，应写作“2023:780；2024:890”", value=path)
        depts, groups = split_responsible(self.text(row, "dept"), self.groups)
        if (too_long := too_long_name(depts)) is not None:
            col = self.col.get("dept")
            self.problem(line, col, NAME_TOO_LONG, field=self.header.labels.get(col, ""), **too_long)
        codes = [c for c in re.split(r"[、，,;；\s]+", self.text(row, "tasks")) if c]
        readings = []
        for col, (year, quarter) in self.header.periods.items():
            text = cell_text(row[col]) if col < len(row) else ""
            if not text:
                continue
            found = self.figure(line, row, col)
            if found is not None:
                readings.append((year, quarter, found[0]))
        return ParsedIndicator(line, values, depts[0] if depts else None, "、".join([*depts[1:], *groups]), codes,
                               readings)


def read_table(path: Path, sheet: str | None = None, groups: GroupRule = DEFAULT) -> IndicatorTable:
    """Read the indicator table in ``sheet`` (else the first sheet that has one); ``groups``: the
    ledger's rule for classes of units (统称), which own no indicator."""
    workbook = Workbook(path)
    for name in [sheet] if sheet is not None else workbook.sheet_names:
        data = workbook.sheet(name)
        fill_merged(data.rows, data.merged)
        header = _find_header(data.rows)
        if header is not None:
            break
    else:
        raise ImportRejected([Problem(path.name, NO_HEADER, sheet=sheet)])
    rows = data.rows
    title = next((cell_text(v) for r in rows[:header.row] for v in r if cell_text(v)), "")
    title_years = [int(y) for y in _ANY_YEAR.findall(title)]
    table = IndicatorTable(path.name, data.name, header.row + 1, title)
    if "target" not in header.columns.values():
        raise ImportRejected([Problem(path.name, NO_TARGET, sheet=data.name, row=header.row + 1)])
    reader = _Reader(path.name, data.name, header, max(title_years) if title_years else None, groups)
    for col, raw in header.bad_periods.items():
        reader.problem(header.row + 1, col, BAD_PERIOD, value=raw)
    seen: dict[str, int] = {}
    for index, row, _texts, section, _starts in entry_rows(rows, header.row + 1):
        parsed = reader.indicator(index, row, section)
        name = parsed.values["name"]
        if name in seen:
            reader.problem(parsed.row, reader.col["name"], "指标“{name}”与第 {other} 行重复", name=name,
                           other=seen[name])
        elif name:
            seen[name] = parsed.row
        table.indicators.append(parsed)
    table.problems = reader.problems
    if not table.indicators and not table.problems:
        table.problems.append(Problem(path.name, NO_INDICATORS, sheet=data.name))
    return table
