"""One measured start-up, run as its own process by bench_startup.py (not a product feature).

    python bench/startup_child.py app|bare LEDGER.db STAMP_FILE

Writes time.monotonic() to STAMP_FILE when the window has been painted with its rows, then
quits. ``app`` starts the real program (``main.py --db LEDGER``), notes the first paint of its
task table that shows rows and, on a second line, when the ledger is open behind it (the
database layer loaded, every command ready); ``bare`` is the yardstick: a plain PySide6 window
with a QTableView over the same rows read with sqlite3.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

MODE, DB, STAMP = sys.argv[1], sys.argv[2], Path(sys.argv[3])


def painted() -> None:
    STAMP.write_text(repr(time.monotonic()))


def ready() -> None:
    STAMP.write_text(STAMP.read_text() + "\n" + repr(time.monotonic()))


def app() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.task_view import TaskView

    original = TaskView.paintEvent

    def paint(self, event) -> None:  # noqa: ANN001
        original(self, event)
        if self.model().rowCount() and not STAMP.exists():
            painted()

    set_ledger = MainWindow.set_ledger

    def opened(self, ledger) -> None:  # noqa: ANN001
        set_ledger(self, ledger)
        if STAMP.exists():
            ready()
            QTimer.singleShot(0, QApplication.quit)

    TaskView.paintEvent = paint
    MainWindow.set_ledger = opened
    import main

    sys.argv = [sys.argv[0], "--db", DB]
    return main.main()


def bare() -> int:
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows: list[tuple]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, ANN001
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, ANN001
            return 9

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            if role == Qt.ItemDataRole.DisplayRole:
                value = self.rows[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

    class View(QTableView):
        def paintEvent(self, event) -> None:  # noqa: ANN001
            super().paintEvent(event)
            if self.model().rowCount() and not STAMP.exists():
                painted()
                QTimer.singleShot(0, QApplication.quit)

    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(DB)
    rows = conn.execute(
        "SELECT t.code, a.name, t.title, t.content, t.leader, t.deadline_text, t.status, t.percent, t.measures "
        "FROM task t LEFT JOIN area a ON a.id = t.area_id ORDER BY t.plan_id, t.position").fetchall()
    window = QMainWindow()
    view = View()
    view.setModel(Model(rows))
    window.setCentralWidget(view)
    window.resize(1280, 720)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(app() if MODE == "app" else bare())
