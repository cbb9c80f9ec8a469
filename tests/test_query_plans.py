"""The task table's queries keep their indexes (issue 27): every statement the table runs for a day in
the past (the as-of columns from the change log, the latest progress, the light, the sort keys) is
explained by the database itself (SQLite's ``EXPLAIN QUERY PLAN``, PostgreSQL's ``EXPLAIN`` with
sequential scans priced out), and the change log and the progress reports are searched by index,
never scanned; for today the table reads the tasks' own columns, not the change log at all.

A later change that makes one of them fall back to a scan fails here, not at 100,000 tasks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, insert

from db.bulk import refresh_statistics
from db.session import core_transaction
from ledger_app.store import schema
from ledger_app.tasks.queries import TaskQuery
from ledger_app.tasks.table import TaskTable
from ledger_app.tasks.timeline import CURRENT, task_columns

PAST = date(2017, 6, 30)  # a day with changes effective after it
LATER = date(2017, 9, 1)
# The sort keys that read the change log (the dated fields, the light) or the progress reports.
SORTS = ["", "light", "deadline", "status", "percent", "latest"]


@pytest.fixture
def engine(ledger):
    now = datetime.now(UTC)
    with core_transaction(ledger.engine) as conn:
        conn.execute(insert(schema.plan), [{"id": 1, "title": "方案", "year": 2017, "created_at": now}])
        conn.execute(insert(schema.task), [
            {"id": i, "plan_id": 1, "code": str(i), "position": i, "title": f"任务{i}", "status": "推进中",
             "percent": 50, "deadline": date(2017, 12, 31), "deadline_text": "2017-12-31",
             "start_date": date(2017, 1, 1), "created_at": now, "updated_at": now} for i in range(1, 31)])
        conn.execute(insert(schema.progress_report), [
            {"task_id": i, "year": 2017, "quarter": q, "percent": 10 * q, "done": f"第{q}季度",
             "effective_on": date(2017, 3 * q, 28), "created_at": now} for i in range(1, 31) for q in (1, 2, 3)])
        # Every task's earlier history, as a year of work leaves it: what makes looking a task's changes up by
        # field and day alone (not by task first) the wrong index, as it is at 100,000 tasks.
        conn.execute(insert(schema.change_log), [
            {"task_id": i, "task_code": str(i), "field": field, "old": "", "new": new, "changed_at": now,
             "effective_on": date(2017, month, 1), "changed_by": "测试员", "source": "test"}
            for i in range(1, 31) for month in (2, 3, 4, 5)
            for field, new in (("status", "推进中"), ("percent", str(month * 10)), ("deadline", "2017-12-31"))])
        # Status, percent and deadline of a few tasks changed after PAST: the as-of columns come from the log.
        conn.execute(insert(schema.change_log), [
            {"task_id": i, "task_code": str(i), "field": field, "old": old, "new": new, "changed_at": now,
             "effective_on": LATER, "changed_by": "测试员", "source": "test"}
            for i in range(1, 6)
            for field, old, new in (("status", "未启动", "推进中"), ("percent", "0", "50"),
                                    ("deadline", "2017-09-30", "2017-12-31"))])
        refresh_statistics(conn, [schema.change_log, schema.task, schema.progress_report])  # as an import would
    return ledger.engine


@contextmanager
def statements(engine) -> Iterator[list[tuple[str, object]]]:
    """The SQL statements (with their parameters) run on ``engine`` inside the block."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plans(engine, seen: list[tuple[str, object]]) -> list[str]:
    """Each statement's plan, one text per statement."""
    texts = []
    with engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        cursor = driver.cursor()
        if engine.dialect.name == "sqlite":
            for statement, parameters in seen:
                cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
                texts.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
        else:
            # A handful of rows: the planner would rightly scan them. Priced out, a scan is chosen
            # only where no index fits, which is what this test looks for.
            cursor.execute("SET enable_seqscan = off")
            for statement, parameters in seen:
                cursor.execute(f"EXPLAIN {statement}", parameters)
                texts.append("\n".join(str(row[0]) for row in cursor.fetchall()))
            cursor.execute("RESET enable_seqscan")
        cursor.close()
    return texts


def scans(plan: str, table: str, dialect: str) -> bool:
    if dialect == "sqlite":
        return any(line.startswith(f"SCAN {table}") for line in plan.splitlines())
    return f"Seq Scan on {table}" in plan


def uses(plan: str, index: str) -> bool:
    return index in plan  # SQLite: SEARCH t USING [COVERING ]INDEX ix (…); PostgreSQL: Index [Only ]Scan using ix


def asked_by_date(plan: str, dialect: str) -> bool:
    """"Anything dated changed since D?" answered from an index, never a scan of the log: on SQLite (fixed
    rules) the field-and-date index; PostgreSQL weighs it against the date index by its statistics, and on
    a handful of rows either is right (at 100,000 tasks it takes the field index: docs/benchmarks.md)."""
    if scans(plan, "change_log", dialect):
        return False
    if dialect == "sqlite":
        return uses(plan, "ix_change_log_field_effective")
    return uses(plan, "ix_change_log_field_effective") or uses(plan, "ix_change_log_effective_on")


