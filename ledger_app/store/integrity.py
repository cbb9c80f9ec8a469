"""Is a SQLite ledger file sound? SQLite's own ``PRAGMA quick_check``, asked before a ledger is
opened for writing, before every backup and before an import or a merge writes, so that a damaged
file is neither written to nor copied over the good backups; and, for a backup, whether the copy
reads whole (:func:`read_whole`): every row of every table given back, which also finds damage the
quick check cannot see, such as a byte flipped inside a row's text."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db.engine import BUSY_TIMEOUT_MS, connect_read_only, writable

# Primary result codes that mean the file itself is bad (not locked, not missing).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
_SHOWN = 2  # problems quoted in a message; quick_check may list hundreds


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` (a sqlite3 error) says the database file is damaged."""
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_CORRUPT or \
        "malformed" in str(exc)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong through ``conn``; None when the file is sound."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({_SHOWN})").fetchall()]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    if rows == ["ok"]:
        return None
    lines = [line for row in rows for line in row.splitlines() if line.strip() and not line.startswith("***")]
    return "；".join(lines[:_SHOWN]) or "；".join(rows)


def check_file(path: Path) -> str | None:
    """:func:`quick_check` of the ledger file ``path``, opened without writing to it."""
    with closing(connect_read_only(path) if not writable(path) else
                 sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
        return quick_check(conn)


class Unreadable(Exception):
    """A database that does not read whole: what failed, and where."""


_DETAIL = 160  # characters of the failure quoted (SQLite quotes the undecodable text itself)


def read_whole(conn: sqlite3.Connection, *, integrity: bool = True) -> dict[str, int]:
    """Read every row of every table through ``conn``, text decoded as UTF-8, after SQLite's full
    ``integrity_check`` (what a restore asks of a backup; ``integrity=False`` when the caller asked it
    already); the rows of each table (and of sqlite_master, the schema), or :class:`Unreadable` at
    the first failure."""
    if integrity:
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({_SHOWN})").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise Unreadable(str(exc)[:_DETAIL]) from None
        if rows != ["ok"]:
            raise Unreadable("；".join(rows)[:_DETAIL])
    tables = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for name in ["sqlite_master", *names]:
        count = 0
        try:
            for _row in conn.execute('SELECT * FROM "{}"'.format(name.replace('"', '""'))):
                count += 1
        except (sqlite3.DatabaseError, ValueError) as exc:  # "Could not decode to UTF-8 column …"
            raise Unreadable(f"{name}：{exc}"[:_DETAIL]) from None
        tables[name] = count
    return tables
