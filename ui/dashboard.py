"""Dashboard: lights at a glance, completion by area and department, what is due, who lags."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app import stats
from ui.controller import LedgerController
from ui.task_model import LIGHT_COLOURS

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def short_name(name: str) -> str:
    """"一、深化行政体制改革，实现管理运行高效能" → "一、深化行政体制改革"."""
    return name.split("，")[0].split(",")[0]


class _Tile(QFrame):
    def __init__(self, label: str, colour: QColor) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"_Tile {{ border-left: 6px solid {colour.name()}; }}")
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {colour.name()}")
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(QLabel(label))


class DashboardView(QWidget):
    taskActivated = Signal(int)

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.plan_id: int | None = None
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        tiles = QHBoxLayout()
        self.tiles = {}
        for key, label in (("red", self.tr("Red")), ("yellow", self.tr("Yellow")), ("green", self.tr("Green")),
                           ("done", self.tr("Done"))):
            self.tiles[key] = _Tile(label, LIGHT_COLOURS[key])
            tiles.addWidget(self.tiles[key])
        self.area_chart, self.dept_chart = QChartView(), QChartView()
        for view in (self.area_chart, self.dept_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(240)
        self.deadlines, self.lagging = self._table(), self._table()
        grid = QGridLayout(self)
        grid.addLayout(tiles, 0, 0, 1, 2)
        grid.addWidget(self._box(self.tr("Completion by area"), self.area_chart), 1, 0)
        grid.addWidget(self._box(self.tr("Completion by lead department"), self.dept_chart), 1, 1)
        grid.addWidget(self._box(self.tr("Next deadlines"), self.deadlines), 2, 0)
        grid.addWidget(self._box(self.tr("Lagging two quarters running"), self.lagging), 2, 1)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        self._stale = True
        # Bound methods, not lambdas: Qt drops the connection when this view is deleted.
        controller.tasksChanged.connect(self._changed)
        controller.asOfChanged.connect(self._changed)
        controller.settingsChanged.connect(self._changed)

    def _changed(self, *_what: object) -> None:
        # Figures over 100,000 tasks are not free: compute them only when someone looks.
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def _box(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def _table(self) -> QTableView:
        view = QTableView()
        view.setModel(QStandardItemModel(view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.doubleClicked.connect(lambda index: self.taskActivated.emit(index.siblingAtColumn(0).data(ID_ROLE)))
        return view

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self._changed()

    def refresh(self) -> None:
        self._stale = False
        engine, as_of = self.controller.engine, self.controller.as_of
        counts = stats.light_counts(engine, as_of, self.controller.thresholds, self.plan_id)
        for key, tile in self.tiles.items():
            tile.number.setText(str(counts[key]))
        self._chart(self.area_chart, stats.completion_by_area(engine, self.plan_id))
        self._chart(self.dept_chart, stats.completion_by_department(engine, self.plan_id)[:12])
        headers = [self.tr("No."), self.tr("Project"), self.tr("Deadline"), self.tr("Done %")]
        self._fill(self.deadlines, headers, stats.next_deadlines(engine, as_of, 15, self.plan_id))
        self._fill(self.lagging, headers,
                   stats.lagging_two_quarters(engine, as_of, self.controller.thresholds, self.plan_id)[:50])

    def _chart(self, view: QChartView, rows: list[stats.Completion]) -> None:
        bars = QBarSet(self.tr("Completion rate %"))
        bars.setColor(LIGHT_COLOURS["green"])
        names = []
        for row in reversed(rows):  # horizontal bars are drawn bottom-up
            bars.append(round(row.rate, 1))
            names.append(f"{short_name(row.name)} ({row.done}/{row.total})")
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart = QChart()
        chart.addSeries(series)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        categories = QBarCategoryAxis()
        categories.append(names)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _fill(self, view: QTableView, headers: list[str], lines: list[stats.TaskLine]) -> None:
        model: QStandardItemModel = view.model()
        model.clear()
        model.setHorizontalHeaderLabels(headers)
        for line in lines:
            code = QStandardItem(line.code)
            code.setData(line.id, ID_ROLE)
            title = QStandardItem(f"{line.title}｜{line.content}" if line.content else line.title)
            title.setToolTip(title.text())
            model.appendRow([code, title, QStandardItem(line.deadline.isoformat() if line.deadline else ""),
                             QStandardItem(f"{line.percent}%")])
        view.resizeColumnToContents(0)
        view.setColumnWidth(1, 300)
