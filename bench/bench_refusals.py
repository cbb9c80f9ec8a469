"""Refusals that must come quickly and cheaply:

- a sheet of 1,048,576 real rows, as a whole process (python main.py import …): target refused within
  2 s and 300 MB peak memory;
- each hostile file of tests/test_hostile_files.py through import_file: target refused within 1 s.

Run: .venv/bin/python bench/bench_refusals.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.rows_book import write_rows  # noqa: E402

ROWS = 1_048_575  # and the header: every row Excel has


def run(args: list[str], home: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """(seconds, peak MB of the child, result) of one whole process."""
    env = {**os.environ, "TASK_LEDGER_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                            encoding="utf-8", env=env)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux: the largest child so far
    return seconds, max(peak, before) / 1024, result


def hostile(work: Path) -> bool:
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.messages.errors import ImportRejected
    from ledger_app.store.opening import open_ledger
    from tests.conftest import SAMPLE
    from tests.test_hostile_files import KINDS

    ledger = open_ledger(str(work / "hostile.db"))
    import_file(ledger.engine, SAMPLE)
    slowest, name = 0.0, ""
    for kind, (build, _said) in KINDS.items():
        path = build(work / f"{kind}.xlsx")
        start = time.perf_counter()
        try:
            import_file(ledger.engine, path)
        except ImportRejected:
            pass
        seconds = time.perf_counter() - start
        if seconds > slowest:
            slowest, name = seconds, kind
    ledger.close()
    print(f"hostile files: {len(KINDS)} kinds, slowest refusal {slowest:.2f} s ({name})  (target ≤ 1 s)")
    from ratios import ratio

    ratio("refusals: slowest hostile file", slowest, 1.0, "s")
    return slowest <= 1.0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TASK_LEDGER_HOME"] = tmp
        quick = hostile(Path(tmp))
        work = Path(tmp)
        book = write_rows(work / "million.xlsx", ROWS)
        print(f"sheet: {ROWS + 1:,} rows, {book.stat().st_size / 2**20:.1f} MB on disk")
        seconds, peak, result = run(["import", str(book), "--db", str(work / "l.db")], work)
        refused = result.returncode != 0 and "Traceback" not in result.stderr
        print(f"import refused: {refused} in {seconds:.2f} s, peak {peak:.0f} MB  (target ≤ 2 s, ≤ 300 MB)")
        from ratios import ratio

        ratio("refusals: 1,048,576-row sheet, time", seconds if refused else float("inf"), 2.0, "s")
        ratio("refusals: 1,048,576-row sheet, peak memory", peak, 300, "MB")
        print(f"  {result.stderr.strip()}")
        print(f"ledger left behind: {(work / 'l.db').exists()}")
        return 0 if refused and quick else 1


if __name__ == "__main__":
    sys.exit(main())
