"""A large write's WAL checkpoint, done just after its commit instead of inside it (SQLite).

A committed transaction is safe once its pages are in the ``-wal`` file and that file is on the disk
(``synchronous = FULL``, db/engine.py: the commit waits for the ``fsync``). Copying those pages into
the ledger file afterwards — the checkpoint — is housekeeping, and SQLite does it by itself inside
the commit of whichever write made the WAL pass 1,000 pages (about 4 MB). For a 50 MB scan that
doubles the time the clerk waits: the 50 MB are written and ``fsync``-ed a second time, into the
ledger file, before the operation returns (docs/benchmarks.md, bench_evidence).

So a unit of work that is about to write many megabytes calls :func:`defer_checkpoint`: its
connection's auto-checkpoint is off until the connection goes back to the pool (committed or rolled
back), and then a thread checkpoints (PASSIVE: it never waits for, nor blocks, a reader or a writer)
while the window goes on. Nothing about durability changes: what a process killed before, during or
after that checkpoint left is the committed WAL, which the next connection replays (SQLite's
recovery; a checkpoint cut short is redone), and which ledger_app/store/stray_wal.py takes for the
ledger's own since it is. Another connection or program that commits meanwhile checkpoints as it
always did. :func:`wait_for_checkpoints` (``Ledger.close``) lets it finish before the engine goes.

PostgreSQL has no such thing to defer: there every call here does nothing."""

from __future__ import annotations

import logging
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, Engine, event

from ledger_app.system.pause_hook import pause_point

log = logging.getLogger(__name__)

_DEFERRED = "ledger_checkpoint_deferred"  # in the pool entry's info: the auto-checkpoint to put back
_lock = threading.Lock()
_workers: weakref.WeakKeyDictionary[Engine, _Worker] = weakref.WeakKeyDictionary()
_EXECUTOR: ThreadPoolExecutor | None = None


def defer_checkpoint(conn: Connection) -> None:
    """Inside a unit of work on ``conn`` that will write many megabytes: no checkpoint at its commit;
    one in the background once the connection is back in the pool (see the module docstring)."""
    if conn.dialect.name != "sqlite":
        return
    pooled = conn.connection
    if _DEFERRED in pooled.info:
        return
    engine = conn.engine
    with _lock:
        if engine not in _workers:
            _workers[engine] = _Worker(engine)
            # On the pool: it runs however the unit of work ends, commit, rollback or error.
            event.listen(engine, "checkin", _on_checkin)
    raw = pooled.driver_connection
    pooled.info[_DEFERRED] = (raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0], _workers[engine])
    raw.execute("PRAGMA wal_autocheckpoint = 0")


def wait_for_checkpoints(engine: Engine) -> None:
    """Until a checkpoint this engine left to the background is done (closing a ledger, a bench)."""
    with _lock:
        worker = _workers.get(engine)
    if worker is not None:
        worker.wait()


def _on_checkin(dbapi_conn, record) -> None:  # noqa: ANN001 - DBAPI connection, pool entry
    deferred = record.info.pop(_DEFERRED, None)
    if deferred is None:
        return
    pages, worker = deferred
    if dbapi_conn is not None:  # None: the connection was invalidated (closed), its setting with it
        try:
            dbapi_conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
        except Exception:  # a connection that cannot run a pragma any more is discarded by the pool anyway
            log.warning("could not restore wal_autocheckpoint", exc_info=True)
    worker.request()


class _Worker:
    """An engine's background checkpoints: one waiting at a time (a request while one waits is the same one)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = weakref.ref(engine)
        self.lock = threading.Lock()
        self.queued: Future[None] | None = None  # not begun yet
        self.last: Future[None] | None = None

    def request(self) -> None:
        with self.lock:
            if self.queued is not None and not self.queued.running() and not self.queued.done():
                return
            self.queued = self.last = _executor().submit(self._run)

    def wait(self) -> None:
        with self.lock:
            last = self.last
        if last is not None:
            last.result()

    def _run(self) -> None:
        with self.lock:
            self.queued = None
        pause_point("evidence-checkpoint")  # a test kills the process here: committed, not yet checkpointed
        engine = self.engine()
        if engine is not None:
            _checkpoint(engine)


def _executor() -> ThreadPoolExecutor:
    """One thread for the checkpoints of every ledger, started once: starting a thread takes a loaded
    machine tens of milliseconds, which the write would otherwise wait for. Like every executor's
    thread, it finishes what it was given before the program ends (concurrent.futures joins it at
    exit): not cut off half-way through a checkpoint (harmless, but it leaves the work to the next
    opening)."""
    global _EXECUTOR
    with _lock:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(1, thread_name_prefix="ledger-checkpoint")
        return _EXECUTOR


def _checkpoint(engine: Engine) -> None:
    try:
        raw = engine.raw_connection()
        try:
            # Outside any transaction (isolation_level None, db/engine.py); PASSIVE copies what no
            # reader still needs, and the next checkpoint, here or at another commit, the rest.
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            raw.close()
    except Exception:  # never in the way: SQLite checkpoints at a later commit or on closing
        log.warning("background checkpoint failed", exc_info=True)
