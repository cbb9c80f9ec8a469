"""Rotating backups of a local SQLite ledger, and putting one back.

Copies are made with SQLite's online backup API, which reads one consistent snapshot even
while another desk (or this window's background query) is writing; copying ``ledger.db``
as a file could catch it half-written or miss what still sits in ``ledger.db-wal``.

When (``reason`` in the file name): ``open`` – the first time a ledger is opened on a day (by
the app or any command); ``daily`` – the app checks hourly, for a window left open overnight;
``import`` / ``merge`` – before an import or a merge of returned forms writes anything;
``upgrade`` – before a newer program changes the ledger's schema (ledger_app/ledger.py);
``manual`` – the ``backup`` command and 文件 → 备份台账. Automatic backups of a ledger without
tasks (nothing to lose yet) and of a server (PostgreSQL) ledger (its administrator's job) are skipped.

Where: the default ledger's backups go to ``<data_dir>/backups``; any other ledger file's to
``<data_dir>/backups/<name>-<8 hex digits of its full path>``, so two ledgers never rotate
each other's copies away. Only the newest ``backup.keep`` (ledger setting, default 10) stay.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from db.engine import BUSY_TIMEOUT_MS, default_db_path, resolve_url, sqlite_path
from ledger_app.errors import LedgerError
from ledger_app.files import replace_file
from ledger_app.i18n import EN
from ledger_app.paths import backup_dir
from ledger_app.settings import SPECS

REASONS = ("open", "daily", "import", "merge", "upgrade", "manual")
SERVER_LEDGER = "{where} 是服务器上的台账，由服务器管理员负责备份和恢复（如 pg_dump），本程序不做备份"

EN.update({
    SERVER_LEDGER: "{where} is a server ledger; the server's administrator backs it up and restores it "
                   "(pg_dump, for instance); this program makes no backups of it",
    "台账文件不存在：{path}": "the ledger file does not exist: {path}",
    "无法备份台账 {path}：{reason}": "cannot back up the ledger {path}: {reason}",
    "备份文件不存在：{path}，未做任何改动": "the backup file does not exist: {path}; nothing was changed",
    "{path} 已损坏（完整性检查：{detail}），未做任何改动":
        "{path} is damaged (integrity check: {detail}); nothing was changed",
    "{path} 不是可用的台账备份（{reason}），未做任何改动":
        "{path} is not a usable ledger backup ({reason}); nothing was changed",
    "{path} 不是任务台账（没有结构版本记录），未做任何改动":
        "{path} is not a task ledger (it has no schema version); nothing was changed",
    "{path} 由更新版本的程序创建（结构版本 {revision}），不能用于恢复，未做任何改动":
        "{path} was written by a newer version of this program (schema {revision}); it cannot be restored, "
        "nothing was changed",
    "不能用台账文件自身恢复：{path}": "cannot restore the ledger from itself: {path}",
    "无法从 {path} 恢复：{reason}；当前台账未改动": "cannot restore from {path}: {reason}; the ledger is unchanged",
    "无法替换台账 {path}：{reason}（可能正被其他窗口使用，请关闭后重试）；当前台账未改动":
        "cannot replace the ledger {path}: {reason} (another window may be using it; close it and retry); "
        "the ledger is unchanged",
})

Source = str | os.PathLike[str] | Engine | None


def _url(source: Source) -> str:
    if isinstance(source, Engine):
        return source.url.render_as_string(hide_password=False)
    return resolve_url(source)


def ledger_file(source: Source) -> Path | None:
    """The SQLite file behind ``source`` (engine, ``--db`` value or URL); None for a server ledger."""
    return sqlite_path(_url(source))


def require_file(source: Source) -> Path:
    """Like :func:`ledger_file`, but a server ledger is refused with the reason."""
    url = _url(source)
    path = sqlite_path(url)
    if path is None:
        raise LedgerError(SERVER_LEDGER, where=make_url(url).render_as_string(hide_password=True))
    return path


def backup_folder(ledger: Path) -> Path:
    """Where the backups of the ledger file ``ledger`` are kept (see the module docstring)."""
    base = backup_dir()
    ledger = ledger.resolve()
    if ledger == default_db_path().resolve():
        return base
    folder = base / f"{ledger.stem}-{hashlib.sha1(str(ledger).encode()).hexdigest()[:8]}"
    folder.mkdir(exist_ok=True)
    return folder


def _named(ledger: Path) -> list[tuple[str, int, Path]]:
    """(time stamp, n-th backup in that second, file) of each backup of ``ledger``."""
    pattern = re.compile(re.escape(ledger.stem) + r"-(\d{8}-\d{6})-[a-z]+(?:-(\d+))?\.db")
    return [(m.group(1), int(m.group(2) or 1), p)
            for p in backup_folder(ledger).iterdir() if (m := pattern.fullmatch(p.name))]


def list_backups(ledger: Path) -> list[Path]:
    """The backups of ``ledger`` in its folder, newest first."""
    return [p for *_, p in sorted(_named(ledger), reverse=True)]


def _is_file(path: Path | None) -> bool:
    return path is not None and path.is_file() and path.stat().st_size > 0


def _has_tasks(conn: sqlite3.Connection) -> bool:
    try:
        return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM task)").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet: nothing worth keeping
        return False


def _keep(conn: sqlite3.Connection) -> int:
    default = int(SPECS["backup.keep"].default)
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = 'backup.keep'").fetchone()
    except sqlite3.OperationalError:
        return default
    return int(row[0]) if row and str(row[0]).isdigit() and int(row[0]) > 0 else default


def _new_name(ledger: Path, reason: str) -> Path:
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    # Several backups in one second (an import right after opening) are numbered on, so the
    # name alone orders them even where file times are coarse.
    n = 1 + max((n for s, n, _ in _named(ledger) if s == stamp), default=0)
    return backup_folder(ledger) / f"{ledger.stem}-{stamp}-{reason}{f'-{n}' if n > 1 else ''}.db"


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """Copy ``src`` into ``target`` through a temporary file, so a half-written copy never
    carries a backup's name (a killed process leaves only ``*.part``)."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(part)) as dst:
            src.backup(dst)
            # Self-contained: no -wal beside it, so it can be opened read-only, mailed or copied.
            dst.execute("PRAGMA journal_mode = DELETE")
        replace_file(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _rotate(ledger: Path, keep: int) -> None:
    for old in list_backups(ledger)[keep:]:
        old.unlink(missing_ok=True)
    # Parts left by a killed backup; an hour's grace for one another process is writing now.
    for part in backup_folder(ledger).glob(f"{ledger.stem}-*.db.part"):
        if part.stat().st_mtime < time.time() - 3600:
            part.unlink(missing_ok=True)


def backup_ledger(source: Source, reason: str, keep: int | None = None, out: Path | None = None) -> Path | None:
    """Back the ledger up (see the module docstring); returns the new file.

    Automatic reasons return None when there is nothing to back up (a server ledger, a missing
    or empty file, a ledger without tasks); ``manual`` raises :class:`LedgerError` instead.
    ``out`` writes that file and leaves the rotation alone.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    manual = reason == "manual"
    path = require_file(source) if manual else ledger_file(source)
    if not _is_file(path):
        if manual:
            raise LedgerError("台账文件不存在：{path}", path=path)
        return None
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as src:
            if reason not in ("manual", "upgrade") and not _has_tasks(src):
                return None
            keep = keep if keep is not None else _keep(src)
            target = Path(out) if out is not None else _new_name(path, reason)
            _copy(src, target)
        if out is None:
            _rotate(path, keep)
    except (sqlite3.Error, OSError) as exc:
        raise LedgerError("无法备份台账 {path}：{reason}", path=path, reason=exc) from None
    return target


def backup_if_due(source: Source, reason: str = "daily", today: date | None = None) -> Path | None:
    """Back up unless a backup of this ledger was already made today (any reason)."""
    path = ledger_file(source)
    if not _is_file(path):
        return None
    prefix = f"{path.stem}-{(today or date.today()):%Y%m%d}-"
    if any(p.name.startswith(prefix) for p in list_backups(path)):
        return None
    return backup_ledger(source, reason)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATIONS

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def check_backup(file: Path) -> str:
    """The schema revision of the ledger in ``file``; LedgerError if it is damaged or not a ledger."""
    file = Path(file).resolve()
    if not file.is_file():
        raise LedgerError("备份文件不存在：{path}，未做任何改动", path=file)
    try:
        with closing(_read_only(file)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                raise LedgerError("{path} 已损坏（完整性检查：{detail}），未做任何改动",
                                  path=file, detail="；".join(map(str, rows[:3])))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CORRUPT:
            raise LedgerError("{path} 已损坏（完整性检查：{detail}），未做任何改动", path=file, detail=exc) from None
        raise LedgerError("{path} 不是可用的台账备份（{reason}），未做任何改动", path=file, reason=exc) from None
    if row is None:
        raise LedgerError("{path} 不是任务台账（没有结构版本记录），未做任何改动", path=file)
    if row[0] not in _known_revisions():
        raise LedgerError("{path} 由更新版本的程序创建（结构版本 {revision}），不能用于恢复，未做任何改动",
                          path=file, revision=row[0])
    return row[0]


def _checkpoint(path: Path) -> None:
    # Folds the -wal into the file so the copy kept aside is whole on its own; a damaged
    # ledger may refuse, and is then kept aside together with its -wal.
    with suppress(sqlite3.Error), closing(sqlite3.connect(path, timeout=5)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _move_aside(target: Path) -> Path:
    _checkpoint(target)
    stamp, n = f"{datetime.now():%Y%m%d-%H%M%S}", 1
    while (aside := target.with_name(f"{target.stem}.replaced-{stamp}{f'-{n}' if n > 1 else ''}.db")).exists():
        n += 1
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{target}{suffix}")
            if src.exists():
                os.replace(src, f"{aside}{suffix}")
                moved.append((src, Path(f"{aside}{suffix}")))
    except OSError as exc:
        for src, dst in reversed(moved):
            os.replace(dst, src)
        raise LedgerError("无法替换台账 {path}：{reason}（可能正被其他窗口使用，请关闭后重试）；当前台账未改动",
                          path=target, reason=exc) from None
    return aside


@dataclass(frozen=True)
class Restored:
    revision: str  # schema revision of the backup (upgraded when the ledger is next opened)
    aside: Path | None  # where the replaced ledger was kept, None if there was none


def restore_ledger(file: Path, source: Source) -> Restored:
    """Replace the ledger with the backup ``file``, after checking the backup.

    The replaced ledger is kept beside it as ``<name>.replaced-YYYYmmdd-HHMMSS.db``. The caller
    must have disposed of every engine on the ledger first; another program still holding it
    open would keep writing to the old file.
    """
    target, file = require_file(source), Path(file).resolve()
    if target.exists() and file == target.resolve():
        raise LedgerError("不能用台账文件自身恢复：{path}", path=file)
    revision = check_backup(file)
    incoming = target.with_name(target.name + ".restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(_read_only(file)) as src:
            _copy(src, incoming)
    except (sqlite3.Error, OSError) as exc:
        raise LedgerError("无法从 {path} 恢复：{reason}；当前台账未改动", path=file, reason=exc) from None
    try:
        aside = _move_aside(target) if target.exists() else None
    except LedgerError:
        incoming.unlink(missing_ok=True)
        raise
    os.replace(incoming, target)
    return Restored(revision, aside)
