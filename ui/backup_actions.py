"""The window's backup and restore commands (文件 → 备份台账 / 从备份恢复) and its hourly
daily-backup check. Strings stay in the MainWindow translation context."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ledger_app.messages.errors import LedgerError
from ui import background
from ui.crash import report_exception

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def back_up(window: MainWindow) -> None:
    """文件 → 备份台账: a manual backup now, told in the status bar."""
    from ledger_app.operations import OpChanges, OpResult
    from ledger_app.store.backup import backup_ledger

    engine = window.controller.engine
    done = QCoreApplication.translate("MainWindow", "Ledger backed up to %1")
    window.controller.run(QCoreApplication.translate("MainWindow", "Back up the ledger"),
                          lambda: OpResult(OpChanges(), value=backup_ledger(engine, "manual")), undoable=False,
                          on_done=lambda result: window.statusBar().showMessage(
                              done.replace("%1", str(result.value)), 15000))


def restore(window: MainWindow, path: str | None = None) -> None:
    """文件 → 从备份恢复: check the backup, keep the replaced ledger aside, reopen."""
    from ledger_app.store.backup import backup_folder, require_file
    from ledger_app.store.opening import open_ledger
    from ledger_app.store.restore import restore_ledger

    ledger = window.controller.ledger
    try:
        target = require_file(ledger.url)
    except LedgerError as exc:
        window.warn(str(exc))
        return
    title = QCoreApplication.translate("MainWindow", "Restore from backup")
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, title, str(backup_folder(target)),
                                              QCoreApplication.translate("MainWindow", "Ledger backups (*.db)"))
    if not path:
        return
    question = QCoreApplication.translate(
        "MainWindow",
        "Replace the ledger %1 with the backup %2?\n\nThe backup is checked first; the current ledger is "
        "kept beside it as a “.replaced” file. Close other windows on this ledger before you go on.")
    answer = QMessageBox.question(window, title, question.replace("%1", str(target)).replace("%2", str(path)))
    if answer != QMessageBox.StandardButton.Yes:
        return
    # No query or operation of this window may still hold the file that is about to be moved aside.
    window.controller.wait()
    window.model.wait(complete=False)
    background.wait_all()
    ledger.close()
    try:
        restored = restore_ledger(Path(path), ledger.url)
        reopened = open_ledger(ledger.url, user=ledger.user)
    except LedgerError as exc:
        window.warn(str(exc))  # the engine reconnects on its next query: the window carries on
        return
    window.set_ledger(reopened)
    message = QCoreApplication.translate("MainWindow", "Ledger restored from %1.").replace("%1", str(path))
    if restored.aside is not None:
        aside = QCoreApplication.translate("MainWindow", "The replaced ledger was kept as %1.")
        message += " " + aside.replace("%1", str(restored.aside))
    window.statusBar().showMessage(message, 30000)


def offer_restore(window: MainWindow) -> None:
    """The ledger failed its integrity check and was opened read-only: say so, and offer 从备份恢复."""
    from ledger_app.store.opening import DAMAGED

    ledger = window.controller.ledger
    title = QCoreApplication.translate("MainWindow", "The ledger is damaged")
    text = str(LedgerError(DAMAGED, path=ledger.display_name, detail=ledger.damage))
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close, window)
    chosen = box.addButton(QCoreApplication.translate("MainWindow", "Restore from backup…"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(chosen)
    window.damage_box = box  # tests answer it
    box.exec()
    window.damage_box = None
    if box.clickedButton() is chosen:
        restore(window)


def daily(window: MainWindow) -> None:
    """The hourly check: today's backup, if not taken yet, in the background."""
    from ledger_app.store.backup import backup_if_due

    if window.controller is None:  # no ledger open (it failed to open): nothing to back up
        return
    engine = window.controller.engine
    background.submit(lambda _p: backup_if_due(engine, "daily"), _daily_done)


def _daily_done(result: object) -> None:
    if isinstance(result, Exception):
        report_exception(result)  # a backup that fails is the clerk's business: logged, then told
