"""One unit of work = one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import WRITES


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together or not at all."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.connection(execution_options={WRITES: True})
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for queries only; anything left pending is rolled back."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
