"""Opening a ledger: engine, migrations on open, and who is working."""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from db.engine import create_ledger_engine, resolve_url, sqlite_path
from db.migrate import LedgerTooNewError, NotALedgerError, upgrade_to_head
from ledger_app.errors import LedgerError

log = logging.getLogger(__name__)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers and services)
        return os.environ.get("USERNAME", "")


@dataclass
class Ledger:
    engine: Engine
    url: str
    user: str

    @property
    def display_name(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def open_ledger(db: str | None = None, user: str | None = None) -> Ledger:
    """Open (creating or upgrading as needed) the ledger named by ``db``."""
    url = resolve_url(db)
    path = sqlite_path(url)
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    engine = create_ledger_engine(url)
    where = str(path or engine.url.render_as_string(hide_password=True))
    try:
        upgrade_to_head(engine)
    except NotALedgerError as exc:
        engine.dispose()
        raise LedgerError("{path} 不是任务台账数据库（{detail}），未做任何改动", path=where, detail=exc) from None
    except LedgerTooNewError as exc:
        engine.dispose()
        raise LedgerError("{path} 由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开",
                          path=where, revision=exc) from None
    except OperationalError as exc:
        engine.dispose()
        raise LedgerError("数据库无法打开：{reason}", reason=exc.orig) from None
    if existed:
        _backup_on_open(url)
    return Ledger(engine, url, user or os_user())


def _backup_on_open(url: str) -> None:
    """The once-a-day backup, taken by whichever opens the ledger first that day (see ledger_app/backup.py).

    Only after the ledger opened (so it is one of ours); a failure is logged, never in the way
    of opening: a clerk whose backup folder is full must still reach the ledger.
    """
    from ledger_app.backup import backup_if_due

    try:
        backup_if_due(url, "open")
    except LedgerError as exc:
        log.warning("%s", exc)
