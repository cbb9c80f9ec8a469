"""Type styles and building blocks shared by every document: the 版头, titles, ruled tables,
the signature and date, the 版记.

Sizes follow GB/T 9704: title 2号 (22 pt) 小标宋, text 3号 (16 pt) 仿宋 on a 28.95 pt line pitch
with the spacing that sets 28 characters on a 156 mm line, headings 黑体 (一、) and 楷体 (（一）).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

# The end of a document (the 落款, the 版记) lives in endings; the kinds import it from here.
from ledger_app.documents.endings import (  # noqa: F401 - re-exported
    AtBottom,
    Ending,
    Imprint,
    Signature,
    imprint,
    keep_endings,
)
from ledger_app.documents.fonts import register_fonts
from ledger_app.documents.linebreak import balanced_halves
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Rule, Text, TextStyle, measure

RED = colors.HexColor("#d40000")
LIGHT_FILL = {"red": colors.HexColor("#f4c7c3"), "yellow": colors.HexColor("#fce8b2"),
              "green": colors.HexColor("#b7e1cd"), "done": colors.HexColor("#e8eaed"), "off": colors.white,
              "paused": colors.HexColor("#e8eaed")}
# Characters every office font has (GBK): no ✔, which SimSun lacks.
LIGHT_TEXT = {"red": "● 红灯", "yellow": "● 黄灯", "green": "● 绿灯", "done": "√ 已完成", "off": "— 已取消",
              "paused": "○ 暂缓"}
LIGHT_INK = {"red": colors.HexColor("#b3261e"), "yellow": colors.HexColor("#8a5a00"),
             "green": colors.HexColor("#146c2e"), "done": colors.HexColor("#3c4043"), "off": colors.grey,
             "paused": colors.HexColor("#3c4043")}
HEADER_FILL = colors.HexColor("#eeeeee")
LINE = 28.95  # GB/T 9704 line pitch for 3号 text: 22 lines in 225 mm
CHARS_PER_LINE = 28


@dataclass(frozen=True)
class Styles:
    banner: TextStyle  # 发文机关标志 (size set per name)
    doc_no: TextStyle  # 发文字号
    title: TextStyle  # 2号小标宋
    subtitle: TextStyle
    body: TextStyle  # 3号仿宋, two-character indent, justified
    plain: TextStyle  # 主送, 附件 line: no indent
    h1: TextStyle  # 一、 黑体
    h2: TextStyle  # （一） 楷体
    cell: TextStyle
    cell_c: TextStyle
    head: TextStyle
    meta: TextStyle
    small: TextStyle
    form_title: TextStyle  # a sheet's or the ledger's title on a landscape page
    form_text: TextStyle  # running text on forms (督办要求)


@cache
def styles() -> Styles:
    f = register_fonts()
    text_width = frame_size("text")[0]
    # Character spacing that sets 28 full-width characters on a line of the text block, from the
    # first glyph's left edge to the last one's right edge (27 spaces between 28 glyphs).
    spacing = (text_width - CHARS_PER_LINE * stringWidth("国", f.fang, 16)) / (CHARS_PER_LINE - 1) - 0.002
    body = TextStyle(f.fang, 16, LINE, align="justify", indent=32 + 2 * spacing, char_space=spacing,
                     numbered_font=f.kai)
    cell = TextStyle(f.song, 10, 13.5)
    return Styles(
        banner=TextStyle(f.xbs, 30, 38, color=RED, align="center"),
        doc_no=TextStyle(f.fang, 16, LINE, align="center", char_space=spacing),
        title=TextStyle(f.xbs, 22, 36, align="center", space_before=LINE, space_after=LINE / 2, balanced=True),
        subtitle=TextStyle(f.kai, 16, LINE, align="center"),
        body=body,
        plain=body.but(indent=0.0, align="left"),
        h1=body.but(font=f.hei),
        h2=body.but(head_font=f.kai),  # （一）…。 in 楷体, the rest of its paragraph in 仿宋
        cell=cell,
        cell_c=cell.but(align="center"),
        head=cell.but(font=f.hei, align="center"),
        meta=TextStyle(f.song, 11, 16),
        small=TextStyle(f.song, 8.5, 11),
        form_title=TextStyle(f.xbs, 20, 30, align="center", space_after=3 * mm),
        form_text=TextStyle(f.fang, 12, 18, indent=24),
    )


def para(text: object, style: TextStyle, keep: Iterable[str] = ()) -> Text:
    return Text(text, style, keep)


# Words a title keeps whole when it runs to two lines.
TITLE_WORDS = ("改革任务", "推进情况", "督办单", "通报", "督查报告", "整改通知书", "工作台账", "考核结果", "关于",
               *(f"第{q}季度" for q in "一二三四"))


def title(text: str, style: TextStyle | None = None) -> Text:
    return Text(text, style or styles().title, TITLE_WORDS)


def heading(text: str, style: TextStyle) -> list[Flowable]:
    """A heading that never ends a page: it moves on unless two lines of text fit under it."""
    return [CondPageBreak(style.leading * 3), Text(text, style)]


def office_mark(mark: str, width: float, largest: float = 36.0, smallest: float = 22.0) -> Text:
    """发文机关标志: the office's name in red 小标宋, as large as fits the line. A name that would
    have to shrink below ``smallest`` (2号) on one line is set on two lines of about equal length,
    broken where the name may be broken (after its place, before its kind of office), never with
    "办公室" alone on the second line."""
    one = width / max(len(mark), 1) / 1.02
    if one >= smallest or len(mark) < 4:
        size = max(16.0, min(largest, one))
        return Text(mark, styles().banner.but(size=size, leading=size * 1.25))
    first, second = balanced_halves(mark)
    size = max(16.0, min(largest, width / max(len(first), len(second)) / 1.02))
    return Text(f"{first}\n{second}", styles().banner.but(size=size, leading=size * 1.25))


def banner(mark: str, doc_no: str, width: float, *, top_space: float = 35 * mm) -> list[Flowable]:
    """版头: the office's mark 35 mm into the text block, the document number two lines under
    it, and the red separator line 4 mm under the number."""
    st = styles()
    mark_text = office_mark(mark, width)
    return [Spacer(1, top_space), mark_text, Spacer(1, 2 * LINE - mark_text.style.leading),
            Text(doc_no, st.doc_no), Rule(RED, 1.2, space_before=4 * mm - (LINE - 16) / 2, space_after=0)]


def light_cell(light: str, st: Styles | None = None) -> Text:
    st = st or styles()
    return Text(LIGHT_TEXT.get(light, light), st.cell_c.but(color=LIGHT_INK.get(light, colors.black)))


Cell = object  # str, a Flowable, or a list of Flowables




def table(header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
          st: Styles | None = None, tints: Sequence[tuple[int, int, str]] = (), *,
          min_height: float | None = None, keep: Iterable[str] = (), spans: Sequence[tuple[int, int, int]] = (),
          cell: TextStyle | None = None, page_height: float | None = None) -> Table:
    """A ruled table: the header repeats on every page; a row grows to hold its text, and a row
    taller than a page is cut into rows of a page's height (marked 续), header repeated.

    ``tints``: (row, column, light) cells to fill; ``keep``: names never broken; ``spans``:
    (row, first column, last column) cells merged across; ``min_height``: room to write by hand.
    """
    st = st or styles()
    keep = tuple(keep)
    body = cell or st.cell
    if page_height is None:
        page_height = frame_size("form")[1] if sum(widths) > frame_size("text")[0] + 1 else frame_size("text")[1]
    data: list[list[object]] = [[[Text(h, st.head.but(size=body.size, leading=body.leading), keep=[h])]
                                 for h in header]]
    # Room for a row on a page: the text block less the header and a few lines for what precedes it.
    room = page_height - 2 * (body.leading + 6) - 4 * body.leading
    moved: dict[int, range] = {}  # a row of ``rows`` → the rows it became
    for index, row in enumerate(rows):
        cells = [value if isinstance(value, list) else [value] if isinstance(value, Flowable)
                 else [Text(value, body, keep)] for value in row]
        pieces = _cut(cells, widths, body, room)
        moved[index] = range(len(data) - 1, len(data) - 1 + len(pieces))
        data += pieces
    tints = [(k, c, light) for r, c, light in tints for k in moved[r]]
    spans = [(k, first, last) for r, first, last in spans for k in moved[r]]
    minimum = [0.0] + [min_height] * (len(data) - 1) if min_height else None
    t = KeptTable(data, colWidths=list(widths), repeatRows=1, splitByRow=1, minRowHeights=minimum)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), body.font),  # reportlab sets a cell's font even for flowables
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (c, r + 1), (c, r + 1), LIGHT_FILL.get(light, colors.white)) for r, c, light in tints]
    commands += [("SPAN", (first, r + 1), (last, r + 1)) for r, first, last in spans]
    commands += [("BACKGROUND", (first, r + 1), (last, r + 1), HEADER_FILL) for r, first, last in spans]
    t.setStyle(TableStyle(commands))
    return t


class KeptTable(Table):
    """A table that never leaves its last row (or its 合计) alone on a page: when a page break would
    carry only the last row over, the row before it goes too."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head, tail = parts
        body_before = len(head._cellvalues) - self.repeatRows
        if len(tail._cellvalues) - self.repeatRows >= 2 or body_before < 2:
            return parts
        head.wrap(availWidth, availHeight)
        return super().split(availWidth, availHeight - head._rowHeights[-1] - 0.5) or parts


