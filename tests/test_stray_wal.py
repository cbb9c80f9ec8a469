"""A -wal file beside a ledger that is not the ledger's own is set aside, never replayed (issue 22, point 5;
SQLite replays any -wal it finds, even another database's). Split from tests/test_data_loss.py; like it,
about SQLite files as such, through the command line where a clerk would."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.store.backup import backup_ledger, list_backups
from ledger_app.store.opening import open_ledger
from tests.test_data_loss import digest, percent, run

# ----- issue 22, point 5: a -wal file that is not the ledger's own ---------------------------------


def secret(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT value FROM setting WHERE key = 'forms.secret'").fetchone()[0]


def wal_of_another_ledger(tmp_path: Path, sample: Path, whole: bool) -> Path:
    """The -wal file of another ledger, as it is while that ledger is open with its writes not yet
    folded back (wal_autocheckpoint=0 and a connection held open): ``whole`` — everything it holds,
    from its making on (a sound ledger of its own, with its own form-signing secret); else only the
    few pages of its last write."""
    other = tmp_path / "other" / "ledger.db"
    other.parent.mkdir()
    held = sqlite3.connect(other)
    held.execute("PRAGMA wal_autocheckpoint = 0")
    if whole:
        held.execute("PRAGMA journal_mode = WAL")
        held.execute("SELECT count(*) FROM sqlite_master").fetchall()  # holds the WAL open from here on
        ledger = open_ledger(str(other))
        from tests.tables import write_table

        import_file(ledger.engine, write_table(tmp_path / "other.xlsx", [
            [1, "领域", "另一个台账的项目", "内容", "", "招商局", "", "", "2017年底"]], title="另一个方案"))
        ledger.close()
    else:
        open_ledger(str(other)).close()
        held.execute("SELECT count(*) FROM sqlite_master").fetchall()
        held.execute("UPDATE setting SET value = value || '' WHERE key = 'forms.secret'")
        held.execute("INSERT INTO setting (key, value) VALUES ('note', '另一个台账')")
        held.commit()
    wal = tmp_path / "other.db-wal"
    wal.write_bytes(Path(f"{other}-wal").read_bytes())
    held.close()
    assert wal.stat().st_size > 0
    return wal


@pytest.mark.parametrize("whole", [False, True], ids=["last write", "whole other ledger"])
@pytest.mark.parametrize("command", ["list", "backup", "restore"])
def test_a_wal_of_another_ledger_is_set_aside_not_replayed(filled, db, sample, tmp_path, cli, capsys, whole,
                                                           command):
    """Issue 22, point 5: SQLite replays any -wal file beside a database, even another database's: a
    read-only ``list`` turned the 208 KB ledger into 20 KB without its task table, and said nothing."""
    good = backup_ledger(str(db), "manual", out=tmp_path / "good.db")
    wal = wal_of_another_ledger(tmp_path, sample, whole)
    before = digest(db)
    Path(f"{db}-wal").write_bytes(wal.read_bytes())
    args = {"list": ["list"], "backup": ["backup"], "restore": ["restore", str(good)]}[command]
    assert cli([*args, "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    (aside,) = db.parent.glob("ledger.db-wal.stray-*")
    assert aside.read_bytes() == wal.read_bytes(), "the stray WAL is kept, beside the ledger"
    assert "不属于这个台账" in err and str(aside) in err, err
    # The few pages of a last write fail the copy's integrity check, or make a sound ledger that is
    # another's (its own form-signing secret): with 16 KiB pages the whole setting table is one of them.
    assert "另一个台账" in err if whole else ("完整性检查" in err or "另一个台账" in err), err
    if command == "list":
        assert out.count("\n") == 32 and digest(db) == before, "the ledger as it was, unchanged"
    elif command == "backup":
        (made,) = list_backups(db)
        with closing(sqlite3.connect(made)) as conn:
            assert conn.execute("SELECT count(*) FROM task").fetchone()[0] == 32
    else:  # the replaced ledger kept aside is the ledger (in rollback mode now), not the stray WAL's
        (replaced,) = db.parent.glob("ledger.replaced-*.db")
        assert secret(replaced) == secret(good) and percent(replaced) == 0
        with closing(sqlite3.connect(replaced)) as conn:
            assert conn.execute("SELECT count(*) FROM task").fetchone()[0] == 32
    assert run("list", "--db", str(db)).stdout.count("\n") == 32


def test_a_killed_writers_own_wal_is_replayed(filled, db, cli, capsys):
    """The check must not take a ledger's own WAL for a stray one: a process killed after it committed
    leaves its writes in the -wal file, and they are the ledger's."""
    script = ("import os, sqlite3, sys\n"
              "conn = sqlite3.connect(sys.argv[1])\n"
              "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
              "conn.execute(\"UPDATE task SET percent = 66 WHERE code = '1'\")\n"
              "conn.commit()\n"
              "os._exit(0)  # killed: no close, nothing folded back\n")
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    assert Path(f"{db}-wal").stat().st_size > 0
    assert cli(["list", "--db", str(db)]) == 0
    assert "不属于" not in capsys.readouterr().err
    assert not list(db.parent.glob("*.stray-*")) and percent(db) == 66


def test_the_wal_of_a_program_writing_right_now_is_left_alone(filled, db):
    """Another command or window writing the ledger while it is opened: its WAL changes while it is
    copied for the check, and must never be taken for a stray one."""
    from ledger_app.store.stray_wal import set_aside_stray_wal

    script = ("import sqlite3, sys, time\n"
              "conn = sqlite3.connect(sys.argv[1], timeout=15, isolation_level=None)\n"
              "conn.execute('PRAGMA journal_mode = WAL')\n"
              "end = time.time() + 3\n"
              "while time.time() < end:\n"
              "    conn.execute('BEGIN IMMEDIATE')\n"
              "    conn.execute(\"UPDATE task SET percent = (percent + 1) % 100, content = hex(randomblob(900))\")\n"
              "    conn.execute('COMMIT')\n")
    writer = subprocess.Popen([sys.executable, "-c", script, str(db)])
    try:
        checks = 0
        while writer.poll() is None:
            assert set_aside_stray_wal(db) is None
            checks += 1
    finally:
        writer.wait()
    assert checks > 3 and not list(db.parent.glob("*.stray-*"))
    assert run("list", "--db", str(db)).stdout.count("\n") == 32


def test_a_stray_wal_that_cannot_be_moved_stops_the_opening(filled, db, sample, tmp_path, monkeypatch):
    """Windows will not rename a file another program holds open: then the ledger is not opened at all
    (opening it would replay the stray WAL into it)."""
    wal = wal_of_another_ledger(tmp_path, sample, whole=False)
    before = digest(db)
    Path(f"{db}-wal").write_bytes(wal.read_bytes())

    def held(src, dst):
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr("ledger_app.store.stray_wal.os.rename", held)
    with pytest.raises(LedgerError, match="不属于这个台账.*无法移开.*未做任何改动"):
        open_ledger(str(db))
    assert digest(db) == before and Path(f"{db}-wal").read_bytes() == wal.read_bytes()


def test_the_window_says_a_stray_wal_was_set_aside(qtbot, qapp, filled, db, sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    Path(f"{db}-wal").write_bytes(wal_of_another_ledger(tmp_path, sample, whole=True).read_bytes())
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    ledger = open_ledger(str(db))
    win = MainWindow(ledger, Preferences())
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(said))
    assert "不属于这个台账" in said[0] and "stray-" in said[0]
    win.controller.wait()
    win.model.wait()
