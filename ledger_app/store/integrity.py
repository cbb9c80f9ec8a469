"""Is a SQLite ledger file sound? SQLite's own ``PRAGMA quick_check``, asked before a ledger is
opened for writing, before every backup and before an import or a merge writes, so that a damaged
file is neither written to nor copied over the good backups; and, for a backup, whether the copy
reads whole (:func:`read_whole`): every row of every table given back, which also finds damage the
quick check cannot see, such as a byte flipped inside a row's text, and every evidence file's bytes
hashed against the SHA-256 they were stored under (ledger_app/store/blob_check.py).

The check on opening leaves out the evidence tables (the chunks, and the rows of contents and
attachments): the chunks are most of a ledger that keeps its 佐证材料 (gigabytes), and the rows of
20,000 attachments alone doubled the check's time, so opening would grow with the evidence kept.
Their b-trees are checked by the day's first backup (SQLite's full integrity check and every row
read back), a damaged page among them is refused as damage when it is touched, and the bytes of a
content are hashed whenever they are read (opening a file, exporting, a backup, a move)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from db.engine import BUSY_TIMEOUT_MS, connect_read_only, writable
from ledger_app.store.blob_check import BLOB_TABLE, BLOBS, CHUNK_TABLE, CHUNKS_IN_ORDER, FILE_TABLE, NAMES, verify

# Primary result codes that mean the file itself is bad (not locked, not missing).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
_SHOWN = 2  # problems quoted in a message; quick_check may list hundreds


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` (a sqlite3 error) says the database file is damaged."""
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_CORRUPT or \
        "malformed" in str(exc)


def quick_check(conn: sqlite3.Connection, *, skip_evidence: bool = False) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong through ``conn``; None when the file is sound.
    ``skip_evidence``: every table but the evidence tables (the check on opening, see above);
    SQLite then checks each table with its indexes and leaves out the free-page count."""
    try:
        tables = _tables(conn) if skip_evidence else []
        if CHUNK_TABLE not in tables:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({_SHOWN})").fetchall()]
        else:
            rows = ["ok"]
            for name in (n for n in tables if n not in _EVIDENCE):
                found = [str(r[0]) for r in conn.execute(f'PRAGMA quick_check("{_quoted(name)}")').fetchall()]
                if found != ["ok"]:
                    rows = found
                    break
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    if rows == ["ok"]:
        return None
    lines = [line for row in rows for line in row.splitlines() if line.strip() and not line.startswith("***")]
    return "；".join(lines[:_SHOWN]) or "；".join(rows)


_EVIDENCE = {CHUNK_TABLE, BLOB_TABLE, FILE_TABLE}


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def check_file(path: Path, *, skip_evidence: bool = False) -> str | None:
    """:func:`quick_check` of the ledger file ``path``, opened without writing to it."""
    with closing(connect_read_only(path) if not writable(path) else
                 sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
        return quick_check(conn, skip_evidence=skip_evidence)


class Unreadable(Exception):
    """A database that does not read whole: what failed, and where."""


_DETAIL = 160  # characters of the failure quoted (SQLite quotes the undecodable text itself)


def read_whole(conn: sqlite3.Connection, *, integrity: bool = True) -> dict[str, int]:
    """Read every row of every table through ``conn``, text decoded as UTF-8, after SQLite's
    ``integrity_check`` (what a restore asks of a backup; ``integrity=False`` when the caller asked it
    already); the rows of each table (and of sqlite_master, the schema), or :class:`Unreadable` at
    the first failure.

    The evidence chunks (gigabytes) are not walked twice: the integrity check takes every other
    table with its indexes, and the chunks are read through, every page of every chunk, and hashed
    against their contents' SHA-256 — damage to them fails the read or the hash. (Checked table by
    table, SQLite leaves out the count of pages in use, which finds wasted space, not lost rows.)"""
    if integrity:
        try:
            names = _tables(conn)
            checks = [f"PRAGMA integrity_check({_SHOWN})"] if CHUNK_TABLE not in names else \
                [f'PRAGMA integrity_check("{_quoted(n)}")' for n in names if n != CHUNK_TABLE]
            for check in checks:
                rows = [str(r[0]) for r in conn.execute(check).fetchall()]
                if rows != ["ok"]:
                    raise Unreadable("；".join(rows)[:_DETAIL])
        except sqlite3.DatabaseError as exc:
            raise Unreadable(str(exc)[:_DETAIL]) from None
    tables = {}
    names = _tables(conn)
    for name in ["sqlite_master", *names]:
        if name == CHUNK_TABLE:
            tables[name] = _read_chunks(conn)
            continue
        count = 0
        try:
            for _row in conn.execute(f'SELECT * FROM "{_quoted(name)}"'):
                count += 1
        except (sqlite3.DatabaseError, ValueError) as exc:  # "Could not decode to UTF-8 column …"
            raise Unreadable(f"{name}：{exc}"[:_DETAIL]) from None
        tables[name] = count
    return tables


def _read_chunks(conn: sqlite3.Connection) -> int:
    """Every evidence chunk read, each content hashed against its name; the chunks read, or
    :class:`Unreadable` naming the first damaged file (the whole message: it names the file)."""
    count = 0

    def rows():  # noqa: ANN202 - a generator counting what it gives
        nonlocal count
        for row in conn.execute(CHUNKS_IN_ORDER):
            count += 1
            yield row

    try:
        problem = verify(rows(), conn.execute(BLOBS).fetchall(),
                         lambda blob: conn.execute(NAMES.format(mark="?"), (blob, blob)).fetchall())
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise Unreadable(f"{CHUNK_TABLE}：{exc}"[:_DETAIL]) from None
    if problem is not None:
        raise Unreadable(problem)
    return count
