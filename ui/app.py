"""Start the desktop application."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger_app.errors import LedgerError
from ledger_app.ledger import open_ledger
from ledger_app.resources import resource_path

log = logging.getLogger(__name__)


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("TaskLedger")
    app.setApplicationName("TaskLedger")
    app.setApplicationDisplayName("改革任务台账")
    app.setWindowIcon(QIcon(str(resource_path("icons", "task-ledger.png"))))
    return app


def freeze_startup_objects() -> None:
    """Objects made at start-up (Qt wrappers, SQLAlchemy metadata, modules) live for the whole
    session: move them out of the collector's sight so a full collection during typing stays short."""
    gc.freeze()


def run(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="task-ledger-gui")
    parser.add_argument("--db", default=None, help="ledger file or SQLAlchemy URL")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None)
    args, qt_args = parser.parse_known_args(list(argv))

    from ui import fonts, translations
    from ui.crash import install_exception_hook, setup_logging
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    log_path = setup_logging()
    app = create_app(qt_args)
    preferences = Preferences()
    translations.install(app, args.lang or preferences.language)
    fonts.ensure_cjk_font(app)
    install_exception_hook()
    log.info("starting; log file %s", log_path)
    try:
        ledger = open_ledger(args.db or preferences.last_db or None, user=preferences.operator or None)
    except LedgerError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the ledger"), str(exc))
        return 2
    window = MainWindow(ledger, preferences)
    window.show()
    freeze_startup_objects()
    return app.exec()
