"""Export of a 5,000-task ledger next to a bare openpyxl write of the same cells (the task, progress and
supervision sheets' values, no styles), in one process; the export also reads them from the ledger.

Target (issue 27): within 1.5x. Run: .venv/bin/python bench/bench_export.py [TASKS]
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
from ledger_app.records.history import list_progress, list_supervision  # noqa: E402
from ledger_app.tasks.queries import TaskQuery, list_tasks  # noqa: E402

REPS = 7  # medians of 7, as the other benches take: of 3 the ratio moved by 0.15 from run to run


def bare(sheets: list[list[list[object]]], out: Path) -> None:
    """The same cells as the export's sheets (tasks, progress, supervision), written plainly."""
    wb = Workbook()
    for number, rows in enumerate(sheets):
        ws = wb.active if number == 0 else wb.create_sheet()
        for row in rows:
            ws.append(row)
    wb.save(out)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "e.db", n)
        views = list_tasks(ledger.engine, TaskQuery())
        codes = {t.id: t.code for t in views}
        rows = [[[t.code, t.area, t.title, t.content, t.measures, t.category, "、".join(t.lead_depts),
                  "、".join(t.co_depts), t.leader, t.deadline_text, t.deadline, *t.milestones, t.status, t.percent,
                  t.light, t.latest_progress, t.note] for t in views],
                [[codes[r.task_id], r.year, r.quarter, r.percent, r.done, r.problems, r.next_steps, r.reporter,
                  r.report_date, r.effective_on] for r in list_progress(ledger.engine)],
                [[codes[a.task_id], a.kind, a.doc_no, a.action_date, a.content, a.rectify_deadline, a.result,
                  "是" if a.closed else "否"] for a in list_supervision(ledger.engine)]]
        print(f"cells: {sum(len(r) for sheet in rows for r in sheet):,} (tasks, progress, supervision)")
        bare_times, ours = [], []
        for _ in range(REPS):  # alternated: a busy moment of the machine hits both
            start = time.perf_counter()
            bare(rows, Path(tmp) / "bare.xlsx")
            bare_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            export_ledger(ledger.engine, Path(tmp) / "ours.xlsx")
            ours.append(time.perf_counter() - start)
        ledger.close()
    b, o = statistics.median(bare_times), statistics.median(ours)
    print(f"tasks: {n}")
    print(f"bare openpyxl write of the same cells:  {b * 1000:8.1f} ms")
    print(f"task-ledger export (all four sheets):  {o * 1000:8.1f} ms")
    print(f"ratio export / bare:                   {o / b:8.2f}x   (target <= 1.50x, issue 27)")
    from ratios import ratio

    ratio(f"export {n:,} tasks / bare openpyxl", o / b, 1.5)


if __name__ == "__main__":
    main()
