"""The window's backup and restore commands (文件 → 备份台账 / 从备份恢复), the offer to restore a
damaged ledger, and the hourly daily-backup check. Strings stay in the MainWindow translation
context."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from ledger_app.messages.errors import LedgerError
from ui import background
from ui.crash import report_exception

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger
    from ui.controller import LedgerController

log = logging.getLogger(__name__)


class BackupActions(QObject):
    """Dialogs over ``parent``, results told in ``status``, refusals ``warn``ed. Before a restore
    moves the ledger file aside, ``wait_idle`` lets every operation and read of the window finish;
    the restored ledger is shown through ``open_ledger``."""

    def __init__(self, parent: QWidget, status: QStatusBar, warn: Callable[[str], None],
                 wait_idle: Callable[[], None], open_ledger: Callable[[Ledger], None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.status = status
        self.warn = warn
        self.wait_idle = wait_idle
        self.open_ledger = open_ledger
        self.controller: LedgerController | None = None
        self.damage_box: QMessageBox | None = None  # while the damaged-ledger message is up (tests answer it)
        # The once-a-day backup is taken on open; a window left open past midnight takes it here.
        self.timer = QTimer(self, interval=3_600_000)
        self.timer.timeout.connect(self.daily)
        self.timer.start()

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller

    def back_up(self) -> None:
        """文件 → 备份台账: a manual backup now, told in the status bar."""
        from ledger_app.operations import OpChanges, OpResult
        from ledger_app.store.backup import backup_ledger

        engine = self.controller.engine
        done = QCoreApplication.translate("MainWindow", "Ledger backed up to %1")
        self.controller.run(QCoreApplication.translate("MainWindow", "Back up the ledger"),
                            lambda: OpResult(OpChanges(), value=backup_ledger(engine, "manual")), undoable=False,
                            on_done=lambda result: self.status.showMessage(
                                done.replace("%1", str(result.value)), 15000))

    def restore(self, path: str | None = None) -> None:
        """文件 → 从备份恢复: check the backup, keep the replaced ledger aside, reopen."""
        from ledger_app.store.backup import backup_folder, require_file
        from ledger_app.store.opening import open_ledger
        from ledger_app.store.restore import restore_ledger

        ledger = self.controller.ledger
        try:
            target = require_file(ledger.url)
        except LedgerError as exc:
            self.warn(str(exc))
            return
        title = QCoreApplication.translate("MainWindow", "Restore from backup")
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.parent_widget, title, str(backup_folder(target)),
                                                  QCoreApplication.translate("MainWindow", "Ledger backups (*.db)"))
        if not path:
            return
        question = QCoreApplication.translate(
            "MainWindow",
            "Replace the ledger %1 with the backup %2?\n\nThe backup is checked first; the current ledger is "
            "kept beside it as a “.replaced” file. Close other windows on this ledger before you go on.")
        answer = QMessageBox.question(self.parent_widget, title,
                                      question.replace("%1", str(target)).replace("%2", str(path)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        # No query or operation of this window may still hold the file that is about to be moved aside.
        self.wait_idle()
        ledger.close()
        try:
            restored = restore_ledger(Path(path), ledger.url)
            reopened = open_ledger(ledger.url, user=ledger.user)
        except LedgerError as exc:
            self.warn(str(exc))  # the engine reconnects on its next query: the window carries on
            return
        self.open_ledger(reopened)
        message = QCoreApplication.translate("MainWindow", "Ledger restored from %1.").replace("%1", str(path))
        if restored.aside is not None:
            aside = QCoreApplication.translate("MainWindow", "The replaced ledger was kept as %1.")
            message += " " + aside.replace("%1", str(restored.aside))
        self.status.showMessage(message, 30000)

    def offer_restore(self) -> None:
        """The ledger failed its integrity check and was opened read-only: say so, and offer 从备份恢复."""
        from ledger_app.store.opening import DAMAGED

        ledger = self.controller.ledger
        title = QCoreApplication.translate("MainWindow", "The ledger is damaged")
        text = str(LedgerError(DAMAGED, path=ledger.display_name, detail=ledger.damage))
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close,
                          self.parent_widget)
        chosen = box.addButton(QCoreApplication.translate("MainWindow", "Restore from backup…"),
                               QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(chosen)
        self.damage_box = box
        box.exec()
        self.damage_box = None
        if box.clickedButton() is chosen:
            self.restore()

    def daily(self) -> None:
        """The hourly check: today's backup, if not taken yet, in the background."""
        from ledger_app.store.backup import backup_if_due

        if self.controller is None:  # no ledger open (it failed to open): nothing to back up
            return
        engine = self.controller.engine
        background.submit(lambda _p: backup_if_due(engine, "daily"), _daily_done)


def _daily_done(result: object) -> None:
    if isinstance(result, Exception):
        report_exception(result)  # a backup that fails is the clerk's business: logged, then told
