"""生效日期: the small control that says on which day the clerk's edits took effect (业务日期).

One value per window (LedgerController.effective_on), used by the detail pane and by edits made in
the table alike. It follows the day the window shows the ledger as of until the clerk picks
another day, and never goes past today.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

if TYPE_CHECKING:
    from ui.controller import LedgerController


class EffectiveDateEdit(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel(self.tr("Effective date"))
        self.edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.edit.setMaximumDate(QDate(date.today()))
        tip = self.tr("The day the changes you make (here and in the table) took effect. A day before today is "
                      "recorded as a late entry (补录); a day in a closed quarter needs a correction reason (更正).")
        for widget in (self.label, self.edit):
            widget.setToolTip(tip)
        self.reset = QToolButton(text=self.tr("As shown"))
        self.reset.setToolTip(self.tr("Back to the day the ledger is shown as of"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.reset)
        layout.addStretch(1)
        self._syncing = False
        self.edit.dateChanged.connect(self._picked)
        self.reset.clicked.connect(lambda: controller.set_effective_on(None))
        controller.effectiveChanged.connect(self._show)
        self._show(controller.effective_on)

    def _show(self, day: date) -> None:
        self._syncing = True
        try:
            self.edit.setMaximumDate(QDate(date.today()))
            self.edit.setDate(QDate(day))
        finally:
            self._syncing = False
        self.reset.setEnabled(self.controller.effective_fixed)
        # A day other than the one shown is worth a glance before typing.
        self.edit.setStyleSheet("QDateEdit { color: #b3261e; }" if self.controller.effective_fixed else "")

    def _picked(self, value: QDate) -> None:
        if not self._syncing:
            self.controller.set_effective_on(value.toPython())


def ask_effective(parent: QWidget, controller: LedgerController) -> date | bool | None:
    """编辑 → 生效日期…, for when the detail pane is hidden: a date, False for "follow the day shown",
    or None when cancelled."""
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(EffectiveDateEdit.tr("Effective date"))
    label = QLabel(EffectiveDateEdit.tr("The changes you make from now on took effect on:"))
    edit = QDateEdit(QDate(controller.effective_on), calendarPopup=True, displayFormat="yyyy-MM-dd")
    edit.setMaximumDate(QDate(date.today()))
    follow = QCheckBox(EffectiveDateEdit.tr("The day the ledger is shown as of"))
    follow.setChecked(not controller.effective_fixed)
    edit.setEnabled(controller.effective_fixed)
    follow.toggled.connect(lambda on: edit.setEnabled(not on))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in (label, edit, follow, buttons):
        layout.addWidget(widget)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return False if follow.isChecked() else edit.date().toPython()
