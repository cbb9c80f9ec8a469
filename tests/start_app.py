"""Start the program as a clerk does (``main.py --db LEDGER``), note what the first paint of
the task table had loaded, and quit once the ledger is open (run by tests/test_startup.py).

    python tests/start_app.py LEDGER REPORT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    db, report = sys.argv[1], Path(sys.argv[2])
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.task_view import TaskView

    seen: dict = {"paints": []}
    paint, set_ledger = TaskView.paintEvent, MainWindow.set_ledger

    def painted(self, event) -> None:  # noqa: ANN001
        paint(self, event)
        if self.model().rowCount() and not seen["paints"]:
            seen["paints"].append({"rows": self.model().rowCount(), "sqlalchemy": "sqlalchemy" in sys.modules,
                                   "ledger_open": self.window().controller is not None})

    def opened(self, ledger) -> None:  # noqa: ANN001
        set_ledger(self, ledger)
        seen["opened"] = {"rows": self.model.rowCount(), "detail": type(self.detail).__name__}
        QTimer.singleShot(200, QApplication.quit)

    TaskView.paintEvent = painted
    MainWindow.set_ledger = opened
    import main as program

    sys.argv = [sys.argv[0], "--db", db]
    code = program.main()
    report.write_text(json.dumps(seen))
    return code


if __name__ == "__main__":
    sys.exit(main())
