"""报表 → 督办报表: choose a document, preview it, print it or save it as PDF.

A preview is a 样稿 with no number and records nothing. 打印… and 另存为 PDF… issue the
document: the number is reserved, the PDF typeset and delivered (to the printer or the chosen
file) and the issue recorded in one transaction, off the GUI thread; a cancelled dialog, a
refused printer or a locked file records nothing.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QEventLoop, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.quarters import end_of_quarter, last_ended_quarter
from ledger_app.documents.build import ReportResult, preview
from ledger_app.documents.options import KINDS, NUMBERED, ReportOptions
from ledger_app.documents.page import Cancelled
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import OpChanges, OpResult, whole_ledger
from ledger_app.operations.issuing import issue
from ledger_app.store import settings
from ledger_app.store.opening import Ledger
from ledger_app.tasks import overview
from ledger_app.tasks.queries import TaskQuery
from ui import background
from ui.crash import report_exception
from ui.printing import print_pdf
from ui.runner import OperationRunner

QUARTERLY = ("quarterly-sheet", "bulletin", "closure")  # documents of one quarter (the 审批表: its claims)


class ReportDialog(QDialog):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, query: TaskQuery | None = None,
                 today: date | None = None, runner: OperationRunner | None = None) -> None:
        super().__init__(parent)
        self.ledger, self.query = ledger, query
        # The window's runner: issuing records supervision, a write like any other.
        self.runner = runner or OperationRunner(QUndoStack(self), self)
        self.setWindowTitle(self.tr("Supervision reports"))
        self._tmp = Path(tempfile.mkdtemp(prefix="ledger-report-"))
        self._previews = itertools.count(1)
        self.preview_path: Path | None = None
        self.last_result: ReportResult | None = None
        self._cancel = False
        today = today or date.today()
        year, quarter = last_ended_quarter(today)  # the quarter a clerk reports on
        self.kind = QComboBox()
        labels = {"quarterly-sheet": self.tr("Quarterly supervision sheets"),
                  "bulletin": self.tr("Quarterly progress bulletin"), "annual": self.tr("Annual inspection report"),
                  "notice": self.tr("Rectification notice (one task)"),
                  "ledger": self.tr("Full ledger (current filter)"),
                  "assessment": self.tr("Annual assessment results"),
                  "closure": self.tr("Closure approval forms (one task, or the quarter's claims)")}
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=year)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        self.quarter.setCurrentIndex(quarter - 1)
        self.as_of = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.as_of.setMaximumDate(QDate(today))  # never a date that has not happened
        self.signed = QDateEdit(QDate(today), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.signed.setToolTip(self.tr("The date the document is signed and issued (成文日期); "
                                       "a reprint keeps the date and number it was first issued with"))
        self.depts = QListWidget()
        self.depts.setMinimumHeight(80)
        for dept in overview.departments(ledger.engine):
            item = QListWidgetItem(dept.name)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.depts.addItem(item)
        self.depts.setToolTip(self.tr("Tick departments to limit the sheets to them; none ticked means all"))
        self.task = QLineEdit(placeholderText=self.tr("Task number, e.g. 4"))
        self.rectify_set = QCheckBox(self.tr("Set the deadline"))
        self.rectify_by = QDateEdit(QDate(today + timedelta(days=30)), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.rectify_by.setEnabled(False)
        rectify = QWidget()
        row = QHBoxLayout(rectify)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rectify_set)
        row.addWidget(self.rectify_by, 1)
        form = QFormLayout()
        form.addRow(self.tr("Document"), self.kind)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("As of"), self.as_of)
        form.addRow(self.tr("Date of issue"), self.signed)
        form.addRow(self.tr("Departments"), self.depts)
        form.addRow(self.tr("Task"), self.task)
        form.addRow(self.tr("Rectify by"), rectify)
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
        holder = QWidget()
        holder.setLayout(side)
        scroller = QScrollArea()  # the options stay reachable on a short screen
        scroller.setWidget(holder)
        scroller.setWidgetResizable(True)
        scroller.setMinimumWidth(300)
        scroller.setMaximumWidth(360)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QHBoxLayout(self)
        layout.addWidget(scroller)
        layout.addWidget(self.view, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.quarter.currentIndexChanged.connect(self._default_as_of)
        self.year.valueChanged.connect(self._default_as_of)
        self.rectify_set.toggled.connect(self.rectify_by.setEnabled)
        # Zero-argument slots: clicked(bool) must never arrive as a path or a printer.
        self.preview_button.clicked.connect(self._on_preview)
        self.print_button.clicked.connect(self._on_print)
        self.save_button.clicked.connect(self._on_save)
        self._kind_changed()
        self._default_as_of()
        # Large enough to read a page, never larger than the screen it opens on (1366x768 desks).
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1100, screen.width() - 40), min(760, screen.height() - 80))

    # ----- options -----------------------------------------------------------------
    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.quarter.setEnabled(kind in QUARTERLY)
        self.depts.setEnabled(kind == "quarterly-sheet")
        self.task.setEnabled(kind in ("notice", "closure"))
        self.rectify_set.setEnabled(kind == "notice")
        self.signed.setEnabled(kind in NUMBERED)
        self._default_as_of()

    def _default_as_of(self) -> None:
        kind = self.kind.currentData()
        quarter = self.quarter.currentData() if kind in QUARTERLY else 4
        end = QDate(end_of_quarter(self.year.value(), quarter))
        if kind == "assessment":  # the year's fourth-quarter reports are due in January
            feedback_day = int(settings.get_all(self.ledger.engine)["doc.feedback_day"])
            end = QDate(date(self.year.value() + 1, 1, feedback_day))
        self.as_of.setDate(min(end, self.as_of.maximumDate()))

    def choose(self, kind: str, year: int | None = None) -> None:
        """Open on one document (the assessment view's 生成考核结果公文)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if year is not None:
            self.year.setValue(year)
        self._default_as_of()

    def options(self, record: bool) -> ReportOptions:
        depts = [self.depts.item(i).text() for i in range(self.depts.count())
                 if self.depts.item(i).checkState() == Qt.CheckState.Checked]
        query = replace(self.query) if self.query is not None else None
        kind = self.kind.currentData()
        return ReportOptions(kind, self.year.value(),
                             self.quarter.currentData() if kind in QUARTERLY else None,
                             self.as_of.date().toPython(), depts, self.task.text().strip() or None,
                             rectify_by=self.rectify_by.date().toPython() if self.rectify_set.isChecked() else None,
                             query=query, record=record, signed=self.signed.date().toPython())

    def _office_name_set(self) -> bool:
        """Documents are signed by the office: ask for its name once rather than invent one."""
        if self.kind.currentData() not in NUMBERED or settings.get_all(self.ledger.engine)["org.name"].strip():
            return True
        name, ok = QInputDialog.getText(self, self.tr("Office name"), self.tr(
            "Documents are signed with the office's full name (落款), e.g. 常州经开区改革创新工作领导小组办公室.\n"
            "It is kept in the ledger's settings for every desk."))
        if not ok or not name.strip():
            self.status.setText(self.tr("No office name: nothing was generated."))
            return False
        engine, outcome, loop = self.ledger.engine, [], QEventLoop()

        def finished(result: object) -> bool:
            outcome.append(result)
            loop.quit()
            return True

        self.runner.run(self.tr("Settings"),
                        lambda _progress: whole_ledger(lambda: settings.set_value(engine, "org.name", name)),
                        undoable=False, on_done=finished, on_error=finished)
        if not outcome:
            loop.exec()
        if isinstance(outcome[0], Exception):
            QMessageBox.warning(self, self.windowTitle(), str(outcome[0]))
            return False
        return True

    # ----- running a job ---------------------------------------------------------------
    def _run(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], ReportResult], *,
             issues: bool = False) -> ReportResult | None:
        """Run ``work(progress, cancelled)`` off the GUI thread behind a cancellable progress dialog;
        issuing goes through the window's operation runner like every other write."""
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

        def failed(exc: Exception) -> bool:
            finished(exc)
            return True  # reported below, in this dialog

        def report(done: int, total: int) -> None:
            if shiboken6.isValid(progress):
                progress.setMaximum(total)
                progress.setValue(done)

        if issues:
            def operation(tick: Callable[[int, int], None]) -> OpResult:
                result = work(tick, lambda: self._cancel)
                return OpResult(OpChanges(records=result.recorded), value=result)

            self.runner.run(self.tr("Issue document"), operation, undoable=False,
                            on_done=lambda result: finished(result.value), on_error=failed, on_progress=report)
        else:
            background.submit(lambda tick: work(tick, lambda: self._cancel), finished, report)
        if not outcome:
            loop.exec()  # the window stays live; the progress dialog can cancel
        progress.reset()
        result = outcome[0]
        if isinstance(result, Cancelled):
            self.status.setText(self.tr("Cancelled: nothing was issued."))
            return None
        if isinstance(result, LedgerError):
            QMessageBox.warning(self, self.windowTitle(), str(result))
            self.status.setText(self.tr("Not issued: %1").replace("%1", str(result)))
            return None
        if isinstance(result, Exception):
            report_exception(result)
            return None
        return result  # type: ignore[return-value]

    # ----- the three buttons -------------------------------------------------------------
    def _on_preview(self) -> None:
        self.show_preview()

    def show_preview(self) -> bool:
        if not self._office_name_set():
            return False
        options = self.options(record=False)
        # A new file each time: the viewer may still hold the previous one (Windows refuses to overwrite it).
        out = self._tmp / f"preview-{next(self._previews)}.pdf"
        engine = self.ledger.engine
        result = self._run(lambda report, cancelled: preview(engine, options, out, progress=report,
                                                              cancelled=cancelled))
        if result is None:
            return False
        old = self.preview_path
        self.document.close()
        self.document.load(str(result.path))
        self.preview_path = result.path
        if old is not None:
            old.unlink(missing_ok=True)
        self.status.setText(self.tr("%1: %2 page(s). Draft (样稿): printing or saving issues it with a number.")
                            .replace("%1", result.title).replace("%2", str(result.pages)))
        return True

    def _on_save(self) -> None:
        if not self._office_name_set():
            return
        options = self.options(record=True)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self._suggested_name(),
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return  # cancelled: nothing issued
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        from ledger_app.system.files import replace_file

        engine, user = self.ledger.engine, self.ledger.user
        result = self._run(lambda report, cancelled: issue(
            engine, options, lambda pdf: replace_file(pdf, target), user=user, progress=report, cancelled=cancelled),
            issues=True)
        self._issued(result, self.tr("Saved to %1.").replace("%1", str(target)))

    def _on_print(self) -> None:
        if not self._office_name_set():
            return
        options = self.options(record=True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return  # cancelled: nothing issued
        engine, user = self.ledger.engine, self.ledger.user
        result = self._run(lambda report, cancelled: issue(
            engine, options, lambda pdf: print_pdf(pdf, printer, report), user=user, progress=report,
            cancelled=cancelled), issues=True)
        self._issued(result, self.tr("Sent to the printer."))

    def _issued(self, result: ReportResult | None, done: str) -> None:
        if result is None:
            return
        self.last_result = result
        numbers = "；".join(f"{k} {v}".strip() for k, v in result.numbers.items())
        self.status.setText(f"{done} " + (self.tr("Issued: %1").replace("%1", numbers) if numbers else ""))

    def _suggested_name(self) -> str:
        options = self.options(record=False)
        return f"{options.period}{self.kind.currentText()}.pdf".replace("/", "-")

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
