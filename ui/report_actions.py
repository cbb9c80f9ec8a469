"""报表 → 督查报表… and the 年度考核 results: the report dialog on the open ledger, with the
table's current filter for the reports that follow it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ledger_app.tasks.queries import TaskQuery
    from ui.controller import LedgerController
    from ui.report_dialog import ReportDialog


class ReportActions(QObject):
    """The report dialog over ``parent``, on the tasks ``query()`` finds (the table's filter)."""

    def __init__(self, parent: QWidget, query: Callable[[], TaskQuery]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.query = query
        self.controller: LedgerController | None = None

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller

    def open_reports(self) -> None:
        self._dialog().exec()

    def open_document(self, kind: str, year: int | None = None) -> None:
        """The report dialog with document ``kind`` (of ``year``) chosen."""
        dialog = self._dialog()
        dialog.choose(kind, year)
        dialog.exec()

    def _dialog(self) -> ReportDialog:
        from ui.report_dialog import ReportDialog

        return ReportDialog(self.controller, self.parent_widget, query=self.query())
