"""督办记录: supervision actions on the task — add, edit, close, delete (all undoable)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import SUPERVISION_KINDS as KINDS
from ledger_app.operations import SupervisionInput
from ledger_app.records.history import list_supervision
from ui.controller import LedgerController
from ui.detail.records_table import RecordsTable
from ui.dialog_buttons import form_with_buttons


class SupervisionDialog(QDialog):
    def __init__(self, action: SupervisionInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervision record"))
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.kind.setCurrentText(action.kind)
        self.doc_no = QLineEdit(action.doc_no)
        self.when = QDateEdit(QDate(action.action_date), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.content = QPlainTextEdit(action.content)
        self.has_deadline = QCheckBox(self.tr("Rectify by"))
        self.has_deadline.setChecked(action.rectify_deadline is not None)
        self.deadline = QDateEdit(QDate(action.rectify_deadline or action.action_date), calendarPopup=True,
                                  displayFormat="yyyy-MM-dd")
        self.deadline.setEnabled(self.has_deadline.isChecked())
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.result = QPlainTextEdit(action.result)
        self.closed = QCheckBox(self.tr("Closed (rectified / settled)"))
        self.closed.setChecked(action.closed)
        for edit in (self.content, self.result):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().height() * 4 + 12)
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline, 1)
        form = QFormLayout()
        for label, widget in ((self.tr("Kind"), self.kind), (self.tr("Document no."), self.doc_no),
                              (self.tr("Date"), self.when), (self.tr("Content"), self.content),
                              (self.tr("Rectification"), row), (self.tr("Result"), self.result), ("", self.closed)):
            form.addRow(label, widget)
        form_with_buttons(self, form)
        self.resize(480, self.sizeHint().height())

    def value(self) -> SupervisionInput:
        return SupervisionInput(
            kind=self.kind.currentText(), action_date=self.when.date().toPython(),
            content=self.content.toPlainText().strip(),
            rectify_deadline=self.deadline.date().toPython() if self.has_deadline.isChecked() else None,
            result=self.result.toPlainText().strip(), closed=self.closed.isChecked(), doc_no=self.doc_no.text().strip())


class SupervisionTab(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.task_id: int | None = None
        self._actions: dict[int, object] = {}
        self.table = RecordsTable([self.tr("Kind"), self.tr("Document no."), self.tr("Date"), self.tr("Content"),
                                   self.tr("Rectify by"), self.tr("Result"), self.tr("Closed")],
                                  optional=(1, 5, 4))
        self.add = QPushButton(self.tr("Add…"))
        self.edit = QPushButton(self.tr("Edit…"))
        self.close_button = QPushButton(self.tr("Mark closed"))
        self.delete = QPushButton(self.tr("Delete…"))
        # Two by two: the pane stays narrow enough for a 1366-pixel screen.
        buttons = QGridLayout()
        for i, button in enumerate((self.add, self.edit, self.close_button, self.delete)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add.clicked.connect(lambda: self.add_action())
        self.edit.clicked.connect(lambda: self.edit_action())
        self.close_button.clicked.connect(self.close_action)
        self.delete.clicked.connect(self.delete_action)
        self.table.doubleClicked.connect(lambda _i: self.edit_action())
        # Tests and callers may replace how the dialog is run.
        self.run_dialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted

    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.setEnabled(task_id is not None)
        actions = list_supervision(self.controller.engine, task_id) if task_id is not None else []
        self._actions = {a.id: a for a in actions}
        self.table.fill([(a.id, [a.kind, a.doc_no, a.action_date.isoformat(), a.content,
                                 a.rectify_deadline.isoformat() if a.rectify_deadline else "", a.result,
                                 self.tr("Yes") if a.closed else self.tr("No")]) for a in reversed(actions)])

    def _selected(self) -> SupervisionInput | None:
        row = self._actions.get(self.table.current_id())
        if row is None:
            return None
        return SupervisionInput(row.kind, row.action_date, row.content, row.rectify_deadline, row.result,
                                row.closed, row.doc_no)

    def _refused(self, exc: Exception) -> bool:
        if isinstance(exc, ClosedQuarterError):
            return False  # the window offers to enter it as a 更正
        if isinstance(exc, LedgerError):
            QMessageBox.warning(self, self.tr("Supervision record"), str(exc))
            return True
        return False

    def add_action(self, value: SupervisionInput | None = None) -> None:
        if self.task_id is None:
            return
        if value is None:
            dialog = SupervisionDialog(SupervisionInput(KINDS[0], self.controller.as_of or date.today()), self)
            if not self.run_dialog(dialog):
                return
            value = dialog.value()
        self.controller.add_supervision(self.task_id, value, on_error=self._refused, owner=self)

    def edit_action(self, value: SupervisionInput | None = None) -> None:
        current, action_id = self._selected(), self.table.current_id()
        if current is None:
            return
        if value is None:
            dialog = SupervisionDialog(current, self)
            if not self.run_dialog(dialog):
                return
            value = dialog.value()
        self.controller.update_supervision(self.task_id, action_id, value, on_error=self._refused,
                                           owner=self)

    def close_action(self) -> None:
        current = self._selected()
        if current is not None and not current.closed:
            self.edit_action(SupervisionInput(**{**current.__dict__, "closed": True}))

    def delete_action(self) -> None:
        action_id = self.table.current_id()
        if action_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete supervision record"),
                                      self.tr("Delete the selected supervision record? (Ctrl+Z undoes it)"))
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_supervision(self.task_id, action_id, on_error=self._refused,
                                               owner=self)
