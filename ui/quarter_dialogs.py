"""报表 → 季度封账… / 重新打开季度…, and the question a closed quarter asks of a change: enter it
as a 更正, and why? (See ledger_app/periods/closing.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app import operations
from ledger_app.dates.quarters import end_of_quarter, last_ended_quarter, quarter_name, start_of_quarter
from ledger_app.periods import closing
from ledger_app.records import numbering
from ui.controller import LedgerController


def _quarter_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for q in range(1, 5):
        box.addItem(QCoreApplication.translate("QuarterDialogs", "Q%1").replace("%1", str(q)), q)
    return box


class CloseQuarterDialog(QDialog):
    """Pick a quarter that is over, see what will be frozen, close it."""

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Close quarter"))
        year, quarter = last_ended_quarter(date.today())
        self.year = QSpinBox(minimum=2000, maximum=2100, value=year)
        self.quarter = _quarter_box(self)
        self.quarter.setCurrentIndex(quarter - 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        explain = QLabel(self.tr("Closing freezes every task as it stood at the quarter's end, with the documents "
                                 "issued for the quarter and their numbers: they reprint the same from then on. "
                                 "Changes effective in the quarter are then entered only as corrections, with a "
                                 "reason."))
        explain.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close quarter"))
        self.close_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Quarter"), self.quarter)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self._show)
        self.quarter.currentIndexChanged.connect(self._show)
        self.close_button.clicked.connect(self.close_quarter)
        self.closed: closing.ClosedQuarter | None = None
        self.setMinimumWidth(460)
        self._show()

    def chosen(self) -> tuple[int, int]:
        return self.year.value(), self.quarter.currentData()

    def _show(self) -> None:
        year, quarter = self.chosen()
        engine = self.controller.engine
        closed = {(c.year, c.quarter) for c in closing.closed_quarters(engine)}
        start, end = start_of_quarter(year, quarter), end_of_quarter(year, quarter)
        issued = [d for d in numbering.issued(engine) if start <= d.as_of <= end]
        lines = [self.tr("Closed quarters: %1").replace(
            "%1", "、".join(quarter_name(*q) for q in sorted(closed)) or self.tr("none"))]
        if (year, quarter) in closed:
            lines.append(self.tr("%1 is already closed.").replace("%1", quarter_name(year, quarter)))
        elif end >= date.today():
            lines.append(self.tr("%1 is not over yet.").replace("%1", quarter_name(year, quarter)))
        lines.append(self.tr("Documents issued for the quarter: %1").replace(
            "%1", "；".join(f"{d.doc_no} {d.title}" for d in issued) or self.tr("none")))
        self.summary.setText("\n".join(lines))
        self.close_button.setEnabled((year, quarter) not in closed and end < date.today())

    def close_quarter(self) -> None:
        year, quarter = self.chosen()
        engine, user = self.controller.engine, self.controller.operator

        def done(result: object) -> None:
            self.closed = result  # type: ignore[assignment]
            self.accept()

        def failed(exc: Exception) -> bool:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return True

        self.close_button.setEnabled(False)
        self.controller.run_final(self.tr("Close quarter"),
                                  lambda _progress: operations.close_quarter(engine, year, quarter, user=user),
                                  on_done=done, on_error=failed, owner=self)


class ReopenQuarterDialog(QDialog):
    """Reopen a closed quarter: who allows it and why, both logged."""

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Reopen quarter"))
        self.which = QComboBox()
        for closed in closing.closed_quarters(controller.engine):
            self.which.addItem(quarter_name(closed.year, closed.quarter), (closed.year, closed.quarter))
        self.allowed_by = QLineEdit()
        self.allowed_by.setPlaceholderText(self.tr("Name of the person who allows it"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the quarter is reopened"))
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), self.which)
        form.addRow(self.tr("Allowed by"), self.allowed_by)
        form.addRow(self.tr("Reason"), self.reason)
        self.reopen_button = QPushButton(self.tr("Reopen"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Its documents are computed from the ledger again until the quarter is closed anew."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        for edit in (self.allowed_by, self.reason):
            edit.textChanged.connect(self._ready)
        self.reopen_button.clicked.connect(self.reopen)
        self.setMinimumWidth(420)
        self._ready()

    def _ready(self) -> None:
        self.reopen_button.setEnabled(self.which.count() > 0 and bool(self.allowed_by.text().strip())
                                      and bool(self.reason.text().strip()))

    def reopen(self) -> None:
        year, quarter = self.which.currentData()
        engine, user = self.controller.engine, self.controller.operator
        allowed_by, reason = self.allowed_by.text(), self.reason.text()

        def failed(exc: Exception) -> bool:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return True

        self.controller.run_final(
            self.tr("Reopen quarter"),
            lambda _progress: operations.reopen_quarter(engine, year, quarter, allowed_by=allowed_by, reason=reason,
                                                        user=user),
            on_done=lambda _result: self.accept(), on_error=failed, owner=self)


class CorrectionDialog(QDialog):
    """A change effective in a closed quarter: enter it as a 更正, with the reason."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Closed quarter"))
        text = QLabel(message)
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the correction (printed in the quarter's reprints)"))
        self.enter = QPushButton(self.tr("Enter as correction"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.enter, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda text: self.enter.setEnabled(bool(text.strip())))
        self.enter.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


def offer_correction(parent: QWidget, message: str, retry: Callable[[str], None]) -> None:
    """Ask for the reason; with one, enter the change again as a 更正."""
    dialog = CorrectionDialog(message, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason.text().strip():
        retry(dialog.reason.text().strip())
