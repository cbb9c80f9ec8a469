"""The annual assessment of a 5,000-task, 40-department ledger next to a bare SQL GROUP BY over the
same rows (tasks × departments by outcome and category, supervision actions by kind, quarterly
reports by quarter, per department) in the same process.

Target (issue 16): within 3x. Also printed, for reference: the same scores computed from the full
ledger_app/periods/snapshot.py snapshot (what the 考核结果 document uses). Run:
.venv/bin/python bench/bench_assessment.py [TASKS]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from ledger_gen import make_ledger  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from db.session import read_session, transaction  # noqa: E402
from ledger_app.assessment.facts import completion_dates  # noqa: E402
from ledger_app.assessment.scoring import Method, assess, score  # noqa: E402
from ledger_app.dates.quarters import end_of_quarter  # noqa: E402
from ledger_app.periods.as_of import ledger_as_of  # noqa: E402
from ledger_app.records import numbering  # noqa: E402
from ledger_app.store.models import ChangeLog, ProgressReport, SupervisionAction, Task  # noqa: E402
from ledger_app.store.settings import get_all  # noqa: E402

AS_OF = date(2018, 1, 10)
YEAR = 2017

# What the assessment adds up, in one statement per kind of line: every (department, role) with
# its tasks due in the year by outcome and category; lead departments' supervision actions by
# kind; their quarterly reports filed, late or missing.
BARE = [
    """SELECT td.department_id, td.role, t.category,
              SUM(CASE WHEN t.status = '已完成' AND (c.done IS NULL OR c.done <= t.deadline) THEN 1 ELSE 0 END),
              SUM(CASE WHEN t.status = '已完成' AND c.done > t.deadline THEN 1 ELSE 0 END),
              SUM(CASE WHEN t.status NOT IN ('已完成', '已取消', '暂缓') AND t.deadline < :as_of THEN 1 ELSE 0 END)
       FROM task t JOIN task_department td ON td.task_id = t.id
       LEFT JOIN (SELECT task_id, MAX(effective_on) AS done FROM change_log
                  WHERE field = 'status' AND new = '已完成' GROUP BY task_id) c ON c.task_id = t.id
       WHERE t.deadline BETWEEN :first AND :last
       GROUP BY td.department_id, td.role, t.category""",
    """SELECT td.department_id, s.kind, COUNT(*)
       FROM supervision_action s JOIN task_department td ON td.task_id = s.task_id AND td.role = 'lead'
       WHERE s.action_date BETWEEN :first AND :as_of
       GROUP BY td.department_id, s.kind""",
    """SELECT td.department_id, q.quarter,
              SUM(CASE WHEN p.id IS NULL THEN 1 ELSE 0 END),
              SUM(CASE WHEN p.report_date > q.due THEN 1 ELSE 0 END)
       FROM task t JOIN task_department td ON td.task_id = t.id AND td.role = 'lead'
       CROSS JOIN (SELECT 1 AS quarter, '2017-04-10' AS due UNION ALL SELECT 2, '2017-07-10'
                   UNION ALL SELECT 3, '2017-10-10' UNION ALL SELECT 4, '2018-01-10') q
       LEFT JOIN progress_report p ON p.task_id = t.id AND p.year = :year AND p.quarter = q.quarter
                                    AND p.effective_on <= :as_of
       WHERE t.status NOT IN ('已取消', '暂缓')
       GROUP BY td.department_id, q.quarter""",
]


def add_history(engine, tasks: int, seed: int = 11) -> None:  # noqa: ANN001
    """Reports for every quarter (some late, some missing), supervision actions and completion dates."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with transaction(engine) as session:
        ids = [row[0] for row in session.execute(text("SELECT id FROM task WHERE status = '已完成'"))]
        session.execute(Task.__table__.update().where(Task.id % 2 == 0).values(category="专项改革项目"))
        # Each completion typed on the day it happened: its 业务日期 is that day.
        moments = [datetime(2017, 1, 1, 12, tzinfo=UTC) + timedelta(days=rng.randrange(0, 400)) for _ in ids]
        session.execute(insert(ChangeLog.__table__), [
            {"task_id": i, "task_code": str(i), "field": "status", "old": "推进中", "new": "已完成",
             "changed_at": moment, "effective_on": moment.date(),
             "changed_by": "bench", "source": "bench", "version": 2, "outcome": "applied"}
            for i, moment in zip(ids, moments, strict=True)])
        session.execute(ProgressReport.__table__.delete())
        reports = []
        for i in range(1, tasks + 1):
            for quarter in (1, 2, 3, 4):
                if rng.random() < 0.15:
                    continue  # missing
                due = date(2017 + (quarter == 4), (quarter * 3 + 1) % 12 or 12, 10)
                filed = due + timedelta(days=rng.randrange(-9, 4))
                reports.append({"task_id": i, "year": YEAR, "quarter": quarter, "percent": 25 * quarter,
                                "done": "推进", "problems": "", "next_steps": "", "reporter": "bench",
                                "report_date": filed, "created_at": now,
                                "effective_on": end_of_quarter(YEAR, quarter)})
        session.execute(insert(ProgressReport.__table__), reports)
        kinds = ["通报批评", "限期整改", "问责", "催办", "季度督办"]
        session.execute(insert(SupervisionAction.__table__), [
            {"task_id": rng.randrange(1, tasks + 1), "kind": rng.choice(kinds),
             "action_date": date(2017, 1, 1) + timedelta(days=rng.randrange(0, 365)), "doc_no": "", "content": "",
             "result": "", "closed": False, "created_at": now} for _ in range(tasks // 5)])


def bare(engine) -> int:  # noqa: ANN001
    params = {"as_of": AS_OF, "first": date(YEAR, 1, 1), "last": date(YEAR, 12, 31), "year": YEAR}
    rows = 0
    with read_session(engine) as session:
        for statement in BARE:
            rows += len(session.execute(text(statement), params).all())
    return rows


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "a.db", n)
        add_history(ledger.engine, n)
        result = assess(ledger.engine, YEAR, AS_OF)
        lines = sum(len(d.lines) for d in result.departments)
        groups = bare(ledger.engine)
        ours, theirs, full = [], [], []
        method = Method.from_settings(get_all(ledger.engine))
        for _ in range(7):
            start = time.perf_counter()
            bare(ledger.engine)
            theirs.append(time.perf_counter() - start)
            start = time.perf_counter()
            assess(ledger.engine, YEAR, AS_OF)
            ours.append(time.perf_counter() - start)
        for _ in range(3):
            start = time.perf_counter()
            score(ledger_as_of(ledger.engine, AS_OF), YEAR, method, completion_dates(ledger.engine, AS_OF),
                  register=numbering.issued(ledger.engine, kind="bulletin"))
            full.append(time.perf_counter() - start)
        ledger.close()
    b, o, f = statistics.median(theirs), statistics.median(ours), statistics.median(full)
    print(f"tasks: {n}, departments: {len(result.departments)}, score lines: {lines:,}, bare groups: {groups:,}")
    print(f"bare SQL GROUP BY (outcomes, supervision, reports): {b * 1000:8.1f} ms")
    print(f"assessment (as-of read, scores, every line):        {o * 1000:8.1f} ms")
    print(f"ratio assessment / bare:                            {o / b:8.2f}x   (target <= 2.00x, issue 27)")
    from ratios import ratio

    ratio("assessment 5k tasks x 40 depts / bare GROUP BY", o / b, 2.0)
    print(f"(scored from the full snapshot, as the document is: {f * 1000:8.1f} ms, {f / b:.1f}x)")


if __name__ == "__main__":
    main()
