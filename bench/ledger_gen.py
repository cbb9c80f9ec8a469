"""Generate a large ledger straight into the database (bench helper, not a product feature)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from db.bulk import refresh_statistics
from db.session import transaction
from ledger_app.exchange.importing.apply import WRITTEN
from ledger_app.store.models import Area, Department, Plan, ProgressReport, Task, TaskDepartment
from ledger_app.store.opening import Ledger, open_ledger

OUTPUT = Path(__file__).resolve().parent / "output"
GENERATION = 1  # raise when make_ledger changes what it writes: cached ledgers are then made again

STATUSES = ["未启动", "推进中", "推进中", "推进中", "已完成", "暂缓"]
WORDS = ["深化", "行政审批", "制度改革", "综合执法", "数据统筹", "智慧政务", "产业园区", "招商机制", "投融资",
         "产城融合", "人才引进", "土地集约", "生态文明", "教育", "医疗卫生", "文化体制", "信用体系", "营商环境"]


def make_ledger(path: Path, tasks: int, seed: int = 7) -> Ledger:
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ledger = open_ledger(str(path), user="bench")
    now = datetime.now(UTC)
    with transaction(ledger.engine) as session:
        session.execute(insert(Plan.__table__), [{"id": 1, "title": "基准方案", "issuer": "", "year": 2017,
                                                  "created_at": now}])
        session.execute(insert(Area.__table__), [{"id": i, "plan_id": 1, "name": f"{'一二三四五'[i - 1]}、领域{i}",
                                                  "position": i} for i in range(1, 6)])
        session.execute(insert(Department.__table__), [{"id": i, "name": f"部门{i:02d}局"} for i in range(1, 41)])
        rows, links, reports = [], [], []
        for i in range(1, tasks + 1):
            title = "".join(rng.sample(WORDS, 3))
            deadline = date(2017, 1, 1) + timedelta(days=rng.randrange(0, 730))
            rows.append({"id": i, "plan_id": 1, "area_id": 1 + i % 5, "code": str(i), "position": i,
                         "title": title, "content": f"{title}：具体改革内容第{i}项，" + "".join(rng.sample(WORDS, 6)),
                         "measures": "".join(rng.sample(WORDS, 4)), "category": "重点改革项目", "leader": "张建国",
                         "deadline": deadline, "deadline_text": deadline.isoformat(), "start_date": date(2017, 1, 1),
                         "milestone_q1": "", "milestone_q2": "", "milestone_q3": "", "milestone_q4": "",
                         "status": rng.choice(STATUSES), "percent": rng.randrange(0, 101), "version": 1,
                         "created_at": now, "updated_at": now})
            lead, co = rng.sample(range(1, 41), 2)
            links += [{"task_id": i, "department_id": lead, "role": "lead", "position": 0},
                      {"task_id": i, "department_id": co, "role": "co", "position": 0}]
            if i % 3 == 0:
                reports.append({"task_id": i, "year": 2017, "quarter": 2, "percent": 30, "done": f"完成第{i}项调研",
                                "problems": "", "next_steps": "", "reporter": "bench", "report_date": None,
                                "effective_on": date(2017, 6, 30), "created_at": now})
        for start in range(0, len(rows), 5000):
            session.execute(insert(Task.__table__), rows[start : start + 5000])
        session.execute(insert(TaskDepartment.__table__), links)
        session.execute(insert(ProgressReport.__table__), reports)
        # As the program's import leaves a ledger it wrote (PostgreSQL's statistics made; nothing on SQLite).
        refresh_statistics(session.connection(), WRITTEN)
    return ledger


def cached_ledger(tasks: int) -> Path:
    """A ledger of ``tasks`` tasks made by :func:`make_ledger` once and kept in bench/output: the
    benches that only read it share it instead of generating 100,000 tasks each run (`make clean`
    removes it). Opening it migrates it if the schema moved on since."""
    path = OUTPUT / f"ledger{tasks}-g{GENERATION}.db"
    if not path.is_file():
        OUTPUT.mkdir(exist_ok=True)
        partial = path.with_name(f"{path.name}.partial")
        make_ledger(partial, tasks).close()
        partial.replace(path)
    return path
