"""文件 → 结转到下一年度…: the unfinished tasks of a year, where each would go, ticked by default;
the clerk reviews the list, unticks what should not move, and carries the rest over
(ledger_app/periods/carry_over.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app import operations
from ledger_app.messages.errors import LedgerError
from ledger_app.periods import carry_plan
from ui.controller import LedgerController

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CarryOverDialog(QDialog):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Carry over to next year"))
        year = controller.as_of.year - (1 if controller.as_of.month < 7 else 0)
        self.from_year = QSpinBox(minimum=2000, maximum=2100, value=year)
        self.to_year = QSpinBox(minimum=2001, maximum=2101, value=year + 1)
        self.from_year.valueChanged.connect(lambda y: self.to_year.setValue(max(self.to_year.value(), y + 1)))
        years = QHBoxLayout()
        years.addWidget(QLabel(self.tr("Unfinished tasks of")))
        years.addWidget(self.from_year)
        years.addWidget(QLabel(self.tr("into the plan of")))
        years.addWidget(self.to_year)
        years.addStretch(1)
        self.model = QStandardItemModel(self)
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.carry = QPushButton(self.tr("Carry over"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.carry, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Each ticked task becomes a new task of the next year's plan, linked to it; it keeps "
                              "its history and shows as carried over from 1 January. Completed and cancelled tasks "
                              "stay where they are."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(years)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.from_year.valueChanged.connect(self.review)
        self.to_year.valueChanged.connect(self.review)
        self.model.itemChanged.connect(lambda _item: self._count())
        self.carry.clicked.connect(self.carry_over)
        self.created: list[int] = []
        self.resize(820, 480)
        self.review()

    def review(self) -> None:
        """The list the clerk checks before anything is written."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("No."), self.tr("Task"), self.tr("Status"), self.tr("Done %"),
                                              self.tr("Next year's plan"), self.tr("New No.")])
        self._error = ""
        try:
            items = carry_plan.review(self.controller.engine, self.from_year.value(), self.to_year.value())
        except LedgerError as exc:
            items, self._error = [], str(exc)
        for item in items:
            tick = QStandardItem(item.code)
            tick.setCheckable(True)
            tick.setCheckState(Qt.CheckState.Checked)
            tick.setData(item.task_id, ID_ROLE)
            plan = item.target_plan + (self.tr(" (new plan)") if item.new_plan else "")
            self.model.appendRow([tick, QStandardItem(item.title), QStandardItem(item.status),
                                  QStandardItem(f"{item.percent}%"), QStandardItem(plan), QStandardItem(item.new_code)])
        self.list.resizeColumnsToContents()
        self.list.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._count()

    def chosen(self) -> list[int]:
        return [self.model.item(row, 0).data(ID_ROLE) for row in range(self.model.rowCount())
                if self.model.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        total, chosen = self.model.rowCount(), len(self.chosen())
        if total:
            self.summary.setText(self.tr("%1 of %2 unfinished tasks will be carried over.")
                                 .replace("%1", str(chosen)).replace("%2", str(total)))
        else:
            self.summary.setText(self._error or self.tr("No unfinished task to carry over."))
        self.carry.setEnabled(chosen > 0)

    def carry_over(self) -> None:
        engine, user = self.controller.engine, self.controller.operator
        from_year, to_year, ids = self.from_year.value(), self.to_year.value(), self.chosen()

        def done(created: object) -> None:
            self.created = list(created)  # type: ignore[call-overload]
            self.accept()

        def failed(exc: Exception) -> bool:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return True

        self.carry.setEnabled(False)
        self.controller.run_final(self.tr("Carry over to next year"),
                                  lambda _progress: operations.carry_over(engine, from_year, to_year, user=user,
                                                                          task_ids=ids),
                                  on_done=done, on_error=failed, owner=self)
