"""The end of a document: the 落款 (GB/T 9704 §7.3.5) kept with the body's last lines, the 版记
at the foot of an even last page, and the flowable that puts things at a page's bottom.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from ledger_app.documents.fonts import register_fonts
from ledger_app.documents.linebreak import balanced_halves
from ledger_app.documents.page import Unnumbered
from ledger_app.documents.text import Rule, Text, TextStyle, _draw_line, measure


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

    def __init__(self, text: Text, notes: list[Flowable], tail: list[Flowable], lead: list[Flowable] = ()) -> None:
        super().__init__()
        self.text, self.notes, self.tail, self.lead = text, notes, tail, list(lead)
        self.spaceBefore = (self.lead or [text])[0].getSpaceBefore()

    def _parts(self) -> list[Flowable]:
        return [*self.lead, self.text, *self.notes, *self.tail]

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
        lead = sum(f.wrap(availWidth, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.lead)
        fit = min(int((availHeight - lead + 0.01) // self.text.style.leading), len(lines) - 2)
        if fit <= 0:
            return []  # all of it to the next page, with the heading over it
        t = self.text
        head = Text(t.text, t.style.but(space_after=0.0), t.keep, lines[:fit])
        rest = Text(t.text, t.style.but(space_before=0.0), t.keep, lines[fit:])
        return [*self.lead, head, Ending(rest, self.notes, self.tail)]

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
            text = out.pop()
            # A heading right over the paragraph (heading() puts a CondPageBreak before it) goes with it.
            lead = [out.pop()] if len(out) >= 2 and type(out[-1]) is Text and isinstance(out[-2], CondPageBreak) \
                else []
            out.append(Ending(text, notes, [flowable], lead))
        else:
            out += [*notes, flowable]
    return out


def _line(canvas, style: TextStyle, x: float, y: float, text: str) -> None:  # noqa: ANN001
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
    # 印发机关 one character in from the left, 印发日期 one character in from the right, on one line:
    # the date takes what it needs, the office the rest. A real office name can be longer than that
    # room at 四号 (a 21-character 领导小组办公室 beside 2026年12月7日印发): its size then steps down
    # rather than leave "室" alone on a second line; below 12 pt it wraps instead.
    right_width = measure(style, right) + style.size + 2
    room = width - right_width - style.size
    left_style = style.but(indent=style.size)
    while measure(left_style, left) > room and left_style.size > 12:
        left_style = left_style.but(size=left_style.size - 0.5, indent=style.size)
    t = Table([[Text(left, left_style), Text(right, style.but(align="right"))]],
              colWidths=[width - right_width, right_width])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), style.font),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
                           ("RIGHTPADDING", (1, 0), (1, 0), 14),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t
