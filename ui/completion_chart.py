"""The dashboard's completion bars (by area, by lead department), one named bar a line.

QtCharts gives the labels of a left axis at most 40 % of the chart's width (maxAxisPortion in its
chart layout) and replaces a label that does not fit by "…", so a list of department names came
out as a column of "…" at any window width. The labels are therefore cut here, to the room the
chart will give them, keeping the start of the name and its count; the full name is the tooltip.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import QToolTip

from ledger_app.tasks import stats
from ui.light_colours import LIGHT_COLOURS

_SHORT = 14
AXIS_SHARE = 0.4  # QtCharts' maxAxisPortion
# Chart margins, the axis line and QtCharts' label padding, with a little to spare: what of the
# 40 % is not label.
AXIS_OVERHEAD = 28


def short_name(name: str) -> str:
    """"一、深化行政体制改革，实现管理运行高效能" → "一、深化行政体制改革", "社会事业局（教育文体局）"
    → "社会事业局"; anything still long is cut."""
    head = name.split("，")[0].split(",")[0].strip()
    head = head.split("（")[0].split("(")[0].strip() or head
    return head if len(head) <= _SHORT else head[: _SHORT - 1] + "…"


def _unique(labels: list[str]) -> list[str]:
    # A category axis merges equal labels, so two departments cut to the same prefix would share a bar.
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        result.append(label + "\u200b" * (seen[label] - 1))
    return result


def fitted_label(metrics: QFontMetrics, name: str, count: str, room: int) -> str:
    """``name (count)`` in at most ``room`` pixels. The name matters most (the bar and its tooltip
    give the figures): the count goes first, then the name is cut in its middle, where names of
    one office's departments (常州经济开发区…局) are alike — never to nothing."""
    name = short_name(name)
    full = f"{name} {count}"
    if metrics.horizontalAdvance(full) <= room:
        return full
    if metrics.horizontalAdvance(name) <= room:
        return name
    cut = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)
    return cut if len(cut) > 2 else name[:2] + "…"


class CompletionChart(QChartView):
    """Horizontal bars of completion rates, the first row on top; labels fitted at every resize."""

    def __init__(self) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self._names: list[str] = []
        self._counts: list[str] = []
        self._tips: list[str] = []

    def fill(self, rows: list[stats.Completion], names: list[str]) -> None:
        bars = QBarSet(QCoreApplication.translate("DashboardView", "Completion rate"))
        bars.setColor(LIGHT_COLOURS["green"])
        bars.setLabelColor(QColor("#202124"))
        # Horizontal bars are drawn bottom-up: reverse so the first area is on top.
        pairs = list(zip(reversed(rows), reversed(names), strict=True))
        for row, _name in pairs:
            bars.append(round(row.rate, 1))
        self._names = [name for _row, name in pairs]
        self._counts = [f"({row.done}/{row.total})" for row, _name in pairs]
        tip = QCoreApplication.translate("DashboardView", "%1\n%2 of %3 done (%4%)")
        self._tips = [tip.replace("%1", name).replace("%2", str(row.done))
                      .replace("%3", str(row.total)).replace("%4", f"{row.rate:.1f}") for row, name in pairs]
        bars.hovered.connect(self._hovered)

        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart = QChart()
        chart.addSeries(series)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(2, 2, 8, 2))
        chart.setBackgroundRoundness(0)
        categories = QBarCategoryAxis()
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(5)
        values.setLabelFormat("%d%%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.fit_labels()
        # QtCharts hides a category label taller than its slot: each bar keeps two lines' height
        # and a long list scrolls (the dashboard puts the chart in a scroll area).
        line = QFontMetrics(categories.labelsFont()).height()
        self.setMinimumHeight(int(len(rows) * line * 2 + line * 2 + 40))

    def categories(self) -> QBarCategoryAxis | None:
        axes = self.chart().axes(Qt.Orientation.Vertical) if self.chart() is not None else []
        return axes[0] if axes else None

    def fit_labels(self) -> None:
        """Each label cut to the room QtCharts gives the axis at the chart's present width."""
        axis = self.categories()
        if axis is None:
            return
        metrics = QFontMetrics(axis.labelsFont())
        room = max(metrics.horizontalAdvance("一二三…"), int(self.width() * AXIS_SHARE) - AXIS_OVERHEAD)
        labels = _unique([fitted_label(metrics, name, count, room)
                          for name, count in zip(self._names, self._counts, strict=True)])
        if labels != axis.categories():
            axis.setCategories(labels)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_labels()

    def _hovered(self, state: bool, index: int) -> None:
        if state and 0 <= index < len(self._tips):
            QToolTip.showText(QCursor.pos(), self._tips[index], self)
        else:
            QToolTip.hideText()
