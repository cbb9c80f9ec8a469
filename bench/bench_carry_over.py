"""结转 of a 5,000-task year vs the import of the same 5,000-row table, in the same run, and what
another desk sees meanwhile.

The table is bench_import's (every task unfinished, so all of them are carried over). Each round
imports it into a new SQLite ledger (timed) and then carries 2017 over into 2018 (timed). The raw
library's figure: sqlite3 alone writing the very rows that carry-over wrote (its new tasks, their
departments and change log, the origins' status) into a copy of the ledger as it was before, in one
transaction — what any carry-over must at least cost. A last round has another process (a second
desk) save an edit to one of the tasks being carried over every half second meanwhile: its saves
that went through, those refused ("database is locked"), and its longest wait.

Target: carry-over ≤ 2× the import, and every edit of the other desk saved.
Run: .venv/bin/python bench/bench_carry_over.py [ROWS] [ROUNDS]
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_import import make_table  # noqa: E402

from ledger_app.exchange.importing.apply import import_file  # noqa: E402
from ledger_app.periods.carry_over import carry_over  # noqa: E402
from ledger_app.store.opening import open_ledger  # noqa: E402

# The other desk: edits task ``task`` (percent 1, 2, 3…) every half second until ``stop`` exists.
DESK = r"""
import json, sys, time
from pathlib import Path
from ledger_app.store.opening import open_ledger
from ledger_app.operations import edit_task  # the desk edits as the window does: one operation

url, task, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
ledger = open_ledger(url, user="另一台电脑")
saved, refused, waits, n = 0, [], [], 0
(folder / "ready").touch()
while not (folder / "stop").exists():
    n += 1
    start = time.perf_counter()
    try:
        edit_task(ledger.engine, task, {"percent": n % 100}, user="另一台电脑")
        saved += 1
    except Exception as exc:  # noqa: BLE001 - counted and named below
        refused.append(str(exc).splitlines()[0][:80])
    waits.append(time.perf_counter() - start)
    time.sleep(0.5)
ledger.close()
print(json.dumps({"saved": saved, "refused": refused, "longest": max(waits, default=0.0)}))
"""

# What the carry-over wrote, and how sqlite3 alone writes it: the plans, areas and departments it made,
MADE = ("plan", "area", "department")
# and its tasks, their departments and change log.
WRITTEN = {
    "task": "SELECT * FROM task WHERE carried_from IS NOT NULL ORDER BY id",
    "task_department": "SELECT * FROM task_department WHERE task_id IN "
                       "(SELECT id FROM task WHERE carried_from IS NOT NULL)",
    "change_log": "SELECT * FROM change_log WHERE source = '结转' ORDER BY id",
}


def raw_sqlite(before: Path, after: Path) -> float:
    """Seconds sqlite3 takes to write what the carry-over wrote into ``before`` (a copy)."""
    with sqlite3.connect(before) as old:
        last = {table: old.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0] for table in MADE}
    with sqlite3.connect(after) as source:
        made = {table: source.execute(f"SELECT * FROM {table} WHERE id > ? ORDER BY id", (last[table],)).fetchall()
                for table in MADE}
        written = {table: source.execute(query).fetchall() for table, query in WRITTEN.items()}
        origins = source.execute("SELECT id, status, version, updated_at FROM task WHERE id IN "
                                 "(SELECT carried_from FROM task)").fetchall()
    conn = sqlite3.connect(before, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table, rows in (*made.items(), *written.items()):
        if rows:
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    conn.executemany("UPDATE task SET status = ?, version = ?, updated_at = ? WHERE id = ?",
                     [(status, version, at, task_id) for task_id, status, version, at in origins])
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def copy(path: Path, to: Path) -> None:
    with sqlite3.connect(path) as source, sqlite3.connect(to) as target:
        source.backup(target)


def one_round(table: Path, workdir: Path, n: int) -> tuple[float, float, float]:
    """(import s, carry-over s, raw sqlite3 s) on a new ledger."""
    path = workdir / f"round{n}.db"
    ledger = open_ledger(str(path), user="bench")
    start = time.perf_counter()
    result = import_file(ledger.engine, table)
    imported = time.perf_counter() - start
    copy(path, workdir / f"before{n}.db")
    start = time.perf_counter()
    created = carry_over(ledger.engine, 2017, 2018, user="bench")
    carried = time.perf_counter() - start
    assert len(created) == result.added, (len(created), result.added)
    ledger.close()
    return imported, carried, raw_sqlite(workdir / f"before{n}.db", path)


def with_another_desk(table: Path, workdir: Path) -> tuple[float, dict]:
    """(carry-over s, what the other desk saw) with another desk editing meanwhile."""
    url = str(workdir / "desks.db")
    ledger = open_ledger(url, user="bench")
    import_file(ledger.engine, table)
    with ledger.engine.connect() as conn:
        task = conn.exec_driver_sql("SELECT max(id) FROM task").scalar()  # one of those carried over
    folder = workdir / "desk"
    folder.mkdir()
    desk = subprocess.Popen([sys.executable, "-c", DESK, url, str(task), str(folder)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not (folder / "ready").exists():
        assert desk.poll() is None, desk.stderr.read()
        time.sleep(0.01)
    time.sleep(1.0)  # a few saves before
    start = time.perf_counter()
    carry_over(ledger.engine, 2017, 2018, user="bench")
    carried = time.perf_counter() - start
    time.sleep(1.0)  # and a few after
    (folder / "stop").touch()
    out, err = desk.communicate(timeout=120)
    assert desk.returncode == 0, err
    ledger.close()
    return carried, json.loads(out)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        table = workdir / "tasks.xlsx"
        make_table(table, rows)
        one_round(table, workdir, -1)  # warm-up
        results = [one_round(table, workdir, n) for n in range(rounds)]
        busy, desk = with_another_desk(table, workdir)
    imports, carries, raw = (statistics.median(r[i] for r in results) for i in range(3))
    print(f"tasks: {rows}, rounds: {rounds} (SQLite, medians)")
    print(f"import of the table (new ledger):      {imports:8.2f} s")
    print(f"carry-over of those tasks:             {carries:8.2f} s")
    print(f"sqlite3 alone writing the same rows:   {raw:8.2f} s")
    print(f"ratio carry-over / import:             {carries / imports:8.2f}x   (target <= 2.00x)")
    from ratios import ratio

    ratio(f"carry-over {rows:,} tasks / import", carries / imports, 2.0)
    ratio("carry-over: another desk's edits refused", len(desk["refused"]), 0, "edits")
    print(f"ratio carry-over / sqlite3 alone:      {carries / raw:8.2f}x")
    print(f"with another desk editing meanwhile:   {busy:8.2f} s; its edits: {desk['saved']} saved, "
          f"{len(desk['refused'])} refused, longest wait {desk['longest']:.2f} s   (target: none refused)")
    for message in sorted(set(desk["refused"])):
        print(f"  refused: {message}")


if __name__ == "__main__":
    main()
