"""A document checker for the tests: reads a produced PDF character by character (pdfplumber) and
reports what a 督查室 head would strike out with a pen. Looking at PNGs is how these defects were
found; this makes the look a test.

Figures are GB/T 9704-2012's, written here independently of the code that typesets (a checker that
read the typesetter's own constants would agree with any mistake in them): A4 portrait, 版心
156 × 225 mm at 37 mm from the top and 28 mm from the left; body text 3号 (16 pt), 28 characters to a
line and 22 lines to a page; the page number 4号 below the 版心. Landscape pages (attachments, forms,
the printed ledger) are held to one rule: nothing within 10 mm of the paper's edge, where printers
clip.

Findings, each (page, kind, detail):
- ``outside``: text outside the 版心 (portrait) or within 10 mm of the edge (landscape);
- ``long-line`` / ``many-lines``: a body line wider than 28 characters (a figure's digits are half a
  character), a body page of more than 22 lines;
- ``starts`` / ``ends``: a line starting with ，。、 and the like, or ending with （《 and the like (禁则);
- ``split``: a number or term broken across two lines ("2018年1月" | "10日", "6." | "3%", "×" | "0.5");
- ``lonely``: a page holding only the 落款, only the 版记, a table's last row or 合计, or one word, or
  ending with a heading whose text is on the next page —
  except the 版记 alone on the last page when that page is even (GB/T 9704: printed on both sides,
  the 版记 closes the back of the last sheet; a blank page may stand before it, see ``blank``);
- ``blank``: a page with nothing on it (or nothing but its number), unless it is the unnumbered
  blank page before such a 版记;
- ``page-number``: a portrait page's ``— N —`` not one character (4号, 14 pt) in from the right edge
  of the 版心 on an odd page, from the left on an even one;
- :func:`grid` returns the characters of each body line and the lines of each body page, and
  :func:`fonts_by_role` the fonts of the 发文机关标志, titles, body, headings and tables, for the
  tests to judge.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from ledger_app.documents.linebreak import CANNOT_END, CANNOT_START

MM = 72 / 25.4
A4_WIDTH, A4_HEIGHT = 210 * MM, 297 * MM
TYPE_AREA = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)  # x0, top, x1, bottom (portrait)
NUMBER_BAND = (37 + 225) * MM, 297 * MM - 10 * MM  # the page number sits below the 版心, not at the edge
EDGE = 10 * MM
BODY_SIZE = 16.0
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
PAGE_NUMBER = re.compile(r"^(—\s*\d+\s*—|第\s*\d+\s*页\s*共\s*\d+\s*页)$")
# What must stay on one line: a date, a figure with its unit or sign, an arithmetic term.
_WHOLE = [
    (re.compile(r"\d$"), re.compile(r"^[\d.,%％‰]")),  # 12 | 3, 6. | 3%, 60 | %
    (re.compile(r"\d[.,]$"), re.compile(r"^\d")),
    (re.compile(r"[×+＋\-－/÷]$"), re.compile(r"^\d")),  # ×| 0.5, 3+ | 2
    (re.compile(r"\d$"), re.compile(r"^[×+＋/÷]")),
    (re.compile(r"\d{4}年$"), re.compile(r"^\d{1,2}月")),  # 2018年 | 1月10日
    (re.compile(r"\d{1,2}月$"), re.compile(r"^\d{1,2}[日号]")),
    (re.compile(r"第$"), re.compile(r"^[一二三四五六七八九十\d]+[季期号]")),
]
SIGNATURE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
NUMBER_INSET = 14.0  # one 4号 character
IMPRINT = re.compile(r"^(抄送|印发|主送)[:：]|印发$")


@dataclass(frozen=True)
class Finding:
    page: int
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"p{self.page} {self.kind}: {self.detail}"


@dataclass
class Line:
    top: float
    x0: float
    x1: float
    size: float
    text: str


def _baseline(char: dict) -> int:
    """The character's baseline (its text matrix), not its box: faces of one line differ in descent.
    Negated, so that lines sort from the top of the page down."""
    return -round(char["matrix"][5])


def _lines(page: pdfplumber.page.Page) -> list[Line]:
    """The page's text as printed lines: characters of one baseline (and size) left to right."""
    rows: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for char in page.chars:
        if not char["text"].strip():
            continue
        rows[(_baseline(char), round(char["size"]))].append(char)
    lines = []
    for (_bottom, _size), chars in sorted(rows.items()):
        chars.sort(key=lambda c: c["x0"])
        # Cells of a table row share a baseline: split where the gap is wider than two characters.
        run = [chars[0]]
        for char in chars[1:]:
            if char["x0"] - run[-1]["x1"] > 2 * char["size"]:
                lines.append(_line(run))
                run = []
            run.append(char)
        lines.append(_line(run))
    return lines


