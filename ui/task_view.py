"""The task table view: delegates, column hiding/reordering, remembered layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ui.delegates import DeadlineDelegate, LightDelegate, PercentDelegate, StatusDelegate
from ui.task_model import COL, TaskTableModel

DEFAULT_WIDTHS = {"code": 48, "light": 70, "area": 150, "title": 170, "content": 300, "lead": 110, "co": 140,
                  "leader": 70, "deadline": 96, "status": 70, "percent": 62, "latest": 200}


class TaskView(QTableView):
    painted = Signal()  # once, after the first paint with rows: the rest of the list may load now

    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
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
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for key, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(COL[key], width)
        self._delegates = {"light": LightDelegate(self), "status": StatusDelegate(self),
                           "percent": PercentDelegate(self), "deadline": DeadlineDelegate(self)}
        for key, delegate in self._delegates.items():
            self.setItemDelegateForColumn(COL[key], delegate)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.model().rowCount():
            self._painted = True
            self.painted.emit()

    def column_actions(self, parent: QWidget) -> list[QAction]:
        """Check-box actions to show or hide each column (for the View menu and the header)."""
        actions = []
        model = self.model()
        for column in range(model.columnCount()):
            action = QAction(model.headerData(column, Qt.Orientation.Horizontal), parent, checkable=True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
            actions.append(action)
        return actions

    def _header_menu(self, pos) -> None:  # noqa: ANN001
        menu = QMenu(self)
        for action in self.column_actions(menu):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset_columns)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        for column in range(header.count()):
            self.setColumnHidden(column, False)
            header.moveSection(header.visualIndex(column), column)
        for key, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(COL[key], width)

    def layout_state(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def restore_layout(self, state: QByteArray | bytes | None) -> None:
        if state:
            self.horizontalHeader().restoreState(QByteArray(state))
            # Rows are sorted by the database; the saved indicator must not trigger a re-sort on start-up.
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
