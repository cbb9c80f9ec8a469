"""Export of a 5,000-task ledger next to a bare openpyxl write of the same cells, in one process.

Target (issue 5): within 2x. Run: .venv/bin/python bench/bench_export.py [TASKS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from ledger_gen import make_ledger  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from ledger_app.exchange.export import export_ledger  # noqa: E402
from ledger_app.tasks.queries import TaskQuery, list_tasks  # noqa: E402


def bare(rows: list[list[object]], out: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(out)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "e.db", n)
        views = list_tasks(ledger.engine, TaskQuery())
        rows = [[t.code, t.area, t.title, t.content, t.measures, t.category, "、".join(t.lead_depts),
                 "、".join(t.co_depts), t.leader, t.deadline_text, t.deadline, *t.milestones, t.status, t.percent,
                 t.light, t.latest_progress] for t in views]
        bare_times, ours = [], []
        for _ in range(3):
            start = time.perf_counter()
            bare(rows, Path(tmp) / "bare.xlsx")
            bare_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            export_ledger(ledger.engine, Path(tmp) / "ours.xlsx")
            ours.append(time.perf_counter() - start)
        ledger.close()
    b, o = statistics.median(bare_times), statistics.median(ours)
    print(f"tasks: {n}")
    print(f"bare openpyxl write of the task cells: {b * 1000:8.1f} ms")
    print(f"task-ledger export (all four sheets):  {o * 1000:8.1f} ms")
    print(f"ratio export / bare:                   {o / b:8.2f}x   (target <= 1.50x, issue 27)")
    from ratios import ratio

    ratio(f"export {n:,} tasks / bare openpyxl", o / b, 1.5)


if __name__ == "__main__":
    main()
