"""Opening a ledger: engine, migrations on open, and who is working."""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

from db.engine import create_ledger_engine, resolve_url, sqlite_path, writable
from db.location import default_db_path
from db.migrate import (
    HEAD,
    LedgerTooNewError,
    NotALedgerError,
    is_current,
    needs_upgrade,
    schema_revision,
    upgrade_to_head,
)
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.system.files import is_network_path

log = logging.getLogger(__name__)

NO_LEDGER = "台账文件不存在：{path}（请检查 --db；新台账由 import 导入任务表时建立）"
DAMAGED = "台账 {path} 已损坏（完整性检查：{detail}），已以只读方式打开，不能修改；请从备份恢复"
READ_ONLY = "台账 {path} 所在的文件夹或文件只读，已以只读方式打开，不能修改"
DISK_FULL = "磁盘空间不足，未能写入台账 {path}；这次修改未保存"
OUTDATED_READ_ONLY = "台账 {path} 需要升级结构才能打开，但它是只读的（{why}）"

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
    NO_LEDGER: "the ledger file does not exist: {path} (check --db; a new ledger is made by importing a task "
               "table with import)",
    DAMAGED: "the ledger {path} is damaged (integrity check: {detail}); it was opened read-only and cannot be "
             "changed. Restore it from a backup",
    READ_ONLY: "the ledger {path} is in a read-only folder or file; it was opened read-only and cannot be changed",
    DISK_FULL: "the disk is full; nothing was written to the ledger {path}, this change was not saved",
    OUTDATED_READ_ONLY: "the ledger {path} needs a schema upgrade to open, but it is read-only ({why})",
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
    damage: str | None = None  # what the integrity check found wrong with the file (then read-only)
    read_only: bool = False
    notices: list[str] = field(default_factory=list)  # what opening did that the clerk must hear of

    @property
    def local_file(self) -> Path | None:
        """The SQLite file this ledger is kept in; None for a ledger on a server."""
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        path = self.local_file
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def schema_versions(self) -> tuple[str | None, str]:
        """The ledger's schema revision (None if it has none) and the one this program writes."""
        return schema_revision(self.engine), HEAD

    def close(self) -> None:
        from ledger_app.store.checkpoint import wait_for_checkpoints

        wait_for_checkpoints(self.engine)  # a large write's checkpoint, left to the background, is done first
        self.engine.dispose()


def default_ledger_path() -> Path:
    """This desk's own ledger file, in the per-user data folder (``TASK_LEDGER_HOME`` moves it)."""
    return default_db_path()


