"""The as-of rule has two readings, kept equal here over the same boundary rows: the rule in Python
(``timeline.value_as_of``, with ``lights.light_for``) and the rule in SQL the task table runs
(``timeline.task_columns``, read from the change log once per statement, and ``table.light_expression``,
which reads an unchanged task's own columns). Changes on the day itself, the day after, two on one day,
only later ones, only earlier ones, a deadline cleared — each day around them (issue 27)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from db.session import core_transaction
from ledger_app.store import schema
from ledger_app.tasks.lights import Thresholds, light_for
from ledger_app.tasks.table import light_expression
from ledger_app.tasks.timeline import CURRENT, Entry, task_columns, typed, value_as_of

D1, D2 = date(2017, 9, 30), date(2017, 10, 15)
# Per task: its own (latest) status, percent and deadline, and its logged changes (field, old, new, day).
TASKS = {
    1: (("推进中", 60, "2017-12-31"), [("status", "未启动", "推进中", D1), ("percent", "0", "60", D2)]),
    2: (("已完成", 100, "2017-10-01"), [("status", "推进中", "已完成", D2), ("status", "已完成", "推进中", D2),
                                        ("status", "推进中", "已完成", D2)]),  # three on one day: the last wins
    3: (("推进中", 10, ""), [("deadline", "2017-10-10", "", D2)]),  # cleared after the day
    4: (("暂缓", 0, "2017-11-30"), [("deadline", "2017-09-01", "2017-10-20", D1),
                                    ("deadline", "2017-10-20", "2017-11-30", D2 + timedelta(days=1))]),
    5: (("推进中", 30, "2017-10-20"), []),  # never changed
    6: (("已取消", 0, "2017-08-31"), [("status", "推进中", "已取消", D1 - timedelta(days=1))]),
}
DAYS = [D1 - timedelta(days=2), D1 - timedelta(days=1), D1, D1 + timedelta(days=1), D2 - timedelta(days=1), D2,
        D2 + timedelta(days=1), D2 + timedelta(days=2)]


@pytest.fixture
def engine(ledger):
    now = datetime.now(UTC)
    with core_transaction(ledger.engine) as conn:
        conn.execute(insert(schema.plan), [{"id": 1, "title": "方案", "year": 2017, "created_at": now}])
        conn.execute(insert(schema.task), [
            {"id": i, "plan_id": 1, "code": str(i), "position": i, "title": f"任务{i}", "status": status,
             "percent": percent, "deadline": date.fromisoformat(deadline) if deadline else None,
             "deadline_text": deadline, "start_date": date(2017, 1, 1), "created_at": now, "updated_at": now}
            for i, ((status, percent, deadline), _) in TASKS.items()])
        conn.execute(insert(schema.change_log), [
            {"task_id": i, "task_code": str(i), "field": field, "old": old, "new": new, "changed_at": now,
             "effective_on": day, "changed_by": "测试员", "source": "test"}
            for i, (_, changes) in TASKS.items() for field, old, new, day in changes])
        # A refused save never counts.
        conn.execute(insert(schema.change_log), [{"task_id": 5, "task_code": "5", "field": "status", "old": "推进中",
                                                  "new": "已完成", "changed_at": now, "effective_on": D2 + timedelta(days=5),
                                                  "changed_by": "测试员", "source": "test", "outcome": "refused"}])
    return ledger.engine


def _python(engine, day: date) -> dict[int, tuple]:
    with engine.connect() as conn:
        log = conn.execute(select(schema.change_log.c.task_id, schema.change_log.c.field, schema.change_log.c.effective_on,
                                  schema.change_log.c.id, schema.change_log.c.old, schema.change_log.c.new)
                           .where(schema.change_log.c.outcome == "applied")).all()
    found = {}
    for i, ((status, percent, deadline), _) in TASKS.items():
        own = {"status": status, "percent": percent, "deadline": date.fromisoformat(deadline) if deadline else None}
        for field in own:
            entries = [Entry(e, n, o, w) for t, f, e, n, o, w in log if t == i and f == field]
            value = value_as_of(entries, day)
            if value is not None:
                own[field] = typed(field, value)
        light = light_for(own["status"], own["percent"], own["deadline"], date(2017, 1, 1), day, Thresholds())
        found[i] = (own["status"], own["percent"], own["deadline"], light.value)
    return found


def _sql(engine, day: date) -> dict[int, tuple]:
    with engine.connect() as conn:
        cols = task_columns(conn, day)
        light = light_expression(engine, day, Thresholds(), cols)
        rows = conn.execute(select(schema.task.c.id, cols.status, cols.percent, cols.deadline, light)).all()
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_sql_reading_is_the_python_rule(engine, day):
    assert _sql(engine, day) == _python(engine, day)


def test_today_is_read_from_the_columns_and_agrees(engine):
    today = date.today()
    with engine.connect() as conn:
        assert task_columns(conn, today) is CURRENT
    assert _sql(engine, today) == _python(engine, today)
