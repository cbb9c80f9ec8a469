"""Type styles and building blocks shared by every document: the 版头, titles, ruled tables,
the signature and date, the 版记.

Sizes follow GB/T 9704: title 2号 (22 pt) 小标宋, text 3号 (16 pt) 仿宋 on a 28.95 pt line pitch
with the spacing that sets 28 characters on a 156 mm line, headings 黑体 (一、) and 楷体 (（一）).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from ledger_app.documents.fonts import register_fonts
from ledger_app.documents.linebreak import name_parts
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
    body = TextStyle(f.fang, 16, LINE, align="justify", indent=32 + 2 * spacing, char_space=spacing)
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


KINDS_OF_OFFICE = ("委员会", "办公室", "管理局", "服务中心", "领导小组", "工作站")


def balanced_halves(name: str) -> tuple[str, str]:
    """``name`` in two lines as near equal as its break points allow (any character when it has none)."""
    parts = name_parts(name)
    cuts = {sum(len(p) for p in parts[:k]) for k in range(1, len(parts))}
    # … and after an office's full name inside a longer one (…工作委员会｜全面深化改革…).
    cuts |= {m.end() for m in re.finditer("|".join((*KINDS_OF_OFFICE, "工委", "党委", "政府")), name)
             if m.end() < len(name)}
    cuts = sorted(cuts)
    # A cut that leaves 3 characters or fewer on a line (办公室 alone) reads badly: only the last resort.
    good = [c for c in cuts if min(c, len(name) - c) > 3 and abs(len(name) - 2 * c) <= len(name) // 3]
    # In a mark, a line that starts with the kind of office (委员会…) parts it from its own name: last choice.
    cut = min(good, key=lambda c: (name[c:].startswith(KINDS_OF_OFFICE), abs(len(name) - 2 * c))) if good \
        else (len(name) + 1) // 2
    return name[:cut], name[cut:]


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


class Cover(Flowable):
    """A cover page that stays one page: the 版头 (``head``) as set, then ``rest`` with its blank
    space (the Spacers) shrunk in proportion when a long office name or title needs the room."""

    def __init__(self, head: list[Flowable], rest: list[Flowable]) -> None:
        super().__init__()
        self.head, self.rest = head, rest

    def _layout(self, width: float, height: float) -> list[tuple[Flowable, float, float, float]]:
        rows = []
        for f in [*self.head, *self.rest]:
            _w, h = f.wrap(width, 10_000)
            rows.append((f, f.getSpaceBefore(), h, f.getSpaceAfter()))
        total = sum(b + h + a for _f, b, h, a in rows)
        blank = sum(h for f, _b, h, _a in rows if isinstance(f, Spacer) and f in self.rest)
        if total > height and blank:
            keep = max(0.0, 1 - (total - height + 1) / blank)
            rows = [(f, b, h * keep if isinstance(f, Spacer) and f in self.rest else h, a) for f, b, h, a in rows]
        return rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._rows = self._layout(availWidth, availHeight)
        self.height = min(availHeight, sum(b + h + a for _f, b, h, a in self._rows))
        return availWidth, self.height

    def draw(self) -> None:
        y = self.height
        for f, before, h, after in self._rows:
            y -= before + h
            if not isinstance(f, Spacer):
                f.drawOn(self.canv, 0, y)
            y -= after


class Signature(Flowable):
    """落款 (GB/T 9704 §7.3.5): the office's name centred over the date, the date four characters in
    from the right (右空四字); a name too long to stand centred over the date two characters clear of
    the margin is set 右空二字 instead — on two lines of about equal length when one cannot hold it —
    with the date still 右空四字."""

    def __init__(self, org: str, when: str, style: TextStyle, right_chars: int = 4) -> None:
        super().__init__()
        self.org, self.when, self.style, self.right_chars = org, when, style, right_chars
        self.spaceBefore = 2 * style.leading
        self._names: list[tuple[str, float]] = []  # (line, x)

    def _place(self, width: float) -> list[tuple[str, float]]:
        s = self.style
        step = s.size + s.char_space
        ink = lambda text: measure(s, text) - s.char_space  # noqa: E731 - no spacing after the last glyph
        date_right = width - self.right_chars * step
        centre = date_right - ink(self.when) / 2
        if centre + ink(self.org) / 2 <= width - 2 * step + 0.5:
            return [(self.org, centre - ink(self.org) / 2)]
        room = width - 2 * step
        lines = [self.org] if ink(self.org) <= room + 0.5 else list(balanced_halves(self.org))
        return [(line, room - ink(line)) for line in lines]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._names = self._place(availWidth)
        self.height = (len(self._names) + 1) * self.style.leading
        return availWidth, self.height

    def draw(self) -> None:
        s = self.style
        step = s.size + s.char_space
        offset = (s.leading - s.size) / 2 + s.size * 0.14  # the baseline within a line of the grid
        rows = len(self._names)
        for k, (line, x) in enumerate(self._names):
            _line(self.canv, s, x, s.leading * (rows - k) + offset, line)
        date_width = measure(s, self.when) - s.char_space
        _line(self.canv, s, self.width - self.right_chars * step - date_width, offset, self.when)


class Ending(Flowable):
    """The body's last paragraph, what stands between it and the 落款 (附件说明, a 更正 note) and the
    落款, kept so that at least two lines of that paragraph go with the 落款 to a new page: a page
    never holds the 落款 alone, nor with only the 附件说明."""

    def __init__(self, text: Text, notes: list[Flowable], tail: list[Flowable]) -> None:
        super().__init__()
        self.text, self.notes, self.tail = text, notes, tail
        self.spaceBefore = text.getSpaceBefore()

    def _parts(self) -> list[Flowable]:
        return [self.text, *self.notes, *self.tail]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._sizes = []
        total = 0.0
        for k, f in enumerate(self._parts()):
            _w, h = f.wrap(availWidth, 10_000)
            before = f.getSpaceBefore() if k else 0.0
            self._sizes.append((before, h, f.getSpaceAfter()))
            total += before + h + f.getSpaceAfter()
        self.height = total
        return availWidth, total

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.text.lines(availWidth)
        fit = min(int((availHeight + 0.01) // self.text.style.leading), len(lines) - 2)
        if fit <= 0:
            return []  # all of it to the next page
        t = self.text
        head = Text(t.text, t.style.but(space_after=0.0), t.keep, lines[:fit])
        rest = Text(t.text, t.style.but(space_before=0.0), t.keep, lines[fit:])
        return [head, Ending(rest, self.notes, self.tail)]

    def draw(self) -> None:
        y = self.height
        for f, (before, h, after) in zip(self._parts(), self._sizes, strict=True):
            y -= before + h
            f.drawOn(self.canv, 0, y)
            y -= after


_NOTE = re.compile(r"^(附件：|更正：|\d+\.\s|$)")  # 附件说明 and 更正 lines, the blank line before them


def keep_endings(story: list[Flowable]) -> list[Flowable]:
    """The body's last paragraph joined to each 落款, with what stands between them (see :class:`Ending`)."""
    out: list[Flowable] = []
    for flowable in story:
        if not isinstance(flowable, Signature):
            out.append(flowable)
            continue
        notes: list[Flowable] = []
        while out and type(out[-1]) is Text and _NOTE.match(out[-1].text) and len(notes) < 12:
            notes.insert(0, out.pop())
        if out and type(out[-1]) is Text:
            out.append(Ending(out.pop(), notes, [flowable]))
        else:
            out += [*notes, flowable]
    return out


