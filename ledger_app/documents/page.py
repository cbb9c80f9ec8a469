"""Pages: the GB/T 9704 text block, landscape attachments and forms, page numbers, the file written.

Three page templates:
- ``text``: portrait A4, text block 156 × 225 mm (top 37 mm, left 28 mm), page number ``— 1 —``;
- ``attachment``: the same text block turned landscape, for the tables attached to a document;
- ``form``: landscape with narrow margins, for supervision sheets and the printed ledger.

Page numbers are drawn once the page count is known (the canvas keeps every page until the end).
``number_by``: ``document`` numbers ``— N —`` through the whole file; ``group`` writes
``第 X 页 共 Y 页`` counted within each group (one department's sheet), and repeats the group's
heading on its continuation pages; ``total`` writes ``第 X 页 共 Y 页`` over the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ledger_app.documents.fonts import register_fonts

PORTRAIT, LANDSCAPE = A4, landscape(A4)
# (top, right, bottom, left)
MARGINS = {
    "text": (37 * mm, 26 * mm, 35 * mm, 28 * mm),
    "attachment": (28 * mm, 35 * mm, 26 * mm, 37 * mm),
    # Forms and the printed ledger: the running head and the page number stay 10 mm or more from
    # the paper's edge, where printers clip.
    "form": (18 * mm, 14 * mm, 17 * mm, 14 * mm),
}
SIZES = {"text": PORTRAIT, "attachment": LANDSCAPE, "form": LANDSCAPE}
GREY = colors.HexColor("#5f6368")


class Cancelled(Exception):
    """The clerk cancelled a long batch; no file was written."""


@dataclass(frozen=True)
class DocSpec:
    title: str  # the PDF's title
    author: str
    first: str = "text"  # template of the first page
    number_by: str = "document"  # document | group | total
    draft: bool = False  # stamp 样稿 on every page (a preview: not issued, no real number)
    running: str = ""  # small running head on form pages (the printed ledger)
    numbers: str = ""  # its 文号, in the PDF's keywords: a print job is named by title and number


def frame_size(template: str) -> tuple[float, float]:
    """Width and height of the text block of ``template``."""
    width, height = SIZES[template]
    top, right, bottom, left = MARGINS[template]
    return width - left - right, height - top - bottom


class Group(Flowable):
    """Marks where a group (one department's sheet) starts; its heading repeats on later pages."""

    def __init__(self, key: str, heading: str) -> None:
        super().__init__()
        self.key, self.heading = key, heading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._ledger_group = (self.key, self.heading)


class Unnumbered(Flowable):
    """Marks the page it lands on as one without a page number (a report's cover); the page
    still counts, so the pages after it keep their place (odd right, even left)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._ledger_unnumbered = True


def _canvas_class(spec: DocSpec) -> type[Canvas]:
    fonts = register_fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._ledger_group: tuple[str, str] | None = None
            self._ledger_unnumbered = False
            self._ledger_first_in_group: set[int] = set()
            self._seen_groups: set[str] = set()

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            group = self._ledger_group
            index = len(self._pages)
            if group is not None and group[0] not in self._seen_groups:
                self._seen_groups.add(group[0])
                self._ledger_first_in_group.add(index)
            state = dict(self.__dict__)
            state["_ledger_page_group"] = group
            self._pages.append(state)
            self._ledger_unnumbered = False  # set again by a page that carries no number
            self._startPage()

        def save(self) -> None:
            groups = [state["_ledger_page_group"] for state in self._pages]
            totals: dict[str | None, int] = {}
            for group in groups:
                key = group[0] if group else None
                totals[key] = totals.get(key, 0) + 1
            counters: dict[str | None, int] = {}
            first_in_group = self._ledger_first_in_group
            for index, state in enumerate(self._pages):
                self.__dict__.update(state)
                group = groups[index]
                key = group[0] if group else None
                counters[key] = counters.get(key, 0) + 1
                self._furniture(index + 1, len(self._pages), counters[key], totals[key],
                                group[1] if group and index not in first_in_group else "")
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int, in_group: int, group_total: int, continued: str) -> None:
            width, height = self._pagesize
            template = "text" if width < height else ("form" if spec.first == "form" else "attachment")
            top, right, bottom, left = MARGINS[template]
            self.saveState()
            self.setFillColor(colors.black)
            if self._ledger_unnumbered:
                pass
            elif spec.number_by == "document":
                self._page_number(number, width, bottom, left, right)
            else:
                shown = (in_group, group_total) if spec.number_by == "group" else (number, total)
                self.setFont(fonts.song, 10.5)
                self.drawCentredString(width / 2, bottom - 5 * mm, f"第 {shown[0]} 页 共 {shown[1]} 页")
            if continued:
                self.setFont(fonts.hei, 10.5)
                self.drawString(left, height - top + 3 * mm, f"{continued}（续）")
            if spec.running:
                self.setFont(fonts.song, 9)
                self.setFillColor(GREY)
                self.drawRightString(width - right, height - top + 3 * mm, spec.running)
            if spec.draft:
                self.setFont(fonts.hei, 16)
                self.setFillColor(colors.HexColor("#c5221f"))
                self.drawRightString(width - 8 * mm, height - 12 * mm, "样稿")
                self.setFont(fonts.song, 8)
                self.drawRightString(width - 8 * mm, height - 16 * mm, "预览，未编号登记")
            self.restoreState()

        def _page_number(self, number: int, width: float, bottom: float, left: float, right: float) -> None:
            """GB/T 9704: 4号 (14 pt) 宋体 numerals between em dashes, 7 mm under the text block; the
            document is printed on both sides, so an odd page's number stands one character in from
            the right of the text block and an even page's one character in from the left."""
            self.setFont(fonts.song, 14)
            y = bottom - 7 * mm - 10
            if spec.first != "text" or width > self._pagesize[1]:  # a landscape attachment: centred
                self.drawCentredString(width / 2, y, f"— {number} —")
            elif number % 2:
                self.drawRightString(width - right - 14, y, f"— {number} —")
            else:
                self.drawString(left + 14, y, f"— {number} —")

    return NumberedCanvas


def _templates(check: Callable[[Canvas, BaseDocTemplate], None]) -> list[PageTemplate]:
    out = []
    for name in ("text", "attachment", "form"):
        width, height = SIZES[name]
        top, right, bottom, left = MARGINS[name]
        frame = Frame(left, bottom, width - left - right, height - top - bottom, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        out.append(PageTemplate(id=name, frames=[frame], pagesize=(width, height), onPage=check))
    return out


def write_pdf(path: Path, spec: DocSpec, story: list[Flowable],
              cancelled: Callable[[], bool] | None = None) -> int:
    """Lay out ``story`` into ``path`` (replaced only once complete); returns the page count."""
    def check(_canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled

    tmp = path.with_name(path.name + ".part")
    templates = _templates(check)
    first = next(t for t in templates if t.id == spec.first)
    doc = BaseDocTemplate(str(tmp), pagesize=first.pagesize, title=spec.title, author=spec.author,
                          creator="改革任务台账", subject=spec.title, keywords=spec.numbers,
                          # Pages start in one of our fonts: Helvetica would be named (not embedded) in every PDF.
                          initialFontName=register_fonts().song,
                          pageTemplates=[first, *(t for t in templates if t is not first)])
    try:
        doc.build(story, canvasmaker=_canvas_class(spec))
    except (Cancelled, LayoutError):
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return doc.page
