"""Page furniture and typesetting shared by every document (in the spirit of GB/T 9704)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ledger_app.reports.fonts import register_fonts

LIGHT_FILL = {"red": colors.HexColor("#f4c7c3"), "yellow": colors.HexColor("#fce8b2"),
              "green": colors.HexColor("#b7e1cd"), "done": colors.HexColor("#dadce0"), "off": colors.white}
LIGHT_TEXT = {"red": "● 红灯", "yellow": "● 黄灯", "green": "● 绿灯", "done": "✔ 已完成", "off": "— 已取消"}
LIGHT_INK = {"red": colors.HexColor("#b3261e"), "yellow": colors.HexColor("#8a5a00"),
             "green": colors.HexColor("#146c2e"), "done": colors.HexColor("#3c4043"), "off": colors.grey}
HEADER_FILL = colors.HexColor("#e8eaed")


class Cancelled(Exception):
    """The clerk cancelled a long batch; no file was written."""


@dataclass
class Page:
    title: str  # document title, shown in the running header
    org: str
    generated: date
    as_of: date
    landscape: bool = True


def styles() -> dict[str, ParagraphStyle]:
    fonts = register_fonts()

    def style(name: str, font: str, size: float, leading: float, align: int = TA_LEFT, **kw) -> ParagraphStyle:
        # wordWrap="CJK" lets Chinese break between any two characters, so cells never overflow.
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, alignment=align,
                              wordWrap="CJK", **kw)

    return {
        "title": style("title", fonts.title, 22, 30, TA_CENTER, spaceAfter=6 * mm),
        "subtitle": style("subtitle", fonts.body, 14, 20, TA_CENTER, spaceAfter=4 * mm),
        "h2": style("h2", fonts.title, 15, 22, spaceBefore=4 * mm, spaceAfter=2 * mm, keepWithNext=1),
        "body": style("body", fonts.body, 16, 28, firstLineIndent=32),
        "body_flat": style("body_flat", fonts.body, 16, 28),
        "text": style("text", fonts.table, 11, 17, firstLineIndent=22),
        "meta": style("meta", fonts.table, 11, 16),
        "cell": style("cell", fonts.table, 10, 13.5),
        "cell_c": style("cell_c", fonts.table, 10, 13.5, TA_CENTER),
        "head": style("head", fonts.title, 10, 13.5, TA_CENTER),
        "small": style("small", fonts.table, 8.5, 11),
    }


def para(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text if text is not None else "")).replace("\n", "<br/>"), style)


def light_cell(light: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    ink = LIGHT_INK.get(light, colors.black).hexval()[2:]
    return Paragraph(f'<font color="#{ink}">{LIGHT_TEXT.get(light, light)}</font>', st["cell_c"])


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
          st: dict[str, ParagraphStyle], lights: Sequence[tuple[int, int, str]] = (),
          min_height: float | None = None) -> Table:
    """A ruled table whose header repeats on every page and whose rows never split mid-line.

    ``lights``: (row, column, light) cells to tint, so the light reads in colour and in grey.
    """
    data = [[para(h, st["head"]) for h in header]]
    for row in rows:
        data.append([c if isinstance(c, Flowable) else para(c, st["cell"]) for c in row])
    heights = [None] + [min_height] * len(rows) if min_height else None
    t = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, splitByRow=1, splitInRow=0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (c, r + 1), (c, r + 1), LIGHT_FILL.get(light, colors.white))
                 for r, c, light in lights]
    t.setStyle(TableStyle(commands))
    return t


def _numbered_canvas(page: Page) -> type[Canvas]:
    fonts = register_fonts()

    class NumberedCanvas(Canvas):
        """Two passes: pages are kept until the end so each can say "第 X 页 共 Y 页"."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(fonts.table, 9)
            self.setFillColor(colors.HexColor("#5f6368"))
            self.drawString(15 * mm, height - 10 * mm, page.org or "")
            self.drawRightString(width - 15 * mm, height - 10 * mm, page.title)
            self.setStrokeColor(colors.HexColor("#9aa0a6"))
            self.line(15 * mm, height - 12 * mm, width - 15 * mm, height - 12 * mm)
            self.drawString(15 * mm, 9 * mm, f"截至 {page.as_of.isoformat()} · 生成于 {page.generated.isoformat()}")
            self.drawCentredString(width / 2, 9 * mm, f"第 {number} 页 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


def write_pdf(path: Path, page: Page, story: list[Flowable],
              cancelled: Callable[[], bool] | None = None) -> int:
    """Lay out ``story`` into ``path`` (written only when complete); returns the page count."""
    size = landscape(A4) if page.landscape else A4
    # Official documents: top 37 mm, sides 26/28 mm for notices; tables get more room.
    margins = (20 * mm, 15 * mm, 18 * mm, 15 * mm) if page.landscape else (37 * mm, 28 * mm, 35 * mm, 26 * mm)
    top, right, bottom, left = margins
    tmp = path.with_name(path.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=size, topMargin=top, rightMargin=right, bottomMargin=bottom,
                            leftMargin=left, title=page.title, author=page.org or "改革任务台账",
                            creator="改革任务台账")
    if cancelled is not None:
        def check(_canvas: Canvas, _doc: SimpleDocTemplate) -> None:
            if cancelled():
                raise Cancelled
    else:
        def check(_canvas: Canvas, _doc: SimpleDocTemplate) -> None:
            return None
    try:
        doc.build(story, canvasmaker=_numbered_canvas(page), onFirstPage=check, onLaterPages=check)
    except (Cancelled, LayoutError):
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return doc.page


def content_width(page: Page) -> float:
    size = landscape(A4) if page.landscape else A4
    return size[0] - (30 * mm if page.landscape else 54 * mm)
