"""Dashboard: lights at a glance, completion by area and department, what is due, who lags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.indicators.store import list_indicators
from ledger_app.periods import closing
from ledger_app.tasks import stats
from ledger_app.tasks.lights import Thresholds
from ui import background
from ui.completion_chart import CompletionChart, short_name  # noqa: F401  (short_name: used from here)
from ui.controller import LedgerController
from ui.indicator_tiles import IndicatorStrip
from ui.light_colours import LIGHT_COLOURS
from ui.trend_panel import TrendTable

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TABLE_ROWS = 50  # the lists are pointers into the ledger, not the ledger itself
DUE_ROWS = 15


@dataclass(frozen=True)
class _Figures:
    as_of: date
    quarter_ends: list[date]
    counts: dict[str, int]
    areas: list[stats.Completion]
    depts: list[stats.Completion]
    due: list[stats.TaskLine]
    lagging: list[stats.TaskLine]
    lagging_total: int
    trend: list[closing.Figures]
    indicators: list = field(default_factory=list)


def _compute(engine, as_of: date, thresholds: Thresholds, plan_id: int | None) -> _Figures:  # noqa: ANN001 - SQLAlchemy Engine
    """Every figure the dashboard shows; runs in a worker thread."""
    lagging = stats.lagging_two_quarters(engine, as_of, thresholds, plan_id, limit=TABLE_ROWS)
    total = len(lagging)
    if total == TABLE_ROWS:
        total = stats.count_lagging_two_quarters(engine, as_of, thresholds, plan_id)
    return _Figures(as_of, stats.last_two_quarter_ends(as_of), stats.light_counts(engine, as_of, thresholds, plan_id),
                    stats.completion_by_area(engine, plan_id, as_of=as_of),
                    stats.completion_by_department(engine, plan_id, as_of=as_of),
                    stats.next_deadlines(engine, as_of, DUE_ROWS, plan_id, thresholds), lagging, total,
                    closing.trend(engine, plan_id),
                    list_indicators(engine, as_of, thresholds))


class _Tile(QFrame):
    """A big number with a coloured edge."""

    def __init__(self, label: str, colour: QColor, tip: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#tile {{ border-left: 6px solid {colour.name()}; }}")
        self.setToolTip(tip)
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {colour.name()}")
        self.caption = QLabel(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 10, 6)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


class _Panel(QGroupBox):
    """A titled box showing its content, or a grey sentence when there is nothing to show."""

    def __init__(self, title: str, content: QWidget) -> None:
        super().__init__(title)
        self.content = content
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5f6368")
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

    def show_content(self, has_rows: bool, empty_text: str = "") -> None:
        self.empty.setText(empty_text)
        self.stack.setCurrentIndex(0 if has_rows else 1)


class DashboardView(QWidget):
    """Figures for one plan (or all plans) as of the controller's date; refreshes itself,
    at most once per burst of edits and only while it is on screen."""

    taskActivated = Signal(int)  # the clerk double-clicked (or pressed Enter on) a task: show it in the ledger
    indicatorsRequested = Signal()  # an indicator tile was clicked
    refreshed = Signal()  # new figures are on screen (tests wait for it: the figures are read in the background)

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.plan_id: int | None = None
        self._stale = True
        self._loads = background.Latest(self)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)

        self.heading = QLabel()
        self.heading.setStyleSheet("color: #5f6368")
        tiles = QHBoxLayout()
        self.tiles: dict[str, _Tile] = {}
        for key, label, tip in (
            ("red", self.tr("Red"), self.tr("Past the deadline and not done")),
            ("yellow", self.tr("Yellow"), self.tr("Due soon, or behind the time elapsed")),
            ("green", self.tr("Green"), self.tr("On schedule")),
            ("done", self.tr("Done"), self.tr("Completed tasks")),
        ):
            self.tiles[key] = _Tile(label, LIGHT_COLOURS[key], tip)
            tiles.addWidget(self.tiles[key])

        self.area_chart, self.dept_chart = CompletionChart(), CompletionChart()
        self.deadlines, self.lagging = self._table(), self._table()
        self.area_box = _Panel(self.tr("Completion by area"), self._scroller(self.area_chart))
        self.dept_box = _Panel(self.tr("Completion by lead department, lowest first"),
                               self._scroller(self.dept_chart))
        self.deadlines_box = _Panel(self.tr("Next deadlines"), self.deadlines)
        self.lagging_box = _Panel(self.tr("Lagging two quarters running"), self.lagging)
        self.trend = TrendTable()
        self.trend_box = _Panel(self.tr("Quarter by quarter (closed quarters)"), self.trend)
        self.trend_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.lagging_box.setToolTip(self.tr(
            "Open tasks that were overdue, or more than the allowed points behind the time elapsed,\n"
            "at the end of each of the last two quarters (by their quarterly progress reports)."))

        self.indicator_strip = IndicatorStrip()
        self.indicator_strip.opened.connect(self.indicatorsRequested)
        grid = QGridLayout(self)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        grid.addLayout(tiles, 1, 0, 1, 2)
        grid.addWidget(self.indicator_strip, 2, 0, 1, 2)
        grid.addWidget(self.area_box, 3, 0)
        grid.addWidget(self.dept_box, 3, 1)
        grid.addWidget(self.deadlines_box, 4, 0)
        grid.addWidget(self.lagging_box, 4, 1)
        grid.addWidget(self.trend_box, 5, 0, 1, 2)
        self.trend_box.setVisible(False)
        grid.setRowStretch(3, 3)
        grid.setRowStretch(4, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.setTabOrder(self.deadlines, self.lagging)

        controller.tasksChanged.connect(self._changed)
        controller.asOfChanged.connect(self._changed)
        controller.settingsChanged.connect(self._changed)

    # ----- when to refresh -----------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        # Figures over 100,000 tasks are not free: compute them only when someone looks,
        # and once for a burst of edits.
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def refresh_pending(self) -> bool:
        """Whether a refresh is scheduled or computing (tests wait for this instead of for a time)."""
        return self._timer.isActive() or background.busy()

    def set_plan(self, plan_id: int | None) -> None:
        """Show the figures of one plan, or of all plans (None)."""
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self._changed()

    # ----- building blocks ----------------------------------------------------------
    def _scroller(self, view: CompletionChart) -> QScrollArea:
        # QtCharts hides a category label that is taller than its slot, so each bar keeps a
        # readable height and a long list of departments scrolls instead.
        area = QScrollArea()
        area.setWidget(view)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumHeight(200)
        return area

    def _table(self) -> QTableView:
        view = QTableView()
        view.setModel(QStandardItemModel(view))
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setTabKeyNavigation(False)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setToolTip(self.tr("Double-click or press Enter to open the task in the ledger"))
        # activated = double-click, or Enter on the keyboard
        view.activated.connect(self._activated)
        return view

    def _activated(self, index: QModelIndex) -> None:
        task_id = index.siblingAtColumn(0).data(ID_ROLE)
        if task_id is not None:
            self.taskActivated.emit(int(task_id))

    # ----- filling ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute every figure (in the background: about 0.3 s at 100,000 tasks); ``refreshed`` follows."""
        self._timer.stop()
        self._stale = False
        engine, as_of, thresholds = self.controller.engine, self.controller.as_of, self.controller.thresholds
        plan_id = self.plan_id
        self._loads.submit(lambda: _compute(engine, as_of, thresholds, plan_id), self._show)

    def _show(self, figures: object) -> None:
        assert isinstance(figures, _Figures)
        as_of = figures.as_of
        q2, q3 = figures.quarter_ends
        self.heading.setText(self.tr("As of %1 · lagging is judged at the quarter ends %2 and %3")
                             .replace("%1", as_of.isoformat()).replace("%2", q2.isoformat())
                             .replace("%3", q3.isoformat()))
        for key, tile in self.tiles.items():
            tile.number.setText(f"{figures.counts[key]:,}")
        self.indicator_strip.show_indicators(figures.indicators)

        areas, depts = figures.areas, figures.depts
        self.area_chart.fill(areas, [a.name or self.tr("(No area)") for a in areas])
        self.area_box.show_content(bool(areas), self.tr("No tasks yet."))
        self.dept_chart.fill(depts, [d.name for d in depts])
        self.dept_box.show_content(bool(depts), self.tr("No task has a lead department yet."))

        self._fill(self.deadlines, figures.due, as_of, days_left=True)
        self.deadlines_box.show_content(bool(figures.due), self.tr("No open task is due from %1.")
                                        .replace("%1", as_of.isoformat()))

        lagging, total = figures.lagging, figures.lagging_total
        self._fill(self.lagging, lagging, as_of, days_left=False)
        title = self.tr("Lagging two quarters running (%1)").replace("%1", f"{total:,}")
        if total > len(lagging):
            title = (self.tr("Lagging two quarters running (first %1 of %2)")
                     .replace("%1", str(len(lagging))).replace("%2", f"{total:,}"))
        self.lagging_box.setTitle(title)
        self.lagging_box.show_content(bool(lagging), self.tr("No task has lagged two quarters running."))
        self.trend.fill(figures.trend)
        # Only once a quarter is closed: until then the screen's height goes to the figures above.
        self.trend_box.setVisible(bool(figures.trend))
        self.refreshed.emit()

    def _fill(self, view: QTableView, lines: list[stats.TaskLine], as_of: date, *, days_left: bool) -> None:
        model: QStandardItemModel = view.model()
        model.clear()
        last = self.tr("Days left") if days_left else self.tr("Done %")
        model.setHorizontalHeaderLabels([self.tr("No."), self.tr("Project"), self.tr("Lead"), self.tr("Deadline"),
                                         last])
        for line in lines:
            code = QStandardItem(line.code)
            code.setData(line.id, ID_ROLE)
            code.setData(LIGHT_COLOURS.get(line.light, LIGHT_COLOURS["off"]), Qt.ItemDataRole.DecorationRole)
            text = f"{line.title}｜{line.content}" if line.content else line.title
            title = QStandardItem(text)
            title.setToolTip(text)
            lead = QStandardItem(line.lead)
            lead.setToolTip(line.lead)
            deadline = QStandardItem(line.deadline.isoformat() if line.deadline else "")
            if days_left and line.deadline is not None:
                tail = QStandardItem(str((line.deadline - as_of).days))
            else:
                tail = QStandardItem(f"{line.percent}%")
            tail.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            model.appendRow([code, title, lead, deadline, tail])
        header = view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(2, view.fontMetrics().height() * 5 + 16)  # about five Chinese characters
        for column in (0, 3, 4):  # short values: always as wide as they need, whatever the font
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
