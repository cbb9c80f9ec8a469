"""Schema creation and upgrades, only ever through Alembic, run on open."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NotALedgerError(Exception):
    """The file or database exists but is not one of ours."""


class LedgerTooNewError(Exception):
    """The ledger was written by a newer version of the program."""


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction; refuse foreign or newer databases."""
    try:
        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if target == "head" and current == head_revision():
                return
            if current is None:
                foreign = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
                if foreign:
                    raise NotALedgerError(", ".join(sorted(foreign)[:5]))
            elif current not in {s.revision for s in _scripts().walk_revisions()}:
                raise LedgerTooNewError(current)
            cfg = _config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except DatabaseError as exc:
        # Only the bare DatabaseError means "file is not a database"; its
        # subclasses (locked, disk full, ...) are the environment's, not the file's.
        if type(exc) is not DatabaseError:
            raise
        raise NotALedgerError(str(exc.orig)) from exc
