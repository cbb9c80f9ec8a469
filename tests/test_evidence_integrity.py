"""Evidence bytes are proved whole wherever the whole ledger is read (issue 26, 1): a byte flipped in a
stored chunk stops a backup, a restore and a move to another database, each naming the file; and a
process killed while it stores a file leaves nothing of it behind, and one killed just after the
commit of a large file (its checkpoint left to the background) keeps all of it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from sqlalchemy import text

from ledger_app.evidence.blobs import CHUNK
from ledger_app.evidence.copies import viewing_copy
from ledger_app.evidence.register import list_files
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import closure
from ledger_app.store.backup import backup_ledger
from ledger_app.store.opening import open_ledger
from ledger_app.store.restore import restore_ledger
from ledger_app.store.transfer import copy_ledger, ledger_digest
from ledger_app.tasks.queries import find_task_id
from tests import evidence_files as make
from tests.conftest import ROOT
from tests.test_crash_safety import check, posix_only, run_and_kill, wal_size

FLIP = ("UPDATE evidence_chunk SET data = CAST({fn}(data, 1, 100) || X'00' || {fn}(data, 102, {size}) AS {blob}) "
        "WHERE seq = 1")


def flip_a_byte(conn, dialect: str = "sqlite") -> None:  # noqa: ANN001
    """Byte 101 of the second chunk of the stored content replaced (a disk's damage, not SQLite's)."""
    if dialect == "sqlite":
        conn.execute(text(FLIP.format(fn="substr", size=CHUNK, blob="BLOB")))
    else:  # bytea: overlay one byte
        conn.execute(text("UPDATE evidence_chunk SET data = overlay(data placing '\\x00'::bytea from 101 for 1) "
                          "WHERE seq = 1"))


@pytest.fixture
def desk(tmp_path, sample):
    """A SQLite ledger with a file of three chunks attached to task 3."""
    ledger = open_ledger(str(tmp_path / "desk.db"), user="王秘书")
    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "3")
    big = make.exactly(tmp_path / "签订的协议.pdf", 2 * CHUNK + 4000)
    ledger.file_id = closure.attach_evidence(ledger.engine, task, [big], user="王秘书").value[0]
    yield ledger
    ledger.close()


def test_a_sound_ledger_backs_up_restores_and_moves_with_its_evidence(desk, tmp_path, new_db_url):
    copy = backup_ledger(desk.engine, "manual")
    restored = tmp_path / "restored.db"
    restore_ledger(copy, str(restored))
    again = open_ledger(str(restored))
    target = open_ledger(new_db_url("target"))
    try:
        copy_ledger(desk.engine, target.engine)
        assert ledger_digest(target.engine) == ledger_digest(desk.engine) == ledger_digest(again.engine)
        assert ledger_digest(desk.engine)["evidence_chunk"].rows == 3
        out = viewing_copy(target.engine, desk.file_id, tmp_path / "v")
        assert out.read_bytes() == (tmp_path / "签订的协议.pdf").read_bytes()
    finally:
        again.close()
        target.close()


def test_a_flipped_byte_stops_the_backup_naming_the_file(desk):
    with desk.engine.begin() as conn:
        flip_a_byte(conn)
    with pytest.raises(LedgerError, match="佐证材料“签订的协议.pdf”（任务 3）已损坏"):
        backup_ledger(desk.engine, "manual")
    with pytest.raises(LedgerError, match="“签订的协议.pdf”（任务 3）已损坏"):
        viewing_copy(desk.engine, desk.file_id)


def test_a_flipped_byte_in_a_backup_stops_the_restore_naming_the_file(desk, tmp_path):
    copy = backup_ledger(desk.engine, "manual")
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute(FLIP.format(fn="substr", size=CHUNK, blob="BLOB"))
        conn.commit()
    target = tmp_path / "elsewhere.db"
    with pytest.raises(LedgerError, match="已损坏.*“签订的协议.pdf”（任务 3）已损坏"):
        restore_ledger(copy, str(target))
    assert not target.exists()


def test_a_flipped_byte_stops_the_move_naming_the_file_and_the_target_stays_empty(desk, new_db_url):
    with desk.engine.begin() as conn:
        flip_a_byte(conn)
    target = open_ledger(new_db_url("target"))
    try:
        with pytest.raises(LedgerError, match="迁移中止：佐证材料“签订的协议.pdf”（任务 3）已损坏"):
            copy_ledger(desk.engine, target.engine)
        assert ledger_digest(target.engine)["task"].rows == 0
    finally:
        target.close()


def test_the_server_checks_too(ledger, sample, tmp_path, new_db_url):
    """On the database the suite runs on (PostgreSQL under tools/pg_cluster.py): damage found on the move."""
    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "3")
    closure.attach_evidence(ledger.engine, task, [make.exactly(tmp_path / "照片说明.pdf", CHUNK + 500)], user="t")
    with ledger.engine.begin() as conn:
        flip_a_byte(conn, ledger.engine.dialect.name)
    target = open_ledger(new_db_url("target"))
    try:
        with pytest.raises(LedgerError, match="“照片说明.pdf”（任务 3）已损坏"):
            copy_ledger(ledger.engine, target.engine)
    finally:
        target.close()


@posix_only
def test_a_process_killed_while_storing_a_file_leaves_nothing_of_it(tmp_path, sample):
    db = tmp_path / "ledger.db"
    ledger = open_ledger(str(db))
    import_file(ledger.engine, sample)
    ledger.close()
    big = make.exactly(tmp_path / "大文件.pdf", 3 * CHUNK)
    run_and_kill(db, "evidence", "add", "3", str(big), pause="evidence-chunk")
    assert check(db, "SELECT count(*) FROM evidence_chunk") == 0
    assert check(db, "SELECT count(*) FROM evidence_blob") + check(db, "SELECT count(*) FROM evidence_file") == 0
    run_and_kill(db, "evidence", "add", "3", str(big), wal_grown=CHUNK + CHUNK // 2)  # killed mid-write, or done
    chunks = check(db, "SELECT count(*) FROM evidence_chunk")
    assert (chunks, check(db, "SELECT count(*) FROM evidence_file")) in ((0, 0), (3, 1))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "evidence", "add", "3", str(big)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert check(db, "SELECT count(*) FROM evidence_chunk") == 3


@posix_only
def test_a_process_killed_after_the_commit_before_the_checkpoint_keeps_the_file(tmp_path, sample):
    """The checkpoint of a large file is left to a thread after the commit (ledger_app/store/checkpoint.py):
    killed there, the file is committed in the -wal alone, which the next opening takes for the ledger's
    own (ledger_app/store/stray_wal.py) and replays; nothing lost, nothing damaged."""
    db = tmp_path / "ledger.db"
    ledger = open_ledger(str(db))
    import_file(ledger.engine, sample)
    ledger.close()
    big = make.exactly(tmp_path / "扫描件.pdf", 5 * CHUNK + 1234)
    run_and_kill(db, "evidence", "add", "3", str(big), pause="evidence-checkpoint")
    assert wal_size(db) > big.stat().st_size > db.stat().st_size  # committed, and in the WAL only
    reopened = open_ledger(str(db))
    try:
        assert reopened.notices == []  # not set aside as a stray WAL
        [kept] = list_files(reopened.engine, find_task_id(reopened.engine, "3"))
        assert kept.name == "扫描件.pdf" and kept.size == big.stat().st_size
        assert viewing_copy(reopened.engine, kept.id, tmp_path / "v").read_bytes() == big.read_bytes()
    finally:
        reopened.close()
    assert check(db, "SELECT count(*) FROM evidence_chunk") == 6