def _line(chars: list[dict]) -> Line:
    return Line(min(c["top"] for c in chars), chars[0]["x0"], chars[-1]["x1"], max(c["size"] for c in chars),
                "".join(c["text"] for c in chars))


def _outside(page: pdfplumber.page.Page, number: int) -> list[Finding]:
    found = []
    portrait = page.width < page.height
    for line in _lines(page):
        if portrait:
            x0, top, x1, bottom = TYPE_AREA
            in_area = line.x0 >= x0 - 0.5 and line.x1 <= x1 + 0.5 and line.top >= top - 1 and line.top <= bottom
            numbered = PAGE_NUMBER.match(line.text) and NUMBER_BAND[0] <= line.top <= NUMBER_BAND[1]
            if not in_area and not numbered:
                found.append(Finding(number, "outside", f"{line.text[:30]!r} at x {line.x0 / MM:.1f}–"
                                     f"{line.x1 / MM:.1f} mm, top {line.top / MM:.1f} mm"))
        elif (line.x0 < EDGE or line.x1 > page.width - EDGE or line.top < EDGE
              or line.top + line.size > page.height - EDGE):
            found.append(Finding(number, "outside", f"{line.text[:30]!r} within 10 mm of the edge"))
    return found


def _body(lines: list[Line]) -> list[Line]:
    return [line for line in lines if abs(line.size - BODY_SIZE) < 0.6 and not PAGE_NUMBER.match(line.text)]


def _breaking(lines: list[Line], number: int) -> list[Finding]:
    found = []
    for line in lines:
        if PAGE_NUMBER.match(line.text):
            continue
        if line.text[0] in CANNOT_START and not all(c in CANNOT_START for c in line.text):
            found.append(Finding(number, "starts", line.text[:30]))
        if line.text[-1] in CANNOT_END:
            found.append(Finding(number, "ends", line.text[-30:]))
    # A line followed, in the same column, by the next line of its paragraph or cell.
    for line, after in zip(lines, lines[1:], strict=False):
        same_block = abs(after.x0 - line.x0) < 2 * line.size + 1 and 0 < after.top - line.top < 2.2 * line.size
        if not same_block:
            continue
        for end, start in _WHOLE:
            if end.search(line.text) and start.search(after.text):
                found.append(Finding(number, "split", f"{line.text[-12:]} | {after.text[:12]}"))
                break
    return found


def _table_rows(page: pdfplumber.page.Page) -> tuple[int, float, float]:
    """(rows, top, bottom) of the ruled table on the page: its horizontal rules less one (0 if none)."""
    ys = sorted({round(e["top"]) for e in page.edges if e["orientation"] == "h" and e["width"] > 20 * MM})
    if len(ys) < 2:
        return 0, 0.0, 0.0
    return len(ys) - 1, ys[0], ys[-1]


def _lonely(page: pdfplumber.page.Page, lines: list[Line], number: int, last: int) -> list[Finding]:
    content = [line for line in lines if not PAGE_NUMBER.match(line.text)]
    if not content:
        return [Finding(number, "blank", "nothing but the page number" if lines else "nothing")]
    texts = [line.text for line in content]
    if number > 1 and all(SIGNATURE.match(t) or len(t) <= 40 and not t.endswith("。") for t in texts) \
            and any(SIGNATURE.match(t) for t in texts) and len(texts) <= 3:
        return [Finding(number, "lonely", "only the 落款: " + " / ".join(texts))]
    if number > 1 and any(IMPRINT.search(t) for t in texts) and len(texts) <= 6 and \
            all(not t.endswith("。") or IMPRINT.search(t) for t in texts):
        if number == last and number % 2 == 0:
            return []  # the 版记 on the back of the last sheet
        return [Finding(number, "lonely", "only the 版记: " + " / ".join(texts))]
    if number > 1 and len(texts) == 1 and len(texts[0]) <= 8:
        return [Finding(number, "lonely", "only the last words: " + texts[0])]
    last_line = content[-1]
    if re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", last_line.text) and len(last_line.text) <= 20 \
            and not last_line.text.endswith("。") and number < last:
        return [Finding(number, "lonely", "a heading at the foot of the page: " + last_line.text)]
    rows, top, bottom = _table_rows(page)
    if number > 1 and 1 <= rows <= 2 and all(top - 1 <= line.top <= bottom + 1 for line in content):
        return [Finding(number, "lonely", "only a table's last row: " + " / ".join(texts)[:60])]
    return []


