"""Start-up: the window is painted from the first page of a local ledger before the database
layer is loaded, shows the same rows the table model would, and prints nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task, record_progress, set_setting
from ledger_app.records.progress import ProgressInput
from ledger_app.store.opening import open_ledger
from ledger_app.store.settings import thresholds
from ledger_app.tasks.first_page import read_first_page
from ledger_app.tasks.queries import TaskQuery, find_task_id
from ledger_app.tasks.table import PAGE, TaskTable
from tests.conftest import ROOT


@pytest.fixture
def sample_file(db_path, sample):
    """A local ledger file with the sample, some progress and a collective term (always SQLite:
    the first page is read from local files only)."""
    ledger = open_ledger(str(db_path), user="测试员")
    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "2")
    record_progress(ledger.engine, task, ProgressInput(2017, 2, 30, "完成调研"), user="测试员")
    record_progress(ledger.engine, task, ProgressInput(2017, 3, 60, "完成系统对接"), user="测试员")
    edit_task(ledger.engine, find_task_id(ledger.engine, "5"), {"lead_depts": "综合执法局、相关部门"}, user="测试员")
    set_setting(ledger.engine, "warn.due_days", "60")
    # 待销号: task 6 claimed finished and waiting, task 7 claimed and returned (issue 26).
    from ledger_app.evidence.claims import ClaimInput
    from ledger_app.operations import closure
    from tests.evidence_files import pdf

    proof = pdf(db_path.with_name("证明.pdf"))
    closure.claim_finished(ledger.engine, find_task_id(ledger.engine, "6"), ClaimInput(date(2017, 10, 9), "办结"),
                           [proof], user="测试员")
    seven = find_task_id(ledger.engine, "7")
    claim = closure.claim_finished(ledger.engine, seven, ClaimInput(date(2017, 10, 9), "办结"), [proof],
                                   user="测试员").value
    closure.return_claim(ledger.engine, seven, claim, date(2017, 10, 12), opinion="不全", user="测试员")
    ledger.close()
    return db_path


@pytest.mark.parametrize("as_of", [date(2017, 10, 15), date(2018, 1, 1)])
def test_first_page_shows_what_the_task_table_shows(sample_file, as_of):
    first = read_first_page(str(sample_file), as_of)
    assert first is not None and first.total == 32 and len(first.rows) == 32
    ledger = open_ledger(str(sample_file))
    table = TaskTable(ledger.engine, thresholds(ledger.engine))
    ids, rows = table.load(TaskQuery(as_of=as_of), limit=PAGE + 1)
    ledger.close()
    assert first.ids == ids and first.rows == rows
    assert len({r.light for r in rows}) >= 2, "the lights (60-day due warning from the settings) differ by task"
    assert [r.code for r in rows if r.light == "pending"] == ["6"]


def test_a_past_day_with_changes_effective_since_opens_the_usual_way(sample_file):
    """On 2017-03-01 task 2 had no progress yet (its reports take effect on 6月30日 and 9月30日):
    the first page, which reads the tasks' current columns, leaves that day to the table."""
    assert read_first_page(str(sample_file), date(2017, 3, 1)) is None
    ledger = open_ledger(str(sample_file))
    table = TaskTable(ledger.engine, thresholds(ledger.engine))
    _ids, rows = table.load(TaskQuery(as_of=date(2017, 3, 1)), limit=PAGE + 1)
    ledger.close()
    second = next(r for r in rows if r.code == "2")
    assert (second.status, second.percent, second.latest) == ("未启动", 0, "")


def test_first_page_of_a_long_ledger_stops_after_a_page(db_path, tmp_path):
    from tests.tables import write_table

    rows = [[i, "一、领域", f"项目{i}", "内容", "", "审批局", "", "", "2017年12月31日"] for i in range(1, 251)]
    ledger = open_ledger(str(db_path))
    import_file(ledger.engine, write_table(tmp_path / "long.xlsx", rows))
    ledger.close()
    first = read_first_page(str(db_path), date(2017, 10, 1))
    assert first.total == 250 and len(first.ids) == PAGE + 1 and len(first.rows) == PAGE


def test_anything_unusual_is_left_to_the_usual_way(db_path, tmp_path):
    assert read_first_page(str(tmp_path / "missing.db"), date.today()) is None
    assert read_first_page("postgresql+psycopg://clerk@server/ledger", date.today()) is None
    (tmp_path / "notes.db").write_text("not a database")
    assert read_first_page(str(tmp_path / "notes.db"), date.today()) is None
    open_ledger(str(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0005'")  # to be migrated by Alembic
    assert read_first_page(str(db_path), date.today()) is None


def _start(db: str, tmp_path) -> tuple[subprocess.CompletedProcess, dict]:
    report = tmp_path / "start.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TASK_LEDGER_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "start_app.py"), db, str(report)], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT)
    return done, json.loads(report.read_text()) if report.exists() else {}


def test_the_window_is_painted_with_rows_before_the_database_layer_loads(sample_file, tmp_path):
    done, seen = _start(str(sample_file), tmp_path)
    assert done.returncode == 0, done.stderr
    assert seen["paints"] == [{"rows": 32, "sqlalchemy": False, "ledger_open": False}]
    assert seen["opened"] == {"rows": 32, "detail": "DetailPane"}, "then the ledger is opened behind it"
    assert (done.stdout, done.stderr) == ("", ""), "a normal start prints nothing"


def test_a_first_start_on_a_new_ledger_prints_nothing_either(tmp_path):
    done, seen = _start(str(tmp_path / "new.db"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert seen["opened"]["rows"] == 0
    assert (done.stdout, done.stderr) == ("", "")


def test_a_start_that_upgrades_an_older_ledger_prints_nothing(tmp_path):
    """Upgrading runs the Alembic migrations, whose INFO lines used to be printed."""
    from db.engine import create_ledger_engine
    from db.migrate import HEAD, schema_revision, upgrade_to_head

    older = tmp_path / "older.db"
    engine = create_ledger_engine(str(older))
    upgrade_to_head(engine, "0010")
    engine.dispose()
    done, seen = _start(str(older), tmp_path)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")
    log = (tmp_path / "home" / "logs" / "task-ledger.log").read_text(encoding="utf-8")
    assert "Running upgrade 0010 -> 0011" in log, "Alembic's lines go to the log file instead"
    engine = create_ledger_engine(str(older))
    assert schema_revision(engine) == HEAD
    engine.dispose()
