"""季度进展: the task's quarterly reports; add or correct one quarter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.dates.quarters import start_of_quarter
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import ProgressInput, StaleEditError
from ledger_app.records.history import list_progress
from ledger_app.tasks.fields import get_fields
from ui.controller import LedgerController
from ui.detail.records_table import RecordsTable


class ProgressTab(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.task_id: int | None = None
        self.table = RecordsTable([self.tr("Quarter"), self.tr("Done %"), self.tr("Work done"), self.tr("Problems"),
                                   self.tr("Next steps"), self.tr("Reporter"), self.tr("Date"), self.tr("Effective")],
                                  optional=(7, 5, 6, 4))
        self.year = QSpinBox(minimum=2000, maximum=2100)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        self.percent = QSpinBox(suffix="%", maximum=100)
        # 业务日期: the day the report describes — the quarter's end unless the clerk says otherwise.
        self.effective = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.effective.setToolTip(self.tr("The day this report describes: the quarter's end (today while the "
                                          "quarter runs), or the day within it that things happened"))
        self.done, self.problems, self.next_steps = QPlainTextEdit(), QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.done, self.problems, self.next_steps):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().height() * 3 + 12)
        self.save = QPushButton(self.tr("Save this quarter"))
        self.save.setToolTip(self.tr("Adds the quarter's report, or replaces it if the quarter already has one"))
        when = QHBoxLayout()
        when.addWidget(self.year)
        when.addWidget(self.quarter)
        when.addWidget(self.percent)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), when)
        form.addRow(self.tr("Effective on"), self.effective)
        form.addRow(self.tr("Work done"), self.done)
        form.addRow(self.tr("Problems"), self.problems)
        form.addRow(self.tr("Next steps"), self.next_steps)
        form.addRow("", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        self.save.clicked.connect(self.save_quarter)
        self.year.valueChanged.connect(self._quarter_picked)
        self.quarter.currentIndexChanged.connect(self._quarter_picked)
        self.table.clicked.connect(self._load_row)
        self._reports: dict[int, object] = {}
        self._version: int | None = None

    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.setEnabled(task_id is not None)
        as_of = self.controller.as_of
        self.year.setValue(as_of.year)
        self.quarter.setCurrentIndex((as_of.month - 1) // 3)
        self._quarter_picked()
        for edit in (self.done, self.problems, self.next_steps):
            edit.clear()
        if task_id is None:
            self.table.fill([])
            return
        reports = list_progress(self.controller.engine, task_id)
        # The version this tab shows: a save over another desk's newer one is refused.
        try:
            self._version = get_fields(self.controller.engine, task_id, ["version"])["version"]
        except LedgerError:  # deleted meanwhile: the pane empties itself
            self._version = None
        self._reports = {r.id: r for r in reports}
        # The quarter as the quarter box above names it (第4季度), not "2026 Q4" beside it.
        quarter = self.tr("%1 Q%2")
        self.table.fill([(r.id, [quarter.replace("%1", str(r.year)).replace("%2", str(r.quarter)), f"{r.percent}%",
                                 r.done, r.problems, r.next_steps,
                                 r.reporter, r.report_date.isoformat() if r.report_date else "",
                                 r.effective_on.isoformat()])
                         for r in reversed(reports)])
        if reports:
            self.percent.setValue(reports[-1].percent)

    def _load_row(self) -> None:
        report = self._reports.get(self.table.current_id())
        if report is None:
            return
        self.year.setValue(report.year)
        self.quarter.setCurrentIndex(report.quarter - 1)
        self.percent.setValue(report.percent)
        self.effective.setDate(QDate(report.effective_on))
        self.done.setPlainText(report.done)
        self.problems.setPlainText(report.problems)
        self.next_steps.setPlainText(report.next_steps)

    def save_quarter(self) -> None:
        if self.task_id is None:
            return
        if not self.done.toPlainText().strip():
            QMessageBox.warning(self, self.tr("Quarterly progress"), self.tr("Describe the work done this quarter."))
            self.done.setFocus()
            return
        report = ProgressInput(self.year.value(), self.quarter.currentData(), self.percent.value(),
                               self.done.toPlainText(), self.problems.toPlainText(), self.next_steps.toPlainText(),
                               effective_on=self.effective.date().toPython())
        self.controller.save_progress(self.task_id, report, expected_version=self._version,
                                      on_error=self._refused, owner=self)

    def _quarter_picked(self) -> None:
        year, quarter = self.year.value(), self.quarter.currentData() or 1
        self.effective.setMinimumDate(QDate(start_of_quarter(year, quarter)))
        self.effective.setMaximumDate(QDate(max(date.today(), start_of_quarter(year, quarter))))
        self.effective.setDate(QDate(self.controller.report_day(year, quarter)))

    def _refused(self, exc: Exception) -> bool:
        if isinstance(exc, ClosedQuarterError):
            return False  # the window offers to enter it as a 更正
        if isinstance(exc, LedgerError) and not isinstance(exc, StaleEditError):
            QMessageBox.warning(self, self.tr("Quarterly progress"), str(exc))
            return True
        return False  # another desk's save: the window says who changed what and offers to reload

    def seen(self, version: object) -> None:
        """An operation left the task at ``version``: the next save is based on it."""
        if isinstance(version, int):
            self._version = version
