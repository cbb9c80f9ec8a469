"""Start the desktop application."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from datetime import date

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger_app.messages.errors import LedgerError
from ledger_app.system.resources import resource_path

log = logging.getLogger(__name__)
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL while others wait for it (start_window)


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
    from ui.crash import install_exception_hook, route_qt_messages, setup_logging
    from ui.preferences import Preferences

    log_path = setup_logging()
    route_qt_messages()
    app = create_app(qt_args)
    preferences = Preferences()
    language = args.lang or preferences.language
    translations.install(app, language)
    from ledger_app.messages import i18n

    i18n.set_language(language)  # the core's messages, status and light names in the same language
    # The name Qt appends to every window title, in the window's language.
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Reform Task Ledger"))
    fonts.ensure_cjk_font(app)
    install_exception_hook()
    log.info("starting; log file %s", log_path)
    db = args.db or preferences.last_db or None
    window = start_window(app, db, preferences)
    if window is None:
        return 2
    window.show()
    return app.exec()


def start_window(app: QApplication, db: str | None, preferences):  # noqa: ANN201
    """The main window on ``db`` as a start shows it (not yet shown); None if the ledger cannot be
    opened. Kept apart from :func:`run` so that the tests start the window exactly this way."""
    # Python hands the GIL from thread to thread every 5 ms unless told otherwise; a query thread
    # takes it back for every row it steps, so while another thread runs Python (the day's reminders:
    # about 15 s at 100,000 tasks) a first page of 100 rows waited up to 5 ms a row (a keystroke at
    # 350 ms instead of 140; docs/benchmarks.md).
    sys.setswitchinterval(SWITCH_INTERVAL)
    # A ledger whose schema is current (a local file, or a server's) is painted from its first page
    # straight away; the database layer (most of the start-up time) loads right after that paint.
    # A server's page is read on a thread while the window is built (first_page.Reading says why not a file's).
    from ledger_app.tasks.first_page import Reading

    reading = Reading(db, preferences.as_of or date.today())
    from ui.main_window import MainWindow

    window = MainWindow(None, preferences)
    first = reading.result()
    if first is None:  # opened the usual way: a new or older ledger, a -wal beside it, a past day since changed
        shiboken6.delete(window)
        ledger = _open(db, preferences)
        if ledger is None:
            return None
        window = MainWindow(ledger, preferences)
        freeze_startup_objects()
        return window
    window.show_first_page(first)
    opened = []

    def open_now() -> None:
        if opened:
            return
        opened.append(True)
        ledger = _open(db, preferences, window)
        if ledger is None:
            app.exit(2)
            return
        window.set_ledger(ledger)
        freeze_startup_objects()

    # After the paint with rows (or at once for an empty ledger: there are no rows to paint).
    window.view.painted.connect(lambda: QTimer.singleShot(0, open_now))
    QTimer.singleShot(0 if not first.rows else 1000, open_now)
    return window


def _open(db: str | None, preferences, parent=None):  # noqa: ANN001, ANN202
    from ledger_app.store.opening import open_ledger

    try:
        return open_ledger(db, user=preferences.operator or None)
    except LedgerError as exc:
        QMessageBox.critical(parent, QCoreApplication.translate("App", "Cannot open the ledger"), str(exc))
        return None
