"""Schema creation and upgrades, only ever through Alembic, run on open."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision this program knows. Opening an up-to-date ledger compares
# against it without importing Alembic, which keeps command-line start-up short;
# a test checks it against the migration scripts.
HEAD = "0007"


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


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def upgrade_to_head(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction; refuse foreign or newer databases."""
    try:
        if target == "head" and is_current(engine):
            return
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
