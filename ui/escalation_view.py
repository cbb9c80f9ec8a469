"""待办督办: the supervision steps the ledger proposes as of the window's date, grouped by step,
each with the rule that fired; accept (recorded, or the 限期整改通知书 issued and held — undoable
with Ctrl+Z until it is printed) or dismiss with a reason. Held notices are printed or saved here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ledger_app import operations
from ledger_app.dates.quarters import quarter_of
from ledger_app.messages.i18n import t
from ledger_app.operations import OpChanges, OpResult, proposals
from ledger_app.operations.proposals import HeldNotice
from ledger_app.supervision import escalation
from ledger_app.supervision.escalation import STEPS, Proposal
from ledger_app.system.file_names import safe_file_name
from ui import background, file_dialogs
from ui.controller import LedgerController

PROPOSAL_ROLE = Qt.ItemDataRole.UserRole + 1
STEP_COLOURS = {"account": "#a50e0e", "rectify": "#d93025", "criticise": "#e37400", "urge": "#f2a600",
                "remind": "#1a73e8", "stalled": "#5f6368"}


class EscalationPage(QWidget):
    taskActivated = Signal(int)

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._loads = background.Latest(self)
        self.proposals: list[Proposal] = []
        self.held: list[HeldNotice] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("color: #5f6368")
        self.heading.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setToolTip(self.tr("Double-click a task to open it in the ledger"))
        self.accept_button = QPushButton(self.tr("Accept"))
        self.dismiss_button = QPushButton(self.tr("Dismiss…"))
        for button in (self.accept_button, self.dismiss_button):
            button.setEnabled(False)
        self.accept_button.setToolTip(self.tr("Record the step (a 限期整改 issues the rectification notice, numbered "
                                              "and held until printed); Ctrl+Z undoes it until then"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        self.held_list = QListWidget()
        self.held_list.setMaximumHeight(110)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        held_bar = QHBoxLayout()
        held_bar.addWidget(QLabel(self.tr("Rectification notices issued, not yet printed (can still be undone):")),
                           1)
        held_bar.addWidget(self.print_button)
        held_bar.addWidget(self.save_button)
        self.held_box = QWidget()
        held_layout = QVBoxLayout(self.held_box)
        held_layout.setContentsMargins(0, 0, 0, 0)
        held_layout.addLayout(held_bar)
        held_layout.addWidget(self.held_list)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.held_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.accept_button.clicked.connect(lambda: self.accept_selected())
        self.dismiss_button.clicked.connect(lambda: self.dismiss_selected())
        self.print_button.clicked.connect(lambda: self.deliver(print_it=True))
        self.save_button.clicked.connect(lambda: self.deliver(print_it=False))
        self.tree.selectionModel().currentChanged.connect(self._selected)
        self.tree.doubleClicked.connect(self._open_task)
        self.held_list.currentRowChanged.connect(self._held_selected)
        controller.changed.connect(self._changed)
        controller.asOfChanged.connect(lambda _day: self.refresh())
        controller.settingsChanged.connect(self.refresh)
        self.refresh()

    def step_names(self) -> dict[str, str]:
        return {"remind": self.tr("Reminder before the deadline"), "urge": self.tr("Urge (催办)"),
                "criticise": self.tr("Public criticism (通报批评)"),
                "rectify": self.tr("Rectification notice (限期整改)"), "account": self.tr("Accountability (问责)"),
                "stalled": self.tr("No change reported (进展无变化)")}

    # ----- loading ---------------------------------------------------------------
    def _changed(self, changes: OpChanges, _extra: object) -> None:
        if not changes.empty:
            self.refresh()

    def refresh(self) -> None:
        engine, as_of = self.controller.engine, self.controller.as_of
        self._loads.submit(lambda: (escalation.proposals(engine, as_of), proposals.held_notices(engine)),
                           lambda result: self._show(as_of, result))

    def _show(self, as_of: date, result: object) -> None:
        self.proposals, self.held = result  # type: ignore[misc]
        selected = self.selected()
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Task"), self.tr("Lead"), self.tr("Rule"), self.tr("Facts")])
        names = self.step_names()
        for step in STEPS:
            mine = [p for p in self.proposals if p.step == step]
            if not mine:
                continue
            group = QStandardItem(f"{names[step]}（{len(mine)}）")
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            group.setForeground(QBrush(QColor(STEP_COLOURS[step])))
            group.setSelectable(False)
            for proposal in mine:
                task = QStandardItem(f"{proposal.code}　{proposal.title}")
                task.setData(proposal, PROPOSAL_ROLE)
                task.setToolTip(proposal.title)
                facts = t(proposal.facts) + (self.tr(" · no change reported") if proposal.stalled
                                          and step != "stalled" else "")
                cells = [task, QStandardItem(proposal.lead), QStandardItem(t(proposal.rule)), QStandardItem(facts)]
                for cell in cells[1:]:
                    cell.setToolTip(cell.text())
                group.appendRow(cells)
            self.model.appendRow([group, QStandardItem(), QStandardItem(), QStandardItem()])
            self.tree.setFirstColumnSpanned(self.model.rowCount() - 1, QModelIndex(), True)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 230)
        year, quarter = quarter_of(as_of)
        self.heading.setText(self.tr("As of %1: %2 proposals. Dismissed proposals are not made again in %3 Q%4.")
                             .replace("%1", as_of.isoformat()).replace("%2", str(len(self.proposals)))
                             .replace("%3", str(year)).replace("%4", str(quarter)))
        if not self.proposals:
            self.model.appendRow(QStandardItem(self.tr("Nothing to propose: every open task is on schedule.")))
        self._select(selected)
        self.held_list.clear()
        for notice in self.held:
            item = QListWidgetItem(f"{notice.doc_no}　{notice.code} {notice.title}（{notice.signed_on.isoformat()}）")
            self.held_list.addItem(item)
        self.held_box.setVisible(bool(self.held))
        if self.held:
            self.held_list.setCurrentRow(0)
        self._selected()

    def _select(self, wanted: Proposal | None) -> None:
        for row in range(self.model.rowCount()):
            group = self.model.item(row)
            for child in range(group.rowCount()):
                proposal = group.child(child).data(PROPOSAL_ROLE)
                if wanted is None or (proposal.task_id == wanted.task_id):
                    self.tree.setCurrentIndex(group.child(child).index())
                    return

    # ----- acting ---------------------------------------------------------------
    def selected(self) -> Proposal | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(PROPOSAL_ROLE) if index.isValid() else None

    def _selected(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.accept_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def _held_selected(self, row: int) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(row >= 0)

    def _open_task(self, index: QModelIndex) -> None:
        proposal = index.siblingAtColumn(0).data(PROPOSAL_ROLE)
        if proposal is not None:
            self.taskActivated.emit(proposal.task_id)

    def accept_selected(self) -> None:
        proposal = self.selected()
        if proposal is None:
            return
        engine, user, as_of = self.controller.engine, self.controller.operator, self.controller.as_of
        text = self.tr("Accept: %1 of task %2").replace("%1", t(proposal.label)).replace("%2", proposal.code)
        self.controller.run(text, lambda: operations.accept_proposal(engine, proposal, user=user, as_of=as_of),
                            on_done=self._accepted, owner=self)

    def _accepted(self, result: OpResult) -> None:
        accepted = result.value
        if accepted.doc_no:
            self.heading.setText(self.tr("Issued %1; print or save it below (Ctrl+Z takes it back until then).")
                                 .replace("%1", accepted.doc_no))

    def dismiss_selected(self, reason: str | None = None) -> None:
        proposal = self.selected()
        if proposal is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Dismiss proposal"), self.tr(
                "Why is %1 of task %2 not taken up? (kept with the task; not proposed again this quarter)")
                .replace("%1", t(proposal.label)).replace("%2", proposal.code))
            if not ok:
                return
        engine, user = self.controller.engine, self.controller.operator
        text = self.tr("Dismiss: %1 of task %2").replace("%1", t(proposal.label)).replace("%2", proposal.code)
        self.controller.run(text, lambda: operations.dismiss_proposal(engine, proposal, reason, user=user),
                            owner=self)

    def deliver(self, *, print_it: bool) -> None:
        """Print or save a held notice: it is issued again (same number and date) and so delivered."""
        row = self.held_list.currentRow()
        if not 0 <= row < len(self.held):
            return
        notice = self.held[row]
        from ledger_app.operations.issuing import issue
        from ledger_app.system.files import replace_file
        from ui.printing import has_printer, no_printer

        if print_it and not has_printer():
            if not no_printer(self):
                return
            print_it = False  # 另存为 PDF instead
        if print_it:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
            from ui.printing import print_pdf

            def deliver(pdf: Path) -> None:
                print_pdf(pdf, printer)
        else:
            path = file_dialogs.save_file(self, file_dialogs.PDFS, self.tr("Save as PDF"),
                                          safe_file_name(notice.doc_no, ".pdf"), self.tr("PDF files (*.pdf)"))
            if not path:
                return
            target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")

            def deliver(pdf: Path) -> None:
                replace_file(pdf, target)
        engine, user = self.controller.engine, self.controller.operator

        def work() -> OpResult:
            issue(engine, notice.options, deliver, user=user)
            return OpResult(OpChanges(records=frozenset({notice.task_id})))

        self.controller.run(self.tr("Deliver %1").replace("%1", notice.doc_no), work, undoable=False, owner=self)

