"""bench_window.py on a PostgreSQL ledger (issue 27: the window's figures on SQLite and on PostgreSQL): first
paint, search keystrokes and the whole list of matches at 10k and 100k tasks, next to a bare PySide6 window
plus the bare psycopg query of the same predicate, in one process. The same goals as bench_window.py.

On a server too the program paints the first page read with the bare driver (psycopg) before the database
layer opens the ledger, so the first paint includes connecting and the schema check, as the bare one connects.

PostgreSQL comes from TASK_LEDGER_TEST_PG, or a throw-away cluster (tools/pg_cluster.py).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window_postgresql.py [N ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

PG_ENV = "TASK_LEDGER_TEST_PG"


def pg_connect(url: str):  # noqa: ANN201
    from bench_scale import bare_connection

    return bare_connection("postgresql", url)[0]


def main(argv: list[str]) -> int:
    if not os.environ.get(PG_ENV):  # again, inside a throw-away cluster
        return subprocess.run([sys.executable, str(ROOT / "tools" / "pg_cluster.py"), "--", sys.executable,
                               __file__, *argv]).returncode
    from bench_scale import new_database
    from bench_window import measure
    from ledger_gen import make_ledger
    from PySide6.QtWidgets import QApplication

    sizes = [int(a) for a in argv] or [10_000, 100_000]
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as home:
        os.environ["TASK_LEDGER_HOME"] = home
        for n in sizes:
            url = new_database("postgresql", Path(home), f"window{n}")
            start = time.perf_counter()
            make_ledger(url, n).close()
            print(f"(a {n:,}-task ledger on PostgreSQL made in {time.perf_counter() - start:.0f} s)", flush=True)
            measure(app, n, url, "postgresql: ", pg_connect, "%s")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
