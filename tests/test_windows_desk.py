"""What a clerk's Windows desk does to the program, simulated where Linux cannot do it for real:
a windowed executable without standard streams, an output file held open by WPS/Excel, a code
page 936 console redirected to a file, a ledger on a network drive, an upgrade of an old ledger."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path, PureWindowsPath

import pytest
from openpyxl import load_workbook

from db.migrate import HEAD, current_revision
from ledger_app.cli import console
from ledger_app.cli.main import main as cli_main
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.store.backup import list_backups
from ledger_app.store.opening import open_ledger
from ledger_app.system.files import is_network_path, replace_file
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


# 7. Ledger on a network drive --------------------------------------------------------------------

def drives(letter_types: dict[str, int]):
    return lambda root: letter_types.get(root, 3)  # 3: DRIVE_FIXED


# Links on this desk: a junction or symbolic link whose target is a share (what os.path.realpath, that is
# GetFinalPathNameByHandle, reports for it).
LINKS = {r"C:\台账\共享": r"\\server\share\台账", r"C:\链接": r"\\?\UNC\server\share", r"C:\映射": "X:\\",
         r"C:\本地": r"D:\data"}


def resolve(path: str) -> str:
    return next((target + path[len(link):] for link, target in LINKS.items()
                 if path.lower().startswith(link.lower() + "\\")), path)


@pytest.mark.parametrize(("path", "network"), [
    (r"\\server\share\台账\ledger.db", True),
    ("//server/share/ledger.db", True),
    (r"\\?\UNC\server\share\ledger.db", True),
    (r"\\?\unc\server\share\ledger.db", True),  # the prefix in lower case is the same prefix
    ("//?/unc/server/share/ledger.db", True),
    (r"\\.\UNC\server\share\ledger.db", True),  # the device namespace names a share too
    (r"\\?\GLOBALROOT\Device\Mup\server\share\ledger.db", True),  # the NT name of every UNC path
    (r"\\.\GLOBALROOT\Device\Mup\server\share\ledger.db", True),
    (r"\\?\globalroot\device\mup\server\share\ledger.db", True),
    (r"\\?\GLOBALROOT\Device\LanmanRedirector\server\share\ledger.db", True),
    (r"\\?\GLOBALROOT\??\UNC\server\share\ledger.db", True),
    (r"\??\UNC\server\share\ledger.db", True),
    (r"X:\台账\ledger.db", True),  # mapped to \\server\share
    (r"\\?\X:\ledger.db", True),
    (r"\\.\X:\ledger.db", True),
    (r"C:\台账\共享\ledger.db", True),  # a junction to \\server\share\台账
    (r"C:\链接\ledger.db", True),  # a symbolic link to \\?\UNC\server\share
    (r"C:\映射\ledger.db", True),  # a symbolic link to the mapped drive X:
    (r"C:\Users\clerk\AppData\Local\TaskLedger\ledger.db", False),
    (r"\\?\C:\ledger.db", False),  # the long form of a local path
    (r"\\?\c:\台账\ledger.db", False),
    (r"\\.\C:\ledger.db", False),
    (r"\\?\Volume{26a21bda-a627-11d7-9931-806e6f6e6963}\ledger.db", False),
    (r"\\?\GLOBALROOT\Device\HarddiskVolume2\ledger.db", False),
    (r"C:\本地\ledger.db", False),  # a junction to another local disk
    (r"\\.\pipe\ledger", False),
    ("ledger.db", False),
])
def test_network_paths(path, network):
    assert is_network_path(PureWindowsPath(path), drive_type=drives({"X:\\": 4}), resolve=resolve) is network


@pytest.mark.parametrize("path", [
    "//server/share/ledger.db",  # a text path, as a setting or a command line gives it: / for \\
    "//?/UNC/server/share/ledger.db",
    r"\\?\GLOBALROOT\\Device\Mup\server\share\ledger.db",  # a separator doubled after GLOBALROOT
])
def test_network_paths_written_as_text(path):
    assert is_network_path(path, drive_type=drives({})) is True


def test_on_windows_a_drive_letter_is_asked_of_windows(monkeypatch):
    """No drive_type given (the program itself): on Windows, GetDriveTypeW answers for X:."""
    import ledger_app.system.files as files

    asked: list[str] = []
    monkeypatch.setattr(files, "_windows_drive_type", lambda root: asked.append(root) or (4 if root == "X:\\" else 3))
    monkeypatch.setattr(sys, "platform", "win32")
    found = [is_network_path(PureWindowsPath(p), resolve=lambda p: p) for p in (r"X:\台账.db", r"C:\台账.db")]
    monkeypatch.undo()
    assert found == [True, False] and asked == ["X:\\", "C:\\"]


@pytest.mark.parametrize(("error", "locked"), [
    (PermissionError(13, "in use"), True),
    (OSError(16, "busy"), True),  # EBUSY: not a PermissionError
    (OSError(26, "text file busy"), True),  # ETXTBSY
    (OSError(2, "no such file"), False),
    (OSError(28, "no space"), False),
])
def test_which_errors_mean_the_file_is_held_open(error, locked):
    from ledger_app.system.files import is_locked_error

    assert is_locked_error(error) is locked


@pytest.mark.parametrize("winerror", [32, 33])  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: WPS holds it
def test_a_sharing_violation_means_the_file_is_held_open(winerror):
    from ledger_app.system.files import is_locked_error

    error = OSError(22, "invalid argument")  # an errno that says nothing of it: the Windows code decides
    error.winerror = winerror
    assert is_locked_error(error) is True


def test_an_empty_out_path_is_refused_in_words():
    import argparse

    from ledger_app.system.files import out_path

    with pytest.raises(argparse.ArgumentTypeError) as refused:
        out_path("  ")
    assert str(refused.value) == "没有指定文件名"
    assert out_path("通报.pdf") == Path("通报.pdf")


MOUNTS = "\n".join([
    "sysfs /sys sysfs rw,nosuid 0 0",
    "/dev/sda1 / ext4 rw,relatime 0 0",
    "tmpfs /tmp tmpfs rw 0 0",
    "server:/export /mnt/nfs nfs rw,vers=3 0 0",
    "server:/export4 /srv/nfs4 nfs4 rw 0 0",
    r"//server/share /mnt/共享\040盘 cifs rw 0 0",  # a space in a mount point is written \040
    "//server/share3 /media/smb smb3 rw 0 0",
    "//server/old /media/old smbfs rw 0 0",
    "C:\\134 /mnt/c 9p rw 0 0",  # WSL's Windows drives: a file protocol, no SQLite locking over it
    "/dev/sdb1 /mnt/nfs/local ext4 rw 0 0",  # a local disk mounted inside the share
    "/dev/sdc1 /mnt/nfsish ext4 rw 0 0",  # not under /mnt/nfs
    "server:/export /home/clerk/nfs nfs4 rw 0 0",
    "/dev/sdd1 /home/clerk/nfs xfs rw 0 0",  # mounted over it later: the last mount there wins
])


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
@pytest.mark.parametrize(("path", "network"), [
    ("/mnt/nfs/台账/ledger.db", True),
    ("/mnt/nfs", True),
    ("/srv/nfs4/ledger.db", True),
    ("/mnt/共享 盘/ledger.db", True),
    ("/media/smb/ledger.db", True),
    ("/media/old/ledger.db", True),
    ("/mnt/c/Users/clerk/ledger.db", True),
    ("/mnt/nfs/local/ledger.db", False),
    ("/mnt/nfsish/ledger.db", False),
    ("/home/clerk/nfs/ledger.db", False),
    ("/home/clerk/ledger.db", False),
    ("/tmp/ledger.db", False),
])
def test_network_mounts_on_linux(path, network):
    assert is_network_path(path, mounts=MOUNTS) is network


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
def test_a_link_to_a_network_mount_is_on_the_network(tmp_path):
    link = tmp_path / "台账"
    link.symlink_to("/mnt/nfs/台账")
    assert is_network_path(link / "ledger.db", mounts=MOUNTS) is True
    assert is_network_path(tmp_path / "ledger.db", mounts=MOUNTS) is False


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
def test_a_ledger_on_an_nfs_mount_is_refused(tmp_path, monkeypatch, capsys):
    share = tmp_path / "nfs"
    share.mkdir()
    table = f"/dev/sda1 / ext4 rw 0 0\nserver:/export {share} nfs4 rw 0 0\n"
    monkeypatch.setattr("ledger_app.system.files._mount_table", lambda: table)
    with pytest.raises(LedgerError, match="网络驱动器"):
        open_ledger(str(share / "ledger.db"))
    assert not (share / "ledger.db").exists()
    assert cli_main(["--db", str(share / "ledger.db"), "list"]) == 2
    assert "网络驱动器" in capsys.readouterr().err
    open_ledger(str(tmp_path / "local" / "ledger.db")).close()  # a local file still opens


def test_network_detection_on_this_computer(tmp_path):
    assert is_network_path(tmp_path / "ledger.db") is False


def test_ledger_on_a_network_drive_is_refused_with_the_server_option(tmp_path, monkeypatch, capsys):
    share = tmp_path / "share" / "ledger.db"
    monkeypatch.setattr("ledger_app.store.opening.is_network_path", lambda path: Path(path).parent.name == "share")
    with pytest.raises(LedgerError, match="网络驱动器") as caught:
        open_ledger(str(share))
    assert "连接共享台账服务器" in str(caught.value) and not share.exists()
    assert cli_main(["--db", str(share), "list"]) == 2
    assert "网络驱动器" in capsys.readouterr().err
    open_ledger(str(tmp_path / "local" / "ledger.db")).close()  # a local file still opens


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
