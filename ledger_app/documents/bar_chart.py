"""Horizontal bar charts for the documents: one row per name, a legend of the series below, every
label in the document's 宋体 (a drawing otherwise starts from Helvetica, which the PDF would name
but not embed)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib import colors

from ledger_app.documents.fonts import register_fonts

LABEL_WIDTH = 150  # points left of the bars for the row names


def short(name: str, length: int) -> str:
    return f"{name[:length]}{'…' if len(name) > length else ''}"


def bar_chart(width: float, names: Sequence[str], data: Sequence[Sequence[float]],
              series: Sequence[tuple[str, str]], *, row_height: float, axis: tuple[float, float, float],
              stacked: bool = False, percent: bool = False) -> Drawing:
    """Rows ``names`` drawn bottom-up as given; ``data`` one list per series (label, colour);
    ``axis`` the value axis's minimum, maximum and step."""
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
