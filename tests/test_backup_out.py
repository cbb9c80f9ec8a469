"""``backup --out``: never over a file unless forced, never through a symbolic link, never over the
ledger itself, a ledger open elsewhere or anything but a regular file; each refusal names the path
(issue 12, data-loss path 5; split from tests/test_data_loss.py)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.store.backup import backup_ledger, newest_sound_backup
from ledger_app.store.opening import open_ledger

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


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_backup_out_force_replaces_only_a_regular_file(filled, db, tmp_path, cli, capsys, kind):
    """Issue 22, point 8: ``--force`` over a FIFO or a device node (as root it replaced /dev/null)."""
    import stat

    special = tmp_path / f"{kind}.db"
    if kind == "fifo":
        os.mkfifo(special)
    else:
        null = os.stat("/dev/null")
        try:  # a second /dev/null: the same device numbers
            os.mknod(special, 0o666 | stat.S_IFCHR, null.st_rdev)
        except PermissionError:
            pytest.skip("making a device node needs root")
    is_kind = stat.S_ISFIFO if kind == "fifo" else stat.S_ISCHR
    for force in (["--force"], []):
        assert cli(["backup", "--out", str(special), *force, "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert "不是普通文件" in err and str(special) in err, err
        assert is_kind(os.lstat(special).st_mode), "still the FIFO / device it was"
    from ledger_app.system.files import replace_file

    with pytest.raises(LedgerError, match="不是普通文件"):  # nor any other file the program writes (exports)
        replace_file(db, special)
    assert is_kind(os.lstat(special).st_mode)
    assert not list(tmp_path.glob(f"{kind}.db.part*"))


def test_backup_out_over_a_ledger_open_elsewhere_is_refused(filled, db, tmp_path, cli, capsys):
    other = open_ledger(str(tmp_path / "other.db"))
    with other.engine.connect() as conn:  # open, in WAL mode: a -wal beside it
        conn.exec_driver_sql("SELECT 1")
        assert cli(["backup", "--out", str(tmp_path / "other.db"), "--force", "--db", str(db)]) == 2
    assert "正在使用" in capsys.readouterr().err
    other.close()


def _refusal(tmp_path: Path, db: Path, case: str) -> tuple[Path, bool, str, Path]:
    """(out, force, what the refusal says, the path it names) for each way ``--out`` is refused."""
    if case == "folder":
        return tmp_path, False, "是文件夹", tmp_path
    if case == "no folder":
        return tmp_path / "没有" / "copy.db", False, "文件夹不存在", tmp_path / "没有"
    if case == "symlink":
        link = tmp_path / "link.db"
        link.symlink_to(tmp_path / "elsewhere.db")
        return link, True, "是符号链接", link
    if case == "exists":
        (tmp_path / "copy.db").write_text("a clerk's own file")
        return tmp_path / "copy.db", False, "已存在，未覆盖", tmp_path / "copy.db"
    if case == "the ledger":
        return db, True, "是台账文件本身", db
    in_use = tmp_path / "open.db"
    in_use.write_bytes(db.read_bytes())
    Path(f"{in_use}-wal").write_bytes(b"")
    return in_use, True, "是正在使用的数据库", in_use


@pytest.mark.parametrize("case", ["folder", "no folder", "symlink", "exists", "the ledger", "in use"])
def test_each_refusal_of_out_names_the_path(filled, db, tmp_path, case):
    out, force, said, named = _refusal(tmp_path, db, case)
    with pytest.raises(LedgerError) as refused:
        backup_ledger(db, "manual", out=out, force=force)
    message = str(refused.value)
    assert said in message and str(named) in message


def test_no_sound_backup_is_none(db):
    assert newest_sound_backup(db) is None


def test_a_server_ledger_is_not_backed_up_and_the_refusal_names_it_without_its_password():
    with pytest.raises(LedgerError) as refused:
        backup_ledger("postgresql+psycopg://clerk:secret@db.example/ledger", "manual")
    message = str(refused.value)
    assert "postgresql+psycopg://clerk:***@db.example/ledger" in message and "secret" not in message


@pytest.mark.parametrize("record", ["[1]", '{"whole": "yes"}'])
def test_a_backups_record_that_is_not_one_is_read_again_from_the_backup(filled, db, record):
    """The <backup>.json beside a backup, damaged or written by something else, is not taken at its word:
    the backup is read whole again and the record written anew."""
    made = backup_ledger(db, "manual")
    Path(f"{made}.json").write_text(record, encoding="utf-8")
    assert newest_sound_backup(db) == made
