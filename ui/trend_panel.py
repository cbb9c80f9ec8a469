"""The dashboard's quarter-by-quarter trend: completion rate and red/yellow counts of each closed
quarter, read from the snapshots frozen when it was closed (ledger_app.periods.closing.trend) — the same
figures the annual report's quarter table prints. Quarters run left to right."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ledger_app.periods.closing import Figures
from ui.light_colours import LIGHT_COLOURS


class TrendTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStandardItemModel(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(self.tr("Each closed quarter as frozen when it was closed, with the corrections entered "
                                "since; the annual report's quarter table prints the same figures."))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As tall as its rows, not a scroll area's default: the dashboard's lists keep the room.
        return QSize(super().sizeHint().width(), self.maximumHeight() if self.maximumHeight() < 10_000 else 120)

    def fill(self, quarters: list[Figures]) -> None:
        model: QStandardItemModel = self.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("%1 Q%2").replace("%1", str(f.year)).replace("%2", str(f.quarter))
                                         for f in quarters])
        model.setVerticalHeaderLabels([self.tr("Completion rate"), self.tr("Red"), self.tr("Yellow")])
        for column, f in enumerate(quarters):
            cells = [f"{f.rate:.1f}%（{f.done}/{f.total}）", str(f.red), str(f.yellow)]
            for row, text in enumerate(cells):
                item = QStandardItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row == 1 and f.red:
                    item.setForeground(LIGHT_COLOURS["red"])
                elif row == 2 and f.yellow:
                    item.setForeground(LIGHT_COLOURS["yellow"].darker(140))
                model.setItem(row, column, item)
        rows = model.rowCount() or 3
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader()
                            .defaultSectionSize() + 2 * self.frameWidth() + 18)
