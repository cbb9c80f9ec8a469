"""年度考核: each department's score for a year under the method kept in the ledger — the ranking,
and the selected department's score line by line (which task, which rule, how many points),
adding up to its total; exported to Excel or issued as the 年度改革任务考核结果 公文."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.assessment import scoring
from ledger_app.assessment.scoring import DeptScore, Result
from ledger_app.messages.i18n import t
from ledger_app.operations import OpChanges
from ledger_app.store import settings
from ui import background, file_dialogs
from ui.controller import LedgerController

TOTAL_BACKGROUND = QColor("#eeeeee")


def _number(value: Decimal, signed: bool = False) -> str:
    text = scoring.points_text(value)
    return f"+{text}" if signed and not text.startswith("-") and text != "0" else text


def _cell(text: object, align_right: bool = False) -> QStandardItem:
    item = QStandardItem(str(text))
    item.setToolTip(str(text))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table() -> QTableView:
    view = QTableView()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    return view


class AssessmentPage(QWidget):
    documentRequested = Signal(int)  # year: open the report dialog on the 考核结果

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: Result | None = None
        self._loads = background.Latest(self)
        as_of = controller.as_of
        self.year = QSpinBox(minimum=2000, maximum=2100, value=as_of.year)
        self.as_of = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.as_of.setToolTip(self.tr("The ledger as it stood at the end of this day; the same date gives the "
                                      "same result"))
        self.excel_button = QPushButton(self.tr("Export to Excel…"))
        self.document_button = QPushButton(self.tr("Issue results document…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year")))
        bar.addWidget(self.year)
        bar.addWidget(QLabel(self.tr("As of")))
        bar.addWidget(self.as_of)
        bar.addStretch(1)
        bar.addWidget(self.excel_button)
        bar.addWidget(self.document_button)
        self.heading = QLabel()
        self.heading.setStyleSheet("color: #5f6368")
        self.heading.setWordWrap(True)
        self.ranking_model, self.detail_model = QStandardItemModel(self), QStandardItemModel(self)
        self.ranking, self.detail = _table(), _table()
        self.ranking.setModel(self.ranking_model)
        self.detail.setModel(self.detail_model)
        self.detail.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail_title = QLabel()
        font = self.detail_title.font()
        font.setBold(True)
        self.detail_title.setFont(font)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(self.detail, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.ranking)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.method = QLabel()
        self.method.setWordWrap(True)
        self.method.setStyleSheet("color: #5f6368")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addWidget(self.method)
        self._default_as_of()
        self.year.valueChanged.connect(self._year_changed)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.document_button.clicked.connect(lambda: self.documentRequested.emit(self.year.value()))
        self.ranking.selectionModel().currentRowChanged.connect(self._dept_selected)
        controller.changed.connect(self._changed)
        controller.settingsChanged.connect(self.refresh)
        self.refresh()

    # ----- options -----------------------------------------------------------------------
    def _default_as_of(self) -> None:
        feedback = int(settings.get_all(self.controller.engine)["doc.feedback_day"])
        chosen = scoring.default_as_of(self.year.value(), feedback, self.controller.as_of)
        self.as_of.blockSignals(True)
        self.as_of.setDate(QDate(chosen))
        self.as_of.blockSignals(False)

    def _year_changed(self, _year: int) -> None:
        self._default_as_of()
        self.refresh()

    def _changed(self, changes: OpChanges, _extra: object) -> None:
        if not changes.empty:
            self.refresh()

    # ----- computing ---------------------------------------------------------------------
    def refresh(self) -> None:
        engine, year, as_of = self.controller.engine, self.year.value(), self.as_of.date().toPython()
        self._loads.submit(lambda: scoring.assess(engine, year, as_of), self._show)

    def _show(self, result: object) -> None:
        assert isinstance(result, Result)
        chosen = self.selected_dept()
        self.result = result
        model = self.ranking_model
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("Department"), self.tr("Score"),
                                         self.tr("On time"), self.tr("Late"), self.tr("Not done"),
                                         self.tr("Supervision"), self.tr("Reports")])
        for score in result.departments:
            model.appendRow([_cell(t(score.place), True), _cell(score.dept), _cell(_number(score.total), True),
                             _cell(score.count("on_time"), True), _cell(score.count("late"), True),
                             _cell(score.count("not_done"), True),
                             _cell(_number(score.points("criticism", "rectify", "accountability")), True),
                             _cell(_number(score.points("report_late", "report_missing")), True)])
        header = self.ranking.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        depts = result.departments
        average = sum((d.total for d in depts), Decimal(0)) / len(depts) if depts else Decimal(0)
        heading = self.tr("%1: %2 departments as of %3, average %4; select one to see its score line "
                          "by line.").replace("%1", str(result.year)).replace("%2", str(len(depts))) \
            .replace("%3", result.as_of.isoformat()).replace("%4", _number(average))
        groups = result.not_ranked()
        if groups:
            heading += " " + self.tr("Not ranked: %1.").replace(
                "%1", "；".join(f"{'、'.join(depts)}（{t(why)}）" for why, depts in groups))
        self.heading.setText(heading)
        self.method.setText(" ".join(t(text) for text in result.method.summary()))
        row = next((i for i, d in enumerate(depts) if d.dept == chosen), 0)
        if depts:
            self.ranking.selectRow(row)
        else:
            self._show_detail(None)

    def selected_dept(self) -> str | None:
        index = self.ranking.currentIndex()
        return index.siblingAtColumn(1).data() if index.isValid() else None

    def _dept_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.result is not None and current.isValid():
            self._show_detail(self.result.of(current.siblingAtColumn(1).data()))

    def _show_detail(self, score: DeptScore | None) -> None:
        model = self.detail_model
        model.clear()
        model.setHorizontalHeaderLabels([self.tr("No."), self.tr("Task"), self.tr("Rule"), self.tr("Points")])
        if score is None:
            self.detail_title.setText("")
            return
        self.detail_title.setText(self.tr("%1: %2 points (rank %3)").replace("%1", score.dept)
                                  .replace("%2", _number(score.total)).replace("%3", t(score.place)))
        for line in score.lines:
            points = _cell(_number(line.points, signed=True), True)
            if line.points < 0:
                points.setForeground(QBrush(QColor("#b3261e")))
            model.appendRow([_cell(line.code or "—"), _cell(line.task or "—"), _cell(t(line.rule)), points])
        total = [_cell(""), _cell(self.tr("Total")), _cell(""), _cell(_number(score.total), True)]
        font = QFont(total[1].font())
        font.setBold(True)
        for cell in total:
            cell.setFont(font)
            cell.setBackground(TOTAL_BACKGROUND)
        model.appendRow(total)
        header = self.detail.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def detail_lines(self) -> list[tuple[str, str, str]]:
        """(task, rule, points) as shown, total row last."""
        m = self.detail_model
        return [(m.index(r, 0).data(), m.index(r, 2).data(), m.index(r, 3).data()) for r in range(m.rowCount())]

    # ----- output -------------------------------------------------------------------------
    def export_excel(self) -> None:
        if self.result is None:
            return
        from ledger_app.exchange.assessment_book import write_assessment
        from ledger_app.messages.errors import LedgerError

        path = file_dialogs.save_file(self, file_dialogs.EXPORTS, self.tr("Export to Excel"),
                                      f"{self.result.year}年度改革任务考核结果.xlsx",
                                      self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        try:
            write_assessment(self.result, target)
        except (LedgerError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export to Excel"), str(exc))
            return
        self.heading.setText(self.tr("Exported to %1").replace("%1", str(target)))