def _page_number(page: pdfplumber.page.Page, lines: list[Line], number: int) -> list[Finding]:
    if page.width > page.height:
        return []
    found = []
    for line in lines:
        if not re.match(r"^—\s*\d+\s*—$", line.text):
            continue
        shown = int(re.sub(r"\D", "", line.text))
        x0, _top, x1, _bottom = TYPE_AREA
        where = abs(line.x1 - (x1 - NUMBER_INSET)) if shown % 2 else abs(line.x0 - (x0 + NUMBER_INSET))
        if where > 1.5:
            side = "right" if shown % 2 else "left"
            found.append(Finding(number, "page-number", f"{line.text} not one character in from the {side} "
                                 f"({line.x0 / MM:.1f}–{line.x1 / MM:.1f} mm)"))
    return found


def check(path: Path, *, body_pages: bool = True) -> list[Finding]:
    """Every finding of the document at ``path``. ``body_pages``: judge portrait pages of 16 pt text
    by the 28 × 22 grid (off for forms that are not running text)."""
    found: list[Finding] = []
    with pdfplumber.open(path) as pdf:
        last = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            lines = _lines(page)
            found += _outside(page, number)
            found += _breaking(lines, number)
            found += _lonely(page, lines, number, last)
            found += _page_number(page, lines, number)
            if body_pages and page.width < page.height:
                body = _body(lines)
                for line in body:
                    # Widths, not characters: a figure's digits are half as wide as a Chinese character.
                    ems = (line.x1 - line.x0) / line.size
                    if ems > CHARS_PER_LINE + 0.05:
                        found.append(Finding(number, "long-line", f"{ems:.2f} characters wide: {line.text}"))
                if len(body) > LINES_PER_PAGE:
                    found.append(Finding(number, "many-lines", f"{len(body)} body lines"))
    return _allowed_blanks(found, last)


def _allowed_blanks(found: list[Finding], pages: int) -> list[Finding]:
    """The blank page standing before a 版记 on the last, even page is the standard's, not a fault."""
    return [f for f in found if not (f.kind == "blank" and f.detail == "nothing" and f.page == pages - 1
                                     and pages % 2 == 0)]


@dataclass(frozen=True)
class PageGrid:
    page: int
    lines: int  # body lines (16 pt) on the page
    chars: tuple[int, ...]  # characters of each body line


def grid(path: Path) -> list[PageGrid]:
    """Each portrait page's body lines (3号, 16 pt) and the characters on each."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if page.width < page.height:
                body = _body(_lines(page))
                out.append(PageGrid(number, len(body), tuple(len(line.text) for line in body)))
    return out


ROLES = ("发文机关标志", "标题", "正文", "一级标题", "二级标题", "附件标识", "表格", "页码", "其他")


def fonts_by_role(path: Path) -> dict[str, set[str]]:
    """Role → the fonts its characters are set in (subset prefixes dropped): the red 发文机关标志, the
    titles (20 pt and over), 一、 headings up to their first 。 (or the whole line), （一） headings
    likewise, the rest of the 16 pt text (正文), tables (12 pt and under) and page numbers."""
    fonts: dict[str, set[str]] = defaultdict(set)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[tuple[int, int], list[dict]] = defaultdict(list)
            for char in page.chars:
                if char["text"].strip():
                    rows[(_baseline(char), round(char["size"]))].append(char)
            for (_b, size), chars in rows.items():
                chars.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in chars)
                head = text.index("。") + 1 if "。" in text else len(text)
                for k, char in enumerate(chars):
                    name = char["fontname"].split("+")[-1]
                    colour = char.get("non_stroking_color") or ()
                    if size >= 20 and colour and len(colour) == 3 and colour[0] > 0.5 and colour[1] < 0.3:
                        role = "发文机关标志"
                    elif size >= 20:
                        role = "标题"
                    elif PAGE_NUMBER.match(text):
                        role = "页码"
                    elif size <= 12:
                        role = "表格"
                    elif size != 16:
                        role = "其他"  # a cover's subtitle, a receipt's text
                    elif text.startswith("附件") and k < 2:
                        role = "附件标识"  # 3号黑体 at the attachment's top left
                    elif re.match(r"^[一二三四五六七八九十]+、", text) and k < head:
                        role = "一级标题"
                    elif re.match(r"^（[一二三四五六七八九十]+）", text) and k < head:
                        role = "二级标题"
                    else:
                        role = "正文"
                    fonts[role].add(name)
    return dict(fonts)


def fonts_by_size(path: Path) -> dict[float, set[str]]:
    """Point size → the font names set in it (subset prefixes dropped), over the whole document."""
    fonts: dict[float, set[str]] = defaultdict(set)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                if char["text"].strip():
                    fonts[round(char["size"], 1)].add(char["fontname"].split("+")[-1])
    return dict(fonts)


def page_texts(path: Path) -> list[str]:
    """Each page's printed lines joined, for wording assertions."""
    with pdfplumber.open(path) as pdf:
        return ["\n".join(line.text for line in _lines(page)) for page in pdf.pages]
