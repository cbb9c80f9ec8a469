"""Moving a whole ledger between databases (a desk's SQLite file ⇄ the office's PostgreSQL
server), and the per-table checksums that prove nothing was lost on the way.

The evidence chunks (1 MiB each, gigabytes in all) are read and written a few at a time, and
every evidence file's bytes are hashed against the SHA-256 they were stored under as they pass
(ledger_app/store/blob_check.py): a damaged file stops the move, named, before anything is kept."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, Table, func, insert, select, text

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.store import schema
from ledger_app.store.blob_check import BLOBS, CHUNK_TABLE, NAMES, BlobVerifier, describe

ROWS = "{table} {count} 行"
EN[ROWS] = "{table}: {count} rows"
MOVE_STOPPED = "迁移中止：{problem}。目标台账未改动；请从备份恢复这个文件或重新上传"
EN.update({MOVE_STOPPED: "the move stopped: {problem}. The target ledger is unchanged; restore this file from a "
                         "backup or add it again"})

# Rows are copied in slices so a 100,000-task ledger never sits in memory twice …
_CHUNK = 5_000
# … and the evidence chunks (1 MiB rows) eight at a time.
_SLICES = {CHUNK_TABLE: 8}


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


@dataclass(frozen=True)
class TransferResult:
    source: str
    target: str
    digests: dict[str, TableDigest]

    @property
    def tasks(self) -> int:
        return self.digests["task"].rows


def ledger_tables() -> list[Table]:
    """Every table of the ledger, parents before children (the order rows can be inserted in)."""
    return list(schema.metadata.sorted_tables)


def _canonical(value: object) -> str:
    # Each database hands back its own types (SQLite: naive datetimes; PostgreSQL: the
    # same once the session runs in UTC); write them the same way so equal data hashes equally.
    if value is None:
        return "\x00"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return f"{type(value).__name__}:{value}"


def _rows(conn: Connection, table: Table) -> Iterator[tuple]:
    stmt = select(table).order_by(*table.primary_key.columns)
    result = conn.execution_options(yield_per=_SLICES.get(table.name, _CHUNK)).execute(stmt)
    for partition in result.partitions():
        yield from partition


def _update(digest: hashlib._Hash, row: tuple) -> None:
    # Bytes go into the hash as they are (with their length): a 1 MiB chunk is not made into text.
    for i, value in enumerate(row):
        if i:
            digest.update(b"\x1f")
        if isinstance(value, bytes | memoryview):
            digest.update(b"bytes:%d:" % len(value))
            digest.update(value)
        else:
            digest.update(_canonical(value).encode("utf-8"))
    digest.update(b"\x1e")


def table_digest(conn: Connection, table: Table) -> TableDigest:
    digest = hashlib.sha256()
    count = 0
    for row in _rows(conn, table):
        _update(digest, row)
        count += 1
    return TableDigest(count, digest.hexdigest())


def ledger_digest(engine: Engine) -> dict[str, TableDigest]:
    """Row count and SHA-256 of the content of every table, independent of the database kind."""
    with engine.connect() as conn:
        return {table.name: table_digest(conn, table) for table in ledger_tables()}


def _occupied(conn: Connection) -> dict[str, int]:
    # Settings are written with defaults by the migrations themselves; they are replaced, not refused.
    counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
              for t in ledger_tables() if t.name != "setting"}
    return {name: n for name, n in counts.items() if n}


def _reset_sequences(conn: Connection) -> None:
    """Rows were inserted with their ids; move PostgreSQL's counters past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in ledger_tables():
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def _names(conn: Connection, blob: int) -> list[tuple[str, str | None]]:
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return [tuple(r) for r in conn.exec_driver_sql(NAMES.format(mark=mark), (blob, blob)).all()]


def copy_ledger(source: Engine, target: Engine,
                progress: Callable[[str, int], None] | None = None) -> dict[str, TableDigest]:
    """Copy every row of ``source`` into the empty ledger ``target`` (both at the current schema)
    in one transaction, verified by per-table counts and checksums before it commits."""
    with source.connect() as src, target.begin() as dst:
        busy = _occupied(dst)
        if busy:
            raise LedgerError("目标台账已有数据（{tables}），为防止覆盖，未做任何改动",
                              tables=[Message(ROWS, table=name, count=n) for name, n in busy.items()])
        for table in ledger_tables():
            if table.name == "setting":
                dst.execute(table.delete())
            copied = 0
            batch: list[dict] = []
            slice_rows = _SLICES.get(table.name, _CHUNK)
            verifier = BlobVerifier(src.exec_driver_sql(BLOBS).all()) if table.name == CHUNK_TABLE else None
            for row in _rows(src, table):
                if verifier is not None:
                    verifier.feed(row.blob_id, row.seq, row.data)
                batch.append(row._asdict())
                if len(batch) == slice_rows:
                    dst.execute(insert(table), batch)
                    copied += len(batch)
                    batch.clear()
                    if progress:
                        progress(table.name, copied)
            if batch:
                dst.execute(insert(table), batch)
                copied += len(batch)
            if verifier is not None and (bad := verifier.finish()):
                # Raising inside ``target.begin()`` rolls the whole copy back.
                raise LedgerError(MOVE_STOPPED, problem=describe(verifier.sha(bad[0]), _names(src, bad[0])))
            if progress:
                progress(table.name, copied)
        _reset_sequences(dst)
        expected = {t.name: table_digest(src, t) for t in ledger_tables()}
        got = {t.name: table_digest(dst, t) for t in ledger_tables()}
        wrong = [name for name in expected if expected[name] != got[name]]
        if wrong:
            # Raising inside ``target.begin()`` rolls the whole copy back.
            raise LedgerError("迁移校验失败（{tables} 的行数或校验和不一致），已回滚，目标台账未改动",
                              tables="、".join(wrong))
    return got
