"""What a clerk's Windows desk does to the program, simulated where Linux cannot do it for real:
a windowed executable without standard streams, an output file held open by WPS/Excel, a code
page 936 console redirected to a file, an upgrade of an old ledger. A ledger on a network drive:
tests/test_network_paths.py."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.migrate import HEAD, current_revision
from ledger_app.cli import console
from ledger_app.cli.main import main as cli_main
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.store.backup import list_backups
from ledger_app.store.opening import open_ledger
from ledger_app.system.files import replace_file
from ledger_app.system.running import MUTEX_NAME
from tests.conftest import ROOT
from tests.old_ledger import OLD_REVISION, write_old_ledger

LOCKED = "文件被其他程序占用，请关闭后重试："


@pytest.fixture
def filled(db_path: Path, sample: Path) -> Path:
    ledger = open_ledger(str(db_path))
    import_file(ledger.engine, sample)
    ledger.close()
    return db_path


def hold_open(monkeypatch, *targets: Path) -> None:
    """Windows refuses to replace a file another program has open: MoveFileEx fails with a sharing
    violation, which Python raises as PermissionError. Linux would let the replace through."""
    real = os.replace
    held = {Path(t).resolve() for t in targets}

    def replace(src, dst, *args, **kwargs):
        if Path(dst).resolve() in held:
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


# 1. The windowed executable: no stdout, no stderr ------------------------------------------------

def _without_streams(*args: str, wait: float | None = None) -> subprocess.Popen:
    # Started with fds 1 and 2 closed, Python sets sys.stdout and sys.stderr to None, exactly as in
    # a windowed (console=False) executable or pythonw.exe.
    command = " ".join(f"'{a}'" for a in (sys.executable, *args))
    return subprocess.Popen(["sh", "-c", f"exec {command} >&- 2>&-"], cwd=ROOT, stdin=subprocess.DEVNULL)


def test_no_streams_is_what_a_windowed_executable_gets():
    probe = _without_streams("-c", "import sys; sys.exit(0 if sys.stdout is None and sys.stderr is None else 1)")
    assert probe.wait(30) == 0


def test_subcommands_run_without_standard_streams(filled, tmp_path):
    assert _without_streams("main.py", "--db", str(filled), "list").wait(60) == 0
    assert _without_streams("main.py", "--db", str(filled), "show", "999").wait(60) == 2  # an error, not a crash
    out = tmp_path / "台账.xlsx"
    assert _without_streams("main.py", "--db", str(filled), "export", "--out", str(out)).wait(60) == 0
    assert load_workbook(out)["台账"].max_row == 34


def test_window_starts_without_standard_streams(filled, isolated_home):
    app = _without_streams("main.py", "--db", str(filled))
    try:
        time.sleep(4)
        assert app.poll() is None, "the window should still be up"
    finally:
        app.terminate()
        app.wait(30)
    log = (isolated_home / "logs" / "task-ledger.log").read_text(encoding="utf-8")
    assert "starting" in log and "Traceback" not in log


# 3. Output files held open by another program ----------------------------------------------------

def test_replace_file_says_the_target_is_held_open(tmp_path, monkeypatch):
    target, tmp = tmp_path / "台账.xlsx", tmp_path / "台账.xlsx.part"
    target.write_bytes(b"old")
    tmp.write_bytes(b"new")
    hold_open(monkeypatch, target)
    with pytest.raises(LedgerError) as caught:
        replace_file(tmp, target)
    assert str(caught.value) == f"{LOCKED}{target}"
    assert target.read_bytes() == b"old" and not tmp.exists()


def test_cli_export_to_a_file_open_in_excel(filled, tmp_path, monkeypatch, capsys):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the clerk's open workbook")
    hold_open(monkeypatch, target)
    assert cli_main(["--db", str(filled), "export", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{LOCKED}{target}" and "Traceback" not in err
    assert target.read_bytes() == b"the clerk's open workbook"
    assert list(tmp_path.glob("*.part")) == []


def test_cli_forms_and_backup_to_files_held_open(filled, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "forms"
    held_form = folder / "进展填报表_2017年第3季度_行政审批局.xlsx"
    held_backup = tmp_path / "副本.db"
    hold_open(monkeypatch, held_form, held_backup)
    assert cli_main(["--db", str(filled), "forms", "--year", "2017", "--quarter", "3", "--out", str(folder)]) == 2
    assert capsys.readouterr().err.strip() == f"{LOCKED}{held_form}"
    assert cli_main(["--db", str(filled), "backup", "--out", str(held_backup)]) == 2
    assert capsys.readouterr().err.strip() == f"{LOCKED}{held_backup}"
    assert not held_backup.exists() and list(tmp_path.rglob("*.part")) == []


def test_cli_reports_other_file_errors_without_a_traceback(filled, tmp_path, capsys):
    too_long = tmp_path / ("台账" * 200 + ".xlsx")  # longer than a file name may be
    assert cli_main(["--db", str(filled), "export", "--out", str(too_long)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("无法读写文件：") and "Traceback" not in err


def test_window_export_to_a_file_open_in_excel_warns(qtbot, ledger, sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    import_file(ledger.engine, sample)
    window = MainWindow(ledger, Preferences())
    qtbot.addWidget(window)
    window.model.wait()
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"open in WPS")
    hold_open(monkeypatch, target)
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    monkeypatch.setattr("ui.crash.CrashDialog.exec", lambda self: pytest.fail("crash dialog shown"))
    window.actions_.export.trigger()
    assert warnings == [f"{LOCKED}{target}"]
    assert target.read_bytes() == b"open in WPS"
    window.model.wait()


# 4. Code page 936 console, redirected ------------------------------------------------------------

RARE = "𠮷"  # U+20BB7: outside GBK, in GB18030 (a name character seen in real department staff lists)


def test_cp936_redirect_one_encoding_for_stdout_and_stderr(filled, monkeypatch):
    from ledger_app.operations import edit_task
    from ledger_app.tasks.queries import find_task_id

    ledger = open_ledger(str(filled))
    edit_task(ledger.engine, find_task_id(ledger.engine, "1"), {"leader": f"张{RARE}"}, user="测试员")
    ledger.close()
    # `task-ledger list > log.txt 2>&1` in a code page 936 console: one file behind both streams,
    # each stream opened by Python the way Windows hands them over (ANSI code page).
    log = io.BytesIO()
    out = io.TextIOWrapper(log, encoding="cp936", errors="strict", write_through=True)
    err = io.TextIOWrapper(log, encoding="cp936", errors="backslashreplace", write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(console.sys, "platform", "win32")
    monkeypatch.setattr(console, "_windows_codepage", lambda: 936)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    assert cli_main(["--db", str(filled), "show", "1"]) == 0
    assert cli_main(["--db", str(filled), "show", f"9{RARE}"]) == 2
    out.flush()
    err.flush()
    raw = log.getvalue()
    text = raw.decode("gb18030")  # what Notepad, WPS and Python read back
    assert f"责任领导：张{RARE}" in text and f"台账中没有编号为“9{RARE}”的任务" in text
    assert "\\U" not in text and "\\u" not in text and "?" not in text
    # `type log.txt` and `findstr` in that console read GBK: every GBK character is byte for byte
    # what GBK writes, so a search for Chinese text typed in the console finds its line.
    assert "推进相对集中行政许可权试点改革".encode("gbk") in raw
    assert "台账中没有编号为".encode("gbk") in raw


def test_redirected_encoding_by_code_page(monkeypatch):
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    assert console.redirected_encoding("win32", 936) == ("gb18030", "backslashreplace")
    assert console.redirected_encoding("win32", 65001) == ("utf-8", "backslashreplace")
    assert console.redirected_encoding("win32", 1252) == ("cp1252", "replace")
    assert console.redirected_encoding("linux", None)[0] == "utf-8"
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    assert console.redirected_encoding("win32", 936) == ("utf-8", "strict"), "a script may ask for UTF-8"


# 6. Back up before the schema changes ------------------------------------------------------------

def _revision(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_old_ledger_is_backed_up_before_its_schema_is_upgraded(db_path):
    write_old_ledger(str(db_path))
    ledger = open_ledger(str(db_path))
    assert current_revision(ledger.engine) == HEAD
    ledger.close()
    (upgrade,) = [p for p in list_backups(db_path) if "-upgrade" in p.name]
    assert _revision(upgrade) == OLD_REVISION, "the copy is the ledger as it was before the upgrade"
    with closing(sqlite3.connect(upgrade)) as conn:
        assert conn.execute("SELECT title, percent FROM task").fetchall() == [("深化行政审批制度改革", 40)]


def test_current_ledger_opens_without_an_upgrade_backup(filled):
    open_ledger(str(filled)).close()
    assert not [p for p in list_backups(filled) if "-upgrade" in p.name]


def test_no_upgrade_without_a_backup(db_path, monkeypatch):
    write_old_ledger(str(db_path))

    def full_disk(*args, **kwargs):
        raise LedgerError("无法备份台账 {path}：{reason}", path=db_path, reason="磁盘已满")

    monkeypatch.setattr("ledger_app.store.backup.backup_ledger", full_disk)
    with pytest.raises(LedgerError, match="升级台账结构前无法备份.*磁盘已满.*未做任何改动"):
        open_ledger(str(db_path))
    assert _revision(db_path) == OLD_REVISION


# The installer checks for the mutex the program holds ---------------------------------------------

def test_installer_checks_the_mutex_the_program_holds():
    script = (ROOT / "packaging" / "installer.nsi").read_text(encoding="utf-8")
    assert f'"{MUTEX_NAME}"' in script


@pytest.mark.parametrize(("given", "plain"), [
    (r"\\?\C:\台账\ledger.db", r"C:\台账\ledger.db"),
    (r"//?/C:/台账/ledger.db", r"C:/台账/ledger.db"),
    (r"\\.\D:\ledger.db", r"D:\ledger.db"),
    (r"\\?\UNC\server\share\ledger.db", r"\\server\share\ledger.db"),
    (r"\\?\unc\server\share\ledger.db", r"\\server\share\ledger.db"),
    (r"\\.\UNC\server\share\ledger.db", r"\\server\share\ledger.db"),
    (r"\\?\GLOBALROOT\Device\Mup\server\share\ledger.db", r"\\server\share\ledger.db"),
    (r"C:\ledger.db", r"C:\ledger.db"),
])
def test_long_windows_paths_are_read_as_the_paths_they_are(given, plain):
    r"""Issue 25.13: ``\\?\C:\…`` opens the file (its ``?`` is not a URL's query), and the long
    forms of a share are shares (refused like ``\\server\share``)."""
    from db.engine import resolve_url
    from db.location import chosen

    assert chosen(given) == plain
    assert "?" not in resolve_url(given)
