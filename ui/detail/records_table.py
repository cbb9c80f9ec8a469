"""A small read-only table for a task's records (≤ a few hundred rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordsTable(QTableView):
    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self._headers = headers
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, rows: list[tuple[object, list[str]]]) -> None:
        """``rows``: (record id, cell texts)."""
        self._model.clear()
        self._model.setHorizontalHeaderLabels(self._headers)
        for record_id, cells in rows:
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setToolTip(item.text() if len(item.text()) > 10 else "")
            items[0].setData(record_id, ID_ROLE)
            self._model.appendRow(items)
        self.resizeColumnsToContents()
        for column in range(self._model.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), 220))

    def current_id(self) -> object:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
