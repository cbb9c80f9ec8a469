"""Fix "today" for the warning lights, e.g. to review the ledger as it stood at a quarter's end."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QLabel, QVBoxLayout, QWidget

from ui.dialog_buttons import ok_cancel


def ask_as_of(parent: QWidget, current: date, fixed: bool) -> date | bool | None:
    """Returns a date, False for "use the real date", or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("AsOfDialog", "As-of date"))
    label = QLabel(QCoreApplication.translate(
        "AsOfDialog", "Show the ledger as of this date (the changes effective by then, and the warning lights):"))
    label.setWordWrap(True)
    edit = QDateEdit(QDate(current), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    today = QCheckBox(QCoreApplication.translate("AsOfDialog", "Use today's date"))
    today.setChecked(not fixed)
    edit.setEnabled(fixed)
    today.toggled.connect(lambda on: edit.setEnabled(not on))
    buttons = ok_cancel(dialog)
    layout = QVBoxLayout(dialog)
    for widget in (label, edit, today, buttons):
        layout.addWidget(widget)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return False if today.isChecked() else edit.date().toPython()
