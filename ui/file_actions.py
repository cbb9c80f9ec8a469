"""The window's 文件 menu commands for Excel: the task table and the indicator table in, the
ledger out, fill-in forms out and back. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from ui import file_dialogs

if TYPE_CHECKING:
    from ledger_app.tasks.queries import TaskQuery
    from ui.controller import LedgerController


class FileActions(QObject):
    """Dialogs over ``parent``, results told in ``status``; the export takes the table's
    ``query()`` and the ``plan()`` picked in the navigation (None: no plan picked)."""

    indicatorsImported = Signal()  # show the 指标 page

    def __init__(self, parent: QWidget, status: QStatusBar, query: Callable[[], TaskQuery],
                 plan: Callable[[], int | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.status = status
        self.query = query
        self.plan = plan
        self.controller: LedgerController | None = None

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller

    def import_table(self, path: str | None = None) -> None:
        from ui.import_wizard import ImportWizard

        ImportWizard(self.controller, self.parent_widget, path=path).exec()

    def import_indicators(self, path: str | None = None) -> None:
        """文件 → 导入指标表: the table is reviewed first (plan, what changes, refusals); 导入 writes it."""
        from ui.indicator_import import IndicatorImportDialog

        parent = self.parent_widget
        if path is None:
            path = file_dialogs.open_file(
                parent, file_dialogs.IMPORTS, QCoreApplication.translate("MainWindow", "Import indicator table"),
                QCoreApplication.translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if not path:
            return
        dialog = IndicatorImportDialog(self.controller, path, parent)
        if not dialog.exec() or dialog.imported is None:
            return
        result = dialog.imported
        message = QCoreApplication.translate("MainWindow", "Imported %1 indicators into “%2”: %3 new, %4 updated, "
                                                           "%5 actual values")
        self.status.showMessage(
            message.replace("%1", str(result.indicators)).replace("%2", result.plan)
            .replace("%3", str(result.added)).replace("%4", str(result.updated))
            .replace("%5", str(result.values)), 10000)
        self.indicatorsImported.emit()

    def export_ledger(self) -> None:
        from ledger_app.tasks import overview
        from ui.forms_dialogs import export_dialog

        plan_id = self.plan()
        plan = next((p.name for p in overview.plans(self.controller.engine) if p.id == plan_id), None) \
            if plan_id is not None else None
        path = export_dialog(self.parent_widget, self.controller, self.query(), plan)
        if path is not None:
            done = QCoreApplication.translate("MainWindow", "Exported to %1")
            self.status.showMessage(done.replace("%1", str(path)), 8000)

    def make_forms(self) -> None:
        from ui.forms_dialogs import FormsDialog

        dialog = FormsDialog(self.controller, self.parent_widget)
        if dialog.exec():
            done = QCoreApplication.translate("MainWindow", "%1 fill-in form(s) written")
            self.status.showMessage(done.replace("%1", str(len(dialog.issued))), 8000)

    def merge_forms(self, paths: list[str] | None = None) -> None:
        from ui.forms_dialogs import MergeDialog

        if paths is None:
            paths = file_dialogs.open_files(
                self.parent_widget, file_dialogs.FORMS,
                QCoreApplication.translate("MainWindow", "Merge returned forms"),
                QCoreApplication.translate("MainWindow", "Excel workbooks (*.xlsx)"))
        if paths:
            MergeDialog(self.controller, [Path(p) for p in paths], self.parent_widget).exec()
