"""Start the desktop application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ledger_app.errors import LedgerError
from ledger_app.ledger import Ledger, open_ledger


class MainWindow(QMainWindow):
    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger
        self.setWindowTitle(self.tr("改革任务台账") + " — " + ledger.display_name)
        self.resize(1200, 760)


def run(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="task-ledger-gui")
    parser.add_argument("--db", default=None)
    args, qt_args = parser.parse_known_args(list(argv))
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("TaskLedger")
    try:
        ledger = open_ledger(args.db)
    except LedgerError as exc:
        QMessageBox.critical(None, app.tr("无法打开台账"), str(exc))
        return 2
    window = MainWindow(ledger)
    window.show()
    return app.exec()
