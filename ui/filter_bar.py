"""Instant search and combinable filters above the task table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from ledger_app.enums import Status

if TYPE_CHECKING:
    from ledger_app.catalog import Entry


@dataclass
class Filters:
    search: str = ""
    dept: str = ""
    status: str = ""
    light: str = ""
    area_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None


class FilterBar(QWidget):
    """Every change emits ``changed`` at once: the model queries in the background."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=self.tr("Search title, content, measures, departments, progress…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.dept = QComboBox(editable=True)
        self.dept.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.dept.lineEdit().setPlaceholderText(self.tr("All departments"))
        self.dept.setMinimumWidth(150)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for status in Status:
            self.status.addItem(status.value, status.value)
        self.light = QComboBox()
        for label, value in ((self.tr("All lights"), ""), (self.tr("Red"), "red"), (self.tr("Yellow"), "yellow"),
                             (self.tr("Green"), "green"), (self.tr("Done"), "done")):
            self.light.addItem(label, value)
        self.area = QComboBox()
        self.area.addItem(self.tr("All areas"), None)
        self.area.setMinimumWidth(150)
        self.area.setMaximumWidth(260)
        self.use_dates = QCheckBox(self.tr("Due between"))
        self.date_from, self.date_to = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.clear = QToolButton(text=self.tr("Clear"))
        self.clear.setToolTip(self.tr("Clear all filters (Esc in the search box)"))
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.search, self.dept, self.status, self.light, self.area, self.use_dates, self.date_from,
                       self.date_to, self.clear):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self.changed)
        self.dept.currentTextChanged.connect(self.changed)
        for combo in (self.status, self.light, self.area):
            combo.currentIndexChanged.connect(self.changed)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.clear.clicked.connect(self.reset)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.key() == Qt.Key.Key_Escape:
            self.reset()
        else:
            super().keyPressEvent(event)

    def set_choices(self, departments: list[Entry], areas: list[Entry]) -> None:
        """Fill the pick lists without emitting a change."""
        self.blockSignals(True)
        current_dept, current_area = self.dept.currentText(), self.area.currentData()
        self.dept.clear()
        self.dept.addItems([d.name for d in departments])
        self.dept.setCurrentIndex(-1)
        self.dept.setEditText(current_dept)
        completer = QCompleter([d.name for d in departments], self.dept)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.dept.setCompleter(completer)
        self.area.clear()
        self.area.addItem(self.tr("All areas"), None)
        for area in areas:
            self.area.addItem(area.name.split("，")[0], area.id)
            self.area.setItemData(self.area.count() - 1, area.name, Qt.ItemDataRole.ToolTipRole)
        index = self.area.findData(current_area)
        self.area.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.changed.emit()

    def set_default_dates(self, start: date, end: date) -> None:
        self.date_from.setDate(QDate(start))
        self.date_to.setDate(QDate(end))

    def filters(self) -> Filters:
        dates = self.use_dates.isChecked()
        return Filters(
            search=self.search.text().strip(),
            dept=self.dept.currentText().strip(),
            status=self.status.currentData() or "",
            light=self.light.currentData() or "",
            area_id=self.area.currentData(),
            deadline_from=self.date_from.date().toPython() if dates else None,
            deadline_to=self.date_to.date().toPython() if dates else None,
        )

    def reset(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self.dept.setEditText("")
        for combo in (self.status, self.light, self.area):
            combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(self.tr("%n task(s)", "", shown) if shown == total
                           else self.tr("%1 of %2 tasks").replace("%1", str(shown)).replace("%2", str(total)))
