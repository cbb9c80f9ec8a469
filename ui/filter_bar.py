"""Instant search and combinable filters above the task table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.store.enums import Status

if TYPE_CHECKING:
    from ledger_app.tasks.overview import Entry


@dataclass
class Filters:
    search: str = ""
    dept: str = ""
    status: str = ""
    light: str = ""
    area_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    # Never squeezed below its natural width: when the bar runs short the search box gives way,
    # then whole groups fold into the pop-up (see FilterBar.resizeEvent).
    box.setMinimumWidth(box.sizeHint().width())
    return box


class FilterBar(QWidget):
    """Every change emits ``changed`` at once: the model queries in the background.

    On a narrow window the secondary filters fold, last first, into a "More filters" pop-up
    (due dates, then area, department, light, status), so nothing is squeezed or overlaps and
    the search box keeps a usable width."""

    changed = Signal()
    SEARCH_MIN = 170

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=self.tr("Search title, content, measures, departments, progress…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.SEARCH_MIN)
        self.dept = QComboBox(editable=True)
        self.dept.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.dept.lineEdit().setPlaceholderText(self.tr("All departments"))
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for status in Status:
            self.status.addItem(status.value, status.value)
        self.light = QComboBox()
        for label, value in ((self.tr("All lights"), ""), (self.tr("Red"), "red"), (self.tr("Yellow"), "yellow"),
                             (self.tr("Green"), "green"), (self.tr("Awaiting closure"), "pending"),
                             (self.tr("Done"), "done")):
            self.light.addItem(label, value)
        self.area = QComboBox()
        self.area.addItem(self.tr("All areas"), None)
        # Sized for a short name whatever the list holds (areas run to 30 characters); the
        # pop-up list is as wide as its longest entry and each entry has the full name as a tooltip.
        for combo, chars in ((self.dept, 9), (self.area, 10), (self.status, 5), (self.light, 5)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.area.currentIndexChanged.connect(lambda _i: self.area.setToolTip(
            self.area.currentData(Qt.ItemDataRole.ToolTipRole) or ""))
        self.use_dates = QCheckBox(self.tr("Due between"))
        self.date_from, self.date_to = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.clear = QToolButton(text=self.tr("Clear"))
        self.clear.setToolTip(self.tr("Clear all filters (Esc in the search box)"))
        self.clear.setMinimumWidth(self.clear.sizeHint().width())
        self.more = QToolButton()
        self.more.setToolTip(self.tr("Filters that do not fit beside the search box"))
        self.more.clicked.connect(self.show_more)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        widest = self.tr("%1 of %2 tasks").replace("%1", "8888").replace("%2", "88888")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(widest) + 4)

        # In display order; FOLD_ORDER says which fold first when the bar is narrow.
        self.groups = {"dept": _row(self.dept), "status": _row(self.status), "light": _row(self.light),
                       "area": _row(self.area), "dates": _row(self.use_dates, self.date_from, self.date_to)}
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self._popup_layout = QVBoxLayout(self.popup)
        self._bar = QHBoxLayout(self)
        self._bar.setContentsMargins(4, 4, 4, 4)
        self._bar.addWidget(self.search, 1)
        self._bar.addWidget(self.more)
        self._bar.addWidget(self.clear)
        self._bar.addWidget(self.count)
        self.folded: list[str] = []
        self._fold(len(self.FOLD_ORDER))  # until the first resize says how much fits

        self.search.textChanged.connect(self.changed)
        self.dept.currentTextChanged.connect(self.changed)
        for combo in (self.status, self.light, self.area):
            combo.currentIndexChanged.connect(self.changed)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.clear.clicked.connect(self.reset)
        self.changed.connect(self._label_more)

    FOLD_ORDER = ("dates", "area", "dept", "light", "status")

    # ----- folding -------------------------------------------------------------
    def _width(self, folded: int) -> int:
        """Width the bar needs with the first ``folded`` groups of FOLD_ORDER in the pop-up."""
        spacing = self._bar.spacing()
        inline = [g for name, g in self.groups.items() if name not in self.FOLD_ORDER[:folded]]
        widgets = [*inline, self.clear, *([self.more] if folded else [])]
        margins = self._bar.contentsMargins()
        return (self.SEARCH_MIN + sum(w.sizeHint().width() + spacing for w in widgets) + self.count.minimumWidth()
                + spacing + margins.left() + margins.right())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(len(self.FOLD_ORDER)), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fits = next((n for n in range(len(self.FOLD_ORDER) + 1) if self._width(n) <= event.size().width()),
                    len(self.FOLD_ORDER))
        if fits != len(self.folded):
            self._fold(fits)

    def _fold(self, count: int) -> None:
        self.folded = list(self.FOLD_ORDER[:count])
        for group in self.groups.values():
            self._bar.removeWidget(group)
            self._popup_layout.removeWidget(group)
        position = 1  # after the search box
        for name, group in self.groups.items():
            if name in self.folded:
                self._popup_layout.addWidget(group)
            else:
                self._bar.insertWidget(position, group)
                position += 1
            group.show()
        self.more.setVisible(bool(self.folded))
        self._label_more()
        if not self.folded:
            self.popup.hide()

    def show_more(self) -> None:
        """The folded filters, below the "More filters" button."""
        self.popup.adjustSize()
        self.popup.move(self.more.mapToGlobal(self.more.rect().bottomLeft()))
        self.popup.show()

    def _label_more(self) -> None:
        f = self.filters()
        active = {"dept": bool(f.dept), "status": bool(f.status), "light": bool(f.light),
                  "area": f.area_id is not None, "dates": f.deadline_from is not None}
        used = sum(active[name] for name in self.folded)
        text = self.tr("More filters")
        self.more.setText(f"{text} ({used})" if used else text)
        self.more.setMinimumWidth(self.more.sizeHint().width())

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
