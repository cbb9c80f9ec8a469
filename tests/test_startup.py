"""Start-up: the window is painted from the first page of the ledger (a local file or a server) before
the database layer is loaded, shows the same rows the table model would, and prints nothing."""

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
def sample_db(db_url, sample, tmp_path):
    """The sample with some progress, a collective term and two claims, on the test's database: a local
    file, or a PostgreSQL server (make test-pg)."""
    _fill(db_url, sample, tmp_path)
    return db_url


def _fill(db: str, sample, folder) -> None:  # noqa: ANN001
    ledger = open_ledger(db, user="测试员")
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

    proof = pdf(folder / "证明.pdf")
    closure.claim_finished(ledger.engine, find_task_id(ledger.engine, "6"), ClaimInput(date(2017, 10, 9), "办结"),
                           [proof], user="测试员")
    seven = find_task_id(ledger.engine, "7")
    claim = closure.claim_finished(ledger.engine, seven, ClaimInput(date(2017, 10, 9), "办结"), [proof],
                                   user="测试员").value
    closure.return_claim(ledger.engine, seven, claim, date(2017, 10, 12), opinion="不全", user="测试员")
    ledger.close()


@pytest.mark.parametrize("as_of", [date(2017, 10, 15), date(2018, 1, 1)])
def test_first_page_shows_what_the_task_table_shows(sample_db, as_of):
    """On either database: a server's first page is read with the bare driver too (issue 27)."""
    first = read_first_page(sample_db, as_of)
    assert first is not None and first.total == 32 and len(first.rows) == 32
    ledger = open_ledger(sample_db)
    table = TaskTable(ledger.engine, thresholds(ledger.engine))
    ids, rows = table.load(TaskQuery(as_of=as_of), limit=PAGE + 1)
    assert first.name == ledger.display_name  # the window's title does not change when the ledger opens
    ledger.close()
    assert first.ids == ids and first.rows == rows
    assert len({r.light for r in rows}) >= 2, "the lights (60-day due warning from the settings) differ by task"
    assert [r.code for r in rows if r.light == "pending"] == ["6"]


def test_a_past_day_with_changes_effective_since_opens_the_usual_way(sample_db):
    """On 2017-03-01 task 2 had no progress yet (its reports take effect on 6月30日 and 9月30日):
    the first page, which reads the tasks' current columns, leaves that day to the table."""
    assert read_first_page(sample_db, date(2017, 3, 1)) is None
    ledger = open_ledger(sample_db)
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


@pytest.mark.parametrize("url", ["postgresql+psycopg://clerk:s3cr%40t@db.example:5432/ledger?sslmode=require",
                                 "postgresql://clerk@db.example/ledger", "postgresql+psycopg://db.example/ledger"])
def test_a_server_s_first_page_is_titled_as_the_opened_ledger_is(url):
    """The password never reaches the title, hidden the way SQLAlchemy hides it once the ledger opens."""
    from sqlalchemy.engine import make_url

    from ledger_app.tasks.first_page import shown_url

    assert shown_url(url) == make_url(url).render_as_string(hide_password=True)
    assert "s3cr" not in shown_url(url)


def test_anything_unusual_is_left_to_the_usual_way(db_path, tmp_path):
    assert read_first_page(str(tmp_path / "missing.db"), date.today()) is None
    # A server that does not answer (nothing listens on port 9 of this machine), a database of another kind.
    assert read_first_page("postgresql+psycopg://clerk@127.0.0.1:9/ledger", date.today()) is None
    assert read_first_page("mysql://clerk@127.0.0.1:9/ledger", date.today()) is None
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


def test_the_window_is_painted_with_rows_before_the_database_layer_loads(sample_db, tmp_path):
    """A local file and a server alike: the first paint shows the rows, SQLAlchemy not yet loaded."""
    done, seen = _start(sample_db, tmp_path)
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


SERVER = "postgresql+psycopg://clerk@127.0.0.1:9/ledger"


def _recording(monkeypatch, answer=None, error=None):  # noqa: ANN001, ANN202
    """read_first_page replaced by one that notes the thread it ran on and waits to be let go."""
    import threading

    from ledger_app.tasks import first_page

    asked, go, threads = threading.Event(), threading.Event(), []

    def read(db, as_of):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread().name)
        asked.set()
        go.wait(10)
        if error is not None:
            raise error
        return answer

    monkeypatch.setattr(first_page, "read_first_page", read)
    return asked, go, threads


def test_a_server_s_first_page_is_read_while_the_window_is_built(monkeypatch):
    """Begun at once, on a thread of its own: the window is built while the server answers."""
    from ledger_app.tasks.first_page import Reading

    asked, go, threads = _recording(monkeypatch, answer="the page")
    reading = Reading(SERVER, date(2017, 10, 15))
    assert asked.wait(10), "the server is asked before anybody waits for the answer"
    go.set()
    assert reading.result() == "the page"
    assert threads == ["first page"]


def test_a_local_file_s_first_page_is_read_when_asked_in_the_thread_that_asks(monkeypatch, tmp_path):
    """Python work on a second thread would only wait for the interpreter's lock (measured slower)."""
    import threading

    from ledger_app.tasks.first_page import Reading

    asked, go, threads = _recording(monkeypatch, answer="the page")
    go.set()
    reading = Reading(str(tmp_path / "ledger.db"), date(2017, 10, 15))
    assert not asked.is_set()
    assert reading.result() == "the page"
    assert threads == [threading.current_thread().name]


def test_what_goes_wrong_on_the_reading_thread_is_raised_where_the_page_is_asked_for(monkeypatch):
    from ledger_app.tasks.first_page import Reading

    _asked, go, _threads = _recording(monkeypatch, error=RuntimeError("磁盘已满"))
    go.set()
    with pytest.raises(RuntimeError, match="磁盘已满"):
        Reading(SERVER, date(2017, 10, 15)).result()


def test_a_server_that_does_not_answer_is_opened_the_usual_way(tmp_path):
    """Nothing listens on port 9: the read-ahead answers None, as read_first_page does."""
    from ledger_app.tasks.first_page import Reading

    assert Reading(SERVER, date.today()).result() is None


def test_the_first_page_shown_before_the_ledger_opens_cannot_be_edited_until_it_has(sample_db, ledger, qtbot):
    """Cells of the page painted from the first read have nowhere to write to until the ledger is open."""
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow
    from ui.preferences import Preferences
    from ui.task_model import COL

    window = MainWindow(None, Preferences())
    qtbot.addWidget(window)
    window.show_first_page(read_first_page(sample_db, date(2017, 10, 15)))
    status = window.model.index(0, COL["status"])
    assert window.model.rowCount() == 32
    assert not window.model.flags(status) & Qt.ItemFlag.ItemIsEditable
    window.set_ledger(ledger)  # the fixture closes it once the window's work is done
    assert window.model.flags(status) & Qt.ItemFlag.ItemIsEditable
    assert not window.model.flags(window.model.index(0, COL["title"])) & Qt.ItemFlag.ItemIsEditable
    window.controller.wait()
    window.model.wait()
    window.close()