def test_today_reads_the_tasks_own_columns(engine):
    with engine.connect() as conn:
        assert task_columns(conn, date.today()) is CURRENT
        assert task_columns(conn, LATER) is CURRENT  # nothing effective after it
        assert task_columns(conn, PAST) is not CURRENT
    table = TaskTable(engine)
    with statements(engine) as seen:
        table.load(TaskQuery(as_of=date.today()), limit=51)
    # One look at the log (is anything dated effective after today?), by index; no per-task history.
    from_log = [(s, p) for s, p in seen if "change_log" in s]
    assert len(from_log) == 1
    assert all(asked_by_date(p, engine.dialect.name) for p in plans(engine, from_log))


def test_the_ledger_order_is_read_from_its_index(engine):
    table = TaskTable(engine)
    with statements(engine) as seen:
        table.find_ids(TaskQuery(as_of=date.today()), limit=51)
    ordered = [p for (s, _), p in zip(seen, plans(engine, seen), strict=True) if "ORDER BY" in s]
    assert ordered and all(uses(p, "ix_task_plan_position") for p in ordered)
    if engine.dialect.name == "sqlite":
        assert not any("TEMP B-TREE FOR ORDER BY" in p for p in ordered)


@pytest.mark.parametrize("sort", SORTS)
def test_a_past_day_reads_the_log_and_the_reports_by_index(engine, sort):
    """Every statement of the table as of a past day (ids, first page, light counts) searches the change
    log by task, field and date, and the reports by task; neither is ever scanned."""
    table = TaskTable(engine)
    query = TaskQuery(as_of=PAST)
    with statements(engine) as seen:
        ids, rows = table.load(query, sort=sort, limit=51)
        table.find_ids(query, sort=sort)
        table.find_ids(TaskQuery(as_of=PAST, light="red"), sort=sort)
        table.light_counts(query)
    assert len(ids) == 30 and rows
    dialect = engine.dialect.name
    explained = plans(engine, seen)
    per_task = [p for (s, _), p in zip(seen, explained, strict=True) if "change_log.task_id = task.id" in s]
    assert per_task, "the past day's columns come from the change log"
    for (statement, _), plan in zip(seen, explained, strict=True):
        assert not scans(plan, "change_log", dialect), (statement, plan)
        assert not scans(plan, "progress_report", dialect), (statement, plan)
        if "change_log.task_id = task.id" in statement:
            assert uses(plan, "ix_change_log_task_field_effective"), plan
        if "FROM progress_report" in statement:
            assert uses(plan, "ix_progress_report_task_latest") or uses(plan, "progress_report_task_id"), plan
    if sort == "latest":
        latest = [p for (s, _), p in zip(seen, explained, strict=True) if "progress_report.task_id = task.id" in s]
        assert latest and all(uses(p, "ix_progress_report_task_latest") for p in latest)


def _created_after(engine, day: date, per_task: int = 20) -> None:
    """创建 entries effective after ``day``, as an import leaves one per task: entries the question
    "anything dated changed since?" must not have to visit one by one."""
    now = datetime.now(UTC)
    with core_transaction(engine) as conn:
        conn.execute(insert(schema.change_log), [
            {"task_id": i, "task_code": str(i), "field": "创建", "old": "", "new": f"任务{i}", "changed_at": now,
             "effective_on": day, "changed_by": "测试员", "source": "导入"}
            for i in range(1, 31) for _ in range(per_task)])


def test_whether_anything_dated_changed_since_a_day_is_asked_of_the_field_index(engine):
    """The one look at the log a day's table begins with, and the first page's own (sqlite3, before the
    database layer is loaded), search the log by field and date: by date alone they visited every later
    entry, 100,000 创建 entries after an import of 100,000 tasks (17 ms on PostgreSQL for a "no")."""
    from ledger_app.tasks.first_page import CHANGED_SINCE_SQL
    from ledger_app.tasks.timeline import DATED

    _created_after(engine, date(2017, 11, 1))
    with core_transaction(engine) as conn:
        refresh_statistics(conn, [schema.change_log])  # as the import leaves the server's planner
    with statements(engine) as seen, engine.connect() as conn:
        assert task_columns(conn, LATER) is CURRENT  # only 创建 entries after it: nothing dated
    assert len(seen) == 1
    assert asked_by_date(plans(engine, seen)[0], engine.dialect.name), seen
    assert f"field IN ({', '.join(repr(f) for f in DATED)})" in CHANGED_SINCE_SQL  # the same question
    if engine.dialect.name == "sqlite":
        first_page = plans(engine, [(CHANGED_SINCE_SQL, (LATER.isoformat(),))])[0]
        assert uses(first_page, "ix_change_log_field_effective"), first_page


def test_an_import_leaves_the_server_s_planner_told_what_it_wrote(ledger, tmp_path):
    """After an import PostgreSQL's statistics of what it wrote are made at once, not when its autovacuum
    gets round to it: without them a page of 100 tasks scanned all the department links of 100,000 (20 ms
    where the index takes 0.2 ms). SQLite gets none: its planner keeps the fixed rules the tests above hold."""
    from sqlalchemy import text

    from ledger_app.exchange.importing.apply import import_file
    from tests.tables import write_table

    rows = [[str(n), "一、领域", f"任务{n}", "内容", "重点", "发改局", "财政局", "张三", "2017年12月31日"]
            for n in range(1, 6)]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    with ledger.engine.connect() as conn:
        if ledger.engine.dialect.name == "sqlite":
            assert conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")).all() == []
            return
        analysed = dict(conn.execute(text(
            "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname IN "
            "('task', 'task_department', 'department', 'change_log', 'plan', 'area')")).all())
    assert analysed == dict.fromkeys(["task", "task_department", "department", "change_log", "plan", "area"], True)
