"""Find the header row of a task table and map its columns to ledger fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ledger_app.dates.quarters import CN_QUARTER

# Field → the names offices use for that column, most specific first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("序号", "编号", "任务编号", "项目编号", "序", "no", "no.", "number"),
    "area": ("改革领域", "重点领域", "领域", "改革板块", "板块", "任务领域"),
    "title": ("改革项目", "重点任务", "任务名称", "项目名称", "改革任务", "重点改革任务", "工作任务", "改革事项"),
    "content": ("具体改革内容", "具体工作内容", "主要内容", "改革内容", "工作内容", "具体内容", "任务内容",
                "具体任务", "目标任务", "工作目标"),
    "measures": ("推进措施", "工作措施", "主要措施", "具体措施", "推进举措", "工作举措", "措施"),
    "category": ("项目类别", "类别", "项目类型", "任务类别", "类型"),
    "lead": ("牵头部门", "牵头单位", "责任单位", "责任部门", "主办单位", "牵头"),
    "co": ("配合部门", "配合单位", "协同单位", "协办单位", "参与单位", "配合"),
    "leader": ("责任领导", "分管领导", "联系领导", "牵头领导", "责任人"),
    "deadline": ("完成时限", "时间节点", "完成时间", "完成期限", "时限", "截止时间", "完成时限要求"),
    "status": ("状态", "推进状态", "完成状态", "进展状态", "任务状态"),
    "percent": ("完成百分比", "完成进度", "完成率", "进度", "完成比例"),
    "q1": ("一季度", "第一季度", "1季度", "q1", "一季度节点目标"),
    "q2": ("二季度", "第二季度", "2季度", "q2", "二季度节点目标"),
    "q3": ("三季度", "第三季度", "3季度", "q3", "三季度节点目标"),
    "q4": ("四季度", "第四季度", "4季度", "q4", "四季度节点目标"),
    # What the clerk wrote about progress: becomes the quarter's progress report (see apply.py).
    "progress": ("进展情况", "完成情况", "工作进展", "目前进展", "当前进展", "推进情况", "工作进展情况",
                 "工作完成情况", "工作推进情况", "推进落实情况", "落实情况", "实施情况", "进度情况", "完成进展",
                 "进展成效", "工作开展情况", "开展情况", "进展"),
    "problems": ("存在问题", "存在的问题", "存在困难", "困难和问题", "问题"),
    "next_steps": ("下步打算", "下一步打算", "下步计划", "下一步计划", "下步工作", "下一步工作", "下步工作计划",
                   "下一步工作计划", "下步措施", "下一步措施"),
    "note": ("备注", "备注说明", "附注", "其他说明", "说明"),
}

# Fields of the quarter's progress report rather than of the task.
PROGRESS_FIELDS = ("progress", "problems", "next_steps")

_LOOKUP = {name: fld for fld, names in SYNONYMS.items() for name in names}
_BRACKETED = re.compile(r"[（(【\[].*?[）)】\]]")
_NOISE = re.compile(r"[\s:：*＊%％]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEADER_SEARCH_ROWS = 30
# The longest header cell worth reading ("牵头部门（单位）（请填写全称）" and the like); a longer
# cell is text, and normalising 10,000 brackets would take seconds.
MAX_HEADER_CHARS = 60
_QUARTER_FIELDS = {"q1", "q2", "q3", "q4"}
# "三季度进展情况", "2017年第三季度完成情况": progress of a named quarter (not its milestone).
QUARTER_PROGRESS = re.compile(r"^(?:((?:19|20)\d{2})年?)?第?([一二三四1-4])季度(?:工作)?"
                              r"(?:进展|完成|推进|落实|开展)(?:情况)?$")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


def normalise_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).lower()
    text = _BRACKETED.sub("", text)
    return _NOISE.sub("", text)


def field_for(value: object) -> str | None:
    """The ledger field a header cell names, if any."""
    if value is None or value == "" or (isinstance(value, str) and len(value) > MAX_HEADER_CHARS):
        return None
    text = normalise_header(value)
    if text in _LOOKUP:
        return _LOOKUP[text]
    if QUARTER_PROGRESS.match(text):
        return "progress"
    # "牵头部门（单位）" or "完成时限要求" style headers: accept a known prefix.
    for name, fld in _LOOKUP.items():
        if len(name) >= 2 and text.startswith(name) and len(text) <= len(name) + 4:
            return fld
    return None


@dataclass
class HeaderMap:
    """Where the header is (0-based row) and which column holds which field."""

    row: int
    columns: dict[int, str] = field(default_factory=dict)  # column index → field
    labels: dict[int, str] = field(default_factory=dict)  # column index → header text
    data_start: int = 0  # first row after the header (and sub-header)

    def column_of(self, fld: str) -> int | None:
        for col, name in self.columns.items():
            if name == fld:
                return col
        return None

    def has(self, fld: str) -> bool:
        return self.column_of(fld) is not None


def _map_row(row: list[object]) -> tuple[dict[int, str], dict[int, str]]:
    columns: dict[int, str] = {}
    labels: dict[int, str] = {}
    for col, value in enumerate(row):
        fld = field_for(value)
        if fld is not None and fld not in columns.values():
            columns[col] = fld
            labels[col] = _clean(str(value))
    return columns, labels


def find_header(rows: list[list[object]]) -> HeaderMap | None:
    """The row among the first few that names the most task fields (at least two,
    one of them a title or content column)."""
    best: HeaderMap | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns, labels = _map_row(row)
        names = set(columns.values())
        if len(names) < 2 or not names & {"title", "content"}:
            continue
        if best is None or len(names) > len(best.columns):
            best = HeaderMap(index, columns, labels, index + 1)
    if best is None:
        return None
    _absorb_sub_header(rows, best)
    return best


def _absorb_sub_header(rows: list[list[object]], header: HeaderMap) -> None:
    """Two-row headers: "季度节点目标" above 一季度…四季度, or cells merged down two rows."""
    if header.row + 1 >= len(rows):
        return
    above = rows[header.row]
    below = rows[header.row + 1]
    sub_columns, sub_labels = _map_row(below)
    filled = [c for c, v in enumerate(below) if v != ""]
    if not filled:
        return
    if not all(c in sub_columns or below[c] == above[c] for c in filled):
        return
    for col, fld in sub_columns.items():
        if fld not in header.columns.values() or fld in _QUARTER_FIELDS:
            header.columns[col] = fld
            header.labels[col] = sub_labels[col]
    header.data_start = header.row + 2


def title_above(rows: list[list[object]], header: HeaderMap) -> str:
    """The table's title: the first text above the header (e.g. 常州经开区2017年改革创新目标任务表)."""
    for row in rows[: header.row]:
        for value in row:
            if isinstance(value, str) and (text := _clean(value)):
                return text
    return ""


def quarter_named(label: str) -> tuple[int | None, int] | None:
    """(year or None, quarter) named by a header such as "2017年三季度进展情况", else None."""
    match = QUARTER_PROGRESS.match(normalise_header(label))
    if match is None:
        return None
    year, quarter = match.groups()
    return (int(year) if year else None), CN_QUARTER.index(quarter) + 1 if not quarter.isdigit() else int(quarter)


def header_at(rows: list[list[object]], index: int) -> HeaderMap:
    """The mapping read from row ``index`` (0-based), when the clerk points at the header row."""
    columns, labels = _map_row(rows[index] if index < len(rows) else [])
    header = HeaderMap(index, columns, labels, index + 1)
    _absorb_sub_header(rows, header)
    return header
