"""The main window's other pages — 指标, 待办督办, 年度考核 — built the first time they are shown
(their modules load QtCharts and the services, which the window does not need to open)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PAGES = ("indicators", "escalation", "assessment")


def show(window: MainWindow, name: str) -> QWidget:
    """Show page ``name`` (building it the first time) and return it."""
    page = window.extra_pages.get(name)
    if page is None:
        page = _build(window, name)
        window.extra_pages[name] = page
        window.pages.addWidget(page)
    window.pages.setCurrentWidget(page)
    return page


def fit_detail(window: MainWindow) -> None:
    """The task detail pane has nothing to say about indicators, proposals or scores: those
    pages get its width; the ledger and the dashboard show it as the clerk left it."""
    from ui import window_layout

    if hasattr(window, "splitter"):
        extra = window.pages.currentWidget() in window.extra_pages.values()
        window_layout.show_detail(window.splitter, not extra and window.preferences.detail_visible)


def _build(window: MainWindow, name: str) -> QWidget:
    controller = window.controller
    if name == "indicators":
        from ui.indicator_view import IndicatorsPage

        page = IndicatorsPage(controller)
        page.importRequested.connect(lambda: import_indicators(window))
    elif name == "escalation":
        from ui.escalation_view import EscalationPage

        page = EscalationPage(controller)
        page.taskActivated.connect(window.show_task)
    else:
        from ui.assessment_view import AssessmentPage

        page = AssessmentPage(controller)
        page.documentRequested.connect(lambda year: open_document(window, "assessment", year))
    return page


def open_document(window: MainWindow, kind: str, year: int | None = None) -> None:
    from ui.report_dialog import ReportDialog

    dialog = ReportDialog(window.controller.ledger, window, query=window.model.query,
                          runner=window.controller.runner)
    dialog.choose(kind, year)
    dialog.exec()


def import_indicators(window: MainWindow, path: str | None = None) -> None:
    """文件 → 导入指标表: the table is checked as a whole; a refusal names file, sheet, row and column."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ledger_app.exchange.importing.indicators import import_indicators as run_import
    from ledger_app.messages.errors import LedgerError

    title = QCoreApplication.translate("MainWindow", "Import indicator table")
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, title, "", QCoreApplication.translate(
            "MainWindow", "Excel workbooks (*.xlsx)"))
    if not path:
        return
    engine, user = window.controller.engine, window.controller.operator

    def refused(exc: Exception) -> bool:
        if isinstance(exc, LedgerError):
            QMessageBox.warning(window, title, str(exc))
            return True
        return False

    def done(result: object) -> None:
        message = QCoreApplication.translate("MainWindow", "Imported %1 indicators into “%2”: %3 new, %4 updated, "
                                                           "%5 actual values")
        window.statusBar().showMessage(
            message.replace("%1", str(result.indicators)).replace("%2", result.plan).replace("%3", str(result.added))
            .replace("%4", str(result.updated)).replace("%5", str(result.values)), 10000)
        show(window, "indicators")

    window.controller.whole_ledger(title, lambda _progress: run_import(engine, path, user=user), on_done=done,
                                   on_error=refused, owner=window)
