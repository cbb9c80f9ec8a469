"""Many rows into one table in one statement, for imports of thousands of tasks.

``conn.execute(insert(table), rows)`` rebuilds and checks a parameter set per row in Python; for
the 25,000 rows of a 5,000-task import that is a third of its writing time. :func:`insert_rows`
compiles the INSERT once and hands the driver's ``executemany`` the rows converted by each
column's own type (the same bind processing, so what is stored is the same), with the columns'
Python-side defaults filled in as SQLAlchemy would. On PostgreSQL the same converted rows go through
``COPY … FROM STDIN`` instead (tests/test_bulk_insert.py compares both with SQLAlchemy's own INSERT).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table, insert
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


def python_default(column: Column) -> Callable[[], Any] | None:
    """What makes ``column``'s Python-side default (``default=``) for a new row, or None."""
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        return None
    if default.is_callable:
        return lambda: default.arg(None)  # SQLAlchemy's wrapper of a callable takes a context
    return lambda: default.arg


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while tens of thousands of objects are made and kept:
    rows worked out and written (import, carry-over), a year scored (the assessment), a workbook's cells
    (export). Their number sets the collector off again and again, and each full collection walks every
    object of the program (a fifth of the time of a 5,000-task carry-over, a quarter of an export).
    Nothing is lost meanwhile: what is left over is collected afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``table`` within ``conn``'s transaction."""
    if not rows:
        return
    given = list(rows[0])
    defaults = {c.name: make for c in table.columns if c.name not in given and (make := python_default(c)) is not None}
    keys = [*given, *defaults]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    order = compiled.positiontup if compiled.positional else keys
    # Column by column: each column's values, converted by its type as this database stores it
    # (dialect_impl: SQLite keeps times as text of its own form).
    pick = itemgetter(*given)
    found = dict(zip(given, zip(*map(pick, rows), strict=True) if len(given) > 1 else [list(map(pick, rows))],
                     strict=True))
    columns = []
    for key in order:
        values = found[key] if key in found else [defaults[key]() for _ in rows]
        process = table.c[key].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        columns.append(values if process is None else _converted(values, process))
    if conn.dialect.name == "postgresql":
        _copy(conn, table, order, columns)
        return
    if compiled.positional:
        data: list[Any] = list(zip(*columns, strict=True))
    else:
        data = [dict(zip(order, values, strict=True)) for values in zip(*columns, strict=True)]
    conn.exec_driver_sql(str(compiled), data)


def _copy(conn: Connection, table: Table, names: Sequence[str], columns: list[list[Any]]) -> None:
    """PostgreSQL: the rows through ``COPY … FROM STDIN`` on the connection's own transaction, each value
    as the INSERT would have bound it (the driver adapts both alike). An INSERT of many rows makes the
    server plan and run one statement per row; COPY streams them: a 100,000-task import wrote its rows
    in a third of the time (docs/benchmarks.md)."""
    quote = conn.dialect.identifier_preparer
    target = f"{quote.format_table(table)} ({', '.join(quote.quote(name) for name in names)})"
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            for row in zip(*columns, strict=True):
                copy.write_row(row)
    finally:
        cursor.close()


def _converted(values: list[Any], process: Callable[[Any], Any]) -> list[Any]:
    """``values`` through ``process`` (NULL stays NULL), each distinct value converted once: a
    column of thousands of rows written together holds a few dates and one "now", often in a row."""
    done: dict[tuple[type, Any], Any] = {}
    out = []
    last, converted = None, None  # the value before (None: NULL, never converted) and what it became
    for value in values:
        if value is not last:
            last = value
            if value is None:
                converted = None
            else:
                try:
                    key = (type(value), value)
                    converted = done[key] if key in done else done.setdefault(key, process(value))
                except TypeError:  # unhashable: converted as it comes
                    converted = process(value)
        out.append(converted)
    return out


def refresh_statistics(conn: Connection, tables: Sequence[Table]) -> None:
    """After thousands of rows written at once (an import, a carry-over), inside the same transaction:
    PostgreSQL's planner told what ``tables`` now hold. Until its autovacuum gets round to it, the
    planner guesses: after a 100,000-task import it scanned all 300,000 department links for a page of
    100 tasks (20 ms where the index takes 0.2 ms), and a table of ten departments was priced as 1,270
    rows. PostgreSQL's own advice for a bulk load is to run ANALYZE afterwards; 0.3 s at 100,000 tasks.
    ANALYZE counts the rows its own transaction wrote, and its statistics are kept only if that commits.

    SQLite is left as it is: without statistics its planner follows fixed rules that the query-plan
    tests hold it to. Statistics are a hint: when they cannot be made (a server account that does not
    own the tables is skipped with a warning by the server itself), the rows written stay written."""
    if conn.dialect.name != "postgresql" or not tables:
        return
    names = ", ".join(conn.dialect.identifier_preparer.format_table(t) for t in tables)
    try:
        with conn.begin_nested():  # a savepoint: a failure here never undoes the rows
            conn.exec_driver_sql(f"ANALYZE {names}")
    except SQLAlchemyError as error:
        log.warning("ANALYZE after writing %s failed: %s", names, error)
