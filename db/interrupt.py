"""Stopping a query another thread is running: a search keystroke stops the query of the keystroke
before it instead of queueing behind it (SQLite's ``interrupt``, PostgreSQL's statement cancel).

A :class:`Stop` is handed to the work a worker thread runs; the work runs its statements inside
:meth:`Stop.watching`, and any thread may call :meth:`Stop.stop`. The driver connection is known
to the Stop only while the work holds it, so a stop never reaches a connection that went back to
the pool and serves someone else.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


class Stopped(Exception):  # noqa: N818 - what happened, said as the window's code reads it
    """The work was stopped (a newer keystroke asked again): nobody wants its answer."""


class Stop:
    """Stops one piece of work: now, if one of its statements is running; else before its next."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._driver: object | None = None
        self.stopped = False

    def stop(self) -> None:
        """Any thread: the work's running statement fails at once and no further one starts."""
        with self._lock:
            self.stopped = True
            if self._driver is not None:
                _interrupt(self._driver)

    def check(self) -> None:
        """Between statements: raise :class:`Stopped` once stopped."""
        if self.stopped:
            raise Stopped

    @contextmanager
    def watching(self, conn: Connection) -> Iterator[Connection]:
        """Run statements on ``conn`` that :meth:`stop` may interrupt; a statement interrupted
        ends the block with :class:`Stopped`, not the driver's error."""
        driver = conn.connection.dbapi_connection
        with self._lock:
            self.check()
            self._driver = driver
        try:
            yield conn
        except Exception as exc:
            if self.stopped:
                raise Stopped from exc
            raise
        finally:
            with self._lock:
                self._driver = None


def _interrupt(driver: object) -> None:
    # sqlite3.Connection.interrupt is meant to be called from another thread; psycopg's cancel sends
    # the server a cancel request for the statement in progress (a no-op between statements).
    interrupt = getattr(driver, "interrupt", None) or getattr(driver, "cancel", None)
    if interrupt is not None:
        try:
            interrupt()
        except Exception:  # noqa: BLE001, S110 - a connection already closed has nothing left to stop
            pass
