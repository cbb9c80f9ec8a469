"""The first page of a local ledger, read with the standard library's sqlite3 so that the window
can be painted with its rows before SQLAlchemy and SQLModel are loaded.

Why: importing the database layer alone takes about twice as long as a bare PySide6 window
needs to start and paint a table. A clerk opens the program many times a day; the window is
shown with its rows first and the database layer loads right after (ui/app.py).

Only what the first paint shows is read: the task count and the first page of tasks in ledger
order, as ledger_app.tasks.table.TaskTable serves them (a test keeps the two in step; the light comes
from ledger_app.tasks.lights.light_for, the rule itself). Anything unusual — no file yet, a schema
that needs migrating, a server ledger, a ``-wal`` beside the file, any error — returns None and the
window opens the usual way. The connection is read-only: nothing is created or changed here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db.location import local_file
from db.schema import HEAD, REVISION_QUERY
from ledger_app.store.settings import thresholds_from
from ledger_app.tasks.lights import light_for
from ledger_app.tasks.rows import PAGE, Row, responsible

# 待销号 (ledger_app/tasks/closure.py, the rule in SQLAlchemy, which is not loaded yet here): a claim
# made by the day and not decided by then, not withdrawn. A test keeps the two in step.
PENDING_SQL = ("SELECT DISTINCT task_id FROM closure_claim WHERE claimed_on <= ? AND outcome != '撤回' "
               "AND (decided_on IS NULL OR decided_on > ?)")

# Anything dated changed effective after the day (ledger_app.tasks.timeline.task_columns asks the same);
# tests/test_query_plans.py holds it to the change log's field index.
CHANGED_SINCE_SQL = ("SELECT 1 FROM change_log WHERE field IN ('status', 'percent', 'deadline', 'deadline_text', "
                     "'start_date') AND effective_on > ? AND outcome = 'applied' LIMIT 1")


@dataclass(frozen=True)
class FirstPage:
    path: Path
    total: int  # tasks in the ledger
    ids: list[int]  # the first ids in ledger order (up to PAGE + 1: one more tells that more follow)
    rows: list[Row]  # the rows of the first PAGE ids


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def read_first_page(db: str | None, as_of: date) -> FirstPage | None:
    """The first page of the ledger ``db`` (as ``--db`` names it) as of ``as_of``, or None."""
    path = local_file(db)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return None  # its -wal may not be its own: opening checks that first (ledger_app/store/stray_wal.py)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        return _read(conn, path, as_of)
    except (sqlite3.Error, ValueError):
        return None  # opened the usual way, which explains what is wrong
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, path: Path, as_of: date) -> FirstPage | None:
    if conn.execute(REVISION_QUERY).fetchone() != (HEAD,):
        return None  # to be migrated (or newer than this program): Alembic's business
    day = as_of.isoformat()
    if conn.execute(CHANGED_SINCE_SQL, (day,)).fetchone():
        return None  # a past day with changes effective since: the table reads the history (ledger_app.tasks.timeline)
    thresholds = thresholds_from(dict(conn.execute("SELECT key, value FROM setting").fetchall()))
    total = conn.execute("SELECT count(*) FROM task").fetchone()[0]
    ids = [r[0] for r in conn.execute("SELECT id FROM task ORDER BY plan_id, position, id LIMIT ?", (PAGE + 1,))]
    shown = ids[:PAGE]
    marks = ",".join("?" * len(shown))
    tasks = {r[0]: r for r in conn.execute(
        "SELECT t.id, t.code, a.name, t.title, t.content, t.leader, t.deadline, t.deadline_text, t.status, "
        "t.percent, t.measures, t.version, t.lead_groups, t.co_groups, t.start_date "
        f"FROM task t LEFT JOIN area a ON a.id = t.area_id WHERE t.id IN ({marks})", shown)}
    depts: dict[tuple[int, str], list[str]] = {}
    for task_id, role, name in conn.execute(
            "SELECT td.task_id, td.role, d.name FROM task_department td JOIN department d ON d.id = td.department_id "
            f"WHERE td.task_id IN ({marks}) ORDER BY td.position", shown):
        depts.setdefault((task_id, role), []).append(name)
    # The latest progress (tasks.queries.report_counts) in sqlite3's SQL: counted once effective, quarter order,
    # the last one wins. tests/test_one_rule.py runs this beside the other readings of the rule.
    latest = dict(conn.execute(
        f"SELECT task_id, done FROM progress_report WHERE task_id IN ({marks}) AND effective_on <= ? "
        "ORDER BY year, quarter", [*shown, day]))
    pending = {r[0] for r in conn.execute(f"{PENDING_SQL} AND task_id IN ({marks})", [day, day, *shown])}
    rows = []
    for task_id in shown:
        (_, code, area, title, content, leader, deadline, deadline_text, status, percent, measures, version,
         lead_groups, co_groups, start) = tasks[task_id]
        deadline = _date(deadline)
        light = light_for(status, percent, deadline, _date(start), as_of, thresholds, task_id in pending)
        rows.append(Row(task_id, code, light.value, area or "", title, content,
                        responsible(depts.get((task_id, "lead"), []), lead_groups),
                        responsible(depts.get((task_id, "co"), []), co_groups), leader, deadline, deadline_text,
                        status, percent, latest.get(task_id, ""), measures, version))
    return FirstPage(path, total, ids, rows)
