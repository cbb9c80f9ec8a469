"""The ledger window a clerk works in all day."""

from __future__ import annotations

import logging
from datetime import date

import shiboken6
from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app import catalog
from ledger_app.errors import LedgerError
from ledger_app.ledger import DAMAGED, Ledger
from ledger_app.queries import TaskQuery
from ui import background, backup_actions, task_actions
from ui.controller import LedgerController
from ui.detail import DetailPane
from ui.empty_state import EmptyState
from ui.filter_bar import FilterBar
from ui.main_actions import MainActions
from ui.nav_pane import NavPane
from ui.preferences import Preferences
from ui.task_model import TaskTableModel
from ui.task_view import TaskView

PAGE_EMPTY, PAGE_TABLE, PAGE_DASHBOARD = range(3)
log = logging.getLogger(__name__)


def quarter_bounds(day: date) -> tuple[date, date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


class MainWindow(QMainWindow):
    def __init__(self, ledger: Ledger, preferences: Preferences) -> None:
        super().__init__()
        self.preferences = preferences
        self.controller: LedgerController | None = None
        self.actions_ = MainActions(self)
        self._nav: tuple[str, object] = ("view", "all")
        self._counts_timer = QTimer(self, singleShot=True, interval=250)
        self._counts_timer.timeout.connect(self._update_light_counts)
        # The once-a-day backup is taken on open; a window left open past midnight takes it here.
        self._backup_timer = QTimer(self, interval=3_600_000)
        self._backup_timer.timeout.connect(self._daily_backup)
        self._backup_timer.start()
        self.resize(1360, 820)
        self.preferences.restore_geometry("main", self)
        self.set_ledger(ledger)

    # ----- building ------------------------------------------------------------
    def set_ledger(self, ledger: Ledger) -> None:
        """Show ``ledger`` (at start-up, and when switching to the demo ledger)."""
        if self.controller is not None:
            self._save_layout()
            old = self.controller
            old.ledger.close()
            old.deleteLater()
        self.controller = LedgerController(ledger, self, operator=self.preferences.operator)
        if self.preferences.as_of:
            self.controller.set_as_of(self.preferences.as_of)
        self.setWindowTitle(self.tr("Reform Task Ledger") + " — " + ledger.display_name)
        self._build_workspace()
        self.actions_.bind(self.controller, self.view)
        self.refresh_catalog()
        self._restore_layout()
        self.apply_filters()
        if ledger.damage is not None:  # opened read-only: offer 从备份恢复 once the window is up
            QTimer.singleShot(0, self, lambda: backup_actions.offer_restore(self))

    def _build_workspace(self) -> None:
        controller = self.controller
        self.model = TaskTableModel(controller, self)
        self.filter_bar = FilterBar()
        # The first page of the list now, so the window is painted once, with its rows;
        # the rest of the list (~40 ms at 100,000 tasks) follows from a worker thread once
        # that paint is done (both at once would compete for the interpreter).
        self.model.load_first_page(self.current_query())
        self.view = TaskView(self.model)
        self.view.painted.connect(self.model.fetch_rest)
        QTimer.singleShot(500, self.model, self.model.fetch_rest)  # if the table is not painted soon
        self.nav = NavPane()
        self.detail = DetailPane(controller)
        self.dashboard = None  # built on first use: QtCharts is not needed to open the ledger
        self.empty = EmptyState()

        table_page = QWidget()
        layout = QVBoxLayout(table_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        self.pages = QStackedWidget()
        for page in (self.empty, table_page, QWidget()):
            self.pages.addWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 800, 380])
        self.setCentralWidget(self.splitter)

        self.filter_bar.changed.connect(self.apply_filters)
        self.nav.picked.connect(self._nav_picked)
        self.model.loaded.connect(self._on_loaded)
        self.model.editRefused.connect(self._warn)
        self.model.failed.connect(self._failed)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.empty.importRequested.connect(self.import_table)
        self.empty.demoRequested.connect(self.open_demo)
        controller.error.connect(self._warn)
        controller.conflict.connect(self._conflict)
        controller.tasksChanged.connect(self._tasks_changed)
        controller.asOfChanged.connect(self._as_of_changed)
        self._build_status_bar()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for child in bar.findChildren(QLabel):
            bar.removeWidget(child)
        self.light_label = QLabel()
        self.as_of_label = QLabel()
        bar.addPermanentWidget(self.light_label)
        bar.addPermanentWidget(self.as_of_label)
        self._update_status()

    # ----- queries -----------------------------------------------------------
    def refresh_catalog(self) -> None:
        engine = self.controller.engine
        self.filter_bar.set_default_dates(*quarter_bounds(self.controller.as_of))
        self._total = catalog.task_count(engine)
        if self.pages.currentIndex() != PAGE_DASHBOARD:
            self.pages.setCurrentIndex(PAGE_TABLE if self._total else PAGE_EMPTY)
        # Plans, areas and departments with their counts fill the navigation just after the
        # table has its rows (see _on_loaded): at 100,000 tasks counting them costs as much as
        # the list itself, and running both at once slows the list down.
        self._catalog_wanted = True

    def _load_catalog(self) -> None:
        self._catalog_wanted = False
        engine = self.controller.engine
        self._catalog_generation = generation = getattr(self, "_catalog_generation", 0) + 1
        background.submit(lambda _p: (catalog.plans(engine), catalog.areas(engine), catalog.departments(engine)),
                          lambda result: self._show_catalog(generation, result))

    def _show_catalog(self, generation: int, result: object) -> None:
        if not shiboken6.isValid(self.nav) or generation != self._catalog_generation:
            return
        if isinstance(result, Exception):
            raise result
        plans, areas, departments = result
        self.nav.populate(plans, areas, departments)
        self.filter_bar.set_choices(departments, areas)

    def current_query(self) -> TaskQuery:
        f = self.filter_bar.filters()
        query = TaskQuery(as_of=self.controller.as_of, search=f.search or None, dept=f.dept or None,
                          status=f.status or None, light=f.light or None, area_id=f.area_id,
                          deadline_from=f.deadline_from, deadline_to=f.deadline_to)
        kind, value = self._nav
        if kind == "plan":
            query.plan_id = value
        elif kind == "area" and query.area_id is None:
            query.area_id = value
        elif kind == "dept" and not query.dept:
            query.dept = value
        elif kind == "view":
            if value in ("red", "yellow") and not query.light:
                query.light = value
            elif value == "done" and not query.status:
                query.status = "已完成"
            elif value == "quarter":
                start, end = quarter_bounds(query.as_of)
                query.deadline_from = max(filter(None, (query.deadline_from, start)))
                query.deadline_to = min(filter(None, (query.deadline_to, end)))
                query.open_only = True
        return query

    def apply_filters(self) -> None:
        self.model.set_query(self.current_query())

    def _nav_picked(self, kind: str, value: object) -> None:
        self._nav = (kind, value)
        if self.dashboard is not None:
            self.dashboard.set_plan(value if kind == "plan" else None)
        self.apply_filters()

    def _on_loaded(self, count: int) -> None:
        if self._catalog_wanted:
            self._catalog_wanted = False
            QTimer.singleShot(100, self._load_catalog)  # after the rows have been painted
        self.filter_bar.show_count(count, self._total)
        self._counts_timer.start()  # after the list: the counts never delay the answer to a keystroke
        task_id = self.detail.task_id
        row = self.model.row_of(task_id) if task_id is not None else None
        if row is not None:
            self.view.selectRow(row)
        elif count and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def _tasks_changed(self, ids: set[int] | None) -> None:
        if ids is None:
            self.refresh_catalog()
        self._counts_timer.start()

    def _update_light_counts(self) -> None:
        query = self.current_query()
        query.light = None
        table = self.model.table
        self._counts_generation = generation = getattr(self, "_counts_generation", 0) + 1
        background.submit(lambda _p: table.light_counts(query),
                          lambda counts: self._show_light_counts(generation, counts))

    def _show_light_counts(self, generation: int, counts: object) -> None:
        if not shiboken6.isValid(self.light_label):
            return  # the window closed while the counts were being taken
        if generation != self._counts_generation or isinstance(counts, Exception):
            return  # superseded by a newer filter (or the window moved to another ledger)
        self.light_label.setText(
            self.tr("Red %1 · Yellow %2 · Green %3 · Done %4")
            .replace("%1", str(counts["red"])).replace("%2", str(counts["yellow"]))
            .replace("%3", str(counts["green"])).replace("%4", str(counts["done"])))

    def _as_of_changed(self, _as_of: object) -> None:
        self.model.reload()
        self._update_status()

    def _update_status(self) -> None:
        as_of = self.controller.as_of
        fixed = self.controller.as_of_fixed
        text = self.tr("As of %1").replace("%1", as_of.isoformat())
        self.as_of_label.setText(text + (self.tr(" (fixed)") if fixed else ""))
        self._counts_timer.start()

    # ----- selection -----------------------------------------------------------
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task_id = self.model.task_id(current.row()) if current.isValid() else None
        # Let the table paint first; the detail pane fills a moment later.
        QTimer.singleShot(0, self, lambda: self._show_detail(task_id))

    def _show_detail(self, task_id: int | None) -> None:
        current = self.current_task_id()
        if task_id == current and task_id != self.detail.task_id:
            self.detail.show_task(task_id)

    def current_task_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.task_id(index.row()) if index.isValid() else None

    def show_task(self, task_id: int) -> None:
        """Jump to a task (from the dashboard): clear filters that hide it, then select it."""
        self.pages.setCurrentIndex(PAGE_TABLE)
        self.detail.show_task(task_id)
        if self.model.row_of(task_id) is None:
            self.nav.select("view", "all")
            self.filter_bar.reset()
        else:
            self.view.selectRow(self.model.row_of(task_id))

    # ----- commands (menus) -------------------------------------------------------
    def import_table(self, path: str | None = None) -> None:
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.controller, self, path=path)
        wizard.exec()

    def export_ledger(self) -> None:
        from ui.forms_dialogs import export_dialog

        kind, value = self._nav
        plan = next((p.name for p in catalog.plans(self.controller.engine) if p.id == value), None) \
            if kind == "plan" else None
        path = export_dialog(self, self.controller, self.model.query, plan)
        if path is not None:
            self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 8000)

    def make_forms(self) -> None:
        from ui.forms_dialogs import FormsDialog

        dialog = FormsDialog(self.controller, self)
        if dialog.exec():
            self.statusBar().showMessage(self.tr("%1 fill-in form(s) written").replace(
                "%1", str(len(dialog.issued))), 8000)

    def merge_forms(self, paths: list[str] | None = None) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from ui.forms_dialogs import MergeDialog

        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Merge returned forms"), "",
                                                    self.tr("Excel workbooks (*.xlsx)"))
        if paths:
            MergeDialog(self.controller, [Path(p) for p in paths], self).exec()

    def backup_ledger(self) -> None:
        backup_actions.back_up(self)

    def restore_ledger(self, path: str | None = None) -> None:
        backup_actions.restore(self, path)

    def _daily_backup(self) -> None:
        backup_actions.daily(self)

    def open_demo(self) -> None:
        from db.engine import default_db_path
        from ledger_app.catalog import demo_ledger_path
        from ledger_app.demo import build_demo_ledger

        try:
            ledger = build_demo_ledger(demo_ledger_path(default_db_path().parent), user=self.controller.operator)
        except LedgerError as exc:
            self._warn(str(exc))
            return
        self.set_ledger(ledger)
        self.statusBar().showMessage(self.tr("Demo ledger opened: changes here do not touch your own ledger."), 8000)

    def new_task(self) -> None:
        task_actions.new_task(self)

    def delete_task(self) -> None:
        task_actions.delete_task(self)

    def show_dashboard(self) -> None:
        if self.dashboard is None:
            from ui.dashboard import DashboardView

            self.dashboard = DashboardView(self.controller)
            self.dashboard.taskActivated.connect(self.show_task)
            kind, value = self._nav
            self.dashboard.plan_id = value if kind == "plan" else None
            placeholder = self.pages.widget(PAGE_DASHBOARD)
            self.pages.insertWidget(PAGE_DASHBOARD, self.dashboard)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        self.pages.setCurrentIndex(PAGE_DASHBOARD)
        self.dashboard.refresh()

    def show_table(self) -> None:
        self.pages.setCurrentIndex(PAGE_TABLE if self._total else PAGE_EMPTY)

    def focus_search(self) -> None:
        self.show_table()
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # ----- messages and layout -------------------------------------------------------
    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Reform Task Ledger"), message)

    def _conflict(self, task_id: int, message: str) -> None:
        """Another desk saved the task first: say who changed what and offer to reload."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed by someone else"), message,
                          QMessageBox.StandardButton.Cancel, self)
        reload = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(reload)
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep what I see"))
        self.conflict_box = box  # tests answer it
        box.exec()
        self.conflict_box = None
        if box.clickedButton() is reload:
            self.controller.tasksChanged.emit(None)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, LedgerError) and exc.template == DAMAGED:
            log.warning("%s", exc)  # a damaged page: the window has said so and offered 从备份恢复
            return
        raise exc  # handed to the crash dialog and the log

    def _save_layout(self) -> None:
        self.preferences.save_state("task_header", bytes(self.view.layout_state().data()))
        self.preferences.save_state("splitter", bytes(self.splitter.saveState().data()))

    def _restore_layout(self) -> None:
        self.view.restore_layout(self.preferences.state("task_header"))
        splitter = self.preferences.state("splitter")
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.preferences.save_geometry("main", self)
        self.model.wait(complete=False)
        super().closeEvent(event)

