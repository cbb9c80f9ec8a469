"""Start-up as a clerk sees it: from launching the program to the window painted with its rows,
as whole processes, for the real program and for a bare PySide6 window with a QTableView over
the same rows, side by side in the same run (runs alternate, so both see the same machine).

Target (issue 13): the program within 3x the bare window, on the 32-task sample and on 5,000 tasks.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = ROOT / "bench" / "startup_child.py"
SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
TARGET = 3.0


def one_start(mode: str, db: Path, home: Path) -> tuple[float, float]:
    """Seconds from launch to the window painted with rows, and to the ledger open behind it."""
    stamp = home / f"stamp-{mode}"
    stamp.unlink(missing_ok=True)
    env = dict(os.environ, TASK_LEDGER_HOME=str(home))
    start = time.monotonic()
    done = subprocess.run([sys.executable, str(CHILD), mode, str(db), str(stamp)], env=env,
                          capture_output=True, text=True, timeout=60)
    if not stamp.exists():
        raise SystemExit(f"{mode} start-up did not paint its rows:\n{done.stdout}\n{done.stderr}")
    if mode == "app" and (done.stdout or done.stderr):  # a normal start prints nothing
        raise SystemExit(f"{mode} start-up printed to the console:\n{done.stdout}\n{done.stderr}")
    times = [float(line) - start for line in stamp.read_text().split()]
    return times[0], times[-1]


def make_sample(path: Path) -> None:
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.store.opening import open_ledger

    ledger = open_ledger(str(path), user="bench")
    import_file(ledger.engine, SAMPLE)
    ledger.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from ledger_gen import make_ledger

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["TASK_LEDGER_HOME"] = str(tmp_path / "setup")
        sample, large = tmp_path / "sample.db", tmp_path / "tasks5000.db"
        make_sample(sample)
        make_ledger(large, 5_000).close()
        for label, db in (("32-task sample", sample), ("5,000 tasks", large)):
            home = tmp_path / label.replace(" ", "_").replace(",", "")
            home.mkdir()
            one_start("app", db, home)  # warm the disk cache and take the day's backup, as a clerk's first start
            ours, ready, bare = [], [], []
            for _ in range(runs):
                painted, opened = one_start("app", db, home)
                ours.append(painted)
                ready.append(opened)
                bare.append(one_start("bare", db, home)[0])
            mine, base = statistics.median(ours), statistics.median(bare)
            print(f"--- {label}: launch → window painted with rows, median of {runs} ---")
            print(f"  program   {mine * 1000:7.0f} ms   (runs: {', '.join(f'{x * 1000:.0f}' for x in ours)})")
            print(f"  bare Qt   {base * 1000:7.0f} ms   (runs: {', '.join(f'{x * 1000:.0f}' for x in bare)})")
            print(f"  ratio     {mine / base:7.2f}x  (target <= {TARGET:.1f}x)")
            from ratios import ratio

            ratio(f"start, {label} / bare Qt window", mine / base, TARGET)
            print(f"  ledger open behind the painted window (database layer loaded, commands ready): "
                  f"{statistics.median(ready) * 1000:.0f} ms, {statistics.median(ready) / base:.2f}x")


if __name__ == "__main__":
    main()
