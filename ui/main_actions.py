"""Menus, actions and shortcuts of the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from ui import backup_actions, file_actions, pages, task_actions
from ui.as_of_dialog import ask_as_of

if TYPE_CHECKING:
    from ui.controller import LedgerController
    from ui.main_window import MainWindow

Key = QKeySequence.StandardKey


class MainActions(QObject):
    """Builds the menu bar once; ``bind`` reconnects the parts that follow the open ledger."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        bar = w.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self.import_ = self._action(file, self.tr("&Import task table…"), lambda: file_actions.import_table(w),
                                    "Ctrl+I")
        self.import_indicators = self._action(file, self.tr("Import in&dicator table…"),
                                              lambda: pages.import_indicators(w))
        self.demo = self._action(file, self.tr("Open &demo ledger"), lambda: file_actions.open_demo(w))
        self.back = self._action(file, self.tr("&Back to my ledger"), lambda: file_actions.back_to_own(w))
        self.back.setVisible(False)  # only while the demo ledger is open
        file.addSeparator()
        self.export = self._action(file, self.tr("&Export ledger to Excel…"), lambda: file_actions.export_ledger(w),
                                   "Ctrl+E")
        self.forms = self._action(file, self.tr("&Generate fill-in forms…"), lambda: file_actions.make_forms(w))
        self.merge = self._action(file, self.tr("&Merge returned forms…"), lambda: file_actions.merge_forms(w))
        self.carry_over = self._action(file, self.tr("&Carry over to next year…"), self.open_carry_over)
        file.addSeparator()
        self.backup = self._action(file, self.tr("&Back up ledger"), lambda: backup_actions.back_up(w))
        self.restore = self._action(file, self.tr("&Restore from backup…"), lambda: backup_actions.restore(w))
        file.addSeparator()
        self.new = self._action(file, self.tr("&New task"), lambda: task_actions.new_task(w), Key.New)
        self.delete = self._action(file, self.tr("&Delete task…"), lambda: task_actions.delete_task(w), Key.Delete)
        file.addSeparator()
        self.settings = self._action(file, self.tr("&Settings…"), self.open_settings, Key.Preferences)
        if self.settings.shortcut().isEmpty():
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        file.addSeparator()
        self._action(file, self.tr("E&xit"), w.close, Key.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo = self._action(edit, self.tr("&Undo"), lambda: self.controller.undo_stack.undo(), Key.Undo)
        self.redo = self._action(edit, self.tr("&Redo"), lambda: self.controller.undo_stack.redo())
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addSeparator()
        self.effective = self._action(edit, self.tr("&Effective date…"), self.choose_effective)
        self._action(edit, self.tr("&Find…"), w.focus_search, Key.Find)

        view = bar.addMenu(self.tr("&View"))
        self._action(view, self.tr("&Ledger"), w.show_table, "Ctrl+1")
        self._action(view, self.tr("&Dashboard"), w.show_dashboard, "Ctrl+2")
        self.indicators = self._action(view, self.tr("&Indicators"), lambda: pages.show(w, "indicators"),
                                       "Ctrl+3")
        self.escalation = self._action(view, self.tr("&Supervision to do"), lambda: pages.show(w, "escalation"),
                                       "Ctrl+4")
        self.assessment = self._action(view, self.tr("Annual &assessment"), lambda: pages.show(w, "assessment"),
                                       "Ctrl+5")
        self.detail = self._action(view, self.tr("&Detail pane"), w.show_detail, "Ctrl+D")
        self.detail.setCheckable(True)
        self.detail.setChecked(True)
        self.columns = view.addMenu(self.tr("&Columns"))
        # Filled as it opens: the table may have fitted (hidden) columns since the window was built.
        self.columns.aboutToShow.connect(self._fill_columns)
        view.addSeparator()
        self.as_of = self._action(view, self.tr("&As-of date…"), self.choose_as_of)
        self._action(view, self.tr("Re&fresh"), lambda: (w.refresh_catalog(), w.apply_filters()), Key.Refresh)

        reports = bar.addMenu(self.tr("&Reports"))
        self._action(reports, self.tr("&Supervision reports…"), self.open_reports, Key.Print)
        self.assessment_document = self._action(reports, self.tr("Annual &assessment results…"),
                                                lambda: pages.open_document(w, "assessment"))
        reports.addSeparator()
        self.close_quarter = self._action(reports, self.tr("&Close quarter…"), self.open_close_quarter)
        self.reopen_quarter = self._action(reports, self.tr("&Reopen quarter…"), self.open_reopen_quarter)

        help_ = bar.addMenu(self.tr("&Help"))
        self._action(help_, self.tr("&About"), self.about)
        self.controller: LedgerController | None = None

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def bind(self, controller: LedgerController) -> None:
        if self.controller is not None:
            old = self.controller.undo_stack
            for signal in (old.canUndoChanged, old.canRedoChanged, old.undoTextChanged):
                signal.disconnect()
        self.controller = controller
        stack = controller.undo_stack
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(self.undo.setToolTip)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self._fill_columns()

    def _fill_columns(self) -> None:
        self.columns.clear()
        view = self.window.view
        for action in view.column_actions(self.columns):
            self.columns.addAction(action)
        self.columns.addSeparator()
        self.columns.addAction(self.tr("Fit columns to window"), view.reset_columns)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.controller, self.window.preferences, self.window).exec():
            self.window.apply_filters()

    def open_reports(self) -> None:
        from ui.report_dialog import ReportDialog

        ReportDialog(self.controller.ledger, self.window, query=self.window.model.query,
                     runner=self.controller.runner).exec()

    def open_close_quarter(self) -> None:
        from ui.quarter_dialogs import CloseQuarterDialog

        dialog = CloseQuarterDialog(self.controller, self.window)
        if dialog.exec() and dialog.closed is not None:
            figures = dialog.closed.figures
            self.window.statusBar().showMessage(
                self.tr("%1 closed: %2 tasks, %3 done").replace("%1", figures.name)
                .replace("%2", str(figures.total)).replace("%3", str(figures.done)), 8000)

    def open_reopen_quarter(self) -> None:
        from ui.quarter_dialogs import ReopenQuarterDialog

        ReopenQuarterDialog(self.controller, self.window).exec()

    def open_carry_over(self) -> None:
        from ui.carry_over_dialog import CarryOverDialog

        dialog = CarryOverDialog(self.controller, self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(
                self.tr("%1 task(s) carried over").replace("%1", str(len(dialog.created))), 8000)

    def choose_effective(self) -> None:
        from ui.effective_date import ask_effective

        chosen = ask_effective(self.window, self.controller)
        if chosen is not None:
            self.controller.set_effective_on(chosen or None)  # False: follow the day shown

    def choose_as_of(self) -> None:
        chosen = ask_as_of(self.window, self.controller.as_of, self.controller.as_of_fixed)
        if chosen is not None:
            value = chosen or None  # False means "use today"
            self.controller.set_as_of(value)
            self.window.preferences.as_of = value
            self.window.apply_filters()

    def about(self) -> None:
        from ui.about import about_text

        QMessageBox.about(self.window, self.tr("About"), about_text(self.controller))
