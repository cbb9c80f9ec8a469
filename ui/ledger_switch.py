"""文件 → 打开示例台账 / 返回我的台账: the demo ledger a newcomer tries things on, and the way back to
the ledger it was opened from. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QStatusBar, QWidget

from ledger_app.messages.errors import LedgerError

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger
    from ui.controller import LedgerController
    from ui.preferences import Preferences


def demo_path() -> Path:
    from ledger_app.store.opening import default_ledger_path
    from ledger_app.tasks.overview import demo_ledger_path

    return demo_ledger_path(default_ledger_path().parent)


class LedgerSwitch(QObject):
    """Opens a ledger through ``open_ledger`` (the window shows it), tells it in ``status``, and
    ``warn``s when it cannot; ``preferences`` name this desk's ledger and operator."""

    def __init__(self, parent: QWidget, status: QStatusBar, preferences: Preferences, warn: Callable[[str], None],
                 open_ledger: Callable[[Ledger], None]) -> None:
        super().__init__(parent)
        self.status = status
        self.preferences = preferences
        self.warn = warn
        self.open_ledger = open_ledger
        self.controller: LedgerController | None = None
        self.own_ledger: str | None = None  # the ledger the demo was opened from

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller

    def is_demo(self) -> bool:
        """Whether the ledger open is the demo ledger."""
        path = self.controller.ledger.local_file
        return path is not None and path.resolve() == demo_path().resolve()

    def open_demo(self) -> None:
        from ledger_app.exchange.demo import build_demo_ledger

        own = self.controller.ledger.url
        try:
            ledger = build_demo_ledger(demo_path(), user=self.controller.operator)
        except LedgerError as exc:
            self.warn(str(exc))
            return
        if not self.is_demo():
            self.own_ledger = own  # 文件 → 返回我的台账 goes back here
        self.open_ledger(ledger)
        self.status.showMessage(QCoreApplication.translate(
            "MainWindow", "Demo ledger opened: changes here do not touch your own ledger."), 8000)

    def back_to_own(self) -> None:
        """文件 → 返回我的台账: leave the demo for the ledger it was opened from (else this desk's own)."""
        from ledger_app.store.opening import open_ledger

        try:
            ledger = open_ledger(self.own_ledger or self.preferences.last_db or None,
                                 user=self.preferences.operator or None)
        except LedgerError as exc:
            self.warn(str(exc))
            return
        self.open_ledger(ledger)
        back = QCoreApplication.translate("MainWindow", "Back to your own ledger: %1")
        self.status.showMessage(back.replace("%1", ledger.display_name), 8000)
