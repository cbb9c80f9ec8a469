"""The OK / Cancel row every small dialog ends with, and the plain layout of a form above it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, answering the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def form_with_buttons(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    """Lay ``dialog`` out as ``form`` above its OK / Cancel row; the row, for a caller to rename a button."""
    buttons = ok_cancel(dialog)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons
