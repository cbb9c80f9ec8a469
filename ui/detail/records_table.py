"""A small read-only table for a task's records (≤ a few hundred rows)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RUNS = re.compile(r"[0-9A-Za-z.:%/\-]+")


class RecordsTable(QTableView):
    def __init__(self, headers: list[str], optional: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        """``optional``: columns that give way, in this order, when the pane is too narrow for
        all (each row's tooltip still holds every field)."""
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self._headers = headers
        self._optional = optional
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        # The pane is ~330 px wide at 1366×768: the columns share its width and long texts wrap,
        # rather than a table that has to be scrolled sideways to read a record.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)

    def fill(self, rows: list[tuple[object, list[str]]]) -> None:
        """``rows``: (record id, cell texts)."""
        self._model.clear()
        self._model.setHorizontalHeaderLabels(self._headers)
        for record_id, cells in rows:
            items = [QStandardItem(text) for text in cells]
            whole = "\n".join(f"{h}：{t}" for h, t in zip(self._headers, cells, strict=False) if t)
            for item in items:
                item.setToolTip(whole)
            items[0].setData(record_id, ID_ROLE)
            self._model.appendRow(items)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every shown column in view: short ones (dates, percents) at their width, the wordy ones
        sharing what is left in proportion to their text (wrapped), never below four characters;
        the optional columns give way first when even that does not fit."""
        count = self._model.columnCount()
        if not count:
            return
        for c in range(count):
            self.setColumnHidden(c, False)
        self.resizeColumnsToContents()
        wanted = {c: self.columnWidth(c) for c in range(count)}
        room = self.viewport().width() - 2
        four = self.fontMetrics().horizontalAdvance("四个汉字") + 10
        # A date or a number does not wrap: its column never gets less than its longest one.
        floors = {c: max(four, self._unbreakable(c)) for c in range(count)}
        shown = list(range(count))

        def least(columns: list[int]) -> int:
            return sum(min(wanted[c], floors[c]) for c in columns)

        for c in self._optional:
            if least(shown) <= room:
                break
            shown.remove(c)
            self.setColumnHidden(c, True)
        if sum(wanted[c] for c in shown) > room:
            wordy = [c for c in shown if wanted[c] > floors[c]]
            # Each wordy column gets its floor (four characters, or its longest date), and what is
            # left goes in proportion to how much more its text wants.
            extra = max(room - sum(wanted[c] for c in shown if c not in wordy) - sum(floors[c] for c in wordy), 0)
            excess = sum(wanted[c] - floors[c] for c in wordy) or 1
            for c in wordy:
                self.setColumnWidth(c, floors[c] + (wanted[c] - floors[c]) * extra // excess)
        self.resizeRowsToContents()

    def _unbreakable(self, column: int) -> int:
        """The width of the longest run in ``column`` that cannot wrap (2017-10-15, 12:00, 70%)."""
        metrics, widest = self.fontMetrics(), 0
        for row in range(self._model.rowCount()):
            for run in _RUNS.findall(self._model.item(row, column).text()):
                widest = max(widest, metrics.horizontalAdvance(run) + 12)
        return widest

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def current_id(self) -> object:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
