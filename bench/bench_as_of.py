"""The ledger "as of" a past day (业务日期) next to the ledger as of today, in one process: the task
table's list (all ids in ledger order, sorted by status, filtered to red) with its first page and
light counts, and ``list_tasks`` of every task.

Today's view reads the tasks' own columns (one extra indexed query tells there is nothing effective
later: the same times as before effective dates existed); a past day with changes effective since reads
the change log per task in SQL (ledger_app.tasks.timeline), for the tasks changed since only. Target: a past
day's list answers within 200 ms at 100,000 tasks with a tenth of them changed since (a window
keystroke stays interactive); the ratios to today's view are printed.
Run: .venv/bin/python bench/bench_as_of.py [N ...]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from ledger_gen import make_ledger  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from db.session import transaction  # noqa: E402
from ledger_app.store.models import ChangeLog  # noqa: E402
from ledger_app.tasks.lights import Thresholds  # noqa: E402
from ledger_app.tasks.queries import TaskQuery, list_tasks  # noqa: E402
from ledger_app.tasks.table import TaskTable  # noqa: E402

PAST = date(2017, 10, 15)


def _history(ledger, tasks: int) -> int:  # noqa: ANN001
    """A tenth of the tasks changed status and percent effective 2017-11-01 (after PAST)."""
    now = datetime.now(UTC)
    rows = []
    for task_id in range(1, tasks + 1, 10):
        for field, old, new in (("status", "未启动", "推进中"), ("percent", "0", "50")):
            rows.append({"task_id": task_id, "task_code": str(task_id), "field": field, "old": old, "new": new,
                         "changed_at": now, "changed_by": "bench", "source": "bench", "version": 2,
                         "effective_on": date(2017, 11, 1)})
    with transaction(ledger.engine) as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(ChangeLog.__table__), rows[start:start + 5000])
    return len(rows)


def _time(work, runs: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(tasks: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "ledger.db", tasks)
        entries = _history(ledger, tasks)
        table = TaskTable(ledger.engine, Thresholds())
        print(f"{tasks:,} tasks, {entries:,} change-log entries effective after {PAST}")
        for name, work in (
            ("table: list + first page", lambda q: table.load(q)),
            ("table: sorted by status", lambda q: table.load(q, sort="status")),
            ("table: red only", lambda q: table.load(TaskQuery(as_of=q.as_of, light="red"))),
            ("table: light counts", lambda q: table.light_counts(q)),
            ("list_tasks (every field)", lambda q: list_tasks(ledger.engine, q)),
        ):
            today = _time(lambda w=work: w(TaskQuery(as_of=date.today())))
            past = _time(lambda w=work: w(TaskQuery(as_of=PAST)))
            print(f"  {name:28s} today {today * 1000:8.1f} ms   as of {PAST} {past * 1000:8.1f} ms   "
                  f"{past / today:5.2f}x")
            if name.startswith("table"):  # the window's; a past day's list within 200 ms (see above)
                from ratios import ratio

                ratio(f"as-of {tasks // 1000}k, {name}, past day", past * 1000, 200, "ms")
        ledger.close()


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [10_000, 100_000]:
        bench(n)
