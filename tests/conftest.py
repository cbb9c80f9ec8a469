from __future__ import annotations

import gc
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
OUTPUT = ROOT / "tests" / "output"

# Tests never touch the clerk's real ledger or screen.
os.environ.pop("TASK_LEDGER_DB", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TASK_LEDGER_LANG"] = "zh"
# Set by tools/pg_cluster.py: run every ledger test against this PostgreSQL server instead of SQLite.
PG_SERVER = os.environ.get("TASK_LEDGER_TEST_PG", "")


@cache
def _pg_admin() -> Engine:
    return create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session", autouse=True)
def _pg_admin_closed() -> Iterator[None]:
    yield
    if PG_SERVER:
        _pg_admin().dispose()


def pytest_report_header(config) -> str:
    return f"ledger database: {'PostgreSQL ' + make_url(PG_SERVER).host if PG_SERVER else 'SQLite'}"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Preferences, logs and the demo ledger of each test live in a throw-away folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TASK_LEDGER_HOME", str(home))
    return home


@pytest.fixture
def evidence_optional(monkeypatch) -> None:
    """For tests about other rules that set a task 已完成 directly, as an office that turned the
    evidence rule off does: ``evidence.required`` defaults to 0 while they run (issue 26 made it 1).
    The rule itself is tested in tests/test_closure_workflow.py."""
    from dataclasses import replace

    from ledger_app.store import settings

    monkeypatch.setitem(settings.SPECS, "evidence.required", replace(settings.SPECS["evidence.required"], default="0"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite ledger file, for the tests that are about SQLite files as such."""
    return tmp_path / "ledger.db"


@pytest.fixture
def db(db_path: Path) -> Path:
    """The SQLite ledger file of the tests about files, backups and the command line."""
    return db_path


@pytest.fixture
def filled(db: Path, sample: Path) -> Path:
    """``db`` with the 32 tasks of the sample table imported."""
    from ledger_app.exchange.importing import import_file
    from ledger_app.store.opening import open_ledger

    ledger = open_ledger(str(db), user="测试员")
    import_file(ledger.engine, sample)
    ledger.close()
    return db


@pytest.fixture
def cli(monkeypatch):
    """The command line in this process; the language it sets is put back afterwards."""
    import argparse

    from ledger_app.cli.main import main
    from ledger_app.messages import i18n

    monkeypatch.setattr(i18n, "_lang", i18n.language())
    monkeypatch.setattr(argparse, "_", argparse._)
    return main


@pytest.fixture
def new_db_url(tmp_path: Path, request) -> Iterator[Callable[[str], str]]:
    """Make a fresh, empty ledger database named ``name`` and return its ``--db`` value:
    a SQLite file, or a new PostgreSQL database when the suite runs against a server."""
    made: list[str] = []

    def make(name: str = "ledger") -> str:
        if not PG_SERVER:
            return str(tmp_path / f"{name}.db")
        db = f"t_{uuid.uuid4().hex[:16]}"
        with _pg_admin().connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{db}"')
        made.append(db)
        return str(make_url(PG_SERVER).set(database=db).render_as_string(hide_password=False))

    yield make
    # Dropped a few tests later, not now: a window's background reload may still be
    # finishing against this database while pytest-qt closes it.
    if not PG_SERVER:
        return
    _retired.append(made)
    while len(_retired) > 3:
        with _pg_admin().connect() as conn:
            for db in _retired.pop(0):
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


_retired: list[list[str]] = []


@pytest.fixture
def db_url(new_db_url) -> str:
    """The test's ledger: SQLite by default, PostgreSQL under ``TASK_LEDGER_TEST_PG``."""
    return new_db_url("ledger")


@pytest.fixture
def ledger(db_url: str):
    from ledger_app.store.opening import open_ledger

    opened = open_ledger(db_url, user="测试员")
    yield opened
    # Queries of windows and dialogs still on worker threads finish, and connections of objects
    # the test dropped go back to the pool, before the pool is closed under them.
    background = sys.modules.get("ui.background")
    if background is not None:
        background.wait_all()
    gc.collect()
    opened.close()


@pytest.fixture
def sample() -> Path:
    return SAMPLE


@pytest.fixture
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls):
    """pytest-qt's application, in the shipped language (Chinese) with the bundled CJK font,
    so screenshots show what a clerk sees."""
    from ui import fonts, translations

    app = qapp_cls.instance() or qapp_cls(qapp_args)
    translations.install(app, "zh_CN")
    fonts.ensure_cjk_font(app)
    yield app


@pytest.fixture
def window(qtbot, ledger, qapp):
    """The main window on the test's ledger, as of 2017-10-15 (the sample's quarter)."""
    from ui.fonts import ensure_cjk_font
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    ensure_cjk_font(qapp)
    win = MainWindow(ledger, Preferences())
    win.controller.set_as_of(date(2017, 10, 15))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.controller.wait()
    win.model.wait()
    from ui import background

    background.wait_all()  # the 今日提醒 and the navigation are read in the background too
