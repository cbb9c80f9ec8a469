"""The middle of the main window, one page at a time: the first-run page, the task table, the
dashboard, and 指标, 待办督办, 年度考核. The dashboard and those three are built the first time
they are shown (their modules load QtCharts and the services, which the window does not need to
open)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.empty_state import EmptyState

if TYPE_CHECKING:
    from ui.controller import LedgerController
    from ui.dashboard import DashboardView

PAGE_EMPTY, PAGE_TABLE, PAGE_DASHBOARD = range(3)
EXTRA_PAGES = ("indicators", "escalation", "assessment")


class PageStack(QStackedWidget):
    """The pages on the ledger :meth:`attach` gave; what a page asks of the rest of the window
    (show a task, import indicators, print the assessment) comes out as a signal."""

    taskActivated = Signal(int)  # a task picked on the dashboard or in 待办督办: show it in the ledger
    indicatorImportRequested = Signal()  # 指标 → 导入指标表
    assessmentDocumentRequested = Signal(int)  # 年度考核 → the results document of a year

    def __init__(self, table_page: QWidget) -> None:
        super().__init__()
        self.controller: LedgerController | None = None
        self.empty = EmptyState()
        self.dashboard: DashboardView | None = None  # built on first use: QtCharts is not needed to open the ledger
        self.extra: dict[str, QWidget] = {}  # 指标, 待办督办, 年度考核: built when first shown
        for page in (self.empty, table_page, QWidget()):
            self.addWidget(page)

    def attach(self, controller: LedgerController) -> None:
        """The ledger is open: the pages built from now on show it."""
        self.controller = controller

    def show_table(self, has_tasks: bool = True) -> None:
        """The task table; the first-run page instead while the ledger has no task."""
        self.setCurrentIndex(PAGE_TABLE if has_tasks else PAGE_EMPTY)

    def shows_table(self) -> bool:
        """Whether the task table (or the first-run page in its place) is shown."""
        return self.currentIndex() in (PAGE_EMPTY, PAGE_TABLE)

    def shows_extra(self) -> bool:
        """Whether 指标, 待办督办 or 年度考核 is shown (the task detail pane has nothing to say there)."""
        return self.currentWidget() in self.extra.values()

    def show_dashboard(self, plan_id: int | None) -> None:
        """The dashboard (built the first time on ``plan_id``, the plan picked in the navigation)."""
        if self.dashboard is None:
            from ui.dashboard import DashboardView

            self.dashboard = DashboardView(self.controller)
            self.dashboard.taskActivated.connect(self.taskActivated)
            self.dashboard.indicatorsRequested.connect(lambda: self.show_page("indicators"))
            self.dashboard.plan_id = plan_id
            placeholder = self.widget(PAGE_DASHBOARD)
            self.insertWidget(PAGE_DASHBOARD, self.dashboard)
            self.removeWidget(placeholder)
            placeholder.deleteLater()
        self.setCurrentIndex(PAGE_DASHBOARD)
        self.dashboard.refresh()

    def set_plan(self, plan_id: int | None) -> None:
        """The navigation picked a plan (or something else): the dashboard follows, if built."""
        if self.dashboard is not None:
            self.dashboard.set_plan(plan_id)

    def show_page(self, name: str) -> QWidget:
        """Show page ``name`` (one of EXTRA_PAGES; built the first time) and return it."""
        page = self.extra.get(name)
        if page is None:
            page = self._build(name)
            self.extra[name] = page
            self.addWidget(page)
        self.setCurrentWidget(page)
        return page

    def _build(self, name: str) -> QWidget:
        controller = self.controller
        if name == "indicators":
            from ui.indicator_view import IndicatorsPage

            page = IndicatorsPage(controller)
            page.importRequested.connect(self.indicatorImportRequested)
        elif name == "escalation":
            from ui.escalation_view import EscalationPage

            page = EscalationPage(controller)
            page.taskActivated.connect(self.taskActivated)
        else:
            from ui.assessment_view import AssessmentPage

            page = AssessmentPage(controller)
            page.documentRequested.connect(self.assessmentDocumentRequested)
        return page
