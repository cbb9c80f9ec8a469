"""Opening a ledger: engine, migrations on open, and who is working."""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from db.engine import create_ledger_engine, resolve_url, sqlite_path
from db.migrate import LedgerTooNewError, NotALedgerError, needs_upgrade, upgrade_to_head
from ledger_app.errors import LedgerError
from ledger_app.files import is_network_path
from ledger_app.i18n import EN, t

log = logging.getLogger(__name__)

NETWORK_LEDGER = ("台账文件 {path} 在网络驱动器上：多台电脑经网络共享同时打开一个 SQLite 台账会损坏它，"
                  "因此不在网络驱动器上打开。请把台账放在本机；办公室共用请在 设置 → 本机 → 台账文件或服务器 中"
                  "选择“连接共享台账服务器”（PostgreSQL）")
EN.update({
    NETWORK_LEDGER: "the ledger file {path} is on a network drive: a SQLite ledger opened by several computers through "
                    "a network share gets damaged, so it is not opened there. Keep the ledger on this computer; to "
                    "share it in the office, choose 'Connect to a shared ledger server' (PostgreSQL) under Settings "
                    "→ This computer → Ledger file or server",
    "升级台账结构前无法备份（{reason}），未做任何改动":
        "cannot back up the ledger before upgrading its schema ({reason}); nothing was changed",
})


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
    if path is not None and is_network_path(path):
        # WAL needs shared memory that SMB does not give, and file locking over SMB is unreliable.
        raise LedgerError(NETWORK_LEDGER, path=path)
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    engine = create_ledger_engine(url)
    where = str(path or engine.url.render_as_string(hide_password=True))
    try:
        if existed and needs_upgrade(engine):
            _backup_before_upgrade(url, engine)
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


def server_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be kept as this computer's shared-ledger address (None if it can)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        return t("服务器地址格式不对，应为 postgresql+psycopg://用户@服务器/库名")
    if parsed.get_backend_name() != "postgresql" or not parsed.host or not parsed.database:
        return t("服务器地址格式不对，应为 postgresql+psycopg://用户@服务器/库名")
    if parsed.password:
        # The address is kept in this computer's settings file in plain text.
        return t("请不要把密码写在地址里：密码放在 PostgreSQL 的 pgpass 文件中（见 README“共享台账服务器”）")
    return None


def describe_location(db: str) -> str:
    """Try a ledger location without changing anything: what a clerk sees after 测试连接."""
    from sqlalchemy import inspect, text

    engine = create_ledger_engine(db)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if not tables:
                return t("已连接 {where}：空数据库，第一次打开时建立台账", where=where)
            if "alembic_version" not in tables or "task" not in tables:
                raise LedgerError("{path} 不是任务台账数据库（{detail}），未做任何改动", path=where,
                                  detail="、".join(sorted(tables)[:5]))
            count = conn.execute(text("SELECT count(*) FROM task")).scalar()
            return t("已连接 {where}：共享台账，{count} 项任务", where=where, count=count)
    except OperationalError as exc:
        raise LedgerError("数据库无法打开：{reason}", reason=exc.orig) from None
    finally:
        engine.dispose()


def _backup_before_upgrade(url: str, engine: Engine) -> None:
    """A newer program changes the schema only after a copy of the ledger as it was is safe
    (reason ``upgrade``); without that copy the ledger is not touched."""
    from ledger_app.backup import backup_ledger

    try:
        copy = backup_ledger(url, "upgrade")
    except LedgerError as exc:
        engine.dispose()
        raise LedgerError("升级台账结构前无法备份（{reason}），未做任何改动", reason=exc) from None
    log.info("backed up %s to %s before upgrading its schema", url, copy)


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
