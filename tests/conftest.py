from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
OUTPUT = ROOT / "tests" / "output"

# Tests never touch the clerk's real ledger or screen.
os.environ.pop("TASK_LEDGER_DB", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TASK_LEDGER_LANG"] = "zh"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Preferences, logs and the demo ledger of each test live in a throw-away folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TASK_LEDGER_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db_path: Path):
    from ledger_app.ledger import open_ledger

    opened = open_ledger(str(db_path), user="测试员")
    yield opened
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
