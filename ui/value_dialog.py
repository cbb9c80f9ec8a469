"""录入实际值: one indicator's value for a quarter or a whole year (undoable, like every edit)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ledger_app import operations
from ledger_app.indicators.measure import format_number
from ledger_app.indicators.store import IndicatorView, ValueInput
from ui.controller import LedgerController
from ui.dialog_buttons import form_with_buttons


class ValueDialog(QDialog):
    def __init__(self, controller: LedgerController, view: IndicatorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.view = controller, view
        self.setWindowTitle(self.tr("Record actual value"))
        as_of = controller.as_of
        self.year = QSpinBox(minimum=1900, maximum=2100, value=as_of.year)
        self.quarter = QComboBox()
        self.quarter.addItem(self.tr("Whole year"), 0)
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        self.quarter.setCurrentIndex(max(1, (as_of.month - 1) // 3))
        self.value = QDoubleSpinBox(minimum=-1e12, maximum=1e12, decimals=2)
        latest = view.assessment.latest
        self.value.setValue(latest.value if latest else (view.baseline or 0.0))
        self.value.setSuffix(f" {view.unit}" if view.unit else "")
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Indicator"), QLabel(f"{view.name}（{view.target_text}）"))
        form.addRow(self.tr("Latest"), QLabel(f"{format_number(latest.value)}（{latest.label}）" if latest else "—"))
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Period"), self.quarter)
        form.addRow(self.tr("Actual value"), self.value)
        form.addRow(self.tr("Note"), self.note)
        buttons = form_with_buttons(self, form)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        engine, user, view = self.controller.engine, self.controller.operator, self.view
        value = ValueInput(self.year.value(), self.quarter.currentData(), self.value.value(), self.note.text())
        self.controller.run(self.tr("Record actual value"), lambda: operations.record_indicator_value(
            engine, view.id, value, user=user, expected_version=view.version))
        super().accept()
