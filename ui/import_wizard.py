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
    QFileDialog,
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

from ledger_app.errors import ImportRejected, LedgerError, column_letter
from ledger_app.i18n import t
from ledger_app.importing import Analysis, ImportResult, ParsedTable, analyse, plan_title_for
from ledger_app.importing.apply import write_table
from ledger_app.importing.header import header_at
from ledger_app.importing.parse import cell_text, year_from_title
from ledger_app.labels import FIELD_LABELS
from ledger_app.queries import plan_titles
from ui.controller import LedgerController

PREVIEW_ROWS = 15


class ImportWizard(QWizard):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.analysis: Analysis | None = None
        self.table: ParsedTable | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import task table"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(980, 640)
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.check_page, self.import_page = CheckPage(self), ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)
        if path:
            self.file_page.set_path(path)

    def plan_title(self) -> str:
        return self.file_page.plan.currentText().strip() or plan_title_for(self.analysis, None)

    def year(self) -> int | None:
        return self.file_page.year.value() or None


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the task table"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx) such as the 目标任务表 attached to the plan."))
        self.path = QLineEdit(readOnly=True)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.plan = QComboBox(editable=True)
        self.year = QSpinBox(minimum=0, maximum=2100, specialValueText=self.tr("(from the title)"))
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #d93025")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Import into plan"), self.plan)
        form.addRow(self.tr("Year for deadlines without one"), self.year)
        form.addRow(self.error)
        self.sheet.activated.connect(lambda _i: self._read(self.sheet.currentText()))

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import task table"), "",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self._read(None)

    def _read(self, sheet: str | None) -> None:
        self.w.analysis = None
        try:
            analysis = analyse(Path(self.path.text()), sheet)
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
        self.year.setValue(year_from_title(analysis.title) or 0)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.analysis is not None


class MappingPage(QWizardPage):
    """The detected header and what each column feeds; every choice can be corrected."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("The header row and the meaning of each column were recognised automatically. "
                                 "Correct them here if needed."))
        self.header_row = QSpinBox(minimum=1, maximum=999)
        self.header_row.setMaximumWidth(90)
        self.header_row.setToolTip(self.tr("Row of the sheet that holds the column names"))
        self.header_row.valueChanged.connect(self._header_row_changed)
        self.combos_host = QWidget()
        self.combos = QHBoxLayout(self.combos_host)
        self.combos.setContentsMargins(0, 0, 0, 0)
        self.preview = QTableView()
        self.preview.setModel(QStandardItemModel(self.preview))
        self.preview.verticalHeader().setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Header row"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Column meanings (left to right):")))
        layout.addWidget(self.combos_host)
        layout.addWidget(self.preview, 1)
        self._combos: list[QComboBox] = []

    def initializePage(self) -> None:
        self.header_row.blockSignals(True)
        self.header_row.setValue(self.w.analysis.header.row + 1)
        self.header_row.blockSignals(False)
        self._show()

    def _header_row_changed(self, value: int) -> None:
        analysis = self.w.analysis
        analysis.header = header_at(analysis.sheet.rows, value - 1)
        self._show()

    def _show(self) -> None:
        analysis = self.w.analysis
        rows, header = analysis.sheet.rows, analysis.header
        width = max((len(r) for r in rows[: header.data_start + PREVIEW_ROWS]), default=0)
        while self.combos.count():
            item = self.combos.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._combos = []
        for column in range(width):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), None)
            for fld, label in FIELD_LABELS.items():
                combo.addItem(label, fld)
            combo.setCurrentIndex(max(combo.findData(header.columns.get(column)), 0))
            combo.currentIndexChanged.connect(lambda _i, c=column: self._remap(c))
            self.combos.addWidget(combo)
            self._combos.append(combo)
        model: QStandardItemModel = self.preview.model()
        model.clear()
        model.setHorizontalHeaderLabels([cell_text(v) for v in (rows[header.row] if header.row < len(rows) else [])])
        for row in rows[header.data_start : header.data_start + PREVIEW_ROWS]:
            model.appendRow([QStandardItem(cell_text(v)) for v in row[:width]])
        for column in range(width):
            self.preview.setColumnWidth(column, 120)

    def set_field(self, column: int, fld: str | None) -> None:
        """Choose what ``column`` feeds (None = ignore it); the same field elsewhere is released."""
        self._combos[column].setCurrentIndex(max(self._combos[column].findData(fld), 0))

    def _remap(self, column: int) -> None:
        fld = self._combos[column].currentData()
        columns = self.w.analysis.header.columns
        columns.pop(column, None)
        if fld is not None:
            for other, existing in list(columns.items()):
                if existing == fld:
                    del columns[other]
                    self._combos[other].blockSignals(True)
                    self._combos[other].setCurrentIndex(0)
                    self._combos[other].blockSignals(False)
            columns[column] = fld
            self.w.analysis.header.labels[column] = FIELD_LABELS[fld]


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(reread, 0, Qt.AlignmentFlag.AlignRight)

    def initializePage(self) -> None:
        self.check()

    def reread(self) -> None:
        self.w.file_page._read(self.w.analysis.sheet.name if self.w.analysis else None)
        if self.w.analysis is not None:
            self.check()

    def check(self) -> None:
        self.w.table = None
        model: QStandardItemModel = self.problems.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        try:
            table = self.w.analysis.parse(self.w.year())
            preview = write_table(self.w.controller.engine, table, self.w.plan_title(), user="", dry_run=True)
        except ImportRejected as exc:
            for p in exc.problems:
                column = f"{column_letter(p.column)}（{p.header}）" if p.column is not None else ""
                model.appendRow([QStandardItem(p.sheet or ""), QStandardItem(str(p.row or "")), QStandardItem(column),
                                 QStandardItem(t(p.template, **p.values))])
            self.summary.setText(self.tr("%1 problem(s) found. Nothing will be imported until they are corrected "
                                         "in the workbook.").replace("%1", str(len(exc.problems))))
            self.summary.setStyleSheet("color: #d93025")
        else:
            self.w.table = table
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr("No problems. Importing into “%1” will add %2, update %3 and leave %4 "
                                         "unchanged.").replace("%1", self.w.plan_title())
                                 .replace("%2", str(preview.added)).replace("%3", str(preview.updated))
                                 .replace("%4", str(preview.unchanged)))
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
        self.w.controller.whole_ledger(
            self.tr("Import"), lambda progress: write_table(engine, table, plan, user=user, progress=progress),
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
            self.summary.setText(self.tr("Imported into “%1”: %2 added, %3 updated, %4 unchanged.")
                                 .replace("%1", result.plan).replace("%2", str(result.added))
                                 .replace("%3", str(result.updated)).replace("%4", str(result.unchanged)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._done
