"""The ledger window a clerk works in all day."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from ui import background, window_layout
from ui.backup_actions import BackupActions
from ui.combos import fit_popups
from ui.crash import report_exception
from ui.file_actions import FileActions
from ui.filter_bar import FilterBar
from ui.ledger_switch import LedgerSwitch
from ui.main_actions import MainActions
from ui.nav_pane import NavPane
from ui.page_stack import PageStack
from ui.period_actions import PeriodActions
from ui.preferences import Preferences
from ui.reminder_panel import ReminderPanel
from ui.report_actions import ReportActions
from ui.status_line import StatusLine
from ui.table_query import quarter_bounds, table_query
from ui.task_actions import TaskActions
from ui.task_model import TaskTableModel
from ui.task_view import TaskView

# The database layer (SQLAlchemy, the services, the detail pane on top of them) is imported
# where it is first needed: a local ledger's window is painted with its first rows before it
# is loaded (see ledger_app/tasks/first_page.py and ui/app.py).
if TYPE_CHECKING:
    from ledger_app.operations import OpChanges
    from ledger_app.store.opening import Ledger
    from ledger_app.tasks.first_page import FirstPage
    from ledger_app.tasks.queries import TaskQuery
    from ledger_app.tasks.rows import Row
    from ledger_app.tasks.table import Refresh
    from ui.controller import LedgerController

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Composes the workspace (navigation | pages | detail pane over the open ledger) with the
    objects that carry out the menus' commands; each of those gets the parent, status bar and
    callbacks it needs, and the controller of the open ledger through ``bind``."""

    def __init__(self, ledger: Ledger | None, preferences: Preferences) -> None:
        """The window on ``ledger``; or, without one, the window that shows a ledger's first page
        (:meth:`show_first_page`) until :meth:`set_ledger` hands the ledger over once the database
        layer is loaded."""
        super().__init__()
        self.preferences = preferences
        self.controller: LedgerController | None = None
        self._nav: tuple[str, object] = ("view", "all")
        self._build_commands()
        self._total = 0
        window_layout.fit_to_screen(self, preferences)  # first: the panes are sized to the window
        if ledger is not None:
            self.set_ledger(ledger)
        else:
            self._build_workspace()
            self._restore_layout()

    def show_first_page(self, first: FirstPage) -> None:
        """The ledger's first page, read while this window was being built (ui.app.start_window)."""
        self.setWindowTitle(first.name)  # Qt adds the program's name (ui.app.create_app)
        self._total = first.total
        self.model.show_first_page(first)
        self.pages.show_table(bool(first.total))
        if first.total == len(first.rows):
            self.filter_bar.show_count(first.total, first.total)

    # ----- building ------------------------------------------------------------
    def _build_commands(self) -> None:
        """The objects behind the menus, and the menu bar that calls them."""
        bar = self.statusBar()
        self.status_line = StatusLine(bar, self.current_query, lambda: self.model.table)
        self.file_actions = FileActions(self, bar, lambda: self.model.query, self._picked_plan)
        self.file_actions.indicatorsImported.connect(lambda: self.pages.show_page("indicators"))
        self.ledger_switch = LedgerSwitch(self, bar, self.preferences, self.warn, self.set_ledger)
        self.backup_actions = BackupActions(self, bar, self.warn, self._wait_idle, self.set_ledger)
        self.task_actions = TaskActions(self, self.warn, lambda: self._nav, self.current_row)
        self.task_actions.taskCreated.connect(self._task_created)
        self.period_actions = PeriodActions(self, bar, self.preferences, self.apply_filters)
        self.report_actions = ReportActions(self, lambda: self.model.query)
        self.actions_ = actions = MainActions(
            self, self.menuBar(), self.preferences, lambda: self.view, files=self.file_actions,
            ledgers=self.ledger_switch, backups=self.backup_actions, tasks=self.task_actions,
            periods=self.period_actions, reports=self.report_actions)
        actions.settingsChanged.connect(self.apply_filters)
        actions.quit.triggered.connect(self.close)
        actions.find.triggered.connect(self.focus_search)
        actions.ledger.triggered.connect(self.show_table)
        actions.dashboard.triggered.connect(self.show_dashboard)
        actions.indicators.triggered.connect(lambda: self.pages.show_page("indicators"))
        actions.escalation.triggered.connect(lambda: self.pages.show_page("escalation"))
        actions.assessment.triggered.connect(lambda: self.pages.show_page("assessment"))
        actions.detail.triggered.connect(self.show_detail)
        actions.refresh.triggered.connect(lambda: (self.refresh_catalog(), self.apply_filters()))

    def set_ledger(self, ledger: Ledger) -> None:
        """Show ``ledger`` (at start-up, and when switching to the demo ledger or back)."""
        from ui.controller import LedgerController

        opening = self.controller is None and hasattr(self, "model")  # showing the first page already
        if self.controller is not None:
            self._save_layout()
            old = self.controller
            old.wait()  # its last operations finish on the ledger they started on
            self.reminders.stop()  # 今日提醒 of the old ledger: nobody waits for it
            background.wait_all()  # and its reads (今日提醒, navigation): none may reopen it once closed
            old.ledger.close()
            old.deleteLater()
        self.controller = LedgerController(ledger, self, operator=self.preferences.operator)
        for commands in (self.status_line, self.file_actions, self.ledger_switch, self.backup_actions,
                         self.task_actions, self.period_actions, self.report_actions):
            commands.bind(self.controller)
        if self.preferences.as_of:
            self.controller.set_as_of(self.preferences.as_of)
        # Qt appends the application's display name (改革任务台账) itself: named here too, it was there twice.
        self.setWindowTitle(ledger.display_name)
        if opening:
            self._attach_workspace()
        else:
            self._build_workspace()
        self.actions_.bind(self.controller)
        self.actions_.back.setVisible(self.ledger_switch.is_demo())
        self.refresh_catalog()
        if not opening:
            self._restore_layout()
        self.apply_filters()
        for notice in ledger.notices:  # what opening did (a stray -wal set aside …), once the window is up
            QTimer.singleShot(0, self, lambda notice=notice: self.warn(notice))
        if ledger.damage is not None:  # opened read-only: offer 从备份恢复 once the window is up
            QTimer.singleShot(0, self, self.backup_actions.offer_restore)
        # 今日提醒 after the window is up: it never delays the first paint.
        QTimer.singleShot(300, self, lambda: self.reminders.load(self.controller))

    def _build_workspace(self) -> None:
        controller = self.controller
        self.model = TaskTableModel(controller, self)
        self.filter_bar = FilterBar()
        if controller is not None:
            # The first page of the list now, so the window is painted once, with its rows;
            # the rest of the list (~40 ms at 100,000 tasks) follows from a worker thread once
            # that paint is done (both at once would compete for the interpreter).
            self.model.load_first_page(self.current_query())
        self.view = TaskView(self.model)
        self.view.painted.connect(self.model.fetch_rest)
        QTimer.singleShot(500, self.model, self.model.fetch_rest)  # if the table is not painted soon
        self.nav = NavPane()
        self.detail = self._detail_pane() if controller is not None else window_layout.detail_placeholder()
        self.reminders = ReminderPanel()
        self.reminders.openRequested.connect(lambda: self.pages.show_page("escalation"))
        table_page = QWidget()
        layout = QVBoxLayout(table_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reminders)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        self.pages = PageStack(table_page)
        self.pages.currentChanged.connect(lambda _index: self._fit_detail())
        self.pages.taskActivated.connect(self.show_task)
        self.pages.indicatorImportRequested.connect(lambda: self.file_actions.import_indicators())
        self.pages.assessmentDocumentRequested.connect(
            lambda year: self.report_actions.open_document("assessment", year))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        # Dragged to nothing, a pane would be lost to a clerk: 视图 → 详情 hides and shows it.
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.filter_bar.changed.connect(self.apply_filters)
        self.nav.picked.connect(self._nav_picked)
        self.nav.loaded.connect(self.filter_bar.set_choices)
        self.model.loaded.connect(self._on_loaded)
        self.model.asking.connect(self.status_line.stop)  # counted again once the new list is in
        self.model.failed.connect(self._failed)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.pages.empty.importRequested.connect(lambda: self.file_actions.import_table())
        self.pages.empty.demoRequested.connect(lambda: self.ledger_switch.open_demo())
        if controller is not None:
            self._connect(controller)
        self._build_status_bar()
        self.show_detail(self.preferences.detail_visible)
        fit_popups(self)  # lists as wide as their longest entry (改革领域, 牵头部门, the filters)

    def _detail_pane(self) -> QWidget:
        from ui.detail import DetailPane

        return DetailPane(self.controller)

    def _attach_workspace(self) -> None:
        """The ledger is open: the window that showed its first page takes it over in place."""
        self.model.attach(self.controller)
        placeholder, self.detail = self.detail, self._detail_pane()
        # Asked before the swap: replaceWidget takes the placeholder out of the window, which
        # hides it, and the pane then vanished at every start while 详情窗格 stayed ticked.
        shown = not placeholder.isHidden()
        self.splitter.replaceWidget(window_layout.DETAIL, self.detail)
        self.detail.setVisible(shown)  # hidden if the clerk keeps the pane hidden
        placeholder.deleteLater()
        fit_popups(self.detail)
        self._connect(self.controller)
        self.status_line.update()

    def _connect(self, controller: LedgerController) -> None:
        self.pages.attach(controller)
        controller.error.connect(self.warn)
        controller.changed.connect(self._changed)
        # The runner reads, on its worker right after each write, the rows and light counts the
        # window shows: one read transaction, and nothing asked on the GUI thread.
        controller.runner.refresh = self._read_after_write
        controller.asOfChanged.connect(self._as_of_changed)
        controller.effectiveChanged.connect(lambda _day: self.status_line.update())
        controller.correctionNeeded.connect(self._correction)  # a change dated in a closed quarter
        if hasattr(self.detail, "taskLinked"):
            self.detail.taskLinked.connect(self.show_task)

    def show_detail(self, on: bool) -> None:
        """视图 → 详情 (Ctrl+D): hide or show the detail pane; remembered on this computer."""
        window_layout.show_detail(self.splitter, on)
        self.preferences.detail_visible = on
        self.actions_.detail.setChecked(on)

    def _fit_detail(self) -> None:
        """The task detail pane has nothing to say about indicators, proposals or scores: those
        pages get its width; the ledger and the dashboard show it as the clerk left it."""
        if hasattr(self, "splitter"):
            window_layout.show_detail(self.splitter, not self.pages.shows_extra() and self.preferences.detail_visible)

    def _build_status_bar(self) -> None:
        self.status_line.build()
        if self.controller is not None:
            self.status_line.update()

    # ----- queries -----------------------------------------------------------
    def refresh_catalog(self) -> None:
        from ledger_app.tasks import overview

        engine = self.controller.engine
        self.filter_bar.set_default_dates(*quarter_bounds(self.controller.as_of))
        self._total = overview.task_count(engine)
        if self.pages.shows_table():
            self.pages.show_table(bool(self._total))
        # Plans, areas and departments with their counts fill the navigation just after the
        # table has its rows (see _on_loaded): at 100,000 tasks counting them costs as much as
        # the list itself, and running both at once slows the list down.
        self._catalog_wanted = True

    def _load_catalog(self) -> None:
        self._catalog_wanted = False
        self.nav.load(self.controller.engine)

    def current_query(self) -> TaskQuery:
        return table_query(self.filter_bar.filters(), self._nav, self.controller.as_of)

    def apply_filters(self) -> None:
        if self.controller is None:
            return  # still opening the ledger: the filters apply once it is open
        self.model.set_query(self.current_query())

    def _nav_picked(self, kind: str, value: object) -> None:
        self._nav = (kind, value)
        self.pages.set_plan(self._picked_plan())
        self.apply_filters()

    def _picked_plan(self) -> int | None:
        """The plan picked in the navigation pane (None when it shows something else)."""
        kind, value = self._nav
        return value if kind == "plan" else None

    def _on_loaded(self, count: int) -> None:
        if self.controller is None:
            return
        if self._catalog_wanted:
            self._catalog_wanted = False
            QTimer.singleShot(100, self._load_catalog)  # after the rows have been painted
        self.filter_bar.show_count(count, self._total)
        self.status_line.timer.start()
        task_id = self.detail.task_id
        row = self.model.row_of(task_id) if task_id is not None else None
        if row is not None:
            self.view.selectRow(row)
        elif count and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def _changed(self, changes: OpChanges, refreshed: Refresh | None) -> None:
        if changes.tasks is None or changes.structure:
            self.refresh_catalog()
            self.status_line.timer.start()
        elif refreshed is not None and refreshed.counts is not None:
            self.status_line.show_counts(refreshed.counts)
        else:
            self.status_line.timer.start()

    def _read_after_write(self, changes: OpChanges) -> Refresh:
        """On the runner's worker: what the table and the status bar show of the changed tasks."""
        return self.model.table.refresh(sorted(changes.tasks or ()), self.status_line.counted)

    def _as_of_changed(self, _as_of: object) -> None:
        self.model.reload()
        self.status_line.update()

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

    def current_row(self) -> Row | None:
        index = self.view.currentIndex()
        return self.model.table.row(index.row()) if index.isValid() else None

    def show_task(self, task_id: int) -> None:
        """Jump to a task (from the dashboard): clear filters that hide it, then select it."""
        self.pages.show_table()
        self.detail.show_task(task_id)
        if self.model.row_of(task_id) is None:
            self.nav.select("view", "all")
            self.filter_bar.reset()
        else:
            self.view.selectRow(self.model.row_of(task_id))

    def _task_created(self, task_id: int) -> None:
        self.refresh_catalog()
        self.show_task(task_id)
        self.detail.focus_title()

    # ----- commands (menus) -------------------------------------------------------
    def show_dashboard(self) -> None:
        self.pages.show_dashboard(self._picked_plan())

    def show_table(self) -> None:
        self.pages.show_table(bool(self._total))

    def focus_search(self) -> None:
        self.show_table()
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # ----- messages and layout -------------------------------------------------------
    def warn(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Reform Task Ledger"), message)

    def _correction(self, message: str, retry: object) -> None:
        from ui.quarter_dialogs import offer_correction

        offer_correction(self, message, retry)

    def _failed(self, exc: Exception) -> None:
        from ledger_app.messages.errors import LedgerError
        from ledger_app.store.opening import DAMAGED

        if isinstance(exc, LedgerError) and exc.template == DAMAGED:
            log.warning("%s", exc)  # a damaged page: the window has said so and offered 从备份恢复
            return
        report_exception(exc)

    def _save_layout(self) -> None:
        self.preferences.save_state("task_header", bytes(self.view.layout_state().data()))
        self.preferences.save_state("splitter", bytes(self.splitter.saveState().data()))

    def _restore_layout(self) -> None:
        window_layout.restore_panes(self.view, self.splitter, self.preferences)
        # A pane saved at nothing (or hidden by an older version) comes back at a usable width.
        self.show_detail(self.preferences.detail_visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window_layout.shown(self, self.splitter, self.preferences)

    def _wait_idle(self) -> None:
        """Until no operation or query of this window holds the ledger (before it is closed)."""
        if self.controller is not None:
            self.controller.wait()  # an edit under way is saved first
        self.status_line.stop()  # counts and lists nobody will see
        self.model.stop_running()
        self.model.wait(complete=False)
        self.reminders.stop()  # 今日提醒 worked out in a process of its own: stopped, not waited for
        background.wait_all()  # reads under way (今日提醒, navigation) end too

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.preferences.save_geometry("main", self)
        self._wait_idle()
        super().closeEvent(event)

