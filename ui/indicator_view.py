"""指标: the quantified targets as of the window's date — table with a trend line per indicator,
and the selected indicator's actual values drawn against its path to the target."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, QPointF, QRectF, Qt, QTime, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.indicators.measure import DIRECTION_SIGNS, UNREPORTED, format_number
from ledger_app.indicators.store import IndicatorView, list_indicators
from ledger_app.operations import OpChanges
from ui import background
from ui.controller import LedgerController
from ui.light_colours import LIGHT_COLOURS

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("code", "name", "target", "baseline", "latest", "progress", "expected", "light", "trend", "dept")


class IndicatorModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[IndicatorView] = []

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Indicator"), self.tr("Target"), self.tr("Baseline"), self.tr("Latest"),
                self.tr("Progress"), self.tr("Schedule"), self.tr("Light"), self.tr("Trend"), self.tr("Owner")]

    def light_label(self, light: str) -> str:
        return {"done": self.tr("Reached"), "green": self.tr("On schedule"), "yellow": self.tr("Behind"),
                "red": self.tr("Overdue"), "unreported": self.tr("Not reported")}.get(light, light)

    def set_rows(self, rows: list[IndicatorView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        view = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == VIEW_ROLE:
            return view
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("name", "dept", "target"):
            return f"{view.name}\n{view.target_text}\n{view.dept}{'、' + view.co_depts if view.co_depts else ''}"
        if role == Qt.ItemDataRole.DecorationRole and column == "light":
            return LIGHT_COLOURS.get(view.light, LIGHT_COLOURS["off"])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("progress", "expected", "latest", "baseline"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, view: IndicatorView, column: str) -> str:
        a = view.assessment
        if column == "code":
            return view.code
        if column == "name":
            return f"{view.name}（{view.unit}）" if view.unit else view.name
        if column == "target":
            return f"{DIRECTION_SIGNS[view.direction]}{format_number(view.target)}（{view.target_year}）"
        if column == "baseline":
            return f"{format_number(view.baseline)}（{view.baseline_year}）" if view.baseline is not None else "—"
        if column == "latest":
            return f"{format_number(a.latest.value)}（{a.latest.label}）" if a.latest else "—"
        if column == "progress":
            return "—" if a.progress is None else f"{a.progress:.1f}%"
        if column == "expected":
            return "—" if a.expected is None else f"{a.expected:.1f}%"
        if column == "light":
            return self.light_label(view.light)
        if column == "dept":
            return view.dept or view.co_depts
        return ""


class SparklineDelegate(QStyledItemDelegate):
    """A small line of the indicator's actual values, with its target as a dashed line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        view: IndicatorView = index.data(VIEW_ROLE)
        values = [r.value for r in sorted(view.readings, key=lambda r: (r.end, r.quarter == 0))]
        if view.baseline is not None:
            values.insert(0, view.baseline)
        if not values:
            return
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        low, high = min([*values, view.target]), max([*values, view.target])
        span = (high - low) or 1.0

        def y(value: float) -> float:
            return rect.bottom() - (value - low) / span * rect.height()

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#9aa0a6"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(rect.left(), y(view.target)), QPointF(rect.right(), y(view.target)))
        colour = LIGHT_COLOURS.get(view.light, LIGHT_COLOURS["off"])
        painter.setPen(QPen(colour, 1.6))
        step = rect.width() / max(len(values) - 1, 1)
        points = [QPointF(rect.left() + i * step, y(v)) for i, v in enumerate(values)]
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(colour)
        painter.drawEllipse(points[-1], 2.2, 2.2)
        painter.restore()


def _moment(day: date) -> float:
    return float(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch())


