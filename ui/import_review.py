"""导入向导 → 核对: what the import will make of the table beyond its rows — the quarter its
进展情况 becomes, the statuses read from that text, and each name of the 牵头/配合 cells judged a unit
or a class of units (统称, kept as text), with the reason and a way to correct the rule."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.exchange.importing.parse import ParsedTable
from ledger_app.tasks.groups import Decision, Reason

EXCERPT = 40


class ReviewPanel(QWidget):
    quarterChanged = Signal()
    groupsEditRequested = Signal()  # 修改统称词…: the wizard saves the settings and checks the table again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = QSpinBox(minimum=1990, maximum=2100)
        self.quarter_box = QComboBox()
        for q, label in enumerate((self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")), start=1):
            self.quarter_box.addItem(label, q)
        self.year.valueChanged.connect(self._changed)
        self.quarter_box.currentIndexChanged.connect(self._changed)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Progress text becomes the report of")))
        row.addWidget(self.year)
        row.addWidget(self.quarter_box)
        row.addStretch(1)
        self.progress_note = QLabel(wordWrap=True)
        self.outside_note = QLabel(wordWrap=True)  # the quarter lies outside the plan's years
        self.outside_note.setStyleSheet("color: #d93025")
        self.groups_note = QLabel(wordWrap=True)
        self.decisions = QTableView()
        self.decisions.setObjectName("groupDecisions")
        self.decisions.setModel(QStandardItemModel(self.decisions))
        self.decisions.verticalHeader().setVisible(False)
        self.decisions.horizontalHeader().setStretchLastSection(True)
        self.decisions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.edit_groups = QPushButton(self.tr("Change class words…"))
        self.edit_groups.setObjectName("editGroups")
        self.edit_groups.clicked.connect(self.groupsEditRequested)
        groups_row = QHBoxLayout()
        groups_row.addWidget(self.groups_note, 1)
        groups_row.addWidget(self.edit_groups)
        self.inferred = QTableView()
        self.inferred.setModel(QStandardItemModel(self.inferred))
        self.inferred.verticalHeader().setVisible(False)
        self.inferred.horizontalHeader().setStretchLastSection(True)
        self.inferred.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.progress_row, self.progress_note, self.outside_note, self.inferred):
            layout.addWidget(widget)
        layout.addLayout(groups_row)
        layout.addWidget(self.decisions)
        self._chosen = False
        self._filling = False

    def reset(self) -> None:
        """A new table: its own quarter again, until the clerk picks one."""
        self._chosen = False

    def quarter(self) -> tuple[int, int] | None:
        """The quarter the clerk picked here, or None for the one the table is dated in."""
        return (self.year.value(), self.quarter_box.currentData()) if self._chosen else None

    def _changed(self) -> None:
        if not self._filling:
            self._chosen = True
            self.quarterChanged.emit()

    def show_table(self, table: ParsedTable) -> None:
        self._filling = True
        quarter = table.progress_quarter
        written = [t for t in table.tasks if t.progress]
        self.progress_row.setVisible(quarter is not None)
        self.progress_note.setVisible(quarter is not None)
        if quarter is not None:
            self.year.setValue(quarter[0])
            self.quarter_box.setCurrentIndex(quarter[1] - 1)
            source = {"header": self.tr("named in the column's header"), "title": self.tr("the date above the table"),
                      "saved": self.tr("when the workbook was last saved"), "today": self.tr("today's date"),
                      "plan": self.tr("the plan's own period: the quarter its last deadline falls in (the workbook "
                                      "was saved outside the plan's years, which says nothing of what it reports on)"),
                      "given": self.tr("chosen here")}.get(table.quarter_source, "")
            self.progress_note.setText(self.tr(
                "%1 task(s) have progress written in the table (quarter: %2). Each becomes that quarter's "
                "progress report; importing the same table again replaces it instead of adding another.")
                .replace("%1", str(len(written))).replace("%2", source))
        years = table.plan_years
        outside = quarter is not None and years is not None and not years[0] <= quarter[0] <= years[1]
        self.outside_note.setVisible(outside)
        if outside:
            span = str(years[0]) if years[0] == years[1] else f"{years[0]}—{years[1]}"
            named = self.tr("%1 Q%2").replace("%1", str(quarter[0])).replace("%2", str(quarter[1]))
            self.outside_note.setText(self.tr("%1 lies outside the plan's years (%2): check the quarter before "
                                              "importing.").replace("%1", named).replace("%2", span))
        self._filling = False
        self._show_inferred(table)
        self._show_decisions(table.decisions())

    def _show_decisions(self, decisions: list[Decision]) -> None:
        """Every name of the 牵头/配合 cells: classes first, then units, each with why."""
        groups = [d.name for d in decisions if d.is_group]
        self.groups_note.setText(self.tr(
            "Kept as written but not as departments (no department filter entry, no fill-in form): %1")
            .replace("%1", "、".join(groups)) if groups else
            self.tr("No class of units (such as 各部门 or 成员单位) in the lead and co-operating cells."))
        model: QStandardItemModel = self.decisions.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Name in the table"), self.tr("Taken as"), self.tr("Why")])
        for decision in sorted(decisions, key=lambda d: not d.is_group):
            taken = self.tr("Class of units (统称), not a department") if decision.is_group else self.tr("Unit")
            items = [QStandardItem(decision.name), QStandardItem(taken), QStandardItem(self._why(decision))]
            model.appendRow(items)
        self.decisions.setVisible(bool(decisions))
        self.edit_groups.setVisible(bool(decisions))
        self.groups_note.setVisible(bool(decisions))
        self.decisions.resizeColumnsToContents()

    def _why(self, decision: Decision) -> str:
        return {
            Reason.PREFIX: self.tr("begins with “%1”"),
            Reason.WORD: self.tr("class word “%1”"),
            Reason.SETTING: self.tr("class word “%1” from the settings"),
            Reason.EXCEPTION: self.tr("listed as a unit in the settings"),
        }.get(decision.reason, self.tr("the name of one unit")).replace("%1", decision.word)

    def _show_inferred(self, table: ParsedTable) -> None:
        model: QStandardItemModel = self.inferred.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Row"), self.tr("No."), self.tr("Status read from the progress"),
                                         self.tr("Progress as written")])
        for task in table.inferred:
            text = task.progress.get("done", "")
            status = task.inferred + (f" {task.values['percent']}%" if "percent" in task.values else "")
            cells = [str(task.row), task.code, status, text if len(text) <= EXCERPT else text[:EXCERPT] + "…"]
            items = [QStandardItem(c) for c in cells]
            items[-1].setToolTip(text)
            model.appendRow(items)
        self.inferred.setVisible(bool(table.inferred))
        self.inferred.resizeColumnsToContents()

