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
        page.importRequested.connect(lambda: window.file_actions.import_indicators())
    elif name == "escalation":
        from ui.escalation_view import EscalationPage

        page = EscalationPage(controller)
        page.taskActivated.connect(window.show_task)
    else:
        from ui.assessment_view import AssessmentPage

        page = AssessmentPage(controller)
        page.documentRequested.connect(lambda year: window.report_actions.open_document("assessment", year))
    return page
