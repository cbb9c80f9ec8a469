"""The ledger as of a day, the one entry point: the end of a closed quarter (季度封账) is read from
the snapshot frozen when it was closed, with the 更正 entered since (``closing.frozen``); any other
day from the ledger as it is now, every field as of its changes effective by then
(``snapshot.take_live``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Engine

from ledger_app.periods import closing
from ledger_app.periods.snapshot import Snapshot, take_live
from ledger_app.tasks.queries import TaskQuery


def ledger_as_of(engine: Engine, as_of: date, query: TaskQuery | None = None) -> Snapshot:
    """Tasks (matching ``query``), progress and supervision as of the end of ``as_of``; the frozen
    snapshot when ``as_of`` ends a closed quarter."""
    # Documents list tasks whatever their light on the day (a filter's light is not applied). The day
    # is ``as_of``, not the query's: frozen and take_live are given it.
    query = replace(query or TaskQuery(), light=None)
    frozen = closing.frozen(engine, as_of, query)
    return frozen if frozen is not None else take_live(engine, as_of, query)
