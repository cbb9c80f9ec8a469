"""Schema creation and upgrades, run on open.

Upgrades go through Alembic. A brand-new, empty database is instead given the current schema in
one step by the caller's ``create`` (``ledger_app.store.schema``' ``create_all`` and the rows every ledger starts
with) and stamped at HEAD, Alembic's recipe for building an up-to-date database from scratch: it
spares a new ledger loading Alembic and replaying every migration. A test builds one ledger each
way and requires the same tables, columns, defaults, keys, indexes and starting rows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
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


# Alembic's own table, as its stamp would make it.
_VERSION_TABLE = ("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                  "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")


def upgrade_to_head(engine: Engine, target: str = "head", *,
                    create: Callable[[Connection], None] | None = None) -> None:
    """Bring the schema to ``target`` in one transaction; refuse foreign or newer databases.
    An empty database is made by ``create`` (when given and the target is HEAD), else by
    running every migration."""
    try:
        if target == "head" and is_current(engine):
            return  # the usual case: one query, and Alembic is never loaded
        with engine.begin() as conn:
            tables = set(inspect(conn).get_table_names())
            current = conn.execute(text(REVISION_QUERY)).scalar() if "alembic_version" in tables else None
            if current is None:
                foreign = tables - {"alembic_version"}
                if foreign:
                    raise NotALedgerError(", ".join(sorted(foreign)[:5]))
                if create is not None and target == "head":
                    create(conn)
                    if "alembic_version" not in tables:
                        conn.execute(text(_VERSION_TABLE))
                    conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": HEAD})
                    return
            elif current not in {s.revision for s in _scripts().walk_revisions()}:
                raise LedgerTooNewError(current)
            from alembic import command

            cfg = _config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except DatabaseError as exc:
        # Only the bare DatabaseError means "file is not a database"; its
        # subclasses (locked, disk full, ...) are the environment's, not the file's.
        if type(exc) is not DatabaseError:
            raise
        raise NotALedgerError(str(exc.orig)) from exc
