"""Where the ledger lives, decided without loading SQLAlchemy (the window's first paint reads
a local ledger with the standard library; see ledger_app/tasks/first_page.py)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "TASK_LEDGER_DB"
APP_NAME = "TaskLedger"
APP_AUTHOR = "TaskLedger"
HOME_ENV = "TASK_LEDGER_HOME"


def default_db_path() -> Path:
    """The per-user ledger file (on Windows under %LOCALAPPDATA%).

    ``TASK_LEDGER_HOME`` moves every per-user file (tests, portable installs).
    """
    home = os.environ.get(HOME_ENV)
    base = Path(home) / "data" if home else Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
    return base / "ledger.db"


def chosen(db: str | os.PathLike[str] | None = None) -> str:
    """``--db``, else ``TASK_LEDGER_DB``, else the per-user file: a path or a URL."""
    return plain_path(os.fspath(db) if db else os.environ.get(DB_ENV) or str(default_db_path()))


def plain_path(value: str) -> str:
    r"""A Windows path written in its long form, ``\\?\C:\…`` or ``\\?\UNC\server\share\…``, as the
    same path in its usual form (``C:\…``, ``\\server\share\…``): the ``?`` would otherwise be read
    as the start of a URL's query, and a share would not be recognised as one."""
    for prefix in ("\\\\?\\", "//?/", "\\\\.\\", "//./"):
        if value.startswith(prefix):
            rest = value[len(prefix):]
            if rest[:4].upper() in ("UNC\\", "UNC/"):
                return "\\\\" + rest[4:]
            mup = "GLOBALROOT\\Device\\Mup\\"
            if rest[:len(mup)].upper() == mup.upper():  # the Multiple UNC Provider: a share
                return "\\\\" + rest[len(mup):]
            if len(rest) >= 2 and rest[1] == ":":
                return rest
    return value


def local_file(db: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file ``db`` names (as db.engine.resolve_url reads it), or None for a server."""
    value = chosen(db)
    if "://" in value:
        prefix = "sqlite:///"
        if not value.startswith(prefix) or value[len(prefix):] in ("", ":memory:") or "?" in value:
            return None
        value = value[len(prefix):]
    return Path(value).expanduser().resolve()
