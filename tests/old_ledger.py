"""A ledger written by the first release (schema 0001) with one task, for upgrade tests
(tests/test_windows_desk.py and the frozen-program smoke test, packaging/smoke.py)."""

from __future__ import annotations

from sqlalchemy import text

from db.engine import create_ledger_engine
from db.migrate import upgrade_to_head

OLD_REVISION = "0001"


def write_old_ledger(db: str) -> None:
    engine = create_ledger_engine(db)
    upgrade_to_head(engine, target=OLD_REVISION)
    now = "2017-03-06 00:00:00.000000"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO plan (id, title, issuer, year, created_at)"
                          " VALUES (1, '三年行动计划', '管委会', 2017, :n)"), {"n": now})
        conn.execute(text("INSERT INTO area (id, plan_id, name, position) VALUES (1, 1, '一、行政体制', 1)"))
        conn.execute(text("INSERT INTO department (id, name) VALUES (1, '行政审批局')"))
        conn.execute(text(
            "INSERT INTO task (id, plan_id, area_id, code, position, title, content, measures, category, leader,"
            " deadline, deadline_text, milestone_q1, milestone_q2, milestone_q3, milestone_q4, status, percent,"
            " version, created_at, updated_at) VALUES (1, 1, 1, '2', 1, '深化行政审批制度改革', '三证合一', '',"
            " '重点改革项目', '张建国', '2017-09-30', '2017年9月底', '', '', '', '', '推进中', 40, 3, :n, :n)"),
            {"n": now})
        conn.execute(text("INSERT INTO task_department VALUES (1, 1, 'lead', 0)"))
    engine.dispose()
