"""Where the ledger lives and how we connect to it.

The default is one SQLite file in the per-user data directory; ``--db`` or the
``TASK_LEDGER_DB`` environment variable pick another file or any SQLAlchemy URL
(a shared PostgreSQL server, for instance).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from db.location import APP_AUTHOR, APP_NAME, DB_ENV, HOME_ENV, chosen, default_db_path

__all__ = ["ALONE", "APP_AUTHOR", "APP_NAME", "BUSY_TIMEOUT_MS", "DB_ENV", "HOME_ENV", "WRITES", "create_ledger_engine",
           "default_db_path", "is_sqlite", "resolve_url", "sqlite_path"]

# Long enough for another desk to finish its write; short enough that a stuck
# lock is reported instead of freezing the window.
BUSY_TIMEOUT_MS = 15_000


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """Turn ``--db`` / ``TASK_LEDGER_DB`` / the default into a SQLAlchemy URL.

    Creates nothing: a mistyped path must not leave folders behind (see ledger_app.store.opening)."""
    value = chosen(db)
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and :memory:."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


PAGE_SIZE = 16384  # bytes per page of a new SQLite ledger


def _on_sqlite_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy (not the driver) decide where transactions begin, so every
    # unit of work is exactly one BEGIN ... COMMIT.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    # Only a new, empty file takes it (a ledger made before keeps its 4 KiB pages). 16 KiB pages: a 50 MB
    # scan is a quarter as many WAL frames (each its own header and two writes), storing it about 1.4x
    # faster, and the 100,000-task searches read fewer pages (5-15 % faster); docs/benchmarks.md.
    cur.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives a power cut, not only a killed process.
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


WRITES = "ledger_writes"  # execution option of a unit of work that will write (db.session.transaction)
# Its value for the few units of work during which nobody else may write: closing a quarter reads
# the ledger and freezes what it read, so no edit may commit between the two.
ALONE = "alone"
# PostgreSQL: the advisory lock every write holds shared and an ALONE unit of work holds alone —
# what BEGIN IMMEDIATE already gives a SQLite ledger (one writer at a time).
WRITE_LOCK = 0x4C6564676572


def _on_sqlite_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    # A unit of work that writes takes the write lock at BEGIN and so waits out the busy timeout
    # behind another desk's write. A plain BEGIN that reads first and then writes fails at once
    # with "database is locked" whenever another process committed in between (WAL snapshot).
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITES) else "BEGIN")


def _on_postgresql_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    # Taken first thing in the transaction, before any row or table lock, so it cannot deadlock
    # with them; a transaction-scoped lock, released at COMMIT or ROLLBACK.
    mode = conn.get_execution_options().get(WRITES)
    if mode:
        lock = "pg_advisory_xact_lock" if mode == ALONE else "pg_advisory_xact_lock_shared"
        conn.exec_driver_sql(f"SELECT {lock}({WRITE_LOCK})")


def writable(path: Path) -> bool:
    """Whether this process may write the ledger and the -wal/-shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write ``path``. In a folder where SQLite cannot create the shared
    memory file of a WAL ledger, the file is read as immutable (nobody here can change it)."""
    uri = Path(path).resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if writable(path):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _on_read_only_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_conn.execute("PRAGMA query_only = ON")


def create_ledger_engine(db: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Engine:
    """An engine for the ledger named by ``db`` (see :func:`resolve_url`).

    ``read_only`` (SQLite): no connection can write the file, nor its journal mode."""
    url = resolve_url(db)
    if read_only and is_sqlite(url):
        path = sqlite_path(url)
        engine = create_engine(url, creator=lambda: connect_read_only(path), pool_use_lifo=True)
        event.listen(engine, "connect", _on_read_only_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    if is_sqlite(url):
        # LIFO: reuse the connection whose SQLite page cache is warm (each connection has its own).
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_use_lifo=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    connect_args = {}
    if make_url(url).get_backend_name() == "postgresql":
        # Timestamps are stored as UTC without a zone; a server set to Asia/Shanghai
        # would otherwise shift every one of them by eight hours on the way in.
        connect_args["options"] = "-c timezone=UTC"
        # An unreachable server is reported within seconds instead of the OS's minutes.
        connect_args["connect_timeout"] = 10
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if make_url(url).get_backend_name() == "postgresql":
        event.listen(engine, "begin", _on_postgresql_begin)
    return engine
