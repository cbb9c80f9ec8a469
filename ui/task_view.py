"""The task table view: delegates, column hiding/reordering, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ui.delegates import DeadlineDelegate, PercentDelegate, StatusDelegate
from ui.task_model import COL, TaskTableModel

DEFAULT_WIDTHS = {"code": 48, "light": 70, "area": 150, "title": 170, "content": 300, "lead": 110, "co": 140,
                  "leader": 70, "deadline": 96, "status": 70, "percent": 62, "latest": 200}
# What a column needs at the least, in Chinese characters of the table's font, in the order columns
# are kept when the table is narrow: what, who leads, by when and how far first; 改革领域 (also
# the navigation's grouping), 配合单位, 责任领导 and 最新进展 (all in the detail pane) give way.
FIT_ORDER = {"code": 2.5, "light": 4, "title": 7, "content": 10, "lead": 5, "deadline": 6, "status": 3.5,
             "percent": 3.5, "latest": 7, "area": 7, "co": 5, "leader": 3.5}


class TaskView(QTableView):
    painted = Signal()  # once, after the first paint with rows: the rest of the list may load now

    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        # Until the clerk sizes, moves, hides or shows a column (or a saved layout is restored), the
        # columns follow the table's width (fit_columns); "Fit columns to window" returns to that.
        self.auto_fit = True
        self._fitting = self._dragging = False
        self._minimum: tuple[tuple[int, int], dict[str, int]] | None = None
        # Hidden before the model is set: a visible row header measures every row's number first
        # (some 400 calls into the model while the window is built, for a header nobody sees).
        self.verticalHeader().setVisible(False)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Two lines per row: long 具体改革内容 wraps once, then elides (full text in the tooltip).
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionResized.connect(lambda *_: self._taken_over(self._dragging))
        header.sectionMoved.connect(lambda *_: self._taken_over(True))
        header.viewport().installEventFilter(self)
        for key, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(COL[key], width)
        self._delegates = {"status": StatusDelegate(self),
                           "percent": PercentDelegate(self), "deadline": DeadlineDelegate(self)}
        for key, delegate in self._delegates.items():
            self.setItemDelegateForColumn(COL[key], delegate)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.model().rowCount():
            self._painted = True
            self.painted.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only a drag on the header (or a double click on a handle) is the clerk sizing a column;
        # the header also resizes sections itself (the stretched last one, restored states).
        if event.type() == QEvent.Type.MouseButtonPress:
            self._dragging = True
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._dragging = False
        return super().eventFilter(watched, event)

    def _taken_over(self, by_the_clerk: bool) -> None:
        if by_the_clerk and not self._fitting:
            self.auto_fit = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit and self.isVisible() and self.viewport().width() > 0:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Show the columns the table's width holds, in FIT_ORDER, each at least its minimum and at
        most its default width; the rest are hidden (the column menu shows them again)."""
        minimum = self._minimum_widths()
        room, shown = self.viewport().width(), []
        if not self.verticalScrollBar().isVisible():  # it will be, once the rows are in
            room -= self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        for key in FIT_ORDER:
            if sum(minimum[k] for k in shown) + minimum[key] <= room or not shown:
                shown.append(key)
        spare = room - sum(minimum[k] for k in shown)
        growth = {k: max(0, DEFAULT_WIDTHS[k] - minimum[k]) for k in shown}
        scale = min(1.0, spare / sum(growth.values())) if sum(growth.values()) else 0.0
        self._fitting = True
        try:
            for key in FIT_ORDER:
                # Only a change: hiding or showing a column (even as it was) makes the header
                # measure every title again.
                if self.isColumnHidden(COL[key]) != (key not in shown):
                    self.setColumnHidden(COL[key], key not in shown)
                if key in shown:
                    self.setColumnWidth(COL[key], minimum[key] + int(growth[key] * scale))
        finally:
            self._fitting = False

    def _minimum_widths(self) -> dict[str, int]:
        # Measured once per font: the columns are fitted on every resize (several times while the
        # window is first shown), and measuring a header's title asks the model four times.
        header = self.horizontalHeader()
        char = self.fontMetrics().horizontalAdvance("中")
        fonts = (char, header.fontMetrics().horizontalAdvance("中"))
        if self._minimum is None or self._minimum[0] != fonts:
            padding = self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) * 2 + char  # sort arrow
            self._minimum = (fonts, {
                key: max(round(chars * char) + padding // 2, header.sectionSizeFromContents(COL[key]).width())
                for key, chars in FIT_ORDER.items()})
        return self._minimum[1]

    def column_actions(self, parent: QWidget) -> list[QAction]:
        """Check-box actions to show or hide each column (for the View menu and the header)."""
        actions = []
        model = self.model()
        for column in range(model.columnCount()):
            action = QAction(model.headerData(column, Qt.Orientation.Horizontal), parent, checkable=True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
            actions.append(action)
        return actions

    def _show_column(self, column: int, on: bool) -> None:
        self.auto_fit = False  # the clerk's choice of columns stays, whatever the width
        self.setColumnHidden(column, not on)

    def _header_menu(self, pos) -> None:  # noqa: ANN001
        menu = QMenu(self)
        for action in self.column_actions(menu):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Fit columns to window"), self.reset_columns)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def reset_columns(self) -> None:
        """The columns in their first order, fitted to the table's width from now on."""
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(header.count()):
                header.moveSection(header.visualIndex(column), column)
        finally:
            self._fitting = False
        self.auto_fit = True
        self.fit_columns()

    def layout_state(self) -> QByteArray:
        """The columns as the clerk left them; nothing while they follow the width (they will again)."""
        return QByteArray() if self.auto_fit else self.horizontalHeader().saveState()

    def restore_layout(self, state: QByteArray | bytes | None) -> None:
        if state:
            self.auto_fit = False  # the clerk's own columns, as left
            self._fitting = True
            try:
                self.horizontalHeader().restoreState(QByteArray(state))
            finally:
                self._fitting = False
            # Rows are sorted by the database; the saved indicator must not trigger a re-sort on start-up.
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
