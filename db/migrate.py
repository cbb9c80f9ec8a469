"""Schema creation and upgrades, only ever through Alembic, run on open."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError

from db.schema import HEAD, REVISION_QUERY

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["HEAD", "LedgerTooNewError", "NotALedgerError", "current_revision", "head_revision",
           "is_current", "needs_upgrade", "schema_revision", "upgrade_to_head"]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NotALedgerError(Exception):
    """The file or database exists but is not one of ours."""


class LedgerTooNewError(Exception):
    """The ledger was written by a newer version of the program."""


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_revision(engine: Engine) -> str | None:
    """The ledger's schema revision (one query), None for a database without one."""
    try:
        with engine.connect() as conn:
            return conn.execute(text(REVISION_QUERY)).scalar()
    except (OperationalError, ProgrammingError):
        return None


def is_current(engine: Engine) -> bool:
    """One query: is the schema at HEAD? (A new database has no alembic_version table.)"""
    return schema_revision(engine) == HEAD


def needs_upgrade(engine: Engine) -> bool:
    """True when ``engine`` holds a ledger whose schema the next :func:`upgrade_to_head` will
    change (an older revision); False for an empty or current database, and for one that is
    not a ledger or not readable (upgrade_to_head refuses those itself)."""
    try:
        return schema_revision(engine) not in (None, HEAD)
    except DatabaseError:
        return False


def upgrade_to_head(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction; refuse foreign or newer databases."""
    try:
        if target == "head" and is_current(engine):
            return  # the usual case: one query, and Alembic is never loaded
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
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
