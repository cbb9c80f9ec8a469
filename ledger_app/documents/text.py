"""A paragraph of Chinese text that breaks lines by our own rules (see linebreak) and can split
across pages and inside table rows.

reportlab's Paragraph wraps CJK text between any two characters and lets a line start with ，;
official documents may not. Lines here are broken by :func:`linebreak.break_lines` and drawn one
``drawString`` per line, so a text extractor reads each printed line as one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from ledger_app.documents.fonts import font_for_char
from ledger_app.documents.linebreak import break_lines

ALIGNS = ("left", "center", "right", "justify")
SECOND_LEVEL = re.compile(r"（[一二三四五六七八九十]+）")


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float
    color: colors.Color = colors.black
    align: str = "left"
    indent: float = 0.0  # first line, in points (two characters for body paragraphs)
    char_space: float = 0.0  # added after every character: negative to set 28 characters in 156 mm
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    balanced: bool = False  # a title on two lines: lines of about equal length (长短适宜，排列对称)
    # A run-in heading: the text up to its first 。 in this face, the rest of the paragraph in ``font``
    # (GB/T 9704: "（一）…。" in 楷体, what follows it in 仿宋).
    head_font: str = ""
    # A paragraph of this style that opens with a second-level number ("（一）") is such a run-in
    # heading, in this face: every kind's numbered items follow GB/T 9704 without asking for it.
    numbered_font: str = ""

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)


@cache
def _char_width(font: str, size: float, char: str) -> float:
    return stringWidth(char, font_for_char(font, char), size)


def measure(style: TextStyle, text: str) -> float:
    return sum(_char_width(style.font, style.size, c) for c in text) + style.char_space * len(text)


@dataclass(frozen=True)
class Line:
    text: str
    last: bool  # last line of its paragraph: never stretched when justifying
    indent: float = 0.0
    head: int = 0  # how many of its first characters are in the style's head_font


def lay_out(text: str, style: TextStyle, width: float, keep: Iterable[str] = ()) -> list[Line]:
    keep = tuple(keep)
    lines = _lay_out(text, style, width, keep)
    if style.balanced and len(lines) > 1:
        # The narrowest measure that still needs no more lines evens them out.
        low, high = width / len(lines) * 0.8, width
        while high - low > 1:
            middle = (low + high) / 2
            if len(_lay_out(text, style, middle, keep)) > len(lines):
                low = middle
            else:
                high = middle
        lines = _lay_out(text, style, high, keep)
    return lines


def _lay_out(text: str, style: TextStyle, width: float, keep: tuple[str, ...]) -> list[Line]:
    lines: list[Line] = []
    head = (text.index("。") + 1 if "。" in text else len(text)) if style.head_font else 0
    for index, paragraph in enumerate(text.split("\n")):
        first = style.indent if index == 0 or style.align == "justify" else 0.0
        broken = break_lines(paragraph, [width - first, width], lambda s: measure(style, s), keep)
        for i, line in enumerate(broken):
            lines.append(Line(line, i == len(broken) - 1, first if i == 0 else 0.0, min(head, len(line))))
            head = max(0, head - len(line))
    return lines


class Text(Flowable):
    """A block of text in one style. ``keep``: names never broken when a line can hold them."""

    def __init__(self, text: object, style: TextStyle, keep: Iterable[str] = (),
                 _lines: list[Line] | None = None) -> None:
        super().__init__()
        self.text = "" if text is None else str(text)
        if style.numbered_font and not style.head_font and SECOND_LEVEL.match(self.text):
            style = style.but(head_font=style.numbered_font)
        self.style = style
        self.keep = tuple(keep)
        self._fixed = _lines  # a split's part: lines already broken
        self._lines: list[Line] = _lines or []
        self._for_width: float | None = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.keepWithNext = style.keep_with_next

    def __repr__(self) -> str:
        return f"Text({self.text[:20]!r})"

    def lines(self, width: float) -> list[Line]:
        if self._fixed is not None:
            return self._fixed
        if self._for_width != width:
            self._lines, self._for_width = lay_out(self.text, self.style, width, self.keep), width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        self._lines = self.lines(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.lines(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit >= len(lines):
            return []
        if len(lines) - fit == 1:
            fit -= 1  # never the last line alone at the top of a page (a page holding only the last words)
        if fit <= 0:
            return []
        head = Text(self.text, self.style.but(space_after=0.0), self.keep, lines[:fit])
        tail = Text(self.text, self.style.but(space_before=0.0), self.keep, lines[fit:])
        return [head, tail]

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        ascent = style.size * 0.86  # CJK faces sit ~0.86 em above the baseline
        canvas.setFillColor(style.color)
        for index, line in enumerate(self._lines):
            top = self.height - index * style.leading
            baseline = top - (style.leading - style.size) / 2 - ascent
            indent = line.indent
            # The ink: no character spacing after the last glyph (it would hang past the margin).
            natural = measure(style, line.text) - (style.char_space if line.text else 0.0)
            room = self.width - indent
            extra = 0.0
            if style.align == "center":
                x = indent + (room - natural) / 2
            elif style.align == "right":
                x = indent + room - natural
            else:
                x = indent
                if style.align == "justify" and not line.last and len(line.text) > 1:
                    extra = max(0.0, (room - natural) / (len(line.text) - 1))
            _draw_line(canvas, x, baseline, line.text, style, style.char_space + extra, line.head)


def _draw_line(canvas, x: float, y: float, text: str, style: TextStyle, spacing: float,  # noqa: ANN001
               head: int = 0) -> None:
    """One line in one text object, switching to the fallback font only for characters the style's
    font lacks (and to ``head_font`` for a run-in heading's first ``head`` characters).

    Each run of one font subset (reportlab splits a font into subsets of 256 characters) starts at
    its own position (Td): a reader that drops the character spacing after a run's last glyph
    (pdfminer, hence pdfplumber and the archives' text extractors built on it) would otherwise see
    every later character of the line ~0.2 pt further right, and the line run past the margin."""
    line = canvas.beginText(x, y)
    line.setCharSpace(spacing)
    run, run_font, run_face = "", None, style.font
    for index, char in enumerate(text + "\0"):
        face = style.head_font if index < head else style.font
        font = font_for_char(face, char) if char != "\0" else None
        if font != run_font and run:
            _add_run(canvas, line, run, run_font, style, spacing, run_face)
            run = ""
        run_font, run_face = font, face
        run += char if char != "\0" else ""
    line.setCharSpace(0)
    canvas.drawText(line)


def _add_run(canvas, line, run: str, font_name: str, style: TextStyle,  # noqa: ANN001
             spacing: float, face: str) -> None:
    line.setFont(font_name, style.size)
    font = getFont(font_name)
    pieces = font.splitString(run, canvas._doc) if hasattr(font, "splitString") else [(0, run)]
    at = 0
    for _subset, codes in pieces:
        piece = run[at:at + len(codes)]
        at += len(codes)
        line.textOut(piece)
        line.moveCursor(sum(_char_width(face, style.size, c) for c in piece) + spacing * len(piece), 0)


class Rule(Flowable):
    """A horizontal line across the text block: the red separator under the 版头, or a 版记 line."""

    def __init__(self, color: colors.Color, thickness: float, space_before: float = 0.0,
                 space_after: float = 0.0, dash: tuple[float, float] | None = None) -> None:
        super().__init__()
        self.color, self.thickness, self.dash = color, thickness, dash
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        if self.dash:
            self.canv.setDash(*self.dash)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
