"""报表 → 督办报表: choose a document, preview it, print it or save it as PDF."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QEventLoop, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app import catalog
from ledger_app.deadlines import end_of_quarter
from ledger_app.errors import LedgerError
from ledger_app.ledger import Ledger
from ledger_app.queries import TaskQuery
from ledger_app.reports.build import ReportResult, build_report
from ledger_app.reports.options import KINDS, ReportOptions
from ui import background


class ReportDialog(QDialog):
    """Preview is never recorded; printing or saving issues (numbers and records) the document."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, query: TaskQuery | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.query = ledger, query
        self.setWindowTitle(self.tr("Supervision reports"))
        self.resize(1180, 800)
        self._tmp = Path(tempfile.mkdtemp(prefix="ledger-report-"))
        self.preview_path: Path | None = None
        self._cancel = False
        today = QDate.currentDate()
        self.kind = QComboBox()
        labels = {"quarterly-sheet": self.tr("Quarterly supervision sheets"),
                  "bulletin": self.tr("Quarterly progress bulletin"), "annual": self.tr("Annual inspection report"),
                  "notice": self.tr("Rectification notice (one task)"),
                  "ledger": self.tr("Full ledger (current filter)")}
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=today.year())
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        self.quarter.setCurrentIndex((today.month() - 1) // 3)
        self.as_of = QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.depts = QListWidget()
        self.depts.setMaximumHeight(160)
        for dept in catalog.departments(ledger.engine):
            item = QListWidgetItem(dept.name)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.depts.addItem(item)
        self.depts.setToolTip(self.tr("Tick departments to limit the sheets to them; none ticked means all"))
        self.task = QLineEdit(placeholderText=self.tr("Task number, e.g. 4"))
        form = QFormLayout()
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("As of"), self.as_of)
        form.addRow(self.tr("Departments"), self.depts)
        form.addRow(self.tr("Task"), self.task)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.status = QLabel(wordWrap=True)
        side = QVBoxLayout()
        side.addLayout(form)
        for button in (self.preview_button, self.print_button, self.save_button):
            side.addWidget(button)
        side.addWidget(self.status)
        side.addStretch(1)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QHBoxLayout(self)
        holder = QWidget()
        holder.setLayout(side)
        holder.setFixedWidth(330)
        layout.addWidget(holder)
        layout.addWidget(self.view, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.quarter.currentIndexChanged.connect(self._default_as_of)
        self.year.valueChanged.connect(self._default_as_of)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self._kind_changed()
        self._default_as_of()

    # ----- options -----------------------------------------------------------------
    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.quarter.setEnabled(kind in ("quarterly-sheet", "bulletin"))
        self.depts.setEnabled(kind == "quarterly-sheet")
        self.task.setEnabled(kind == "notice")

    def _default_as_of(self) -> None:
        self.as_of.setDate(QDate(end_of_quarter(self.year.value(), self.quarter.currentData())))

    def options(self, record: bool) -> ReportOptions:
        depts = [self.depts.item(i).text() for i in range(self.depts.count())
                 if self.depts.item(i).checkState() == Qt.CheckState.Checked]
        query = replace(self.query) if self.query is not None else None
        return ReportOptions(self.kind.currentData(), self.year.value(), self.quarter.currentData(),
                             self.as_of.date().toPython(), depts, self.task.text().strip() or None,
                             query=query, record=record)

    # ----- generating ------------------------------------------------------------------
    def generate(self, record: bool) -> ReportResult | None:
        """Write the document in the background with a cancellable progress dialog."""
        options = self.options(record)
        out = self._tmp / f"{options.kind}{'-issued' if record else ''}.pdf"
        progress = QProgressDialog(self.tr("Typesetting…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        self._cancel = False
        progress.canceled.connect(lambda: setattr(self, "_cancel", True))
        outcome: list[object] = []
        loop = QEventLoop()

        def finished(result: object) -> None:
            outcome.append(result)
            loop.quit()

        engine, user = self.ledger.engine, self.ledger.user
        background.submit(
            lambda report: build_report(engine, options, out, user=user, progress=report,
                                        cancelled=lambda: self._cancel),
            finished, lambda done, total: (progress.setMaximum(total), progress.setValue(done)))
        if not outcome:
            loop.exec()  # the window stays live; the progress dialog can cancel
        progress.reset()
        result = outcome[0]
        if isinstance(result, LedgerError):
            QMessageBox.warning(self, self.windowTitle(), str(result))
            return None
        if isinstance(result, Exception):
            if self._cancel:
                self.status.setText(self.tr("Cancelled: nothing was issued."))
                return None
            raise result
        return result

    def preview(self) -> bool:
        result = self.generate(record=False)
        if result is None:
            return False
        self.document.close()
        self.preview_path = result.path
        self.document.load(str(result.path))
        self.status.setText(self.tr("%1: %2 page(s). Preview only — printing or saving issues and records it.")
                            .replace("%1", result.title).replace("%2", str(result.pages)))
        return True

    def issue(self) -> ReportResult | None:
        result = self.generate(record=True)
        if result is not None and result.numbers:
            self.status.setText(self.tr("Issued: %1").replace("%1", "；".join(
                f"{k} {v}" for k, v in result.numbers.items())))
        return result

    def save_pdf(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), "", self.tr("PDF files (*.pdf)"))
            if not path:
                return None
        result = self.issue()
        if result is None:
            return None
        shutil.copyfile(result.path, path)
        return Path(path)

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Send the issued document to a printer, page by page through QPainter."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        result = self.issue()
        if result is None:
            return False
        document = QPdfDocument(self)
        document.load(str(result.path))
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.windowTitle(), self.tr("The printer could not be started."))
            return False
        try:
            for index in range(document.pageCount()):
                if index:
                    printer.newPage()
                target = QRectF(painter.viewport())
                size = document.pagePointSize(index)
                scale = min(target.width() / size.width(), target.height() / size.height())
                image = document.render(index, (size * scale).toSize())
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()
            document.close()
        return True

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
