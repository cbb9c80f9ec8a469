"""The ways a ledger could be lost or corrupted, each closed (issue 12, data-loss paths 1–7).

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

from ledger_app.backup import backup_ledger, list_backups
from ledger_app.errors import LedgerError
from ledger_app.importing import import_file
from ledger_app.ledger import open_ledger
from ledger_app.lifecycle import get_fields
from ledger_app.tasks import find_task_id, update_task
from tests.conftest import ROOT


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def filled(db: Path, sample: Path) -> Path:
    ledger = open_ledger(str(db), user="测试员")
    import_file(ledger.engine, sample)
    ledger.close()
    return db


@pytest.fixture
def cli(monkeypatch):
    """The command line in this process; the language it sets is put back afterwards."""
    import argparse

    from ledger_app import i18n
    from ledger_app.cli import main

    monkeypatch.setattr(i18n, "_lang", i18n.language())
    monkeypatch.setattr(argparse, "_", argparse._)
    return main


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, **kwargs)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zero_middle_pages(path: Path, pages: int = 3) -> Path:
    """What a failing disk or a bad network copy does: some pages in the middle become zeros."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    middle = len(data) // size // 2
    data[(middle - 1) * size : (middle - 1 + pages) * size] = bytes(size * pages)
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


def test_a_damaged_ledger_opens_read_only_and_refuses_every_write(filled, db, sample, tmp_path):
    backup_ledger(str(db), "manual")
    zero_middle_pages(db)
    before = digest(db)
    ledger = open_ledger(str(db))
    assert ledger.read_only and ledger.damage
    with pytest.raises(LedgerError, match="从备份恢复"):
        update_task(ledger.engine, 1, {"percent": 50}, user="u")
    with pytest.raises(LedgerError, match="已损坏"):
        import_file(ledger.engine, sample)
    ledger.close()
    assert digest(db) == before


def test_import_and_merge_check_the_ledger_before_they_write(filled, db, sample, tmp_path):
    """Damage found after the ledger was opened (a window open for days) stops the import and the merge."""
    from ledger_app.excel.merge import apply_answers, review_forms
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


def test_the_command_line_on_a_damaged_ledger_names_the_backup_to_restore(filled, db):
    (good,) = [backup_ledger(str(db), "manual")]
    zero_middle_pages(db)
    before = digest(db)
    changed = run("set", "1", "--percent", "50", "--db", str(db))
    assert changed.returncode != 0 and "Traceback" not in changed.stderr
    assert "已损坏" in changed.stderr and str(good) in changed.stderr
    listed = run("list", "--db", str(db))
    assert "Traceback" not in listed.stderr and "已损坏" in listed.stderr
    assert digest(db) == before
    assert run("restore", str(good), "--db", str(db)).returncode == 0
    assert run("list", "--db", str(db)).stdout.count("\n") == 32


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
        box = getattr(windows[0], "damage_box", None) if windows else None
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
    from ledger_app.restore import restore_ledger

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


def test_a_missing_ledger_is_never_made_by_a_reading_command(tmp_path, sample):
    typo = tmp_path / "no such folder" / "ledgr.db"
    for args in (["list"], ["show", "1"], ["set", "1", "--percent", "5"], ["export", "--out", str(tmp_path / "x.xlsx")],
                 ["config"], ["backup"]):
        result = run(*args, "--db", str(typo))
        assert result.returncode != 0 and "Traceback" not in result.stderr, args
        assert "不存在" in result.stderr, args
    assert not typo.parent.exists(), "no folder, no empty ledger"
    assert run("import", str(sample), "--db", str(typo)).returncode == 0  # import makes a new ledger
    assert typo.is_file()


def test_leftovers_of_a_killed_copy_are_cleaned(filled, db, tmp_path):
    from ledger_app.backup import backup_folder

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


# ----- 3. department forms are signed ---------------------------------------------------------------
# (tests/test_forms_signed.py)

# ----- 4. nothing stored can fail to export (Excel holds 32,767 characters in a cell) ---------------------

LONG = "改革" * 20_000  # 40,000 characters


