"""One unit of work = one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from db.engine import ALONE, WRITES

if TYPE_CHECKING:
    from sqlmodel import Session


@contextmanager
def transaction(engine: Engine, *, alone: bool = False) -> Iterator[Session]:
    """A session whose work is committed together or not at all. ``alone``: no other write may
    commit until it ends (SQLite's BEGIN IMMEDIATE gives every write that; on PostgreSQL the
    other writes wait on the shared write lock, see db.engine) — for a unit of work that reads
    the ledger through other connections and writes what it read."""
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.connection(execution_options={WRITES: ALONE if alone else True})
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for queries only; anything left pending is rolled back."""
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as session:
        yield session


@contextmanager
def core_transaction(engine: Engine) -> Iterator[Connection]:
    """:func:`transaction` for Core statements only (bulk writes): no ORM is loaded for them. An
    ORM session can still join it, through ``orm_session(conn)``."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITES: True})
        with conn.begin():
            yield conn


@contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """A unit of work that writes, on a connection already open (which read before, outside any
    write lock): BEGIN IMMEDIATE on SQLite, as :func:`transaction`."""
    conn = conn.execution_options(**{WRITES: True})
    with conn.begin():
        yield conn


def data_version(conn: Connection) -> int | None:
    """A number that changes when another connection commits to the database (SQLite's ``PRAGMA
    data_version``, for this connection); None for a database that has none (PostgreSQL)."""
    if conn.dialect.name != "sqlite":
        return None
    return conn.exec_driver_sql("PRAGMA data_version").scalar()


def orm_session(conn: Connection) -> Session:
    """A session inside ``conn``'s transaction, on a savepoint: its ``commit()`` keeps its work for
    the transaction (which commits or rolls back everything), closing without one drops it."""
    from sqlmodel import Session

    return Session(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