class IndicatorsPage(QWidget):
    """The 指标 view; refreshes itself when indicators change or the window's date moves."""

    importRequested = Signal()

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._loads = background.Latest(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("color: #5f6368")
        self.import_button = QPushButton(self.tr("Import indicator table…"))
        self.value_button = QPushButton(self.tr("Record actual value…"))
        self.value_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.value_button)
        self.model = IndicatorModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMNS.index("trend"), SparklineDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.empty = QLabel(self.tr("No indicators yet. Import an indicator table (指标名称、目标值、目标年份…) "
                                    "or open the demo ledger."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5f6368")
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setFrameShape(QFrame.Shape.NoFrame)
        self.chart.setMinimumHeight(160)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.import_button.clicked.connect(lambda: self.importRequested.emit())
        self.value_button.clicked.connect(lambda: self.record_value())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.record_value())
        controller.changed.connect(self._changed)
        controller.asOfChanged.connect(lambda _day: self.refresh())
        controller.settingsChanged.connect(self.refresh)
        self.refresh()

    def _changed(self, changes: OpChanges, _extra: object) -> None:
        if changes.indicators or changes.structure:
            self.refresh()

    def refresh(self) -> None:
        engine, as_of, thresholds = self.controller.engine, self.controller.as_of, self.controller.thresholds
        self._loads.submit(lambda: list_indicators(engine, as_of, thresholds),
                           lambda result: self._show(as_of, result))

    def _show(self, as_of: date, result: object) -> None:
        current = self.current()
        self.model.set_rows(result)  # type: ignore[arg-type]
        counts = Counter(v.light for v in self.model.rows)
        heading = (self.tr("As of %1: %2 indicators — %3 reached, %4 on schedule, %5 behind, %6 overdue")
                   .replace("%1", as_of.isoformat()).replace("%2", str(len(self.model.rows)))
                   .replace("%3", str(counts["done"])).replace("%4", str(counts["green"]))
                   .replace("%5", str(counts["yellow"])).replace("%6", str(counts["red"])))
        if counts[UNREPORTED]:  # said only when there are some: the parts add up to the whole
            heading += self.tr(", %1 not reported").replace("%1", str(counts[UNREPORTED]))
        self.heading.setText(heading)
        self.empty.setVisible(not self.model.rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMNS.index("trend"), QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COLUMNS.index("trend"), 90)
        row = next((i for i, v in enumerate(self.model.rows) if current and v.id == current.id), 0)
        if self.model.rows:
            self.table.selectRow(row)
        else:
            self._draw(None)

    def current(self) -> IndicatorView | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.value_button.setEnabled(current.isValid())
        self._draw(self.current())

    def _draw(self, view: IndicatorView | None) -> None:
        chart = QChart()
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        if view is not None:
            chart.setTitle(f"{view.name}　{view.target_text}")
            path = QLineSeries()
            path.setName(self.tr("Path to the target"))
            path.setPen(QPen(QColor("#9aa0a6"), 2, Qt.PenStyle.DashLine))
            for day, value in view.definition.points():
                path.append(_moment(day), value)
            actual = QLineSeries()
            actual.setName(self.tr("Actual"))
            actual.setPen(QPen(LIGHT_COLOURS.get(view.light, LIGHT_COLOURS["off"]), 2.5))
            dots = QScatterSeries()
            dots.setMarkerSize(8)
            dots.setColor(LIGHT_COLOURS.get(view.light, LIGHT_COLOURS["off"]))
            readings = sorted(view.readings, key=lambda r: (r.end, r.quarter == 0))
            if view.baseline is not None and view.baseline_year is not None:
                actual.append(_moment(date(view.baseline_year, 12, 31)), view.baseline)
            for reading in readings:
                actual.append(_moment(reading.end), reading.value)
                dots.append(_moment(reading.end), reading.value)
            axis_x, axis_y = QDateTimeAxis(), QValueAxis()
            axis_x.setFormat("yyyy-MM")
            axis_y.setLabelFormat("%g")
            for series in (path, actual, dots):
                if series.count():
                    chart.addSeries(series)
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            for series in chart.series():
                series.attachAxis(axis_x)
                series.attachAxis(axis_y)
            dots_marker = chart.legend().markers(dots)
            for marker in dots_marker:
                marker.setVisible(False)
            values = [v for s in chart.series() for v in (p.y() for p in s.points())] or [view.target]
            low, high = min([*values, view.target]), max([*values, view.target])
            pad = (high - low) * 0.1 or 1
            axis_y.setRange(low - pad, high + pad)
            days = [d for d, _v in view.definition.points()] + [r.end for r in readings]
            if days:
                axis_x.setRange(QDateTime(min(days), QTime(0, 0)), QDateTime(max(days), QTime(23, 0)))
        old = self.chart.chart()
        self.chart.setChart(chart)
        if old is not None:
            old.deleteLater()

    def record_value(self) -> None:
        view = self.current()
        if view is None:
            return
        from ui.value_dialog import ValueDialog

        ValueDialog(self.controller, view, self).exec()
