"""文件 → 导出台账 / 生成填报表 / 导入填报表."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.exchange.export import export_ledger
from ledger_app.exchange.forms.merge import Answer, review_forms
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import issue_forms, merge_forms
from ledger_app.tasks.queries import TaskQuery
from ui import file_dialogs
from ui.controller import LedgerController
from ui.preferences import Preferences

FIELD_NAMES = {"done": "本季度进展", "percent": "完成百分比", "status": "状态", "problems": "存在问题",
               "next_steps": "下步打算", "value": "本季度实际值"}


def export_dialog(parent: QWidget, controller: LedgerController, query: TaskQuery, plan: str | None) -> Path | None:
    title = QCoreApplication.translate("ExportDialog", "Export ledger")
    path = file_dialogs.save_file(parent, file_dialogs.EXPORTS, title, "台账.xlsx",
                                  QCoreApplication.translate("ExportDialog", "Excel workbooks (*.xlsx)"))
    if not path:
        return None
    try:
        result = export_ledger(controller.engine, Path(path), replace(query, plan=plan or query.plan),
                               controller.as_of)
    except (LedgerError, OSError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    return result.path


class FormsDialog(QDialog):
    """Generate one fill-in form per lead department into a folder."""

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Generate fill-in forms"))
        today = QDate(controller.as_of)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=today.year())
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        self.quarter.setCurrentIndex((today.month() - 1) // 3)
        # The folder the forms went to last time; at first 填报表 in the Documents folder.
        self.folder = QLineEdit(Preferences().remembered_folder(file_dialogs.FORMS)
                                or file_dialogs.start_in(file_dialogs.FORMS, "填报表"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Folder"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.issued: list = []

    def _browse(self) -> None:
        folder = file_dialogs.choose_folder(self, file_dialogs.FORMS, self.tr("Folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        """Write the forms and register them as out, on the window's runner (the register is a
        write like any other: 今日提醒 then names the departments whose forms are still out)."""
        engine, year, quarter = self.controller.engine, self.year.value(), self.quarter.currentData()
        folder = Path(self.folder.text())
        self.ok_button.setEnabled(False)

        def issued(forms: object) -> None:
            self.issued = list(forms)  # type: ignore[call-overload]
            Preferences().remember_folder(file_dialogs.FORMS, str(folder))  # next quarter's forms go there too
            super(FormsDialog, self).accept()

        def refused(exc: Exception) -> bool:
            self.ok_button.setEnabled(True)
            if isinstance(exc, (LedgerError, OSError)):
                QMessageBox.warning(self, self.windowTitle(), str(exc))
                return True
            return False

        self.controller.run_final(self.tr("Generate fill-in forms"),
                                  lambda _progress: issue_forms(engine, year, quarter, folder),
                                  on_done=issued, on_error=refused, owner=self)


class MergeDialog(QDialog):
    """Every answer of the returned forms, old → new, with its conflicts; nothing is written until accepted."""

    def __init__(self, controller: LedgerController, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.paths = paths
        self.setWindowTitle(self.tr("Merge returned forms"))
        self.resize(1100, 600)
        self.problems = QLabel(wordWrap=True)
        self.problems.setStyleSheet("color: #d93025")
        # Evidence sent back beside the forms (办结销号): a folder or a zip, matched to the claims by 序号.
        self.unassigned = QLabel(wordWrap=True)
        self.unassigned.setStyleSheet("color: #8a5a00")
        self.evidence_folder = QPushButton(self.tr("Evidence folder…"))
        self.evidence_zip = QPushButton(self.tr("Evidence zip…"))
        self.evidence_folder.clicked.connect(lambda: self._pick_evidence(True))
        self.evidence_zip.clicked.connect(lambda: self._pick_evidence(False))
        self.evidence: list[Path] = []
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton(self.tr("Merge ticked"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Evidence sent with the forms:")))
        row.addWidget(self.evidence_folder)
        row.addWidget(self.evidence_zip)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addLayout(row)
        for widget in (self.unassigned, self.summary, self.table, buttons):
            layout.addWidget(widget)
        self.merged = 0
        self._review()

    def _pick_evidence(self, folder: bool) -> None:
        """Add a folder or a zip of evidence and review the forms again with it (tests answer the dialog)."""
        if folder:
            chosen = file_dialogs.choose_folder(self, file_dialogs.FORMS, self.tr("Evidence folder"))
        else:
            chosen = file_dialogs.open_file(self, file_dialogs.FORMS, self.tr("Evidence zip"),
                                            self.tr("Zip archives (*.zip)"))
        if chosen:
            self.evidence.append(Path(chosen))
            self._review()

    def _review(self) -> None:
        self.review = review_forms(self.controller.engine, self.paths, evidence=self.evidence or None)
        self.problems.setText("\n".join(self.review.problems))
        self.problems.setVisible(bool(self.review.problems))
        self.unassigned.setText("\n".join(self.review.unassigned))
        self.unassigned.setVisible(bool(self.review.unassigned))
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Merge"), self.tr("Department"), self.tr("No."),
                                              self.tr("Project"), self.tr("Changes"), self.tr("Conflicts")])
        self.rows: list[Answer] = [a for a in self.review.answers if a.changes or a.conflicts]
        for answer in self.rows:
            check = QStandardItem()
            check.setCheckable(answer.mergeable)
            check.setCheckState(Qt.CheckState.Checked if answer.mergeable else Qt.CheckState.Unchecked)
            changes = "\n".join(f"{FIELD_NAMES.get(k, k)}：{'' if a is None else a} → {b}"
                                for k, (a, b) in answer.changes.items())
            changes += "".join(f"\n（{note}）" for note in getattr(answer, "notes", ()))
            cells = [check, QStandardItem(answer.dept), QStandardItem(answer.code), QStandardItem(answer.title),
                     QStandardItem(changes), QStandardItem("；".join(answer.conflicts))]
            if answer.conflicts:
                cells[5].setForeground(QBrush(QColor("#d93025")))
            self.model.appendRow(cells)
        self.table.setColumnWidth(3, 220)
        self.table.setColumnWidth(4, 380)
        self.table.resizeRowsToContents()
        self.summary.setText(self.tr("%1 answer(s) can be merged, %2 have conflicts.")
                             .replace("%1", str(len(self.review.mergeable)))
                             .replace("%2", str(sum(1 for a in self.rows if a.conflicts))))

    def ticked(self) -> list[Answer]:
        return [a for row, a in enumerate(self.rows)
                if self.model.item(row, 0).checkState() == Qt.CheckState.Checked]

    def accept(self) -> None:
        # Forms returned without a change count as returned too (nothing of them is written).
        unchanged = [a for a in self.review.answers if not a.changes and not a.conflicts]
        engine, user, answers = self.controller.engine, self.controller.operator, self.ticked() + unchanged
        self.merge_button.setEnabled(False)

        def merged(count: object) -> None:
            self.merged = int(count)  # type: ignore[arg-type]
            if shiboken6.isValid(self):
                super(MergeDialog, self).accept()

        def refused(exc: Exception) -> bool:
            if shiboken6.isValid(self):
                self.merge_button.setEnabled(True)
            if isinstance(exc, LedgerError):
                QMessageBox.warning(self, self.windowTitle(), str(exc))
                return True
            return False

        self.controller.run_final(self.tr("Merge forms"),
                                  lambda _progress: merge_forms(engine, answers, user=user),
                                  on_done=merged, on_error=refused, owner=self)
