"""The task table model: ids from a background query, rows fetched a page at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush

from ledger_app.messages.labels import status_label
from ledger_app.store.enums import SETTABLE_STATUSES
from ledger_app.tasks.first_page import FirstPageTable
from ledger_app.tasks.rows import COLUMNS, PAGE
from ui import background
from ui.light_colours import LIGHT_COLOURS, light_dot

# The database layer is imported where it is first needed: the window paints the first page of
# a local ledger before it is loaded (ledger_app/tasks/first_page.py).
if TYPE_CHECKING:
    from ledger_app.operations import OpChanges
    from ledger_app.tasks.first_page import FirstPage
    from ledger_app.tasks.queries import TaskQuery
    from ledger_app.tasks.table import Refresh
    from ui.controller import LedgerController

log = logging.getLogger(__name__)
COL = {key: i for i, key in enumerate(COLUMNS)}
EDITABLE = {"status", "percent", "deadline"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the Row dataclass
ID_ROLE = Qt.ItemDataRole.UserRole + 2
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 3

_ANSWERED = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE, ID_ROLE, LIGHT_ROLE,
})

_DECORATION = Qt.ItemDataRole.DecorationRole
_LIGHT_COLUMN = COLUMNS.index("light")
# Looked up once: the view asks some 700 times a paint, and an enum member looked up is 70 ns.
_DISPLAY, _EDIT, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole
_FOREGROUND, _ALIGNMENT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole
_HORIZONTAL = Qt.Orientation.Horizontal
# What QAbstractTableModel.flags answers for a cell, and an editable one (asked once a cell a paint).
_CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE_CELL = _CELL | Qt.ItemFlag.ItemIsEditable
_EDITABLE_COLUMNS = frozenset(COLUMNS.index(key) for key in EDITABLE)


class TaskTableModel(QAbstractTableModel):
    asking = Signal()  # a new query starts: what was asked before is stopped (the light counts too)
    firstRows = Signal()  # the first page of matches is shown; the rest of the list follows
    loaded = Signal(int)  # number of matching tasks, once the whole list is in
    failed = Signal(object)

    def __init__(self, controller: LedgerController | None, parent: QObject | None = None) -> None:
        """A model on ``controller``'s ledger; or, without one, showing the first page the window
        opens with (:meth:`show_first_page`) until :meth:`attach` hands it the ledger."""
        super().__init__(parent)
        self.controller: LedgerController | None = None
        self.table = FirstPageTable()
        self._query: TaskQuery | None = None
        self._sort, self._descending = "", False
        self._generation = 0
        self._prefetched: tuple | None = None  # (query, sort, descending) already asked for
        self._complete = True  # False between asking and the whole list being in
        self._rest: Callable[[], None] | None = None  # fetches the rest of the list (see fetch_rest)
        self._stops: list = []  # the Stop of each query still running (ledger_app.tasks.table.Stop)
        self._kick = QTimer(self, singleShot=True, interval=0)
        self._kick.timeout.connect(self._run_query)
        self._headers: list[str] | None = None
        self._lights: dict[str, str] | None = None
        if controller is not None:
            self.attach(controller)

    def show_first_page(self, first: FirstPage) -> None:
        """The first page of a ledger not opened yet (ledger_app/tasks/first_page.py)."""
        shown = FirstPageTable(first)
        if not shown.ids:
            self.table = shown
            return
        # Rows inserted, not a reset: the columns the view has already fitted and restored stay.
        self.beginInsertRows(QModelIndex(), 0, len(shown.ids) - 1)
        self.table = shown
        self.endInsertRows()

    def attach(self, controller: LedgerController) -> None:
        """Work on ``controller``'s ledger. The rows shown stay until the next query answers."""
        from ledger_app.tasks.queries import TaskQuery
        from ledger_app.tasks.table import TaskTable

        self.controller = controller
        shown = self.table
        self._query = TaskQuery(as_of=controller.as_of)
        self.table = TaskTable(controller.engine, controller.thresholds)
        if isinstance(shown, FirstPageTable) and shown.ids:
            # Keep painting the first page the window opened with until its query answers.
            self.table.reset(self._query, shown.ids, shown.rows)
        controller.changed.connect(self._on_changed)
        controller.settingsChanged.connect(self._on_settings)

    # ----- headers -------------------------------------------------------
    def headers(self) -> list[str]:
        # Made once: the view asks for a header some 700 times while the window is built and painted, and the
        # program's language is fixed for its run (set before any window).
        if self._headers is None:
            self._headers = [self.tr("No."), self.tr("Light"), self.tr("Area"), self.tr("Project"),
                             self.tr("Content"), self.tr("Lead dept."), self.tr("Co-op depts."), self.tr("Leader"),
                             self.tr("Deadline"), self.tr("Status"), self.tr("Done %"), self.tr("Latest progress")]
        return self._headers

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role != _DISPLAY:
            return None
        return self.headers()[section] if orientation == _HORIZONTAL else str(section + 1)

    # ----- loading ---------------------------------------------------------
    @property
    def query(self) -> TaskQuery:
        return self._query

    def set_query(self, query: TaskQuery) -> None:
        """Run ``query`` in the background; the model resets when the answer arrives."""
        self._query = query
        self._start()

    def reload(self) -> None:
        self._query.as_of = self.controller.as_of
        self._start()

    def _start(self) -> None:
        # Coalesce: filter, sort and date changes made in one go (start-up, a reset of
        # every filter) cost one query, not one each.
        self._kick.start()

    def load_first_page(self, query: TaskQuery) -> None:
        """Show the first page of ``query`` now, from this thread, and fetch the rest of the
        list in the background. For opening the window: the database stops after one page
        (a few ms at any ledger size), so the window's first paint already has its rows.
        When the window then sets the same query, it is not asked again."""
        self._query = query
        self._generation += 1
        self._complete = False
        try:
            head: object = self.table.load(query, self._sort, self._descending, limit=PAGE + 1)
        except Exception as exc:  # noqa: BLE001 - asked again the usual way, which reports it
            self._complete = True
            log.warning("first page of the task list failed: %s", exc)
            return
        self._on_head(self._generation, head, deferred=True)
        # A copy: reload() changes the model's query in place, which must not look "already asked".
        self._prefetched = (replace(query), self._sort, self._descending)

    def _run_query(self) -> None:
        if self.controller is None:
            return  # still showing the first page the window opened with; asked once attached
        asked, self._prefetched = self._prefetched, None
        if asked is not None and asked == (self._query, self._sort, self._descending):
            return
        self._rest = None  # a first page's rest, superseded
        self._generation += 1
        self._complete = False
        # A keystroke never queues behind the one before: what that one still runs is stopped.
        self.stop_running()
        self.asking.emit()
        generation, table, query = self._generation, self.table, self._query
        sort, descending = self._sort, self._descending
        # First the first page alone (the database stops after it), painted at once; then
        # the whole id list. At 100,000 tasks the first costs a few ms, the second ~40.
        self._submit(lambda stop: table.load(query, sort, descending, limit=PAGE + 1, stop=stop),
                     lambda result: self._on_head(generation, result))

    def _submit(self, work: Callable[[object], object], on_done: Callable[[object], None]) -> None:
        """``work(stop)`` in the table's own pool, stopped by the next query (see stop_running)."""
        from ledger_app.tasks.table import Stop

        stop = Stop()
        self._stops.append(stop)

        def done(result: object) -> None:
            if stop in self._stops:
                self._stops.remove(stop)
            on_done(result)

        background.submit(lambda _progress: work(stop), done, pool=background.queries())

    def stop_running(self) -> None:
        """Stop the queries still running: their answers are no longer wanted."""
        for stop in self._stops:
            stop.stop()
        self._stops.clear()

    def _current(self, generation: int, result: object) -> bool:
        if not shiboken6.isValid(self) or generation != self._generation:
            return False  # a newer keystroke already asked again (and stopped this one)
        from ledger_app.tasks.table import Stopped

        if isinstance(result, Stopped):  # stopped while the window closed: nobody waits for it
            self._complete = True
            return False
        if isinstance(result, Exception):
            self._complete = True
            self.failed.emit(result)
            return False
        return True

    def _on_head(self, generation: int, result: object, *, deferred: bool = False) -> None:
        if not self._current(generation, result):
            return
        ids, first_page = result
        more = len(ids) > PAGE
        self.beginResetModel()
        self.table.reset(self._query, ids[:PAGE], first_page)
        self.endResetModel()
        if not more:
            self._complete = True
        self._announce(generation, deferred)
        if more:
            table, query, sort, descending = self.table, self._query, self._sort, self._descending
            self._rest = lambda: self._submit(lambda stop: table.find_ids(query, sort, descending, stop=stop),
                                              lambda rest: self._on_rest(generation, rest))
            if not deferred:
                self.fetch_rest()

    def fetch_rest(self) -> None:
        """Fetch the rest of the list behind a first page loaded at opening. The window
        calls this once that page is painted, so the two never compete for the CPU."""
        start, self._rest = self._rest, None
        if start is not None:
            start()

    def _announce(self, generation: int, deferred: bool) -> None:
        """firstRows (and loaded, when the first page is the whole list); deferred to the
        event loop when the window is still being built and not yet listening."""
        whole = self._complete  # the first page is the whole list: no second answer follows

        def emit() -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            self.firstRows.emit()
            if whole:
                self.loaded.emit(len(self.table.ids))

        if deferred:
            QTimer.singleShot(0, self, emit)
        else:
            emit()

    def _on_rest(self, generation: int, result: object) -> None:
        if not self._current(generation, result):
            return
        self._complete = True
        ids: list[int] = result  # type: ignore[assignment]
        shown = len(self.table.ids)
        if ids[:shown] == self.table.ids and len(ids) > shown:
            # The rows on screen stay put (selection, scroll position): the rest is appended.
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self.table.extend(ids)
            self.endInsertRows()
        elif ids != self.table.ids:  # another desk changed the ledger in between
            self.beginResetModel()
            self.table.reset(self._query, ids)
            self.endResetModel()
        self.loaded.emit(len(ids))

    def wait(self, *, complete: bool = True) -> None:
        """Run a pending query now and block until it is answered (tests and benchmarks).
        With ``complete`` the whole list is in afterwards, not only its first page;
        without, only the running queries are waited for (before closing the database)."""
        if self._kick.isActive():
            self._kick.stop()
            self._run_query()
        if complete:
            self.fetch_rest()
        background.wait_all()
        for _ in range(1000):  # the head's answer, delivered here, asks for the rest
            if not complete or self._complete or not shiboken6.isValid(self):
                break
            QCoreApplication.sendPostedEvents()
            background.wait_all()

    def _on_changed(self, changes: OpChanges, refreshed: Refresh | None) -> None:
        if changes.tasks is None or changes.structure:
            self.reload()
            return
        # Repaint the edited rows in place from what the runner read right after the write.
        # Order and membership are refreshed on the next filter or sort change, so the clerk's
        # selection and scroll position stay put.
        if refreshed is not None:
            positions = self.table.replace({i: r for i, r in refreshed.rows.items() if i in changes.tasks})
        else:
            self.table.invalidate()
            positions = [p for p in (self.table.position_of(i) for i in changes.tasks) if p is not None]
        for row in positions:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _on_settings(self) -> None:
        self.table.thresholds = self.controller.thresholds

    # ----- Qt model API ------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, ANN001
        return 0 if parent.isValid() else len(self.table.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, ANN001
        return 0 if parent.isValid() else len(COLUMNS)

    def task_id(self, row: int) -> int:
        return self.table.ids[row]

    def row_of(self, task_id: int) -> int | None:
        return self.table.position_of(task_id)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        # Views ask for a dozen roles per cell on every paint; most are answered "nothing"
        # here before any row is looked up.
        if role == _DECORATION:
            if index.column() != _LIGHT_COLUMN or not index.isValid():
                return None
            return light_dot(self.table.row(index.row()).light)
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self.table.row(index.row())
        key = COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(row, key)
        if role == _EDIT:
            return {"status": row.status, "percent": row.percent, "deadline": row.deadline}.get(key,
                                                                                               self._display(row, key))
        if role == _TOOLTIP:
            if key == "deadline":
                return row.deadline_text or None
            text = self._display(row, key)
            return text if isinstance(text, str) and len(text) > 12 else None
        if role == LIGHT_ROLE:
            return row.light
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == _FOREGROUND and key == "deadline" and row.light == "red":
            return QBrush(LIGHT_COLOURS["red"])
        if role == _ALIGNMENT and key in ("percent", "code"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row, key: str):  # noqa: ANN001, ANN202
        if key == "light":
            if self._lights is None:  # made once, as the headers are
                self._lights = {"red": self.tr("Red"), "yellow": self.tr("Yellow"), "green": self.tr("Green"),
                                "done": self.tr("Done"), "off": "—", "pending": self.tr("Awaiting closure")}
            return self._lights.get(row.light, "")
        if key == "deadline":
            return row.deadline.isoformat() if row.deadline else row.deadline_text
        if key == "percent":
            return f"{row.percent}%"
        if key == "status":
            return status_label(row.status)
        return getattr(row, key)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _EDITABLE_CELL if index.column() in _EDITABLE_COLUMNS and self.controller is not None else _CELL

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = COLUMNS[index.column()]
        if key not in EDITABLE:
            return False
        if key == "percent":
            value = int(value)
        if key == "status" and value not in SETTABLE_STATUSES:
            return False
        if key == "deadline" and value is not None and not isinstance(value, date):
            value = value.toPython() if hasattr(value, "toPython") else value
        label = {"status": self.tr("Change status"), "percent": self.tr("Change percent"),
                 "deadline": self.tr("Change deadline")}[key]
        if self.controller is None:
            return False  # the window is still opening the ledger

        row = self.table.row(index.row())
        # The version this row showed: a save over another desk's newer one is refused, and the
        # window offers a reload; the row repaints when the saved values come back.
        self.controller.edit_task(row.id, {key: value}, label, expected_version=row.version)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # -1 (no sort indicator) means the ledger's own order, as in the task table.
        self._sort = COLUMNS[column] if 0 <= column < len(COLUMNS) else ""
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._start()
