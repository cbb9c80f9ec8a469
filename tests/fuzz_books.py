"""Hypothesis strategies for the workbooks a fuzz test feeds the importer: task tables with
headers anywhere, merged ranges, cells of every type, control characters and very long text."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Header names as offices write them (see ledger_app/exchange/importing/header.py), plus some it must ignore.
HEADER_NAMES = ["序号", "编号", "改革领域", "改革项目", "重点任务", "具体改革内容", "推进措施", "牵头单位", "牵头部门",
                "配合单位", "责任领导", "完成时限", "时间节点", "状态", "完成进度", "一季度", "四季度", "项目类别",
                "备注", "牵头部门（单位）", "完成时限要求", ""]
REALISTIC = ["2017年6月底", "2017年第三季度", "持续推进", "2017年2月30日", "6月底前", "2017.12", "审批局、财政局",
             "财政局，科技局/招商局", "推进中", "已完成", "暂缓", "不知道", "80%", "150", "0.5", "一、持续深化改革",
             "注：1. 完成时限为最终完成时间。", "合计", "（一）重点改革", "改革项目", "序号", "张建国", "无", "—",
             "常州经开区2017年改革创新目标任务表"]
FORMULAS = ["=1/0", "=SUM(A1:A3)", '=A1&"x"', "=NA()", '=HYPERLINK("http://x","y")', "=#REF!"]
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"

plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
control_text = st.text(alphabet=st.sampled_from(CONTROL + "改革局项目、 \n"), min_size=1, max_size=20)
# 10,000+ characters, of whatever the cell would otherwise hold.
long_text = st.builds(lambda unit, times: unit * times, st.sampled_from(["改革", "x", "（", "2017年", "、局", "\x01注"]),
                      st.integers(5_000, 12_000))
cell_values = st.one_of(
    st.none(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(FORMULAS),
    st.sampled_from(REALISTIC),
    plain_text,
    control_text,
    long_text,
)
# What a column usually holds, so that many generated tables are importable and reach the writer.
_TEXT = st.builds(str.__add__, st.sampled_from(["推进", "改革", "建立", "试点"]),
                  st.text(alphabet=st.sampled_from("改革项目推进审批制度创新试点 、，（）()\n0123456789abc"), max_size=40))
_DEPTS = st.lists(st.sampled_from(["行政审批局", "财政局", "科技局", "招商局", "经济发展局（发改局）", "　财政局 "]),
                  max_size=3).map("、".join)
_DEADLINES = st.sampled_from(["2017年6月底", "2017年第三季度", "2017.12", "持续推进", "2017年底前", "2017-09-30"]) \
    | st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
_USUAL: dict[str, st.SearchStrategy] = {
    "改革项目": _TEXT, "重点任务": _TEXT, "具体改革内容": _TEXT, "推进措施": _TEXT, "改革领域": _TEXT,
    "牵头单位": _DEPTS, "牵头部门": _DEPTS, "配合单位": _DEPTS, "牵头部门（单位）": _DEPTS,
    "序号": st.integers(1, 10**6), "编号": st.integers(1, 10**6),
    "完成时限": _DEADLINES, "时间节点": _DEADLINES, "完成时限要求": _DEADLINES,
    "状态": st.sampled_from(["推进中", "已完成", "未启动", "暂缓", "", None]),
    "完成进度": st.integers(0, 100) | st.sampled_from(["80%", "0.5", 0.25]),
}


def column_values(name: str, clean: bool) -> st.SearchStrategy:
    usual = _USUAL.get(name, _TEXT if clean else cell_values)
    return usual if clean else st.one_of(usual, usual, usual, cell_values)


# Most generated headers name a task column, as a real table does; the rest test the refusal.
headers = st.one_of(
    st.lists(st.sampled_from(HEADER_NAMES), max_size=10, unique=True),
    st.tuples(st.sampled_from(["改革项目", "重点任务", "具体改革内容"]),
              st.lists(st.sampled_from(HEADER_NAMES[:18]), min_size=2, max_size=9, unique=True))
    .map(lambda pair: [pair[0], *(n for n in pair[1] if n != pair[0])])
    .flatmap(st.permutations),
)


sheet_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="[]:*?/\\'"),
                      min_size=1, max_size=31).filter(lambda s: s.strip() == s and s.lower() != "history")


@dataclass
class Table:
    """One sheet: titles, a header at (header_row, first_col), rows, merged ranges, notes."""

    name: str
    titles: list[object]
    first_col: int
    header: list[str]
    rows: list[list[object]]
    notes: list[object]
    merges: list[tuple[int, int, int, int]]  # row, column (1-based), height, width
    far_cell: tuple[int, int, object] | None = None


@dataclass
class Book:
    tables: list[Table] = field(default_factory=list)
    # How control characters reach the XML: "" as Excel's _x0001_ escapes, "refs" as character
    # references (&#x01;), "bytes" as the raw bytes. The last two are not legal XML 1.0; files carry them.
    raw: str = ""


@st.composite
def tables(draw: st.DrawFn, name: str | None = None) -> Table:
    header = draw(headers)
    width = max(len(header), 1)
    sequential = draw(st.booleans())
    clean = draw(st.booleans())
    columns = [column_values(name, clean) for name in header] or [cell_values]
    rows = draw(st.lists(st.tuples(*columns).map(list), max_size=8))
    for code in ("序号", "编号"):
        if sequential and code in header:  # most real tables number their rows
            for number, row in enumerate(rows, start=1):
                row[header.index(code)] = number
    titles = draw(st.lists(st.one_of(st.sampled_from(REALISTIC), cell_values), max_size=3))
    top = len(titles) + 1
    bottom = top + len(rows) + 3
    merge = st.tuples(st.integers(1, bottom), st.integers(1, width + 3), st.integers(1, 4), st.integers(1, 4))
    far = st.tuples(st.integers(1, 3000), st.integers(1, 120), cell_values)
    return Table(name=name or draw(sheet_names), titles=titles, first_col=draw(st.integers(1, 6)), header=header,
                 rows=rows, notes=draw(st.lists(st.one_of(st.sampled_from(REALISTIC[16:17]), cell_values), max_size=2)),
                 merges=draw(st.lists(merge, max_size=4)), far_cell=draw(st.one_of(st.none(), st.none(), st.none(), far)))


@st.composite
def books(draw: st.DrawFn) -> Book:
    main = draw(tables())
    extra = draw(st.lists(st.one_of(
        st.builds(Table, name=sheet_names, titles=st.just([]), first_col=st.just(1), header=st.just([]),
                  rows=st.just([]), notes=st.just([]), merges=st.just([])),  # an empty sheet
        tables(name=None),
        tables(name="季度进展"), tables(name="督办记录"),  # the history sheets of an exported ledger
    ), max_size=2))
    order = draw(st.permutations([main, *extra]))
    names = [t.name for t in order]
    if len(set(names)) != len(names):
        order = [t for i, t in enumerate(order) if t.name not in names[:i]]
    return Book(list(order), draw(st.sampled_from(["", "", "", "", "refs", "bytes"])))


def _storable(value: object) -> object:
    """Control characters the way Excel itself stores them (_x0001_), which openpyxl lets through."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def _fill(ws, table: Table) -> None:  # noqa: ANN001 - openpyxl worksheet
    row = 1
    for title in table.titles:
        ws.cell(row, table.first_col, _storable(title))
        row += 1
    for offset, name in enumerate(table.header):
        ws.cell(row, table.first_col + offset, name)
    for values in [*table.rows, *[[n] for n in table.notes]]:
        row += 1
        for offset, value in enumerate(values):
            ws.cell(row, table.first_col + offset, _storable(value))
    if table.far_cell is not None:
        far_row, far_col, value = table.far_cell
        ws.cell(far_row, far_col, _storable(value))
    for top, left, height, width in table.merges:
        ws.merge_cells(start_row=top, start_column=left, end_row=top + height - 1, end_column=left + width - 1)


_ESCAPE = re.compile(rb"_x00([01][0-9A-F])_")


def write_book(book: Book, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for table in book.tables:
        _fill(wb.create_sheet(table.name), table)
    if not book.tables:
        wb.create_sheet("Sheet1")
    wb.save(path)
    if book.raw:
        tmp = path.with_suffix(".raw")
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in src.namelist():
                data = src.read(name)
                if name.endswith(".xml"):
                    data = _ESCAPE.sub(lambda m: b"&#x" + m.group(1) + b";" if book.raw == "refs"
                                       else bytes([int(m.group(1), 16)]), data)
                dst.writestr(name, data)
        tmp.replace(path)
    return path
