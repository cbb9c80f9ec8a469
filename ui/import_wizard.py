"""文件 → 导入任务表: choose a file, check the column mapping, see every problem, then import.

Nothing is written before the last page; the import itself is one transaction.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ledger_app.exchange.importing import Analysis, ImportResult, ParsedTable, analyse, plan_title_for
from ledger_app.messages.errors import ImportRejected, LedgerError, column_letter
from ledger_app.messages.i18n import t
from ledger_app.operations import import_table
from ledger_app.tasks.groups import group_rule
from ledger_app.tasks.queries import plan_titles
from ui import file_dialogs
from ui.combos import fit_popups
from ui.controller import LedgerController
from ui.group_settings import GroupWordsDialog
from ui.import_columns import MappingPage
from ui.import_review import ReviewPanel


class ImportWizard(QWizard):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.analysis: Analysis | None = None
        self.table: ParsedTable | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import task table"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        # 980×640 where it fits; on a 1366×768 screen or at 150 % scaling, what the screen leaves.
        area = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(980, int(area.width() * 0.92)), min(640, int(area.height() * 0.86)))
        self.file_page, self.mapping_page = FilePage(self), MappingPage(lambda: self.analysis)
        self.check_page, self.import_page = CheckPage(self), ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)
        if path:
            self.file_page.set_path(path)

    def plan_title(self) -> str:
        return self.file_page.plan.currentText().strip() or plan_title_for(self.analysis, None)

    def year(self) -> int | None:
        """The plan year the clerk chose; None while it is the one found in the table."""
        value = self.file_page.year.value() or None
        return None if value == self.file_page.found_year else value

    def quarter(self) -> tuple[int, int] | None:
        return self.check_page.review.quarter()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the task table"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx) such as the 目标任务表 attached to the plan."))
        # Typed or pasted too (Explorer's "Copy as path" adds quotes): read when the clerk
        # presses Enter or leaves the field.
        self.path = QLineEdit(placeholderText=self.tr("Type or paste the path of an .xlsx file, or choose one"))
        self._last_text = ""
        self.path.editingFinished.connect(self._path_entered)
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.plan = QComboBox(editable=True)
        self.year = QSpinBox(minimum=0, maximum=2100, specialValueText=self.tr("(none found)"))
        self.year.valueChanged.connect(lambda _v: self._explain_year())
        self.found_year: int | None = None
        self._year_source = ""
        self.year.setMaximumWidth(self.year.fontMetrics().horizontalAdvance("8888888") + 40)
        self.year_note = QLabel(wordWrap=True)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #d93025")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Import into plan"), self.plan)
        form.addRow(self.tr("Plan year"), self.year)
        form.addRow("", self.year_note)
        form.addRow(self.error)
        self.sheet.activated.connect(lambda _i: self._read(self.sheet.currentText()))
        fit_popups(self)  # plan titles run long

    def browse(self) -> None:
        path = file_dialogs.open_file(self, file_dialogs.IMPORTS, self.tr("Import task table"),
                                      self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self._read(None)

    def _path_changed(self, text: str) -> None:
        """A path pasted whole (with Explorer's quotes or without) is read at once: it used to
        wait until the field lost focus, and the page looked as if nothing had happened."""
        pasted = len(text) - len(self._last_text) > 1
        self._last_text = text
        quoted = len(text.strip()) > 1 and text.strip()[0] in "\"'" and text.strip()[-1] in "\"'"
        if quoted or (pasted and Path(text.strip()).expanduser().is_file()):
            self._path_entered()

    def _path_entered(self) -> None:
        text = self.path.text().strip().strip('"').strip("'").strip()
        if text != self.path.text():
            self.path.setText(text)
        if text and (self.w.analysis is None or Path(text) != self.w.analysis.path):
            self._read(None)

    def _read(self, sheet: str | None) -> None:
        self.w.analysis = None
        if not self.path.text().strip():
            self.completeChanged.emit()
            return
        try:
            analysis = analyse(Path(self.path.text()).expanduser(), sheet)
        except LedgerError as exc:
            self.error.setText(str(exc))
            self.completeChanged.emit()
            return
        self.error.clear()
        self.w.analysis = analysis
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(analysis.sheet_names)
        self.sheet.setCurrentText(analysis.sheet.name)
        self.sheet.blockSignals(False)
        self.plan.clear()
        self.plan.addItems(plan_titles(self.w.controller.engine))
        self.plan.setCurrentText(plan_title_for(analysis, None))
        self.found_year, self._year_source = analysis.plan_year()
        self.year.setValue(self.found_year or 0)
        self._explain_year()
        self.completeChanged.emit()

    def _explain_year(self) -> None:
        """Where the plan year came from, and what it decides."""
        value = self.year.value()
        if not value:
            where = self.tr("No year was found in the title or the deadlines.")
        elif value != self.found_year:
            where = self.tr("Chosen here.")
        elif self._year_source == "title":
            where = self.tr("Taken from the title of the table.")
        else:
            where = self.tr("The title names no year: taken from the earliest deadline.")
        self.year_note.setText(where + " " + self.tr(
            "It is the year of deadlines written without one (\"6月底前\"), and new tasks start on 1 January of it: "
            "the yellow light for work behind schedule counts the time elapsed from that date."))

    def isComplete(self) -> bool:
        return self.w.analysis is not None


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check the rows"))
        # Confirming here is the only step that writes to the ledger.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel(wordWrap=True)
        self.problems = QTableView()
        self.problems.setModel(QStandardItemModel(self.problems))
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        reread = QPushButton(self.tr("Re-read the file"))
        reread.setToolTip(self.tr("After correcting the workbook in Excel or WPS, read it again"))
        reread.clicked.connect(self.reread)
        self.review = ReviewPanel()
        self.review.quarterChanged.connect(self.check)
        self.review.groupsEditRequested.connect(self.edit_groups)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.review, 1)
        layout.addWidget(reread, 0, Qt.AlignmentFlag.AlignRight)

    def initializePage(self) -> None:
        self.review.reset()
        self.check()

    def reread(self) -> None:
        self.w.file_page._read(self.w.analysis.sheet.name if self.w.analysis else None)
        if self.w.analysis is not None:
            self.check()

    def edit_groups(self) -> None:
        """修改统称词…: saved at once (a ledger setting), then the table is checked by the new rule."""
        dialog = GroupWordsDialog(self.w.controller, self.check, self)
        dialog.open()
        self.groups_dialog = dialog  # kept for tests and so that it is not collected while open

    def check(self) -> None:
        self.w.table = None
        model: QStandardItemModel = self.problems.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        try:
            # 统称 by the ledger's own rule (the import writes by it too, and shows the same here).
            table = self.w.analysis.parse(self.w.year(), self.w.quarter(), group_rule(self.w.controller.engine))
            preview = import_table(self.w.controller.engine, table, self.w.plan_title(), user="", dry_run=True).value
        except ImportRejected as exc:
            for p in exc.problems:
                column = f"{column_letter(p.column)}（{p.header}）" if p.column is not None else ""
                model.appendRow([QStandardItem(p.sheet or ""), QStandardItem(str(p.row or "")), QStandardItem(column),
                                 QStandardItem(t(p.template, **p.values))])
            self.summary.setText(self.tr("%1 problem(s) found. Nothing will be imported until they are corrected "
                                         "in the workbook.").replace("%1", str(len(exc.problems))))
            self.summary.setStyleSheet("color: #d93025")
            self.problems.show()
            self.review.hide()
        else:
            self.w.table = table
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr("No problems. Importing into “%1” will add %2, update %3 and leave %4 "
                                         "unchanged.").replace("%1", self.w.plan_title())
                                 .replace("%2", str(preview.added)).replace("%3", str(preview.updated))
                                 .replace("%4", str(preview.unchanged)))
            self.problems.hide()
            self.review.show_table(table)
        self.problems.resizeColumnsToContents()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.table is not None


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Import"))
        self.bar = QProgressBar()
        self.summary = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self._done = False

    def initializePage(self) -> None:
        self._done = False
        self.bar.setRange(0, len(self.w.table.tasks))
        self.bar.setValue(0)
        self.summary.setText(self.tr("Importing…"))
        table, plan, engine, user = self.w.table, self.w.plan_title(), self.w.controller.engine, \
            self.w.controller.operator
        self.w.controller.run_final(
            self.tr("Import"), lambda progress: import_table(engine, table, plan, user=user, progress=progress),
            on_done=self._finished, on_error=self._failed, owner=self,
            on_progress=lambda done, _total: shiboken6.isValid(self) and self.bar.setValue(done))

    def _failed(self, exc: Exception) -> bool:
        if not isinstance(exc, LedgerError):
            return False  # a bug: logged and reported by the runner
        self._finished(exc)
        return True

    def _finished(self, result: object) -> None:
        if not shiboken6.isValid(self):
            return  # the wizard was closed; the import itself completed or rolled back on its own
        self._done = True
        if isinstance(result, Exception):
            self.summary.setText(self.tr("The import failed and nothing was written:\n%1").replace("%1", str(result)))
        else:
            self.w.result = result
            self.bar.setValue(self.bar.maximum())
            # Done and written: 取消 would cancel nothing (and a clerk wondered what it undid).
            # (An option, not hide(): the wizard lays its buttons out again on every page change.)
            self.w.setOption(QWizard.WizardOption.NoCancelButton, True)
            self.summary.setText(self.tr("Imported into “%1”: %2 added, %3 updated, %4 unchanged.")
                                 .replace("%1", result.plan).replace("%2", str(result.added))
                                 .replace("%3", str(result.updated)).replace("%4", str(result.unchanged)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._done
