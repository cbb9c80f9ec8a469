"""The schema comes only from Alembic, and upgrades keep existing data."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from db.engine import create_ledger_engine
from db.migrate import current_revision, head_revision, upgrade_to_head
from ledger_app import operations
from ledger_app.messages.errors import LedgerError
from ledger_app.records.history import list_changes
from ledger_app.store import schema
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.queries import TaskQuery, list_tasks


def test_open_creates_schema_at_head_with_wal_and_foreign_keys(db_path):
    ledger = open_ledger(str(db_path))
    assert current_revision(ledger.engine) == head_revision()
    with ledger.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    ledger.close()


def test_migrations_match_the_models(db_url):
    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    engine.dispose()
    assert diff == []


def test_first_migration_database_upgrades_with_data_intact(db_url):
    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine, target="0001")
    assert current_revision(engine) == "0001"
    now = "2017-03-06 00:00:00.000000"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO plan (id, title, issuer, year, created_at) VALUES (1, '三年行动计划', '管委会', 2017, :n)"),
                     {"n": now})
        conn.execute(text("INSERT INTO area (id, plan_id, name, position) VALUES (1, 1, '一、行政体制', 1)"))
        conn.execute(text("INSERT INTO department (id, name) VALUES (1, '行政审批局')"))
        conn.execute(text(
            "INSERT INTO task (id, plan_id, area_id, code, position, title, content, measures, category, leader,"
            " deadline, deadline_text, milestone_q1, milestone_q2, milestone_q3, milestone_q4, status, percent,"
            " version, created_at, updated_at) VALUES (1, 1, 1, '2', 1, '深化行政审批制度改革', '三证合一', '', '重点改革项目',"
            " '张建国', '2017-09-30', '2017年9月底', '', '', '', '', '推进中', 40, 3, :n, :n)"), {"n": now})
        conn.execute(text("INSERT INTO task_department VALUES (1, 1, 'lead', 0)"))
        conn.execute(text("INSERT INTO progress_report (task_id, year, quarter, percent, done, problems, next_steps,"
                          " reporter, created_at) VALUES (1, 2017, 1, 40, '完成调研', '', '', '李', :n)"), {"n": now})
        conn.execute(text("INSERT INTO change_log (task_id, task_code, field, old, new, changed_at, changed_by, source)"
                          " VALUES (1, '2', 'percent', '0', '40', :n, '李', '手工修改')"), {"n": now})
    engine.dispose()

    ledger = open_ledger(db_url)  # upgrades on open
    assert current_revision(ledger.engine) == head_revision()
    (task,) = list_tasks(ledger.engine, TaskQuery(as_of=date(2017, 4, 1)))
    assert (task.code, task.title, task.content, task.leader) == ("2", "深化行政审批制度改革", "三证合一", "张建国")
    assert (task.deadline, task.status, task.percent, task.version) == (date(2017, 9, 30), "推进中", 40, 3)
    assert task.lead_depts == ["行政审批局"] and task.area == "一、行政体制"
    assert task.latest_progress == "完成调研"
    assert task.start_date == date(2017, 1, 1), "0002 fills start dates from the plan year"
    (entry,) = list_changes(ledger.engine, 1)
    assert (entry.changed_by, entry.field, entry.new) == ("李", "percent", "40")
    assert (entry.version, entry.outcome) == (None, "applied"), "0005: old entries count as saved, version unknown"
    ledger.close()


def test_a_file_that_is_not_a_ledger_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(LedgerError, match="不是任务台账数据库"):
        open_ledger(str(path))
    assert path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(LedgerError, match="不是任务台账数据库"):
        open_ledger(str(path))
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"customers"}


def test_a_ledger_from_a_newer_version_is_refused(db_path):
    open_ledger(str(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(LedgerError, match="更新版本"):
        open_ledger(str(db_path))


def test_known_head_matches_migration_scripts():
    from db.migrate import HEAD

    assert HEAD == head_revision()


def test_documents_issued_before_0006_keep_their_numbers(db_url, sample, tmp_path):
    from ledger_app.documents.options import ReportOptions
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations.issuing import build_report
    from ledger_app.records import numbering

    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine, target="0005")
    engine.dispose()
    engine = create_ledger_engine(db_url)
    with engine.begin() as conn:  # what the 0005 program recorded when it issued two sheets and a notice
        # Ids from the database (RETURNING): an explicit id would leave PostgreSQL's sequence behind.
        plan = conn.execute(text("INSERT INTO plan (title, issuer, year, created_at) VALUES ('p', '', 2017,"
                                 " '2017-01-01') RETURNING id")).scalar_one()
        task = conn.execute(text(
            "INSERT INTO task (plan_id, code, position, title, content, measures, category, leader,"
            " deadline_text, milestone_q1, milestone_q2, milestone_q3, milestone_q4, status, percent,"
            " version, created_at, updated_at) VALUES (:plan, '1', 1, 't', '', '', '', '', '', '', '',"
            " '', '', '推进中', 0, 1, '2017-01-01', '2017-01-01') RETURNING id"), {"plan": plan}).scalar_one()
        for doc_no, content in (("督办〔2017〕第3号", "2017年第三季度季度督办单：招商局"),
                                ("督办〔2017〕第4号", "2017年第三季度季度督办单：科技局")):
            conn.execute(text("INSERT INTO supervision_action (task_id, kind, action_date, doc_no, content, result,"
                              " closed, created_at) VALUES (:task, '季度督办', '2017-10-15', :no, :c, '', :closed,"
                              " '2017-10-15')"), {"task": task, "no": doc_no, "c": content, "closed": False})
    engine.dispose()
    ledger = open_ledger(db_url)
    (sheet,) = numbering.find(ledger.engine, "quarterly-sheet", ["|2017Q3|招商局"]).values()
    assert (sheet.doc_no, sheet.serial, sheet.signed_on) == ("督办〔2017〕第3号", 3, date(2017, 10, 15))
    import_file(ledger.engine, sample)
    operations.set_setting(ledger.engine, "org.name", "常州经开区改革办")
    options = ReportOptions("quarterly-sheet", 2017, 3, date(2017, 10, 15), ["招商局", "财政局"])
    result = build_report(ledger.engine, options, tmp_path / "s.pdf", user="t")
    assert result.numbers == {"招商局": "督办〔2017〕第3号", "财政局": "督办〔2017〕5号"}, "reprinted, then numbered on"
    ledger.close()


def test_0007_turns_collective_terms_back_into_text_and_keeps_everything_else(db_url):
    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine, target="0005")
    now = "2017-03-06 00:00:00.000000"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO plan (id, title, issuer, year, created_at) VALUES (1, '计划', '', 2017, :n)"),
                     {"n": now})
        conn.execute(text("INSERT INTO department (id, name) VALUES (1, '财政局'), (2, '各部门'), (3, '各镇（街道）'),"
                          " (4, '相关部门')"))
        for task_id in (1, 2):
            conn.execute(text(
                "INSERT INTO task (id, plan_id, code, position, title, content, measures, category, leader,"
                " deadline_text, milestone_q1, milestone_q2, milestone_q3, milestone_q4, status, percent,"
                " version, created_at, updated_at) VALUES (:id, 1, :id, :id, '任务', '', '', '', '', '', '', '', '',"
                " '', '推进中', 10, 1, :n, :n)"), {"id": task_id, "n": now})
        conn.execute(text("INSERT INTO task_department VALUES (1, 1, 'lead', 0), (1, 4, 'lead', 1), (1, 3, 'co', 0),"
                          " (1, 2, 'co', 1), (2, 2, 'lead', 0)"))
    engine.dispose()

    ledger = open_ledger(db_url)
    views = {v.code: v for v in list_tasks(ledger.engine, TaskQuery(as_of=date(2017, 4, 1)))}
    assert (views["1"].lead_depts, views["1"].lead_groups) == (["财政局"], ["相关部门"])
    assert (views["1"].co_depts, views["1"].co_groups) == ([], ["各镇（街道）", "各部门"])
    assert (views["2"].lead_depts, views["2"].lead_groups, views["2"].note) == ([], ["各部门"], "")
    with ledger.engine.connect() as conn:
        assert [r[0] for r in conn.execute(text("SELECT name FROM department"))] == ["财政局"]
    ledger.close()


@pytest.fixture
def shanghai_time(monkeypatch):
    """The desk's clock in China (UTC+8), whatever the test machine's zone: a change recorded at
    17:30 UTC on 9月30日 was recorded on 10月1日 there."""
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_0009_gives_past_changes_the_local_date_they_were_recorded_as_their_effective_date(db_url, shanghai_time):
    from ledger_app.periods.as_of import ledger_as_of
    from ledger_app.store.models import ChangeLog, ProgressReport

    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine, target="0007")  # a ledger as main wrote it before effective dates
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO plan (id, title, issuer, year, created_at) VALUES (1, '计划', '', 2017,"
                          " '2017-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO task (id, plan_id, code, position, title, content, measures, category, leader, deadline,"
            " deadline_text, milestone_q1, milestone_q2, milestone_q3, milestone_q4, status, percent, version,"
            " created_at, updated_at, start_date) VALUES (1, 1, '30', 1, '教育改革', '', '', '', '', '2017-08-31', "
            " '2017年8月底', '', '', '', '', '已完成', 40, 3, '2017-01-01 00:00:00', '2017-10-05 02:00:00',"
            " '2017-01-01')"))
        log = ("INSERT INTO change_log (task_id, task_code, field, old, new, changed_at, changed_by, source, version,"
               " outcome) VALUES (1, '30', :field, :old, :new, :at, '李', '手工修改', :v, 'applied')")
        conn.execute(text(log), {"field": "percent", "old": "0", "new": "40", "at": "2017-09-30 17:30:00", "v": 2})
        conn.execute(text(log), {"field": "status", "old": "未启动", "new": "已完成", "at": "2017-10-05 02:00:00",
                                 "v": 3})
        report = ("INSERT INTO progress_report (task_id, year, quarter, percent, done, problems, next_steps, reporter,"
                  " created_at) VALUES (1, 2017, :q, :p, :done, '', '', '李', :at)")
        conn.execute(text(report), {"q": 3, "p": 40, "done": "三季度", "at": "2017-10-10 03:00:00"})
        conn.execute(text(report), {"q": 2, "p": 20, "done": "二季度", "at": "2017-05-20 03:00:00"})
    engine.dispose()

    ledger = open_ledger(db_url)
    with ledger.engine.connect() as conn:
        days = dict(conn.execute(select(ChangeLog.field, ChangeLog.effective_on)).all())
        reports = dict(conn.execute(select(ProgressReport.quarter, ProgressReport.effective_on)).all())
    assert days == {"percent": date(2017, 10, 1), "status": date(2017, 10, 5)}, "local (UTC+8) dates"
    assert reports == {3: date(2017, 9, 30), 2: date(2017, 5, 20)}, "never later than the quarter's end"
    # Documents as of a past day read as before: by the day each change was recorded.
    q3 = ledger_as_of(ledger.engine, date(2017, 9, 30))
    (task,) = q3.tasks
    assert (task.status, task.percent) == ("未启动", 0)
    assert [r.quarter for r in q3.progress[1]] == [2, 3]
    (task,) = ledger_as_of(ledger.engine, date(2017, 10, 5)).tasks
    assert (task.status, task.percent) == ("已完成", 40)
    assert all(c.mark == "" and c.reason == "" for c in list_changes(ledger.engine, 1))
    ledger.close()
