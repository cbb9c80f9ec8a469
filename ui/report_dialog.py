"""报表 → 督办报表: choose a document, preview it, print it or save it as PDF.

A preview is a 样稿 with no number and records nothing. 打印… and 另存为 PDF… issue the
document on the window's operation runner (ledger_app/operations/issuing.py): the number reserved,
the PDF typeset and delivered (to the printer or the chosen file), then the issue recorded — two
short transactions with the typesetting between them; a cancelled dialog, a refused printer or a
locked file gives the number back and records nothing. Every job reports back through a callback:
the window stays live, and nothing here waits in a loop of its own.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.quarters import end_of_quarter, last_ended_quarter, quarter_of
from ledger_app.documents.build import ReportResult, preview
from ledger_app.documents.fonts import font_warning
from ledger_app.documents.options import KINDS, NUMBERED, OF_THE_YEAR, ReportOptions
from ledger_app.periods import closing
from ledger_app.records import numbering
from ledger_app.store import settings
from ledger_app.system.file_names import safe_file_name
from ledger_app.tasks import overview
from ledger_app.tasks.queries import TaskQuery
from ui import file_dialogs, printing, reprints
from ui.closed_quarters import allowed_text, confirm_closed, first_open_quarter
from ui.combos import fit_popups
from ui.controller import LedgerController
from ui.pdf_zoom import PdfZoom
from ui.printing import no_printer, print_pdf
from ui.report_jobs import ReportJobs

QUARTERLY = ("quarterly-sheet", "bulletin", "closure")  # documents of one quarter (the 审批表: its claims)


class ReportDialog(QDialog):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None, *,
                 query: TaskQuery | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        # The window's controller and its one runner: issuing records supervision, a write like any other.
        self.controller, self.query = controller, query
        self.ledger = controller.ledger
        self.setWindowTitle(self.tr("Supervision reports"))
        self._tmp = Path(tempfile.mkdtemp(prefix="ledger-report-"))
        self._previews = itertools.count(1)
        self.preview_path: Path | None = None
        self.last_result: ReportResult | None = None
        today = today or date.today()
        year, quarter = last_ended_quarter(today)  # the quarter a clerk reports on
        # … unless it is closed: then the open one after it (a closed quarter allows reprints only).
        self.closed = {(c.year, c.quarter) for c in closing.closed_quarters(self.ledger.engine)}
        year, quarter = first_open_quarter(self.closed, year, quarter, today)
        self.today = today
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
        for dept in overview.departments(self.ledger.engine):
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
        self.jobs = ReportJobs(self, controller, self.status)
        side = QVBoxLayout()
        side.addLayout(form)
        self.closed_note = QLabel(wordWrap=True)  # what a closed quarter allows, said as it is chosen
        self.closed_note.setStyleSheet("color: #b06000")
        side.addWidget(self.closed_note)
        self.font_note = QLabel(wordWrap=True)  # the 公文 faces missing on this computer, said before issuing
        self.font_note.setStyleSheet("color: #b3261e")
        side.addWidget(self.font_note)
        # One 文号, one text: a document issued already is reprinted with its registered dates, said here.
        self.issued_note = QLabel(wordWrap=True)
        self.issued_note.setStyleSheet("color: #1a5fb4")
        self.issued_note.setVisible(False)
        side.addWidget(self.issued_note)
        self._own_signed: QDate | None = None  # the clerk's 成文日期 while a registered one is shown
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
        fit_popups(self)
        self.zoom = PdfZoom(self.view)
        pages = QVBoxLayout()
        pages.addWidget(self.zoom.bar)
        pages.addWidget(self.view, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(scroller)
        layout.addLayout(pages, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.quarter.currentIndexChanged.connect(self._default_as_of)
        self.year.valueChanged.connect(self._default_as_of)
        self.as_of.dateChanged.connect(lambda _day: self._as_of_changed())
        self.task.editingFinished.connect(self._show_registered)
        self.depts.itemChanged.connect(lambda _item: self._show_registered())
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
    def _show_fonts(self) -> None:
        """A 公文 about to be set in substitute faces: said in the dialog before the clerk issues it."""
        warning = font_warning() if self.kind.currentData() in NUMBERED else ""
        self.font_note.setText(warning)
        self.font_note.setVisible(bool(warning))

    def _kind_changed(self) -> None:
        self._show_fonts()
        kind = self.kind.currentData()
        year = self.year.value()
        if kind in OF_THE_YEAR and (year - 1, 4) in self.closed and date(year, 12, 31) > self.today:
            # The dialog opened past a closed fourth quarter: a year's document is of the year just closed.
            self.year.setValue(year - 1)
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
        self._show_registered()

    def _as_of_changed(self) -> None:
        self._show_closed()
        if self.kind.currentData() == "notice":  # a notice is known by its task and its day
            self._show_registered()

    def _show_registered(self) -> None:
        """A document issued already for the chosen period: its registered dates are filled in and
        said, so that printing or saving reprints it as issued; other dates are refused on issuing
        (ledger_app/documents/reissue.py)."""
        kind = self.kind.currentData()
        found = reprints.registered(self.ledger, self.options(record=False))
        self.issued_note.setVisible(found is not None)
        if found is None:
            self.issued_note.setText("")
            if self._own_signed is not None:  # back to the date the clerk had before a registered one
                self.signed.setDate(self._own_signed)
                self._own_signed = None
            return
        if self._own_signed is None:
            self._own_signed = self.signed.date()
        if kind != "notice":
            self.as_of.blockSignals(True)
            self.as_of.setDate(QDate(found.as_of))
            self.as_of.blockSignals(False)
            self._show_closed()
        self.signed.setDate(QDate(found.signed))
        self.issued_note.setText(reprints.registered_text(found))

    def _show_closed(self) -> None:
        closed = self.closed_quarter()
        self.closed_note.setVisible(closed is not None)
        self.closed_note.setText(allowed_text(*closed) if closed is not None else "")

    def closed_quarter(self) -> tuple[int, int] | None:
        """The closed quarter the chosen document is as of, if it is one. A year's documents are
        issued from the closed fourth quarter's snapshot: a close does not restrict them."""
        if self.kind.currentData() in OF_THE_YEAR:
            return None
        day = quarter_of(self.as_of.date().toPython())
        return day if day in self.closed else None

    def _closed_allows(self) -> bool:
        """Before the file or print dialog: a closed quarter allows reprints only; say so first."""
        closed = self.closed_quarter()
        return closed is None or confirm_closed(self, *closed)

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

    @property
    def idle(self) -> bool:
        """No preview or issue under way, nor the office name being saved (tests wait for it)."""
        return self.jobs.idle

    # ----- the three buttons -------------------------------------------------------------
    def _on_preview(self) -> None:
        self.show_preview()

    def show_preview(self) -> None:
        """Typeset a 样稿 and show it (once the office name is known)."""
        self.jobs.with_office_name(self.kind.currentData(), self._preview)

    def _preview(self) -> None:
        options = self.options(record=False)
        # A new file each time: the viewer may still hold the previous one (Windows refuses to overwrite it).
        out = self._tmp / f"preview-{next(self._previews)}.pdf"
        engine = self.ledger.engine

        def work(report: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            result = preview(engine, options, out, progress=report, cancelled=cancelled)
            return result, [d.doc_no for d in numbering.held(engine) if d.kind != "notice"]

        self.jobs.start(work, lambda found: self._previewed(*found))  # type: ignore[misc]

    def _previewed(self, result: ReportResult, held: list[str]) -> None:
        old = self.preview_path
        self.document.close()
        self.document.load(str(result.path))
        self.preview_path = result.path
        if old is not None:
            old.unlink(missing_ok=True)
        self.status.setText(self.tr("%1: %2 page(s). Draft (样稿): printing or saving issues it with a number.")
                            .replace("%1", result.title).replace("%2", str(result.pages)) + self._held_note(held))

    def _held_note(self, held: list[str]) -> str:
        """Documents numbered but never delivered (an issue cut off by a crash): issuing one again
        prints it with its number. Held 限期整改通知书 are listed on the 待办督办 page instead."""
        return " " + self.tr("Numbered but not yet delivered (an issue was cut off): %1 — print or save it "
                             "again to deliver it with that number.").replace("%1", "、".join(held)) if held else ""

    def _on_save(self) -> None:
        self.jobs.with_office_name(self.kind.currentData(), self._save)

    def _save(self) -> None:
        from ledger_app.operations.issuing import issue
        from ledger_app.system.files import replace_file

        if not self._closed_allows():
            return
        options = self.options(record=True)
        path = file_dialogs.save_file(self, file_dialogs.PDFS, self.tr("Save as PDF"), self._suggested_name(),
                                      self.tr("PDF files (*.pdf)"))
        if not path:
            return  # cancelled: nothing issued
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        engine, user = self.ledger.engine, self.controller.operator
        self.jobs.start(lambda report, cancelled: issue(
            engine, options, lambda pdf: replace_file(pdf, target), user=user, progress=report, cancelled=cancelled),
            lambda result: self._issued(result, self.tr("Saved to %1.").replace("%1", str(target))),  # type: ignore[arg-type]
            issues=True)

    def _on_print(self) -> None:
        self.jobs.with_office_name(self.kind.currentData(), self._print)

    def _print(self) -> None:
        from ledger_app.operations.issuing import issue

        if not self._closed_allows():
            return
        if not printing.has_printer():
            if no_printer(self):
                self._save()
            return
        options = self.options(record=True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return  # cancelled: nothing issued
        engine, user = self.ledger.engine, self.controller.operator
        self.jobs.start(lambda report, cancelled: issue(
            engine, options, lambda pdf: print_pdf(pdf, printer, report), user=user, progress=report,
            cancelled=cancelled), lambda result: self._issued(result, self.tr("Sent to the printer.")),  # type: ignore[arg-type]
            issues=True)

    def _issued(self, result: ReportResult, done: str) -> None:
        self.last_result = result
        self.status.setText(reprints.issued_text(result, done))
        self._show_registered()

    def _suggested_name(self) -> str:
        """"2017年第三季度督办单.pdf", with the department of a one-department sheet in front."""
        options = self.options(record=False)
        name, period = self.kind.currentText().split("（")[0], options.period
        # "2017年第三季度" + "季度督办单" said 季度 twice (and 年度 for the annual kinds).
        overlap = next((n for n in range(min(len(period), len(name)), 0, -1) if period.endswith(name[:n])), 0)
        stem = period + name[overlap:]
        if options.kind == "quarterly-sheet" and len(options.depts) == 1:
            stem = options.depts[0] + stem
        elif options.kind == "notice" and options.task_code:
            stem += options.task_code
        return safe_file_name(stem, ".pdf")

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
