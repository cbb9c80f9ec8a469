from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
OUTPUT = ROOT / "tests" / "output"
# Marks the tests that need a QApplication (uses_qt), so `make mutation` can leave them out.
pytest_plugins = ["tests.qt_marker"]

# Tests never touch the clerk's real ledger or screen.
os.environ.pop("TASK_LEDGER_DB", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TASK_LEDGER_LANG"] = "zh"
# Hypothesis (tests/test_fuzz_import.py): by default the short run of CI, a fixed walk through the search
# space (the same examples every run, no example database); `make fuzz` (--hypothesis-profile=fuzz) hunts
# at random, LEDGER_FUZZ_EXAMPLES examples a test (5000 unless set).
settings.register_profile("ci", max_examples=40, derandomize=True, database=None, deadline=None)
settings.register_profile("fuzz", max_examples=int(os.environ.get("LEDGER_FUZZ_EXAMPLES", "5000")),
                          derandomize=False, database=None, deadline=None, print_blob=True)
settings.load_profile("ci")
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


# Every test's ledger comes from new_db_url (db_url, ledger, window and the tests' own fixtures ask for it,
# directly or through one another). A test that asks for it, by argument or through any fixture it uses,
# is marked uses_db: the PostgreSQL run (make test-pg) runs those only (-m uses_db); the rest never touch
# the suite's database and ran on SQLite already. tests/test_suite_rules.py shows the rule.
DB_FIXTURE = "new_db_url"
USES_DB = "uses_db"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", f"{USES_DB}: asks for the suite's database ({DB_FIXTURE}); set by conftest")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if DB_FIXTURE in getattr(item, "fixturenames", ()):  # the closure: fixtures of fixtures too
            item.add_marker(USES_DB)


@pytest.fixture(autouse=True)
def _deadlines_read_afresh() -> None:
    """parse_deadline remembers its answers for the process: each test reads its texts through the rule."""
    from ledger_app.dates import deadlines

    deadlines.forget()


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
    from ledger_app.exchange.importing.apply import import_file
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
def run_main(cli, monkeypatch) -> Callable[..., subprocess.CompletedProcess]:
    """``main.py ARGS`` as a clerk types it, run in this process instead of a new one (a second or so
    less each): the same arguments, and what ``subprocess.run(..., capture_output=True, text=True)``
    would hand back (exit code, stdout, stderr). Each call starts from the test's language and
    environment as a new process would; ``env`` adds variables for this call only. The tests of the
    process itself (exit of the real interpreter, modules it loads, streams, signals) still start one."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        import argparse
        import contextlib
        import io

        from ledger_app.cli import common as command_line
        from ledger_app.messages import i18n

        out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8")
        with monkeypatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            patch.setattr(i18n, "_lang", i18n.language())
            patch.setattr(argparse, "_", argparse._)
            patch.setattr(command_line, "_hinted", set())  # which damaged ledgers it named a backup for
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            try:
                code = cli(list(args))
            except SystemExit as exit:  # argparse: --help, a usage error
                code = exit.code
                if code is not None and not isinstance(code, int):
                    print(code, file=sys.stderr)
                    code = 1
        streams = []
        for stream in (out, err):  # reconfigured (encoding) by the command line, as a pipe is
            stream.flush()
            streams.append(stream.buffer.getvalue().decode(stream.encoding))
        return subprocess.CompletedProcess(["main.py", *args], code or 0, *streams)

    return run


@pytest.fixture
def command(run_main):
    """``run_main`` as the command-line tests call it: ``--db`` in front when given, exit 0 asserted unless
    ``check=False``."""

    def run(*args: str, db=None, env=None, check=True) -> subprocess.CompletedProcess:
        if db is not None:
            args = ("--db", str(db), *args)
        result = run_main(*args, env=env)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


@pytest.fixture
def new_db_url(tmp_path: Path, request) -> Iterator[Callable[[str], str]]:
    """Make a fresh, empty ledger database named ``name`` and return its ``--db`` value:
    a SQLite file, or a new PostgreSQL database when the suite runs against a server."""
    # Asked for some other way than by name (request.getfixturevalue), the test would not be marked and
    # would be left out of the PostgreSQL run without a word: refused, on SQLite too.
    assert request.node.get_closest_marker(USES_DB), (
        f"{request.node.nodeid} uses the database without naming {DB_FIXTURE} (or a fixture that does) "
        "among its arguments, so the PostgreSQL run would leave it out")
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
    # The windows and dialogs of the test were closed by pytest-qt, their deletion only posted: done now,
    # or a timer of theirs could still query this ledger after it is closed, through a new pool nobody
    # closes. Then the queries still on worker threads finish before the pool is closed under them.
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None and qt.QCoreApplication.instance() is not None:
        qt.QCoreApplication.sendPostedEvents(None, qt.QEvent.Type.DeferredDelete)
    background = sys.modules.get("ui.background")
    if background is not None:
        background.wait_all()
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


@pytest.fixture
def office(window):
    """The window on the sample with the office's name set: documents can be issued."""
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import set_setting

    import_file(window.controller.engine, SAMPLE)
    set_setting(window.controller.engine, "org.name", "常州经开区改革创新工作领导小组办公室")
    window.controller.ledger_replaced()
    return window
