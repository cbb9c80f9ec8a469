"""Editing services: one transaction per edit, versions and change log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.session import read_session
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task, record_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.store.models import ChangeLog, ProgressReport
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks


@pytest.fixture
def task_id(ledger, sample):
    import_file(ledger.engine, sample)
    return find_task_id(ledger.engine, "2")


def _task(ledger, code="2"):
    return next(v for v in list_tasks(ledger.engine, TaskQuery()) if v.code == code)


def _log(ledger):
    with read_session(ledger.engine) as s:
        return s.execute(select(ChangeLog.field, ChangeLog.old, ChangeLog.new, ChangeLog.changed_by)
                         .where(ChangeLog.field != "创建").order_by(ChangeLog.id)).all()


def test_update_logs_each_changed_field_with_user(ledger, task_id):
    changed = edit_task(ledger.engine, task_id, {"status": "推进中", "percent": 30, "leader": "张建国"},
                        user="李四").value
    assert changed == ["status", "percent"]  # the leader did not change
    assert _log(ledger) == [("status", "未启动", "推进中", "李四"), ("percent", "0", "30", "李四")]
    assert _task(ledger).version == 2


def test_deadline_text_is_parsed_with_plan_year(ledger, task_id):
    edit_task(ledger.engine, task_id, {"deadline": "11月底前"}, user="u")
    task = _task(ledger)
    assert (task.deadline, task.deadline_text) == (date(2017, 11, 30), "11月底前")
    with pytest.raises(LedgerError, match="完成时限"):
        edit_task(ledger.engine, task_id, {"deadline": "2017年2月30日"}, user="u")


def test_departments_can_be_replaced(ledger, task_id):
    edit_task(ledger.engine, task_id, {"lead_depts": "行政审批局、市场监管局"}, user="u")
    assert _task(ledger).lead_depts == ["行政审批局", "市场监管局"]
    assert _log(ledger)[-1][:3] == ("lead_depts", "行政审批局", "行政审批局、市场监管局")


@pytest.mark.parametrize("changes", [{"status": "完工"}, {"percent": 101}, {"title": "  "}, {}])
def test_invalid_edits_change_nothing(ledger, task_id, changes):
    before = _task(ledger)
    with pytest.raises(LedgerError):
        edit_task(ledger.engine, task_id, changes, user="u")
    assert _task(ledger) == before


def test_progress_report_per_quarter_replaces_and_moves_percent(ledger, task_id):
    record_progress(ledger.engine, task_id, ProgressInput(2017, 2, 30, "完成方案"), user="u")
    record_progress(ledger.engine, task_id, ProgressInput(2017, 3, 60, "组织实施"), user="u")
    record_progress(ledger.engine, task_id, ProgressInput(2017, 2, 35, "完成方案（修订）"), user="u")
    task = _task(ledger)
    assert (task.percent, task.status, task.latest_progress) == (60, "推进中", "组织实施")
    with read_session(ledger.engine) as s:
        reports = s.execute(select(ProgressReport.quarter, ProgressReport.percent)
                            .order_by(ProgressReport.quarter)).all()
    assert reports == [(2, 35), (3, 60)]
    with pytest.raises(LedgerError):
        record_progress(ledger.engine, task_id, ProgressInput(2017, 5, 10, "x"), user="u")