def _line(canvas, style: TextStyle, x: float, y: float, text: str) -> None:  # noqa: ANN001
    from ledger_app.documents.text import _draw_line

    canvas.setFillColor(style.color)
    _draw_line(canvas, x, y, text, style, style.char_space)


class AtBottom(Flowable):
    """Flowables pushed to the bottom of the page they land on (the 版记, a tear-off receipt)."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content

    def _content_height(self, width: float) -> float:
        total = 0.0
        for flowable in self.content:
            _w, h = flowable.wrap(width, 10_000)
            total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        need = self._content_height(availWidth)
        self.height = max(need, availHeight - 0.5)  # take what is left, so it sits on the bottom edge
        return availWidth, self.height

    def draw(self) -> None:
        y = self._content_height(self.width)
        for flowable in self.content:
            _w, h = flowable.wrap(self.width, 10_000)
            y -= flowable.getSpaceBefore() + h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


class Unnumbered(Flowable):
    """Marks the page it lands on as one without a page number (GB/T 9704: a blank page before the
    版记 and the 版记's page after it carry none)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._ledger_unnumbered = True


class Imprint(AtBottom):
    """The 版记, at the foot of the last page, which is an even page: the document is printed on both
    sides and the 版记 closes its back (最后一面). Landing on an odd page, it moves to the next one;
    when the next one would be odd, a blank page stands before it (neither carries a page number)."""

    def __init__(self, content: list[Flowable], placed: bool = False) -> None:
        super().__init__(content)
        self.placed = placed

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        page = self._doctemplateAttr("page")
        if self.placed or page is None:
            return super().wrap(availWidth, availHeight)
        fits = self._content_height(availWidth) <= availHeight
        lands = page if fits else page + 1
        if lands % 2 == 0:
            return super().wrap(availWidth, availHeight)
        moved = Imprint(self.content, placed=True)
        self._doctemplateAttr("frame").add_generated_content(*([PageBreak(), moved] if fits
                           else [PageBreak(), Unnumbered(), PageBreak(), Unnumbered(), moved]))
        self.width, self.height = availWidth, 0
        return availWidth, 0

    def draw(self) -> None:
        if self.height:
            super().draw()


def imprint(copies_to: str, printer: str, printed: str, width: float) -> AtBottom:
    """版记: 抄送, 印发机关 and 印发日期 between thin lines, at the foot of the last page."""
    f = register_fonts()
    st = TextStyle(f.fang, 14, 22)
    rows: list[Flowable] = [Rule(colors.black, 1.0, space_after=2)]
    if copies_to:
        rows += [Text(f"抄送：{copies_to}。", st.but(indent=14)),
                 Rule(colors.black, 0.5, space_before=2, space_after=2)]
    rows += [_two_sided(printer, f"{printed}印发", st, width), Rule(colors.black, 1.0, space_before=2)]
    return Imprint(rows)


def _two_sided(left: str, right: str, style: TextStyle, width: float) -> Table:
    # 印发机关 one character in from the left, 印发日期 one character in from the right.
    t = Table([[Text(left, style.but(indent=14)), Text(right, style.but(align="right"))]],
              colWidths=[width * 0.64, width * 0.36])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), style.font),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
                           ("RIGHTPADDING", (1, 0), (1, 0), 14),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


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
