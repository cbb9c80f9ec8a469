"""Horizontal bar charts for the documents: one row per name, a legend of the series below, every
label in the document's 宋体 (a drawing otherwise starts from Helvetica, which the PDF would name
but not embed)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable

from ledger_app.documents.fonts import register_fonts

LABEL_WIDTH = 150  # points left of the bars for the row names


def short(name: str, length: int) -> str:
    return f"{name[:length]}{'…' if len(name) > length else ''}"


ROWS_PER_PAGE = 36  # rows of one chart on a page of the 版心 (225 mm) with a heading over it


class Charts(Flowable):
    """A chart of more rows than a page holds, as charts of at most ROWS_PER_PAGE rows that split
    between pages (one chart 690 pt high for 40 units could not be typeset at all)."""

    def __init__(self, drawings: list[Drawing]) -> None:
        super().__init__()
        self.drawings = drawings

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = sum(d.height for d in self.drawings)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if len(self.drawings) < 2 or self.drawings[0].height > availHeight:
            return []
        return [self.drawings[0], Charts(self.drawings[1:])]

    def draw(self) -> None:
        y = self.height
        for drawing in self.drawings:
            y -= drawing.height
            drawing.drawOn(self.canv, 0, y)


def bar_chart(width: float, names: Sequence[str], data: Sequence[Sequence[float]],
              series: Sequence[tuple[str, str]], *, row_height: float, axis: tuple[float, float, float],
              stacked: bool = False, percent: bool = False) -> Flowable:
    """Rows ``names`` drawn bottom-up as given; ``data`` one list per series (label, colour);
    ``axis`` the value axis's minimum, maximum and step. More rows than a page holds: charts of a
    page each, the top rows (the last given) first."""
    if len(names) > ROWS_PER_PAGE:
        row_height = min(row_height, 14.0)
        pieces = []
        for end in range(len(names), 0, -ROWS_PER_PAGE):
            start = max(0, end - ROWS_PER_PAGE)
            pieces.append(_chart(width, names[start:end], [list(v)[start:end] for v in data], series,
                                 row_height, axis, stacked, percent))
        return Charts(pieces)
    return _chart(width, names, data, series, row_height, axis, stacked, percent)


def _chart(width: float, names: Sequence[str], data: Sequence[Sequence[float]], series: Sequence[tuple[str, str]],
           row_height: float, axis: tuple[float, float, float], stacked: bool, percent: bool) -> Drawing:
    fonts = register_fonts()
    STATE_DEFAULTS["fontName"] = fonts.song
    height = len(names) * row_height + 50
    drawing = Drawing(width, height)
    bars = HorizontalBarChart()
    bars.x, bars.y = LABEL_WIDTH, 30
    bars.width, bars.height = width - LABEL_WIDTH - 20, height - 40
    bars.data = [list(values) for values in data]
    if stacked:
        bars.categoryAxis.style = "stacked"
    else:
        bars.barSpacing = 1
    bars.categoryAxis.categoryNames = list(names)
    for labels in (bars.categoryAxis.labels, bars.valueAxis.labels):
        labels.fontName, labels.fontSize = fonts.song, 8
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = axis
    if percent:
        bars.valueAxis.labelTextFormat = "%d%%"
    for index, (_label, colour) in enumerate(series):
        bars.bars[index].fillColor = colors.HexColor(colour)
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y = LABEL_WIDTH, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName, legend.fontSize = fonts.song, 8
    legend.colorNamePairs = [(colors.HexColor(colour), label) for label, colour in series]
    legend.dx = legend.dy = 8
    legend.deltax = 70
    drawing.add(legend)
    return drawing
