"""Rotating backups of the local ledger, and restoring one: what is copied when, and that a
restore never touches the ledger unless the backup is sound."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.migrate import HEAD
from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task
from ledger_app.store.backup import backup_folder, backup_if_due, backup_ledger, list_backups, newest_sound_backup
from ledger_app.store.opening import open_ledger
from ledger_app.store.restore import restore_ledger
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.tables import write_table

# Backups are about SQLite files as such: these tests use files of their own, whatever the
# suite's database (the PostgreSQL case is the "server ledger" test below).


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def filled(db: Path, sample: Path):
    ledger = open_ledger(str(db), user="测试员")
    import_file(ledger.engine, sample)
    yield ledger
    ledger.close()


def count(path: Path, table: str = "task") -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def reason(path: Path) -> str:
    """ledger-000017-20261125-013000-import.db → import"""
    return path.name.removesuffix(".db").split("-")[-1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def percent(ledger, code: str = "1") -> int:
    from ledger_app.tasks.fields import get_fields

    return get_fields(ledger.engine, find_task_id(ledger.engine, code), ["percent"])["percent"]


def test_rotation_keeps_the_newest(filled, db):
    made = [backup_ledger(filled.engine, "manual", keep=3) for _ in range(5)]
    assert list_backups(db) == made[:1:-1]  # the last three, newest first
    assert all(not p.exists() for p in made[:2])
    assert len({p.name for p in made}) == 5  # several in one second do not overwrite each other
    operations.set_setting(filled.engine, "backup.keep", "2")
    newest = backup_ledger(filled.engine, "daily")
    assert list_backups(db) == [newest, made[-1]]
    assert count(newest) == 32
    with pytest.raises(LedgerError):
        operations.set_setting(filled.engine, "backup.keep", "0")


def test_backup_is_a_self_contained_file(filled, db):
    path = backup_ledger(filled.engine, "manual")
    assert path.parent == backup_folder(db) and path.name.startswith("ledger-") and reason(path) == "manual"
    assert not Path(f"{path}-wal").exists()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_default_ledger_backs_up_into_the_backups_folder(isolated_home, sample):
    ledger = open_ledger(None)
    import_file(ledger.engine, sample)
    path = backup_ledger(ledger.engine, "manual")
    ledger.close()
    assert path.parent == isolated_home / "data" / "backups"


def test_daily_backup_once_a_day_and_on_open(filled, db):
    first = backup_if_due(filled.engine)
    assert first is not None and reason(first) == "daily"
    assert backup_if_due(filled.engine) is None
    tomorrow = date.today() + timedelta(days=1)
    assert backup_if_due(filled.engine, today=tomorrow) is not None
    for path in list_backups(db):
        path.unlink()
    open_ledger(str(db)).close()
    open_ledger(str(db)).close()
    (on_open,) = list_backups(db)
    assert reason(on_open) == "open" and count(on_open) == 32


def test_empty_or_new_ledgers_are_not_backed_up(db):
    open_ledger(str(db)).close()  # a new file: migrated, no tasks
    ledger = open_ledger(str(db))
    assert backup_ledger(ledger.engine, "import") is None and backup_if_due(ledger.engine) is None
    assert list_backups(db) == []
    ledger.close()


def test_backup_before_import_holds_the_data_before_it(filled, db, tmp_path):
    edit_task(filled.engine, find_task_id(filled.engine, "1"), {"percent": 55}, user="u")
    table = write_table(tmp_path / "second.xlsx", [[1, "领域", "新项目", "新内容", "", "招商局", "", "", "2017年底"]],
                        title="第二个方案")
    import_file(filled.engine, table, dry_run=True)
    assert not any(reason(p) == "import" for p in list_backups(db))
    import_file(filled.engine, table)
    (before,) = [p for p in list_backups(db) if reason(p) == "import"]
    assert count(before) == 32 and count(db) == 33
    with closing(sqlite3.connect(before)) as conn:
        assert conn.execute("SELECT percent FROM task WHERE code = '1'").fetchone()[0] == 55


def test_a_clock_set_back_never_rotates_the_new_backup_away(filled, db, tmp_path, monkeypatch):
    """Issue 22, point 7: after a CMOS reset the PC says 2020; each new backup was named 2020-… and,
    the oldest by its name, deleted at once; an import went ahead with no backup before it kept."""
    operations.set_setting(filled.engine, "backup.keep", "3")
    made = [backup_ledger(filled.engine, "manual") for _ in range(3)]  # the clock still right
    Clock(monkeypatch).set(date(2020, 1, 1))
    behind = backup_ledger(filled.engine, "manual")
    assert behind.exists() and list_backups(db)[0] == behind, "the backup just made is the newest"
    assert list_backups(db) == [behind, made[2], made[1]]
    edit_task(filled.engine, find_task_id(filled.engine, "1"), {"percent": 55}, user="u")
    table = write_table(tmp_path / "second.xlsx", [[1, "领域", "新项目", "新内容", "", "招商局", "", "", "2017年底"]],
                        title="第二个方案")
    import_file(filled.engine, table)
    (before,) = [p for p in list_backups(db) if reason(p) == "import"]
    assert list_backups(db)[0] == before and count(before) == 32 and count(db) == 33
    with closing(sqlite3.connect(before)) as conn:
        assert conn.execute("SELECT percent FROM task WHERE code = '1'").fetchone()[0] == 55


def test_backups_named_by_an_older_version_are_older_than_numbered_ones(filled, db):
    first = backup_ledger(filled.engine, "manual")
    assert first.name.startswith("ledger-000001-")
    ahead = first.with_name("ledger-20991231-235959-daily.db")  # an older version's name, its clock far ahead
    ahead.write_bytes(first.read_bytes())
    newer = backup_ledger(filled.engine, "manual")
    assert newer.name.startswith("ledger-000002-") and list_backups(db) == [newer, first, ahead]
    record = json.loads(ahead.with_name(ahead.name + ".json").read_text(encoding="utf-8"))
    assert record["whole"] and record["tables"]["task"] == 32, "read whole once, and the finding kept"


def test_each_backup_records_what_it_holds(filled, db, tmp_path):
    made = backup_ledger(filled.engine, "manual")
    record = json.loads(made.with_name(made.name + ".json").read_text(encoding="utf-8"))
    assert record["whole"] and record["sequence"] == 1 and record["reason"] == "manual"
    assert record["tables"]["task"] == 32 and record["digest"].startswith("sha256:")
    assert record["digest"] == "sha256:" + digest(made)
    again = backup_ledger(filled.engine, "manual")
    assert newest_sound_backup(db) == again
    from tests.test_data_loss import flip_in_row_text

    flip_in_row_text(again)  # changed on disk since: its bytes are not those recorded
    assert newest_sound_backup(db) == made
    out = backup_ledger(filled.engine, "manual", out=tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]
    assert count(out) == 32


def test_rotation_keeps_a_backup_a_day_for_a_week_and_a_month_for_a_year(filled, db, monkeypatch):
    """Grandfather-father-son: many backups on one bad day do not push the days before it out."""
    clock = Clock(monkeypatch)
    operations.set_setting(filled.engine, "backup.keep", "2")
    first = date(2026, 1, 1)
    for n in range(45):  # one a day, 1 January to 14 February
        clock.set(first + timedelta(days=n))
        backup_ledger(filled.engine, "daily")
    for _ in range(12):  # and a bad day: a dozen more on 14 February
        backup_ledger(filled.engine, "manual")
    days = [p.name.split("-")[2] for p in list_backups(db)]
    assert days == ["20260214", "20260214", "20260213", "20260212", "20260211", "20260210", "20260209",
                    "20260208", "20260131"]
    clock.set(date(2020, 1, 1))  # a CMOS reset: a day of its own, the newest
    backup_ledger(filled.engine, "daily")
    days = [p.name.split("-")[2] for p in list_backups(db)]
    assert days == ["20200101", "20260214", "20260213", "20260212", "20260211", "20260210", "20260209",
                    "20260131"]


def test_rotation_keeps_the_newest_backup_of_each_of_twelve_months_and_not_a_thirteenth(filled, db, monkeypatch):
    clock = Clock(monkeypatch)
    operations.set_setting(filled.engine, "backup.keep", "2")
    for n in range(14):  # the 1st of each month, January 2025 to February 2026
        clock.set(date(2025 + n // 12, n % 12 + 1, 1))
        backup_ledger(filled.engine, "daily")
    months = [p.name.split("-")[2][:6] for p in list_backups(db)]
    assert months == ["202602", "202601", "202512", "202511", "202510", "202509", "202508", "202507", "202506",
                      "202505", "202504", "202503"]


def test_a_damaged_copy_goes_once_exactly_keep_whole_copies_are_newer(filled, db):
    operations.set_setting(filled.engine, "backup.keep", "2")
    older = backup_ledger(filled.engine, "manual")
    damaged = corrupt(backup_ledger(filled.engine, "manual"))
    one = backup_ledger(filled.engine, "manual")
    assert damaged.exists(), "one whole copy newer: the damaged one may still be all there is of that hour"
    two = backup_ledger(filled.engine, "manual")
    assert not damaged.exists() and not older.exists()
    assert list_backups(db) == [two, one]


def test_an_import_never_goes_ahead_without_its_backup_on_disk(filled, db, tmp_path, monkeypatch):
    """Whatever rotation does, the backup an import asked for is on disk before the import writes."""
    from ledger_app.store import backup

    def rotate_everything_away(ledger, keep):
        for path in list_backups(ledger):
            path.unlink()

    monkeypatch.setattr(backup, "_rotate", rotate_everything_away)
    table = write_table(tmp_path / "second.xlsx", [[1, "领域", "新项目", "新内容", "", "招商局", "", "", "2017年底"]],
                        title="第二个方案")
    with pytest.raises(LedgerError, match="备份.*不在.*未做任何改动"):
        import_file(filled.engine, table)
    assert count(db) == 32


def test_backup_before_merge_holds_the_data_before_it(filled, db, tmp_path):
    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.exchange.forms.merge import review_forms
    from tests.test_excel_forms import DONE, PERCENT, fill, form_of

    path = fill(form_of(filled.engine, tmp_path), {"1": {DONE: "完成权力清单编制", PERCENT: 80}})
    review = review_forms(filled.engine, [path])
    assert not [p for p in list_backups(db) if reason(p) == "merge"]
    assert apply_answers(filled.engine, review.answers, user="u") == 1
    (before,) = [p for p in list_backups(db) if reason(p) == "merge"]
    assert count(before, "progress_report") == 0 and count(db, "progress_report") == 1


def test_restore_keeps_the_replaced_ledger_aside(filled, db):
    backup = backup_ledger(filled.engine, "manual")
    edit_task(filled.engine, find_task_id(filled.engine, "1"), {"percent": 70}, user="u")
    filled.close()
    restored = restore_ledger(backup, str(db))
    assert restored.revision == HEAD
    aside = restored.aside
    assert aside.parent == db.parent and aside.name.startswith("ledger.replaced-") and aside.suffix == ".db"
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    with closing(sqlite3.connect(aside)) as conn:  # the replaced ledger is whole on its own
        assert conn.execute("SELECT percent FROM task WHERE code = '1'").fetchone()[0] == 70
    again = open_ledger(str(db))
    assert percent(again) == 0 and count(db) == 32
    again.close()


def corrupt(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page * 2, len(data), page * 3):  # scribble over every third page after the first two
        data[start + 8 : start + 200] = bytes(range(192))
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("kind", "said"), [("damaged", "已损坏"), ("unreadable text", "已损坏"),
                                           ("not sqlite", "不是可用的台账备份"),
                                           ("other database", "不是任务台账"), ("newer program", "更新版本"),
                                           ("missing", "不存在")])
def test_restore_refuses_a_bad_file_without_touching_the_ledger(filled, db, tmp_path, kind, said):
    bad = tmp_path / "bad.db"
    if kind == "damaged":
        corrupt(backup_ledger(filled.engine, "manual", out=bad))
    elif kind == "unreadable text":  # a byte flipped inside a task's title: the integrity check passes
        from tests.test_data_loss import flip_in_row_text

        flip_in_row_text(backup_ledger(filled.engine, "manual", out=bad))
    elif kind == "not sqlite":
        bad.write_text("序号,改革项目\n1,深化改革\n", encoding="utf-8")
    elif kind == "other database":
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT)")
            conn.commit()
    elif kind == "newer program":
        backup_ledger(filled.engine, "manual", out=bad)
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
            conn.commit()
    filled.close()
    before = digest(db)
    with pytest.raises(LedgerError) as refused:
        restore_ledger(bad, str(db))
    assert str(bad) in str(refused.value) and said in str(refused.value) and "未做任何改动" in str(refused.value)
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith("ledger")) == ["ledger.db"]


def test_restore_of_a_server_ledger_is_refused_plainly():
    url = "postgresql+psycopg://clerk:secret@ledger-server/ledger"
    assert backup_ledger(url, "open") is None and backup_if_due(url) is None
    with pytest.raises(LedgerError, match="pg_dump") as refused:
        restore_ledger(Path("x.db"), url)
    assert "secret" not in str(refused.value)


def test_command_line_backup_and_restore(filled, db, tmp_path, capsys, cli):
    filled.close()
    assert cli(["backup", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    (made,) = list_backups(db)
    assert str(made) in out and str(backup_folder(db)) in out
    copy = tmp_path / "copy.db"
    assert cli(["backup", "--out", str(copy), "--db", str(db)]) == 0 and count(copy) == 32
    ledger = open_ledger(str(db))
    edit_task(ledger.engine, find_task_id(ledger.engine, "1"), {"percent": 70}, user="u")
    ledger.close()
    assert cli(["restore", str(copy), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "原台账已另存为" in out
    assert cli(["restore", str(tmp_path / "nope.db"), "--db", str(db)]) == 2
    assert "备份文件不存在" in capsys.readouterr().err
    assert cli(["--lang", "en", "backup", "--db", "postgresql://u@h/l"]) == 2
    assert "server ledger" in capsys.readouterr().err  # --lang en
    again = open_ledger(str(db))
    assert percent(again) == 0
    again.close()


def test_restore_works_when_the_ledger_itself_cannot_be_opened(filled, db, tmp_path, cli):
    good = backup_ledger(filled.engine, "manual", out=tmp_path / "good.db")
    filled.close()
    db.write_bytes(b"\0" * 4096)  # the ledger is ruined
    with pytest.raises(LedgerError):
        open_ledger(str(db))
    assert cli(["restore", str(good), "--db", str(db)]) == 0
    assert count(db) == 32


def test_menu_backup_and_restore(qtbot, qapp, filled, db, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    win = MainWindow(filled, Preferences())
    qtbot.addWidget(win)
    win.backup_actions.timer.timeout.emit()  # the hourly timer fires: today's backup, in the background
    qtbot.waitUntil(lambda: any(reason(p) == "daily" for p in list_backups(db)))
    win.actions_.backup.trigger()
    win.controller.wait()
    (made,) = [p for p in list_backups(db) if reason(p) == "manual"]
    assert str(made) in win.statusBar().currentMessage()
    win.controller.edit_task(find_task_id(filled.engine, "1"), {"percent": 70})
    win.controller.wait()
    asked = {}

    def choose(parent, caption, folder, filters):
        asked["folder"] = folder
        return str(made), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win.actions_.restore.trigger()
    assert asked["folder"] == str(backup_folder(db))
    assert win.controller.ledger is not filled and percent(win.controller.ledger) == 0
    assert "ledger.replaced-" in win.statusBar().currentMessage()
    win.model.wait()
