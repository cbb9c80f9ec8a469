"""No exception disappears and none takes the window down: it is logged and shown."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.messages.errors import LedgerError
from ledger_app.system.paths import log_dir

log = logging.getLogger("task_ledger")
LOG_NAME = "task-ledger.log"
_showing = False


def setup_logging() -> Path:
    """Rotating log file in the per-user log folder (1 MB × 5), plus warnings and errors on stderr."""
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and h.baseFilename == str(path) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        # The console (when there is one: a windowed exe has no stderr) hears only of trouble; a
        # normal start prints nothing. The log file keeps the INFO lines (Alembic's among them).
        if sys.stderr is not None:
            console = logging.StreamHandler()
            console.setLevel(logging.WARNING)
            root.addHandler(console)
        root.setLevel(logging.INFO)
    return path


_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    # Qt's warnings ("This plugin does not support propagateSizeHints()" and the like) are
    # diagnostics for the log file, not for the clerk's console; its criticals still show.
    level = logging.ERROR if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) else logging.INFO
    _qt_log.log(level, "%s", message)


def route_qt_messages() -> None:
    """Qt's own messages go to the log (see setup_logging) instead of straight to stderr."""
    qInstallMessageHandler(_qt_message)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr(
            "Something went wrong that the program did not expect. Your data is safe: every change was "
            "saved when it was made. You can keep working; if this happens again, send the details below "
            "to the person who looks after the program."))
        intro.setWordWrap(True)
        where = QLabel(self.tr("Log file: %1").replace("%1", str(log_path)))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details, readOnly=True)
        self.details.setVisible(False)
        toggle = QPushButton(self.tr("Show details"), checkable=True)
        toggle.toggled.connect(self.details.setVisible)
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(toggle, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, where, self.details, buttons):
            layout.addWidget(widget)


def handle_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log, then tell the user without stopping the program."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    app = QApplication.instance()
    parent = app.activeWindow() if app else None
    if isinstance(value, LedgerError):
        log.warning("%s", value)
        if app is not None:
            QMessageBox.warning(parent, QApplication.translate("CrashDialog", "Reform Task Ledger"), str(value))
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception\n%s", details)
    if app is None or _showing:
        return  # a second error while the dialog is open is only logged
    _showing = True
    try:
        CrashDialog(details, log_dir() / LOG_NAME, parent).exec()
    finally:
        _showing = False


def install_exception_hook() -> None:
    sys.excepthook = handle_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Widgets belong to the GUI thread: report from there.
        QTimer.singleShot(0, lambda: handle_exception(args.exc_type, args.exc_value, args.exc_traceback))

    threading.excepthook = thread_hook


def report_exception(exc: BaseException) -> None:
    """An error a background job handed back to the GUI thread: the same way as any uncaught
    one (logged with its traceback, then the dialog) — through sys.excepthook, so a test
    harness that watches it sees the failure too."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
