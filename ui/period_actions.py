"""The days the ledger is seen and edited at, and its periods: 视图 → 指定日期, 编辑 → 生效日期,
报表 → 季度封账 / 撤销封账, 文件 → 结转到下一年. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QStatusBar, QWidget

from ui.as_of_dialog import ask_as_of

if TYPE_CHECKING:
    from ui.controller import LedgerController
    from ui.preferences import Preferences


class PeriodActions(QObject):
    """Dialogs over ``parent``, results told in ``status``; a day chosen to look at is kept in
    ``preferences`` and the table re-asked through ``refilter``."""

    def __init__(self, parent: QWidget, status: QStatusBar, preferences: Preferences,
                 refilter: Callable[[], None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.status = status
        self.preferences = preferences
        self.refilter = refilter
        self.controller: LedgerController | None = None

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller

    def choose_as_of(self) -> None:
        chosen = ask_as_of(self.parent_widget, self.controller.as_of, self.controller.as_of_fixed)
        if chosen is not None:
            value = chosen or None  # False means "use today"
            self.controller.set_as_of(value)
            self.preferences.as_of = value
            self.refilter()

    def choose_effective(self) -> None:
        from ui.effective_date import ask_effective

        chosen = ask_effective(self.parent_widget, self.controller)
        if chosen is not None:
            self.controller.set_effective_on(chosen or None)  # False: follow the day shown

    def close_quarter(self) -> None:
        from ui.quarter_dialogs import CloseQuarterDialog

        dialog = CloseQuarterDialog(self.controller, self.parent_widget)
        if dialog.exec() and dialog.closed is not None:
            figures = dialog.closed.figures
            self.status.showMessage(
                QCoreApplication.translate("MainWindow", "%1 closed: %2 tasks, %3 done").replace("%1", figures.name)
                .replace("%2", str(figures.total)).replace("%3", str(figures.done)), 8000)

    def reopen_quarter(self) -> None:
        from ui.quarter_dialogs import ReopenQuarterDialog

        ReopenQuarterDialog(self.controller, self.parent_widget).exec()

    def carry_over(self) -> None:
        from ui.carry_over_dialog import CarryOverDialog

        dialog = CarryOverDialog(self.controller, self.parent_widget)
        if dialog.exec():
            self.status.showMessage(QCoreApplication.translate("MainWindow", "%1 task(s) carried over")
                                    .replace("%1", str(len(dialog.created))), 8000)
