"""文件 → 导入指标表, reviewed before anything is written: the plan the indicators attach to (the
clerk picks it; by default the plan of the same workbook), what will be added and changed, and
every refusal with its sheet, row and column. Only 导入 writes, as one transaction.

It used to import at once, into a new plan named after the file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.exchange.importing import analyse, plan_title_for
from ledger_app.exchange.importing.indicator_parse import IndicatorImportResult, read_table
from ledger_app.indicators.store import list_indicators
from ledger_app.messages.errors import ImportRejected, LedgerError, column_letter
from ledger_app.messages.i18n import t
from ledger_app.operations import import_indicators
from ledger_app.tasks.groups import group_rule
from ledger_app.tasks.queries import plan_titles
from ui.combos import fit_popup
from ui.controller import LedgerController


@dataclass(frozen=True)
class PlanChoice:
    title: str
    existing: bool


def plan_choices(controller: LedgerController, path: Path) -> tuple[list[PlanChoice], int]:
    """The plans to offer and the one chosen by default: the plan of a task table in the same
    workbook, else a plan named like the indicator table, else a new plan named after the table
    (offered last). Another plan is the clerk's choice, never a guess."""
    titles = plan_titles(controller.engine)
    try:
        own = (read_table(path).title or path.stem).strip()
    except LedgerError:
        own = path.stem
    choices = [PlanChoice(title, True) for title in titles]
    if own not in titles:
        choices.append(PlanChoice(own, False))
    try:
        workbook_plan = plan_title_for(analyse(path), None)
    except LedgerError:
        workbook_plan = None  # no task table in this workbook
    wanted = next((title for title in (workbook_plan, own) if title in titles), None)
    index = next((i for i, c in enumerate(choices) if c.title == (wanted or own)), len(choices) - 1)
    return choices, index


class IndicatorImportDialog(QDialog):
    """Review of one indicator table; :attr:`imported` holds the import once 导入 has run."""

    def __init__(self, controller: LedgerController, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.path = Path(path)
        self.preview: IndicatorImportResult | None = None
        self.imported: IndicatorImportResult | None = None
        self.setWindowTitle(self.tr("Import indicator table"))
        self.plan = QComboBox()
        choices, index = plan_choices(controller, self.path)
        for choice in choices:
            label = choice.title if choice.existing else self.tr("New plan: %1").replace("%1", choice.title)
            self.plan.addItem(label, choice.title)
        self.plan.setCurrentIndex(index)
        fit_popup(self.plan)
        self.plan.currentIndexChanged.connect(lambda _i: self.check())
        self.summary = QLabel(wordWrap=True)
        self.problems = QTableView()
        self.problems.setModel(QStandardItemModel(self.problems))
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(self.path.name))
        form.addRow(self.tr("Attach to plan"), self.plan)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)  # the refusals, or else the indicators and what becomes of each
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self.check()

    def plan_title(self) -> str:
        return self.plan.currentData()

    def check(self) -> None:
        """A dry run into the chosen plan: what it would add and change, or why it is refused."""
        model: QStandardItemModel = self.problems.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.preview = None
        try:
            # A dry run writes nothing (it rolls back): the review reads what the import would do.
            preview = import_indicators(self.controller.engine, self.path, user=self.controller.operator,
                                        plan=self.plan_title(), dry_run=True).value
        except ImportRejected as exc:
            for p in exc.problems:
                column = f"{column_letter(p.column)}（{p.header}）" if p.column is not None else ""
                model.appendRow([QStandardItem(p.sheet or ""), QStandardItem(str(p.row or "")),
                                 QStandardItem(column), QStandardItem(t(p.template, **p.values))])
            self.summary.setText(self.tr("%1 problem(s) found. Nothing will be imported until they are corrected "
                                         "in the workbook.").replace("%1", str(len(exc.problems))))
            self.summary.setStyleSheet("color: #d93025")
            self.problems.show()
        except LedgerError as exc:
            self.summary.setText(str(exc))
            self.summary.setStyleSheet("color: #d93025")
            self.problems.hide()
        else:
            self.preview = preview
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr(
                "No problems. %1 indicator(s) from sheet “%2” attach to plan “%3”: %4 new, %5 changed, %6 unchanged; "
                "%7 actual value(s) recorded.").replace("%1", str(preview.indicators)).replace("%2", preview.sheet)
                .replace("%3", preview.plan).replace("%4", str(preview.added)).replace("%5", str(preview.updated))
                .replace("%6", str(preview.unchanged)).replace("%7", str(preview.values)))
            self._list_indicators()
        self.problems.resizeColumnsToContents()
        self.import_button.setEnabled(self.preview is not None)

    def _list_indicators(self) -> None:
        """Each indicator of the table, and whether the chosen plan has it already (then updated)."""
        model: QStandardItemModel = self.problems.model()
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Indicator"), self.tr("Target"),
                                         self.tr("In the plan")])
        table = read_table(self.path, groups=group_rule(self.controller.engine))
        known = {i.name for i in list_indicators(self.controller.engine, date.today(), plan=self.plan_title())}
        for parsed in table.indicators:
            name = str(parsed.values["name"])
            value = parsed.values.get("target")
            target = f"{value:g}" if isinstance(value, float) else str(value or "")
            target += str(parsed.values.get("unit") or "")
            state = self.tr("already there: updated") if name in known else self.tr("new")
            model.appendRow([QStandardItem(str(parsed.row)), QStandardItem(name), QStandardItem(target),
                             QStandardItem(state)])
        self.problems.show()

    def run_import(self) -> None:
        engine, user, path, plan = self.controller.engine, self.controller.operator, self.path, self.plan_title()
        self.import_button.setEnabled(False)

        def refused(exc: Exception) -> bool:
            if isinstance(exc, LedgerError):
                self.summary.setText(str(exc))
                self.summary.setStyleSheet("color: #d93025")
                return True
            return False

        def done(result: object) -> None:
            self.imported = result
            self.accept()

        self.controller.run_final(self.tr("Import indicator table"),
                                  lambda _progress: import_indicators(engine, path, plan=plan, user=user),
                                  on_done=done, on_error=refused, owner=self)