def open_ledger(db: str | None = None, user: str | None = None, *, create: bool = True,
                read_only: bool = False) -> Ledger:
    """Open (upgrading as needed) the ledger named by ``db``.

    A missing ledger file is made only with ``create`` (``import`` and the window do; a reading
    command with a mistyped ``--db`` must not leave an empty ledger and folders behind). A file that
    fails SQLite's integrity check, or that this process may not write, is opened read-only:
    every write is then refused with the reason (see :func:`_translate_errors`). A ``-wal`` file
    beside it that is not its own is first moved aside (ledger_app/store/stray_wal.py) and said in
    ``Ledger.notices``, which the command line and the window show."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None and is_network_path(path):
        # WAL needs shared memory that SMB does not give, and file locking over SMB is unreliable.
        raise LedgerError(NETWORK_LEDGER, path=path)
    notices = []
    if path is not None:
        from ledger_app.store.stray_wal import set_aside_stray_wal

        # Before anything opens the file: SQLite would replay another database's -wal into it.
        if (moved := set_aside_stray_wal(path)) is not None:
            notices.append(moved)
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    if path is not None and not existed:
        if not create or read_only:
            raise LedgerError(NO_LEDGER, path=path)
        path.parent.mkdir(parents=True, exist_ok=True)
    damage = _damage(path) if existed else None
    read_only = read_only or damage is not None or (existed and not writable(path))
    engine = create_ledger_engine(url, read_only=read_only)
    where = str(path or engine.url.render_as_string(hide_password=True))
    ledger = Ledger(engine, url, user or os_user(), damage, read_only, notices)
    # The listener lives on the engine's dialect, which the ORM's statement caches (one per mapped class)
    # keep after the ledger is closed: it holds what its messages need, not the ledger, whose engine (pool,
    # statement cache) would otherwise stay in memory for every ledger ever opened.
    facts = _Facts(url, ledger.display_name, damage, read_only)
    event.listen(engine, "handle_error", lambda context: _translate_errors(facts, context))
    try:
        if not read_only:
            if existed and needs_upgrade(engine):
                _backup_before_upgrade(url, engine)
            upgrade_to_head(engine, create=new_schema)
        elif not is_current(engine):
            why = t(DAMAGED, path=where, detail=damage) if damage else t(READ_ONLY, path=where)
            raise LedgerError(OUTDATED_READ_ONLY, path=where, why=why)
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
    except LedgerError:
        engine.dispose()
        raise
    if damage is not None:
        log.warning("%s", t(DAMAGED, path=where, detail=damage))
    elif existed:
        _backup_on_open(ledger)
    if existed and not read_only:
        from ledger_app.store.restore import remove_restore_leftovers

        remove_restore_leftovers(path)
    return ledger


def new_schema(conn: Connection) -> None:
    """What a new ledger starts with: the tables of ledger_app.store.schema and its own form-signing secret (the
    rows migration 0008 gives a ledger made by migrations; a test keeps the two the same)."""
    import secrets

    from sqlalchemy import insert

    from ledger_app.store import schema
    from ledger_app.store.settings import SECRET_KEY

    schema.metadata.create_all(conn)
    conn.execute(insert(schema.setting).values(key=SECRET_KEY, value=secrets.token_hex(32)))


def _damage(path: Path) -> str | None:
    from ledger_app.store.integrity import check_file

    try:
        return check_file(path, skip_evidence=True)  # see ledger_app/store/integrity.py
    except Exception:  # not a database, locked…: opening the ledger says it better
        return None


@dataclass(frozen=True)
class _Facts:
    """What :func:`_translate_errors` needs to know of a ledger."""

    url: str
    display_name: str
    damage: str | None
    read_only: bool


def _translate_errors(ledger: _Facts, context) -> None:  # noqa: ANN001 - SQLAlchemy ExceptionContext
    """The environment's refusals as sentences a clerk can act on, wherever the write came from:
    a damaged or read-only ledger, a damaged page met while reading, a full disk."""
    orig = context.original_exception
    code = (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF
    path = sqlite_path(ledger.url) or ledger.display_name
    if code == 13 or getattr(orig, "sqlstate", None) == "53100":  # SQLITE_FULL; PostgreSQL disk_full
        raise LedgerError(DISK_FULL, path=path) from orig
    if code == 11 or (ledger.damage is not None and code == 8):  # SQLITE_CORRUPT, SQLITE_READONLY
        raise LedgerError(DAMAGED, path=path, detail=ledger.damage or orig) from orig
    if ledger.read_only and code == 8:  # SQLITE_READONLY
        raise LedgerError(READ_ONLY, path=path) from orig


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
        return t("请不要把密码写在地址里：密码放在 PostgreSQL 的 pgpass 文件中（见使用说明 docs/manual/共享服务器.md）")
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
    from ledger_app.store.backup import backup_ledger

    try:
        copy = backup_ledger(url, "upgrade")
    except LedgerError as exc:
        engine.dispose()
        raise LedgerError("升级台账结构前无法备份（{reason}），未做任何改动", reason=exc) from None
    log.info("backed up %s to %s before upgrading its schema", url, copy)


def _backup_on_open(ledger: Ledger) -> None:
    """The once-a-day backup, taken by whichever opens the ledger first that day (see ledger_app/store/backup.py).

    Only after the ledger opened (so it is one of ours); a failure is logged, never in the way
    of opening: a clerk whose backup folder is full must still reach the ledger. A ledger found
    not to read whole is also told (ledger.notices): its backups stopped, and it should be restored.
    """
    from ledger_app.store.backup import UNREADABLE_SOURCE, backup_if_due

    try:
        backup_if_due(ledger.engine, "open")
    except LedgerError as exc:
        log.warning("%s", exc)
        if exc.template == UNREADABLE_SOURCE:
            ledger.notices.append(str(exc))
