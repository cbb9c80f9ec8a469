"""Menus, actions and shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QWidget

if TYPE_CHECKING:
    from ui.backup_actions import BackupActions
    from ui.controller import LedgerController
    from ui.file_actions import FileActions
    from ui.ledger_switch import LedgerSwitch
    from ui.period_actions import PeriodActions
    from ui.preferences import Preferences
    from ui.report_actions import ReportActions
    from ui.task_actions import TaskActions
    from ui.task_view import TaskView

Key = QKeySequence.StandardKey


class MainActions(QObject):
    """Builds the menu bar ``bar`` once, each item connected to the object that carries it out.
    The items that change what the window itself shows (台账, 看板, 指标, 待办督办, 年度考核,
    详情窗格, 查找, 刷新, 退出) are the window's to connect. ``bind`` follows the open ledger's
    undo stack; 列 lists the columns of ``view()``, the task table."""

    settingsChanged = Signal()  # 设置 accepted: the table is asked again

    def __init__(self, parent: QWidget, bar: QMenuBar, preferences: Preferences, view: Callable[[], TaskView], *,
                 files: FileActions, ledgers: LedgerSwitch, backups: BackupActions, tasks: TaskActions,
                 periods: PeriodActions, reports: ReportActions) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.preferences = preferences
        self.view = view
        file = bar.addMenu(self.tr("&File"))
        self.import_ = self._action(file, self.tr("&Import task table…"), lambda: files.import_table(), "Ctrl+I")
        self.import_indicators = self._action(file, self.tr("Import in&dicator table…"),
                                              lambda: files.import_indicators())
        self.demo = self._action(file, self.tr("Open &demo ledger"), lambda: ledgers.open_demo())
        self.back = self._action(file, self.tr("&Back to my ledger"), lambda: ledgers.back_to_own())
        self.back.setVisible(False)  # only while the demo ledger is open
        file.addSeparator()
        self.export = self._action(file, self.tr("&Export ledger to Excel…"), lambda: files.export_ledger(), "Ctrl+E")
        self.forms = self._action(file, self.tr("&Generate fill-in forms…"), lambda: files.make_forms())
        self.merge = self._action(file, self.tr("&Merge returned forms…"), lambda: files.merge_forms())
        self.carry_over = self._action(file, self.tr("&Carry over to next year…"), lambda: periods.carry_over())
        file.addSeparator()
        self.backup = self._action(file, self.tr("&Back up ledger"), lambda: backups.back_up())
        self.restore = self._action(file, self.tr("&Restore from backup…"), lambda: backups.restore())
        file.addSeparator()
        self.new = self._action(file, self.tr("&New task"), lambda: tasks.new_task(), Key.New)
        self.delete = self._action(file, self.tr("&Delete task…"), lambda: tasks.delete_task(), Key.Delete)
        file.addSeparator()
        self.settings = self._action(file, self.tr("&Settings…"), self.open_settings, Key.Preferences)
        if self.settings.shortcut().isEmpty():
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        file.addSeparator()
        self.quit = self._action(file, self.tr("E&xit"), None, Key.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo = self._action(edit, self.tr("&Undo"), lambda: self.controller.undo_stack.undo(), Key.Undo)
        self.redo = self._action(edit, self.tr("&Redo"), lambda: self.controller.undo_stack.redo())
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addSeparator()
        self.effective = self._action(edit, self.tr("&Effective date…"), lambda: periods.choose_effective())
        self.find = self._action(edit, self.tr("&Find…"), None, Key.Find)

        view_menu = bar.addMenu(self.tr("&View"))
        self.ledger = self._action(view_menu, self.tr("&Ledger"), None, "Ctrl+1")
        self.dashboard = self._action(view_menu, self.tr("&Dashboard"), None, "Ctrl+2")
        self.indicators = self._action(view_menu, self.tr("&Indicators"), None, "Ctrl+3")
        self.escalation = self._action(view_menu, self.tr("&Supervision to do"), None, "Ctrl+4")
        self.assessment = self._action(view_menu, self.tr("Annual &assessment"), None, "Ctrl+5")
        self.detail = self._action(view_menu, self.tr("&Detail pane"), None, "Ctrl+D")
        self.detail.setCheckable(True)
        self.detail.setChecked(True)
        self.columns = view_menu.addMenu(self.tr("&Columns"))
        # Filled as it opens: the table may have fitted (hidden) columns since the window was built.
        self.columns.aboutToShow.connect(self._fill_columns)
        view_menu.addSeparator()
        self.as_of = self._action(view_menu, self.tr("&As-of date…"), lambda: periods.choose_as_of())
        self.refresh = self._action(view_menu, self.tr("Re&fresh"), None, Key.Refresh)

        reports_menu = bar.addMenu(self.tr("&Reports"))
        self.reports = self._action(reports_menu, self.tr("&Supervision reports…"), lambda: reports.open_reports(),
                                    Key.Print)
        self.assessment_document = self._action(reports_menu, self.tr("Annual &assessment results…"),
                                                lambda: reports.open_document("assessment"))
        reports_menu.addSeparator()
        self.close_quarter = self._action(reports_menu, self.tr("&Close quarter…"), lambda: periods.close_quarter())
        self.reopen_quarter = self._action(reports_menu, self.tr("&Reopen quarter…"),
                                           lambda: periods.reopen_quarter())

        help_ = bar.addMenu(self.tr("&Help"))
        self.manual = self._action(help_, self.tr("&User guide"), self.show_manual, Key.HelpContents)
        help_.addSeparator()
        self.about = self._action(help_, self.tr("&About"), self.show_about)
        self.controller: LedgerController | None = None

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object] | None, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(text, self.parent_widget)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
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
        view = self.view()
        for action in view.column_actions(self.columns):
            self.columns.addAction(action)
        self.columns.addSeparator()
        self.columns.addAction(self.tr("Fit columns to window"), view.reset_columns)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.controller, self.preferences, self.parent_widget).exec():
            self.settingsChanged.emit()

    def show_manual(self) -> None:
        from ui.manual import ManualDialog

        ManualDialog(self.parent_widget).exec()

    def show_about(self) -> None:
        from ui.about import about_text

        QMessageBox.about(self.parent_widget, self.tr("About"), about_text(self.controller))
