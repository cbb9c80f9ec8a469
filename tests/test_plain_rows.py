"""db/plain_rows.py: the driver's own tuples hold exactly what SQLAlchemy's Rows would, for every statement
the assessment reads that way and for values written into a statement (a date, a quote, a percent sign, a
NULL), on SQLite and (make test-pg) on PostgreSQL; and they are read in the caller's transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from db.plain_rows import plain_rows
from db.session import read_session, transaction
from ledger_app.assessment.facts import _raw
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import record_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.store.models import ProgressReport, Task, TaskDepartment
from ledger_app.tasks.queries import find_task_id, report_counts

STATEMENTS = {
    "tasks in ledger order": lambda: select(
        Task.id, Task.code, Task.title, Task.content, Task.category, Task.status, _raw(Task.deadline),
        _raw(Task.start_date), Task.plan_id).order_by(Task.plan_id, Task.position, Task.id),
    "links": lambda: select(TaskDepartment.task_id, TaskDepartment.role, TaskDepartment.department_id,
                            TaskDepartment.position).order_by(TaskDepartment.task_id, TaskDepartment.role,
                                                              TaskDepartment.position),
    "reports counted by a day": lambda: select(
        ProgressReport.task_id, ProgressReport.year, ProgressReport.quarter, _raw(ProgressReport.report_date))
        .where(report_counts(ProgressReport.effective_on, date(2017, 10, 15))).order_by(ProgressReport.task_id),
    "a text written in": lambda: select(Task.code).where(Task.title == "深化行政审批制度改革").order_by(Task.code),
    "a quote and a percent sign": lambda: select(Task.code).where(Task.title.in_(["它's 100%", "100%"])),
    "a NULL": lambda: select(Task.code, _raw(Task.start_date)).where(Task.start_date.is_(None)).order_by(Task.code),
}


@pytest.fixture
def filled(ledger, sample):
    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "2")
    record_progress(ledger.engine, task, ProgressInput(2017, 2, 30, "完成调研"), user="测试员")
    record_progress(ledger.engine, task, ProgressInput(2017, 3, 60, "完成系统对接"), user="测试员")
    return ledger


@pytest.mark.parametrize("name", STATEMENTS)
def test_plain_rows_hold_what_sqlalchemy_s_rows_hold(filled, name):
    with read_session(filled.engine) as session:
        conn = session.connection()
        ours = plain_rows(conn, STATEMENTS[name]())
        theirs = [tuple(row) for row in conn.execute(STATEMENTS[name]()).all()]
    assert [tuple(row) for row in ours] == theirs
    if name in ("tasks in ledger order", "links", "reports counted by a day", "a text written in"):
        assert theirs, "a statement that finds nothing would prove little"


def test_plain_rows_are_read_in_the_caller_s_transaction(filled):
    """A row written and not yet committed is read; rolled back, it is gone."""
    code = "2"
    with pytest.raises(RuntimeError), transaction(filled.engine) as session:
        conn = session.connection()
        conn.execute(text("UPDATE task SET title = :title WHERE code = :code"), {"title": "它's 100%", "code": code})
        assert plain_rows(conn, STATEMENTS["a quote and a percent sign"]()) == [(code,)]
        raise RuntimeError("rolled back")
    with read_session(filled.engine) as session:
        assert plain_rows(session.connection(), STATEMENTS["a quote and a percent sign"]()) == []
