"""基本信息: every field of a task, each saved (undoably) when the clerk leaves it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.labels import status_label
from ledger_app.operations import StaleEditError
from ledger_app.store.enums import SETTABLE_STATUSES, Status
from ledger_app.tasks import overview
from ledger_app.tasks.fields import department_names, get_fields
from ui.controller import LedgerController

CATEGORIES = ("重点改革项目", "专项改革项目")


class _PlainEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus."""

    def __init__(self, commit) -> None:  # noqa: ANN001
        super().__init__()
        self._commit = commit
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().height() * 4 + 12)

    def focusOutEvent(self, event) -> None:  # noqa: ANN001
        super().focusOutEvent(event)
        self._commit()


class _DeptCompleter(QCompleter):
    """Completes the department after the last 、 in a list such as "财政局、经济发"."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split("、")[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: ANN001
        head = self.widget().text().rsplit("、", 1)
        prefix = head[0] + "、" if len(head) == 2 else ""
        return prefix + index.data()


class BasicTab(QScrollArea):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.task_id: int | None = None
        self._loading = False
        self._stored: dict[str, object] = {}
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow pane (1366-pixel screens, 150 % scaling) puts a field under its label instead
        # of scrolling sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.code = QLabel()
        self.area = QComboBox()
        # Areas run to 30 characters: the box keeps the pane narrow, the full name is its tooltip.
        self.area.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.area.setMinimumContentsLength(12)
        self.area.currentIndexChanged.connect(lambda _i: self.area.setToolTip(self.area.currentText()))
        self.title = QLineEdit()
        self.content = _PlainEdit(lambda: self._commit("content"))
        self.measures = _PlainEdit(lambda: self._commit("measures"))
        self.note = _PlainEdit(lambda: self._commit("note"))
        self.category = QComboBox(editable=True)
        self.category.addItems(CATEGORIES)
        self.lead, self.co = QLineEdit(), QLineEdit()
        self._dept_names = QStringListModel(self)
        for edit in (self.lead, self.co):
            completer = _DeptCompleter(self._dept_names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            edit.setPlaceholderText(self.tr("Separate several departments with 、"))
            edit.setToolTip(self.tr("Departments separated by 、. Collective terms such as 各部门 or 相关部门 are kept "
                                    "as written but are not departments: no filter entry, no fill-in form."))
        self.leader = QLineEdit()
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("e.g. 2017-09-30, 2017年9月底, 2017年第三季度, 持续推进"))
        self.deadline_date = QLabel()
        self.status = QComboBox()
        for status in Status:  # shown in the user's language, stored as the plans' word
            self.status.addItem(status_label(status.value), status.value)
            # Every status is shown; those a clerk may not set (已结转: the carry-over's) cannot be chosen.
            self.status.model().item(self.status.count() - 1).setEnabled(status.value in SETTABLE_STATUSES)
        self.percent = QSpinBox(suffix="%", maximum=100)
        self.start = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.milestones = [QLineEdit() for _ in range(4)]
        # The date the text was read as goes under the text: beside it, a narrow pane cuts both.
        deadline_row = QVBoxLayout()
        deadline_row.setSpacing(1)
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.deadline_date)
        rows = [(self.tr("No."), self.code), (self.tr("Area"), self.area), (self.tr("Project"), self.title),
                (self.tr("Content"), self.content), (self.tr("Measures"), self.measures),
                (self.tr("Category"), self.category), (self.tr("Lead dept."), self.lead),
                (self.tr("Co-op depts."), self.co), (self.tr("Leader"), self.leader),
                (self.tr("Deadline"), deadline_row), (self.tr("Status"), self.status),
                (self.tr("Done %"), self.percent), (self.tr("Start date"), self.start)]
        rows.insert(9, (self.tr("Note"), self.note))
        rows += [(self.tr("Milestone Q%1").replace("%1", str(q + 1)), m) for q, m in enumerate(self.milestones)]
        for label, widget in rows:
            form.addRow(label, widget)
        self.labels = dict(zip(("code", "area_id", "title", "content", "measures", "category", "lead_depts",
                                "co_depts", "leader", "note", "deadline", "status", "percent", "start_date",
                                "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4"),
                               (label for label, _ in rows), strict=True))
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.addWidget(body)
        column.addStretch(1)  # keep rows at their natural height; spare room goes below
        self.setWidget(outer)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        for key, edit in (("title", self.title), ("leader", self.leader), ("lead_depts", self.lead),
                          ("co_depts", self.co), ("deadline", self.deadline)):
            edit.editingFinished.connect(lambda k=key: self._commit(k))
        for q, edit in enumerate(self.milestones):
            edit.editingFinished.connect(lambda k=f"milestone_q{q + 1}": self._commit(k))
        self.category.activated.connect(lambda _i: self._commit("category"))
        self.category.lineEdit().editingFinished.connect(lambda: self._commit("category"))
        self.status.activated.connect(lambda _i: self._commit("status"))
        self.area.activated.connect(lambda _i: self._commit("area_id"))
        self.percent.editingFinished.connect(lambda: self._commit("percent"))
        self.start.editingFinished.connect(lambda: self._commit("start_date"))

    # ----- showing ---------------------------------------------------------------
    FIELDS = ("title", "content", "measures", "category", "leader", "note", "deadline", "deadline_text", "status",
              "percent", "start_date", "area_id", "plan_id", "code", "lead_depts", "co_depts",
              "milestone_q1", "milestone_q2", "milestone_q3", "milestone_q4", "version")

    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.setEnabled(task_id is not None)
        if task_id is None:
            return
        try:
            # As of the day the window shows: the table's values, and the day edits take effect on.
            values = get_fields(self.controller.engine, task_id, list(self.FIELDS), self.controller.as_of)
        except LedgerError:
            self.task_id = None
            self.setEnabled(False)
            return
        self._stored = values
        self._loading = True
        try:
            self._dept_names.setStringList(department_names(self.controller.engine))
            self.code.setText(str(values["code"]))
            self.area.clear()
            self.area.addItem("—", None)
            for area in overview.areas(self.controller.engine, values["plan_id"]):
                self.area.addItem(area.name, area.id)
            self.area.setCurrentIndex(max(self.area.findData(values["area_id"]), 0))
            self.title.setText(values["title"])
            self.content.setPlainText(values["content"])
            self.measures.setPlainText(values["measures"])
            self.note.setPlainText(values["note"])
            self.category.setCurrentText(values["category"])
            self.lead.setText("、".join(values["lead_depts"]))
            self.co.setText("、".join(values["co_depts"]))
            self.leader.setText(values["leader"])
            deadline = values["deadline"]
            self.deadline.setText(values["deadline_text"] or (deadline.isoformat() if deadline else ""))
            self.deadline_date.setText(values["deadline"].isoformat() if values["deadline"] else self.tr("open-ended"))
            self.status.setCurrentIndex(max(self.status.findData(values["status"]), 0))
            self.percent.setValue(values["percent"])
            self.start.setDate(QDate(values["start_date"] or date.today()))
            for q, edit in enumerate(self.milestones):
                edit.setText(values[f"milestone_q{q + 1}"])
        finally:
            self._loading = False

    def _value(self, key: str) -> object:
        if key in ("content", "measures", "note"):
            return getattr(self, key).toPlainText().strip()
        if key in ("lead_depts", "co_depts"):
            text = (self.lead if key == "lead_depts" else self.co).text()
            return [p.strip() for p in text.replace("，", "、").split("、") if p.strip()]
        if key == "category":
            return self.category.currentText().strip()
        if key == "status":
            return self.status.currentData()
        if key == "area_id":
            return self.area.currentData()
        if key == "percent":
            return self.percent.value()
        if key == "start_date":
            return self.start.date().toPython()
        if key.startswith("milestone_q"):
            return self.milestones[int(key[-1]) - 1].text().strip()
        return getattr(self, key).text().strip()

    def _commit(self, key: str) -> None:
        if self._loading or self.task_id is None:
            return
        value = self._value(key)
        stored = self._stored.get("deadline_text" if key == "deadline" else key)
        if value == stored:
            return
        task_id = self.task_id

        def refused(exc: Exception) -> bool:
            if self.task_id == task_id:
                self.show_task(task_id)  # back to what is stored
            if isinstance(exc, ClosedQuarterError):
                return False  # the window offers to enter it as a 更正
            if isinstance(exc, LedgerError) and not isinstance(exc, StaleEditError):
                QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
                return True
            return False  # another desk's save: the window says who and offers to reload

        label = self.labels.get(key, key)
        self.controller.edit_task(task_id, {key: value}, self.tr("Edit %1").replace("%1", label),
                                  expected_version=self._stored["version"], on_error=refused,
                                  owner=self)

    def apply(self, fields: dict[str, object]) -> None:
        """Show what an operation saved (from any editor, or undo) without asking the ledger again."""
        if not fields:
            return
        self._stored.update(fields)
        self._loading = True
        try:
            for key, value in fields.items():
                self._show_field(key, value)
        finally:
            self._loading = False

    def _show_field(self, key: str, value: object) -> None:
        if key in ("title", "leader"):
            getattr(self, key).setText(str(value))
        elif key in ("content", "measures"):
            getattr(self, key).setPlainText(str(value))
        elif key == "category":
            self.category.setCurrentText(str(value))
        elif key in ("lead_depts", "co_depts"):
            (self.lead if key == "lead_depts" else self.co).setText("、".join(value))  # type: ignore[arg-type]
        elif key in ("deadline", "deadline_text"):
            deadline, text = self._stored.get("deadline"), self._stored.get("deadline_text") or ""
            self.deadline.setText(text or (deadline.isoformat() if deadline else ""))
            self.deadline_date.setText(deadline.isoformat() if deadline else self.tr("open-ended"))
        elif key == "status":
            self.status.setCurrentIndex(max(self.status.findData(value), 0))
        elif key == "percent":
            self.percent.setValue(int(value))  # type: ignore[arg-type]
        elif key == "start_date":
            self.start.setDate(QDate(value or date.today()))
        elif key == "area_id":
            self.area.setCurrentIndex(max(self.area.findData(value), 0))
        elif key.startswith("milestone_q"):
            self.milestones[int(key[-1]) - 1].setText(str(value))