def test_the_command_line_refuses_text_longer_than_a_cell(filled, db, cli, capsys):
    assert cli(["set", "1", "--content", LONG, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "具体改革内容" in err and "40,000" in err and "32,767" in err
    assert cli(["progress", "1", "--year", "2017", "--quarter", "3", "--percent", "5", "--done", LONG,
                "--db", str(db)]) == 2
    assert "过长" in capsys.readouterr().err
    with closing(sqlite3.connect(db)) as conn:
        assert max(len(c) for (c,) in conn.execute("SELECT content FROM task")) < 1000
        assert conn.execute("SELECT count(*) FROM progress_report").fetchone()[0] == 0


def with_text(path: Path, placeholder: str, text: str) -> Path:
    """Put ``text`` where ``placeholder`` is: openpyxl itself cuts what it writes at 32,767 characters,
    but a workbook from another program may hold more."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name).replace(placeholder.encode(), text.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_imported_cell_longer_than_excel_holds_is_refused_by_row_and_column(ledger, tmp_path):
    from ledger_app.errors import ImportRejected
    from tests.tables import write_table

    table = with_text(write_table(tmp_path / "long.xlsx", [[1, "领域", "项目", "内容", "", "招商局", "", "", "2017年底"],
                                                           [2, "领域", "项目二", "LONG", "", "招商局", "", "", "2017年底"]]),
                      "LONG", LONG)
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, table)
    assert "第 4 行，第 D 列（具体改革内容）" in str(refused.value) and "40,000" in str(refused.value)


def test_a_merged_answer_longer_than_a_cell_is_a_conflict(ledger, sample, tmp_path):
    from ledger_app.excel.merge import review_forms
    from tests.test_excel_forms import DONE, PERCENT, fill, form_of

    import_file(ledger.engine, sample)
    path = with_text(fill(form_of(ledger.engine, tmp_path), {"1": {DONE: "LONG", PERCENT: 10}}), "LONG", LONG)
    answer = next(a for a in review_forms(ledger.engine, [path]).answers if a.code == "1")
    assert not answer.mergeable and any("本季度进展" in c and "过长" in c for c in answer.conflicts)


def test_the_window_refuses_text_longer_than_a_cell(qtbot, ledger, sample, qapp, monkeypatch):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.controller import LedgerController
    from ui.detail import DetailPane

    import_file(ledger.engine, sample)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    pane = DetailPane(LedgerController(ledger))
    qtbot.addWidget(pane)
    pane.show()
    task = find_task_id(ledger.engine, "2")
    pane.show_task(task)
    pane.basic.content.setPlainText(LONG)  # a line edit stops at 32,767 by itself; this one does not
    QApplication.sendEvent(pane.basic.content, QFocusEvent(QEvent.Type.FocusOut))  # the clerk leaves the field
    assert warned and "具体改革内容" in warned[0] and "过长" in warned[0]
    assert len(get_fields(ledger.engine, task, ["content"])["content"]) < 1000


def test_export_never_cuts_text_short(filled, db, tmp_path, cli, capsys):
    with closing(sqlite3.connect(db)) as conn:  # stored by an older version, before the checks
        conn.execute("UPDATE task SET measures = ? WHERE code = '3'", (LONG,))
        conn.commit()
    out = tmp_path / "x.xlsx"
    assert cli(["export", "--out", str(out), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "E5" in err and "40,000" in err and not out.exists()


# ----- 5. backup --out --------------------------------------------------------------------------------


def test_backup_out_never_overwrites_unless_forced(filled, db, tmp_path, cli, capsys):
    target = tmp_path / "copy.db"
    target.write_text("a clerk's own file")
    assert cli(["backup", "--out", str(target), "--db", str(db)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_text() == "a clerk's own file"
    assert cli(["backup", "--out", str(target), "--force", "--db", str(db)]) == 0
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone()[0] == 32
    assert cli(["backup", "--out", str(db), "--force", "--db", str(db)]) == 2
    assert "台账文件本身" in capsys.readouterr().err


def test_backup_out_never_writes_through_a_symbolic_link(filled, db, tmp_path, cli, capsys):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "link.db"
    link.symlink_to(precious)
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "elsewhere.db")
    for out in (link, dangling):
        for force in ([], ["--force"]):
            assert cli(["backup", "--out", str(out), *force, "--db", str(db)]) == 2
            assert "符号链接" in capsys.readouterr().err
    assert precious.read_text() == "keep me" and not (tmp_path / "elsewhere.db").exists()
    assert link.is_symlink() and dangling.is_symlink()


def test_backup_out_over_a_ledger_open_elsewhere_is_refused(filled, db, tmp_path, cli, capsys):
    other = open_ledger(str(tmp_path / "other.db"))
    with other.engine.connect() as conn:  # open, in WAL mode: a -wal beside it
        conn.exec_driver_sql("SELECT 1")
        assert cli(["backup", "--out", str(tmp_path / "other.db"), "--force", "--db", str(db)]) == 2
    assert "正在使用" in capsys.readouterr().err
    other.close()


# ----- 6. unreadable input is an error, clearing is explicit ---------------------------------------------


def fields(db: Path, code: str = "2") -> dict:
    ledger = open_ledger(str(db))
    values = get_fields(ledger.engine, find_task_id(ledger.engine, code),
                        ["deadline", "deadline_text", "lead_depts", "co_depts"])
    ledger.close()
    return values


@pytest.mark.parametrize(("args", "said"), [
    (["--deadline", "下周"], "无法识别"),
    (["--deadline", "尽快"], "无法识别"),
    (["--deadline", ""], "--clear-deadline"),
    (["--co", "、、，"], "没有部门名称"),
    (["--lead", ""], "没有部门名称"),
    (["--lead", " / "], "没有部门名称"),
    (["--clear-co", "--co", "财政局"], "不能与"),
])
def test_set_refuses_what_it_cannot_read(filled, db, cli, capsys, args, said):
    before = fields(db)
    assert before["deadline"] and before["lead_depts"] and before["co_depts"]
    assert cli(["set", "2", *args, "--db", str(db)]) == 2
    assert said in capsys.readouterr().err
    assert fields(db) == before


def test_clearing_is_explicit(filled, db, cli):
    assert cli(["set", "2", "--clear-deadline", "--clear-co", "--db", str(db)]) == 0
    after = fields(db)
    assert after["deadline"] is None and after["deadline_text"] == "" and after["co_depts"] == []
    assert cli(["set", "2", "--deadline", "持续推进", "--db", str(db)]) == 0
    assert fields(db)["deadline_text"] == "持续推进"


# ----- 7. validated at the service -------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_progress_refuses_an_impossible_year(filled, db, cli, capsys, year):
    assert cli(["progress", "1", "--year", year, "--quarter", "3", "--percent", "10", "--done", "x",
                "--db", str(db)]) == 2
    assert "年份" in capsys.readouterr().err
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM progress_report").fetchone()[0] == 0


def test_services_refuse_years_and_control_characters(ledger, sample):
    from ledger_app.tasks import ProgressInput, record_progress

    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "1")
    with pytest.raises(LedgerError, match="年份"):
        record_progress(ledger.engine, task, ProgressInput(0, 3, 10, "x"), user="u")
    for text in ("标题\x01", "标题\x1b[31m", "a\x00b"):
        with pytest.raises(LedgerError, match="控制字符"):
            update_task(ledger.engine, task, {"title": text}, user="u")
    with pytest.raises(LedgerError, match="控制字符"):
        record_progress(ledger.engine, task, ProgressInput(2017, 3, 10, "完成\x07"), user="u")
    update_task(ledger.engine, task, {"content": "第一行\n第二行\t制表"}, user="u")  # line breaks and tabs are text


def test_set_title_with_control_characters_is_refused_and_export_still_works(filled, db, tmp_path, cli, capsys):
    assert cli(["set", "1", "--title", "改革\x01项目", "--db", str(db)]) == 2
    assert "控制字符" in capsys.readouterr().err
    assert cli(["export", "--out", str(tmp_path / "x.xlsx"), "--db", str(db)]) == 0
    assert cli(["forms", "--year", "2017", "--quarter", "3", "--out", str(tmp_path / "f"), "--db", str(db)]) == 0
