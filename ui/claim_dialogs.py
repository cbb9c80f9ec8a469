"""The dialogs of 办结销号: a claim (申请销号: the day, the unit, what was done, the evidence files
picked), and a decision on it (销号 with the review's opinion, or 退回 with the reason and what is
missing). They only gather; ui/closure_commands.py runs the operations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.operations.closure import ClaimInput
from ui import file_dialogs
from ui.dialog_buttons import form_with_buttons, ok_cancel

EVIDENCE = "evidence"  # the file dialogs' remembered folder for evidence files
PATTERNS = "*.pdf *.ofd *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.docx *.xlsx *.doc *.xls *.wps *.et"


def pick_files(parent: QWidget, title: str) -> list[Path]:
    """The files the clerk picks (tests answer this dialog by replacing QFileDialog.getOpenFileNames).
    The filter is a convenience: what is accepted is decided by the content when the claim is saved."""
    kinds = QCoreApplication.translate("ClaimDialog", "Evidence (%1)").replace("%1", PATTERNS)
    every = QCoreApplication.translate("ClaimDialog", "All files (*)")
    return [Path(n) for n in file_dialogs.open_files(parent, EVIDENCE, title, f"{kinds};;{every}")]


def _text_box(text: str = "", lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 12)
    return box


class ClaimDialog(QDialog):
    """申请销号: what the unit reports, with its evidence. The files are checked when the claim is
    saved (by content: a program or a script named .pdf is refused then, naming it). 申请 does not
    close the dialog: it emits ``submitted``, shows progress while the files are checked and stored,
    and closes when the claim is saved (``saved``) or says why it was refused (``refused``)."""

    submitted = Signal()

    def __init__(self, day: date, units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Claim finished (申请销号)"))
        self.day = QDateEdit(QDate(day), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.summary = _text_box()
        self.summary.setPlaceholderText(self.tr("What was done, and which document or result proves it"))
        self.files = QListWidget()
        self.files.setMinimumHeight(self.files.fontMetrics().height() * 5)
        self.add_files = QPushButton(self.tr("Add files…"))
        self.remove_file = QPushButton(self.tr("Remove"))
        self.add_files.clicked.connect(self._add)
        self.remove_file.clicked.connect(lambda: self.files.takeItem(self.files.currentRow()))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #d93025")
        self.message.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.add_files)
        row.addWidget(self.remove_file)
        row.addStretch(1)
        form = QFormLayout()
        for label, widget in ((self.tr("Finished on"), self.day), (self.tr("Reporting unit"), self.unit),
                              (self.tr("What was done"), self.summary), (self.tr("Evidence"), self.files),
                              ("", row)):
            form.addRow(label, widget)
        hint = QLabel(self.tr("Accepted: PDF, OFD, pictures, Word/Excel/WPS documents. The office checks the "
                              "evidence, then closes the task (销号) or returns it (退回)."), wordWrap=True)
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Claim"))
        layout = QVBoxLayout(self)
        for item in (form, hint, self.progress, self.message, self.buttons):
            (layout.addLayout if isinstance(item, QFormLayout) else layout.addWidget)(item)
        self.resize(560, self.sizeHint().height())

    def _add(self) -> None:
        for path in pick_files(self, self.tr("Evidence files")):
            if str(path) not in self.paths_text():
                self.files.addItem(str(path))

    def paths_text(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def paths(self) -> list[Path]:
        return [Path(p) for p in self.paths_text()]

    def value(self) -> ClaimInput:
        return ClaimInput(self.day.date().toPython(), self.summary.toPlainText().strip(),
                          self.unit.currentText().strip())

    def accept(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setVisible(False)
        self.submitted.emit()

    def saved(self) -> None:
        super().accept()

    def busy(self, done: int, total: int) -> None:
        """Progress while the files are checked and hashed (a 50 MB scan takes a moment)."""
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def refused(self, message: str) -> None:
        self.progress.setVisible(False)
        self.message.setText(message)
        self.message.setVisible(True)
        self.buttons.setEnabled(True)


class DecisionDialog(QDialog):
    """销号 (``closed``) or 退回: the day, the review's opinion or the reason, and what is missing."""

    def __init__(self, closed: bool, day: date, claim_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.closed = closed
        self.setWindowTitle(self.tr("Close the task (销号)") if closed else self.tr("Return the claim (退回)"))
        self.day = QDateEdit(QDate(day), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.opinion = _text_box(self.tr("Evidence complete; closed.") if closed else "", 3)
        self.missing = QLineEdit()
        claim = QLabel(claim_text, wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("Claim"), claim)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Review opinion") if closed else self.tr("Reason"), self.opinion)
        if not closed:
            form.addRow(self.tr("Missing"), self.missing)
        form_with_buttons(self, form)
        self.resize(480, self.sizeHint().height())

    def values(self) -> tuple[date, str, str]:
        return self.day.date().toPython(), self.opinion.toPlainText().strip(), self.missing.text().strip()
