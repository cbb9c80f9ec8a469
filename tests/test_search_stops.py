"""Search keystrokes never queue (issue 27): a keystroke stops the query of the one before it where
it runs in the database (SQLite's interrupt, PostgreSQL's statement cancel), and the second answer
is on screen long before the first query could have ended."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt

from ledger_app.tasks.table import TaskTable

# A statement that runs for a minute or more unless interrupted (the stand-in for a slow search).
SLOW = {"sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500000000) "
                  "SELECT count(*) FROM n",
        "postgresql": "SELECT pg_sleep(60)"}


def test_a_second_keystroke_stops_the_first_query(qtbot, window, monkeypatch):
    started = threading.Event()
    outcomes: list[tuple[str | None, str]] = []
    find_ids, load = TaskTable._find_ids, TaskTable.load

    def slow_find(self, conn, query, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if query.search == "q":
            started.set()
            conn.exec_driver_sql(SLOW[conn.dialect.name]).all()
        return find_ids(self, conn, query, *args, **kwargs)

    def recorded_load(self, query, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        try:
            result = load(self, query, *args, **kwargs)
        except Exception as exc:
            outcomes.append((query.search, type(exc).__name__))
            raise
        outcomes.append((query.search, "answered"))
        return result

    monkeypatch.setattr(TaskTable, "_find_ids", slow_find)
    monkeypatch.setattr(TaskTable, "load", recorded_load)
    window.model.wait()
    search = window.filter_bar.search
    search.setFocus()

    qtbot.keyClicks(search, "q")  # the first keystroke: its query hangs in the database
    qtbot.waitUntil(started.is_set, timeout=10_000)
    typed = time.monotonic()
    with qtbot.waitSignal(window.model.firstRows, timeout=15_000):
        qtbot.keyClick(search, Qt.Key.Key_Z)  # the second: "qz"
    answered = time.monotonic() - typed

    qtbot.waitUntil(lambda: ("q", "Stopped") in outcomes, timeout=10_000)
    assert ("qz", "answered") in outcomes
    assert window.model.query.search == "qz"
    assert answered < 10  # not behind the first query (a minute or more)
