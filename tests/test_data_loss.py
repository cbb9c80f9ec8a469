"""The ways a ledger could be lost or corrupted, each closed (issue 12, data-loss paths 1, 2 and 5;
3 is tests/test_forms_signed.py, 4, 6 and 7 tests/test_input_limits.py).

These tests are about SQLite files as such (damage, locks, renames, symbolic links): they use ledger
files of their own whatever the suite's database, and go through the command line where a clerk would.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task
from ledger_app.store.backup import backup_ledger, list_backups
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.conftest import ROOT


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, **kwargs)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zero_middle_pages(path: Path, pages: int = 3) -> Path:
    """What a failing disk or a bad network copy does: some pages in the middle of the task data
    become zeros. (The pages of the task table's b-tree, wherever the file keeps them: damage to
    the schema pages themselves is test_a_ledger_whose_schema_is_damaged_names_the_backup.)"""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages_of_task = [page for (page,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'task' ORDER BY pageno")]
    data = bytearray(path.read_bytes())
    middle = len(pages_of_task) // 2
    for page in pages_of_task[max(0, middle - pages // 2):][:pages]:
        data[(page - 1) * size : page * size] = bytes(size)
    path.write_bytes(bytes(data))
    return path


def percent(db: Path, code: str = "1") -> int:
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT percent FROM task WHERE code = ?", (code,)).fetchone()[0]


# ----- 1. a damaged ledger ---------------------------------------------------------------------


def test_a_damaged_ledger_is_not_backed_up_over_the_good_backups(filled, db, cli, capsys):
    good = [backup_ledger(str(db), "manual", keep=3) for _ in range(3)]
    zero_middle_pages(db)
    for reason in ("manual", "daily", "open"):
        with pytest.raises(LedgerError, match="已损坏"):
            backup_ledger(str(db), reason, keep=3)
    assert list_backups(db) == good[::-1], "the good backups are all still there"
    assert cli(["backup", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "已损坏" in err and f'restore "{good[-1]}"' in err
    assert list_backups(db) == good[::-1]


def flip_in_row_text(path: Path, code: str = "1") -> bytes:
    """Damage SQLite cannot see: the first byte of a task's title, where the task table keeps it,
    becomes 0xFF (a byte no UTF-8 text holds). The file's structure is intact: quick_check says ok."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        title = conn.execute("SELECT title FROM task WHERE code = ?", (code,)).fetchone()[0].encode()
        pages = [page for (page,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'task' ORDER BY pageno")]
    data = bytearray(path.read_bytes())
    at = next(at for page in pages if (at := data.find(title, (page - 1) * size, page * size)) >= 0)
    data[at] = 0xFF
    path.write_bytes(bytes(data))
    return title


def test_unreadable_row_text_never_pushes_the_good_backups_out(filled, db, cli, capsys):
    """Issue 22, point 6: a byte flipped inside a task's title passes quick_check; backups went on,
    each pushing a good one out, until no backup could be listed either."""
    from ledger_app.store.backup import newest_sound_backup
    from ledger_app.store.integrity import check_file

    good = [backup_ledger(str(db), "manual", keep=3) for _ in range(3)]
    flip_in_row_text(db)
    assert check_file(db) is None, "SQLite's quick check does not see this damage"
    assert run("list", "--db", str(db)).returncode != 0, "the ledger cannot be listed"
    for reason in ("manual", "daily", "open", "import", "merge", "manual"):
        with pytest.raises(LedgerError, match="读不出") as refused:
            backup_ledger(str(db), reason, keep=3)
        assert "task" in str(refused.value) and "title" in str(refused.value)
    assert list_backups(db) == good[::-1], "the good backups are all still there"
    assert newest_sound_backup(db) == good[-1]
    assert cli(["backup", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "读不出" in err and f'restore "{good[-1]}"' in err
    assert list_backups(db) == good[::-1]
    assert run("restore", str(good[-1]), "--db", str(db)).returncode == 0
    assert run("list", "--db", str(db)).stdout.count("\n") == 32


def test_opening_a_ledger_that_does_not_read_whole_says_so(filled, db):
    """The day's first opening backs the ledger up: when that finds unreadable rows, the clerk hears it."""
    flip_in_row_text(db)
    ledger = open_ledger(str(db))
    ledger.close()
    (notice,) = ledger.notices
    assert "读不出" in notice and "请从备份恢复" in notice and list_backups(db) == []


def test_a_damaged_ledger_opens_read_only_and_refuses_every_write(filled, db, sample, tmp_path):
    backup_ledger(str(db), "manual")
    zero_middle_pages(db)
    before = digest(db)
    ledger = open_ledger(str(db))
    assert ledger.read_only and ledger.damage
    with pytest.raises(LedgerError, match="从备份恢复"):
        edit_task(ledger.engine, 1, {"percent": 50}, user="u")
    with pytest.raises(LedgerError, match="已损坏"):
        import_file(ledger.engine, sample)
    ledger.close()
    assert digest(db) == before


def test_import_and_merge_check_the_ledger_before_they_write(filled, db, sample, tmp_path):
    """Damage found after the ledger was opened (a window open for days) stops the import and the merge."""
    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.exchange.forms.merge import review_forms
    from tests.test_excel_forms import DONE, PERCENT, fill, form_of

    ledger = open_ledger(str(db))
    form = fill(form_of(ledger.engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    review = review_forms(ledger.engine, [form])
    zero_middle_pages(db)
    with pytest.raises(LedgerError, match="已损坏"):
        import_file(ledger.engine, sample)
    with pytest.raises(LedgerError, match="已损坏"):
        apply_answers(ledger.engine, review.answers, user="u")
    ledger.close()


def test_the_command_line_on_a_damaged_ledger_names_the_backup_to_restore(filled, db, run_main):
    (good,) = [backup_ledger(str(db), "manual")]
    zero_middle_pages(db)
    before = digest(db)
    changed = run_main("set", "1", "--percent", "50", "--db", str(db))
    assert changed.returncode != 0 and "Traceback" not in changed.stderr
    assert "已损坏" in changed.stderr and str(good) in changed.stderr
    listed = run_main("list", "--db", str(db))
    assert "Traceback" not in listed.stderr and "已损坏" in listed.stderr
    assert digest(db) == before
    assert run_main("restore", str(good), "--db", str(db)).returncode == 0
    assert run_main("list", "--db", str(db)).stdout.count("\n") == 32


def test_a_ledger_whose_schema_is_damaged_names_the_backup(filled, db, run_main):
    """The pages that describe the tables zeroed (the first one after the file's 100-byte header, which
    says what file it is): not even read-only can it be opened, and the command line says so and which
    backup to restore, changing nothing."""
    (good,) = [backup_ledger(str(db), "manual")]
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        schema_pages = [page for (page,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")]
    data = bytearray(db.read_bytes())
    for page in schema_pages:
        start = (page - 1) * size + (100 if page == 1 else 0)
        data[start : page * size] = bytes(page * size - start)
    db.write_bytes(bytes(data))
    before = digest(db)
    for command in (["list"], ["set", "1", "--percent", "50"]):
        done = run_main(*command, "--db", str(db))
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert "已损坏" in done.stderr and str(good) in done.stderr, done.stderr
    assert digest(db) == before
    assert run_main("restore", str(good), "--db", str(db)).returncode == 0
    assert run_main("list", "--db", str(db)).stdout.count("\n") == 32


def test_rotation_keeps_the_newest_sound_backups(filled, db):
    made = [backup_ledger(str(db), "manual", keep=10) for _ in range(4)]
    for bad in made[2:]:  # the two newest copies went bad on disk
        zero_middle_pages(bad)
    newer = backup_ledger(str(db), "manual", keep=3)
    assert list_backups(db) == [newer, *made[::-1]], "only two sound ones besides the new: nothing goes"
    newest = backup_ledger(str(db), "manual", keep=3)
    assert list_backups(db) == [newest, newer, made[3], made[2], made[1]]


def test_the_window_offers_to_restore_a_damaged_ledger(qtbot, qapp, filled, db, monkeypatch, output_dir):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    good = backup_ledger(str(db), "manual")
    zero_middle_pages(db)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(good), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []

    def answer() -> None:  # the message is modal: answered from the event loop it runs
        box = getattr(windows[0].backup_actions, "damage_box", None) if windows else None
        if box is None or not box.isVisible() or shown:
            return
        shown.append(box.text())
        box.grab().save(str(output_dir / "damaged_ledger_message.png"))
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()

    windows: list[MainWindow] = []
    poll = QTimer(interval=20, timeout=answer)
    poll.start()
    win = MainWindow(open_ledger(str(db)), Preferences())
    windows.append(win)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(shown) and not win.controller.ledger.read_only, timeout=10_000)
    poll.stop()
    assert "已损坏" in shown[0] and "从备份恢复" in shown[0]
    assert get_fields(win.controller.engine, find_task_id(win.controller.engine, "1"), ["percent"])
    assert "ledger.replaced-" in win.statusBar().currentMessage()
    win.model.wait()


# ----- 2. restore while the ledger is open elsewhere ---------------------------------------------

HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM task").fetchone()
print("open", flush=True)
sys.stdin.readline()
conn.execute("UPDATE task SET percent = 77 WHERE code = '1'")
conn.commit()
print("wrote", flush=True)
"""


def test_restore_is_refused_while_another_process_has_the_ledger_open(filled, db, tmp_path, cli, capsys):
    good = backup_ledger(str(db), "manual", out=tmp_path / "good.db")
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert other.stdout.readline().strip() == "open"
        assert cli(["restore", str(good), "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert "正被其他程序打开" in err and "当前台账未改动" in err
        if sys.platform.startswith("linux"):
            assert f"进程 {other.pid}" in err  # which program, where the system can tell
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "wrote"
    finally:
        other.communicate(timeout=30)
    assert percent(db) == 77, "the other program's write went into the ledger, not into a replaced file"
    assert not list(db.parent.glob("ledger.replaced-*"))
    assert cli(["restore", str(good), "--db", str(db)]) == 0  # once it has closed
    assert percent(db) == 0


def test_restore_is_refused_while_this_process_holds_another_connection(filled, db, tmp_path):
    from ledger_app.store.restore import restore_ledger

    good = backup_ledger(str(db), "manual", out=tmp_path / "good.db")
    ledger = open_ledger(str(db))
    find_task_id(ledger.engine, "1")  # a pooled connection stays open
    with pytest.raises(LedgerError, match="正被其他程序打开"):
        restore_ledger(good, str(db))
    ledger.close()
    restore_ledger(good, str(db))


def test_there_is_never_a_moment_without_a_ledger_file(filled, db, tmp_path, cli, monkeypatch):
    good = backup_ledger(str(db), "manual", out=tmp_path / "good.db")
    real = os.replace
    missing = []

    def watched(src, dst, **kwargs):  # each step a kill could follow
        real(src, dst, **kwargs)
        if not db.is_file():
            missing.append((str(src), str(dst)))

    monkeypatch.setattr(os, "replace", watched)
    assert cli(["restore", str(good), "--db", str(db)]) == 0
    assert missing == []
    assert sorted(p.name.split("-")[0] for p in db.parent.glob("ledger.replaced-*")) == ["ledger.replaced"]


def test_a_missing_ledger_is_never_made_by_a_reading_command(tmp_path, sample, run_main):
    typo = tmp_path / "no such folder" / "ledgr.db"
    for args in (["list"], ["show", "1"], ["set", "1", "--percent", "5"], ["export", "--out", str(tmp_path / "x.xlsx")],
                 ["config"], ["backup"]):
        result = run_main(*args, "--db", str(typo))
        assert result.returncode != 0 and "Traceback" not in result.stderr, args
        assert "不存在" in result.stderr, args
    assert not typo.parent.exists(), "no folder, no empty ledger"
    assert run_main("import", str(sample), "--db", str(typo)).returncode == 0  # import makes a new ledger
    assert typo.is_file()


def test_leftovers_of_a_killed_copy_are_cleaned(filled, db, tmp_path):
    from ledger_app.store.backup import backup_folder

    stale = [db.with_name("ledger.db.restoring.part"), db.with_name("ledger.db.restoring.part-journal"),
             db.with_name("ledger.db.restoring"), backup_folder(db) / "ledger-20170101-000000-import.db.part",
             backup_folder(db) / "ledger-20170101-000000-import.db.part-journal"]
    fresh = db.with_name("ledger.db.restoring.part")
    for path in stale:
        path.write_bytes(b"half")
        os.utime(path, (0, 0))  # long ago
    open_ledger(str(db)).close()
    backup_ledger(str(db), "manual")
    assert [p for p in stale if p.exists()] == []
    fresh.write_bytes(b"another process is writing this now")
    open_ledger(str(db)).close()
    assert fresh.exists()


# ----- 3. department forms are signed: tests/test_forms_signed.py
# ----- 4, 6, 7. what enters the ledger: tests/test_input_limits.py
# ----- 5. backup --out: tests/test_backup_out.py
# ----- issue 22, point 5, a -wal that is not the ledger's own: tests/test_stray_wal.py
