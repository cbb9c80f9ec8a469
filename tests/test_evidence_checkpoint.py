"""Adding a large file waits for its commit, not for the WAL checkpoint (issue 26, the 50 MB add;
ledger_app/store/checkpoint.py): the commit leaves the pages in the ``-wal`` file (on the disk), a
thread copies them into the ledger file afterwards, and the connection's auto-checkpoint is put back
however its unit of work ends. Killed between the two, a process loses nothing:
tests/test_evidence_integrity.py. On every database: a large file is stored whole, once, and read back."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from contextlib import suppress
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger_app.evidence.blobs import CHUNK, LARGE
from ledger_app.evidence.copies import viewing_copy
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import closure
from ledger_app.store import schema
from ledger_app.store.checkpoint import defer_checkpoint, wait_for_checkpoints
from ledger_app.store.opening import open_ledger
from ledger_app.system.pause_hook import PAUSE_ENV
from ledger_app.tasks.queries import find_task_id
from tests import evidence_files as make


def wal(db: Path) -> int:
    try:
        return Path(f"{db}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def test_a_large_file_is_checkpointed_after_its_commit_not_in_it(db, sample, tmp_path, monkeypatch):
    ledger = open_ledger(str(db))
    try:
        import_file(ledger.engine, sample)
        with ledger.engine.connect() as conn:  # the import's pages into the file: what follows is the add's
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        before = db.stat().st_size
        marker = tmp_path / "paused"
        monkeypatch.setenv(PAUSE_ENV, f"evidence-checkpoint:{marker}")
        big = make.exactly(tmp_path / "扫描件.pdf", 6 * CHUNK + 123)
        file_id = closure.attach_evidence(ledger.engine, find_task_id(ledger.engine, "3"), [big], user="t").value[0]
        deadline = time.monotonic() + 30
        while not marker.exists():  # the checkpoint thread, paused before it starts
            assert time.monotonic() < deadline, "no checkpoint was left to the background"
            time.sleep(0.01)
        # Committed: in the WAL, nothing of it in the ledger file (SQLite would have copied it at the commit).
        assert wal(db) > big.stat().st_size
        assert db.stat().st_size < before + CHUNK
        assert viewing_copy(ledger.engine, file_id, tmp_path / "v").read_bytes() == big.read_bytes()
        marker.unlink()
        wait_for_checkpoints(ledger.engine)
        # Now copied, by the thread: its six whole chunks at least (free pages of the file may take the rest).
        assert db.stat().st_size >= before + 6 * CHUNK
    finally:
        marker.unlink(missing_ok=True)
        ledger.close()


def test_a_small_file_is_committed_as_every_other_write(db, sample, tmp_path):
    """Below LARGE nothing changes: no background thread, SQLite checkpoints as it always does."""
    ledger = open_ledger(str(db))
    try:
        import_file(ledger.engine, sample)
        small = make.exactly(tmp_path / "通知.pdf", LARGE - 1)
        closure.attach_evidence(ledger.engine, find_task_id(ledger.engine, "3"), [small], user="t")
        with ledger.engine.connect() as conn:
            assert conn.connection.driver_connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        ledger.close()


@pytest.mark.parametrize("ends", ["commit", "rollback"])
def test_the_auto_checkpoint_is_put_back_however_the_write_ends(db, ends):
    ledger = open_ledger(str(db))
    try:
        with ledger.engine.connect() as conn:
            raw = conn.connection.driver_connection
            with suppress(RuntimeError), conn.begin():
                defer_checkpoint(conn)
                defer_checkpoint(conn)  # twice in one unit of work (two large files): put back once, as it was
                conn.execute(schema.setting.insert().values(key="bench", value="1"))
                assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
                if ends == "rollback":
                    raise RuntimeError
            assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # until it goes back to the pool
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        wait_for_checkpoints(ledger.engine)
    finally:
        ledger.close()


def test_a_large_file_is_stored_once_and_read_back_on_every_database(ledger, sample, tmp_path):
    """On the suite's database (PostgreSQL under tools/pg_cluster.py): the fast way of storing a large
    file (hash on a thread, chunks per block in one statement, the SQLite row after its chunks) keeps it
    whole; the same content added again, hashed only as it is written, is found and not kept twice."""
    import_file(ledger.engine, sample)
    big = make.exactly(tmp_path / "扫描件.pdf", LARGE + 3 * CHUNK // 2)
    first = closure.attach_evidence(ledger.engine, find_task_id(ledger.engine, "3"), [big], user="t").value[0]
    again = tmp_path / "again"
    again.mkdir()
    copy = again / "扫描件（复印）.pdf"
    copy.write_bytes(big.read_bytes())
    second = closure.attach_evidence(ledger.engine, find_task_id(ledger.engine, "4"), [copy], user="t").value[0]
    with ledger.engine.connect() as conn:
        blobs = conn.execute(select(schema.evidence_blob.c.id, schema.evidence_blob.c.sha256,
                                    schema.evidence_blob.c.chunks)).all()
        chunks = conn.execute(select(func.count()).select_from(schema.evidence_chunk)).scalar()
        owners = conn.execute(select(schema.evidence_file.c.blob_id).where(
            schema.evidence_file.c.id.in_([first, second]))).scalars().all()
    assert len(blobs) == 1 and blobs[0].sha256 == hashlib.sha256(big.read_bytes()).hexdigest()
    assert chunks == blobs[0].chunks == 6 and owners == [blobs[0].id] * 2
    for file_id in (first, second):
        assert viewing_copy(ledger.engine, file_id, tmp_path / f"v{file_id}").read_bytes() == big.read_bytes()


def page_size(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA page_size").fetchone()[0]


def test_a_new_ledger_has_16_kib_pages_and_one_made_before_keeps_its_own(db, sample, tmp_path):
    """16 KiB pages store a scan in a quarter of the WAL frames (db/engine.py); a ledger made with 4 KiB
    pages is not rebuilt on opening, and a large file goes into it whole all the same."""
    open_ledger(str(db)).close()
    assert page_size(db) == 16384
    old = tmp_path / "旧台账.db"
    with sqlite3.connect(old) as conn:  # what an earlier release made: SQLite's default page
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("VACUUM")
    ledger = open_ledger(str(old))
    try:
        import_file(ledger.engine, sample)
        big = make.exactly(tmp_path / "扫描件.pdf", LARGE + 5)
        file_id = closure.attach_evidence(ledger.engine, find_task_id(ledger.engine, "3"), [big], user="t").value[0]
        wait_for_checkpoints(ledger.engine)
        assert viewing_copy(ledger.engine, file_id, tmp_path / "v").read_bytes() == big.read_bytes()
    finally:
        ledger.close()
    assert page_size(old) == 4096