def _cut(cells: list[list[Flowable]], widths: Sequence[float], style: TextStyle, room: float) -> list[list[object]]:
    """A row as one or more rows no taller than ``room``: long text is cut between lines, and
    the rows after the first say 续 in their first cell."""
    padding = 6.0
    fit = max(1, int((room - padding) // style.leading))
    texts = {c: cell[0] for c, cell in enumerate(cells) if len(cell) == 1 and isinstance(cell[0], Text)}
    lines = {c: text.lines(widths[c] - padding) for c, text in texts.items()}
    if not lines or max(len(v) for v in lines.values()) <= fit:
        return [cells]
    pieces = -(-max(len(v) for v in lines.values()) // fit)
    out: list[list[object]] = []
    for k in range(pieces):
        row: list[object] = []
        for c, cell in enumerate(cells):
            if c in lines and len(lines[c]) > fit:
                part = lines[c][k * fit:(k + 1) * fit]
                row.append([Text(texts[c].text, texts[c].style, texts[c].keep, part)] if part else "")
            elif k == 0:
                row.append(cell)
            else:
                row.append([Text("续", style.but(align="center", color=colors.grey))] if c == 0 else "")
        out.append(row)
    return out


def fit_columns(headers: Sequence[str], shares: Sequence[float], width: float, cell: TextStyle | None = None,
                padding: float = 6.0) -> list[float]:
    """Column widths in proportion to ``shares``, widened where a header would otherwise break
    inside a word (a header with a line break may break there), taken from the widest columns."""
    head = styles().head.but(size=(cell or styles().cell).size)
    total = sum(shares)
    widths = [width * s / total for s in shares]
    need = [max(measure(head, part) for part in h.split("\n")) + padding + 0.5 for h in headers]
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < need[i]]
        if not short:
            break
        for i in short:
            donor = max((j for j in range(len(widths)) if widths[j] - need[j] > 1), key=lambda j: widths[j] - need[j],
                        default=None)
            if donor is None:
                break
            give = min(need[i] - widths[i], widths[donor] - need[donor])
            widths[i] += give
            widths[donor] -= give
    return widths
