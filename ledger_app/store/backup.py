"""Rotating backups of a local SQLite ledger, and putting one back.

Copies are made with SQLite's online backup API, which reads one consistent snapshot even
while another desk (or this window's background query) is writing; copying ``ledger.db``
as a file could catch it half-written or miss what still sits in ``ledger.db-wal``.

When (``reason`` in the file name): ``open`` – the first time a ledger is opened on a day (by
the app or any command); ``daily`` – the app checks hourly, for a window left open overnight;
``import`` / ``merge`` – before an import or a merge of returned forms writes anything;
``upgrade`` – before a newer program changes the ledger's schema (ledger_app/store/opening.py);
``manual`` – the ``backup`` command and 文件 → 备份台账. Automatic backups of a ledger without
tasks (nothing to lose yet) and of a server (PostgreSQL) ledger (its administrator's job) are skipped.

Named ``<ledger>-<number>-<YYYYmmdd-HHMMSS>-<reason>.db``: the number is the program's own count
(one more than the highest in the folder) and alone orders the backups; the time is the computer's
clock, a label only, since a PC whose clock was set back by a CMOS reset names today's copy 2020-….

Whole: a copy is kept only if it reads whole (ledger_app/store/integrity.py read_whole: SQLite's
integrity check, then every row of every table, text decoded), which finds damage the quick check
cannot see (a byte flipped inside a row's text); ``<backup>.json`` beside it records the rows of
each table and the SHA-256 of the copy (what the restore hint checks before naming it). A ledger
that does not read whole is not backed up, and what asked for the backup (an import, a merge) stops.

Where: the default ledger's backups go to ``<data_dir>/backups``; any other ledger file's to
``<data_dir>/backups/<name>-<8 hex digits of its full path>``, so two ledgers never rotate
each other's copies away.

Which stay (grandfather-father-son, over the backups that read whole, in their numbers' order):
the newest ``backup.keep`` (ledger setting, default 10); the newest of each of the last
:data:`DAYS_KEPT` days and of the last :data:`MONTHS_KEPT` months that have one (days as the clock
named them, so a wrong clock costs a slot, never a backup); so the newest whole backup always stays,
and a bad day of many backups cannot push the older days out. A backup that fails the checks goes
only once ``backup.keep`` whole ones are newer.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from db.engine import BUSY_TIMEOUT_MS, connect_read_only, default_db_path, resolve_url, sqlite_path, writable
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.backup_out import check_out
from ledger_app.store.backup_record import RECORD, digest, examine, read_record, record_path, sound, write_record
from ledger_app.store.integrity import quick_check
from ledger_app.store.schema import utcnow
from ledger_app.store.settings import SPECS
from ledger_app.system.files import replace_file
from ledger_app.system.paths import backup_dir

REASONS = ("open", "daily", "import", "merge", "upgrade", "manual")
DAMAGED_SOURCE = "台账 {path} 已损坏（完整性检查：{detail}），未备份、未写入任何内容；请从备份恢复"
UNREADABLE_SOURCE = ("台账 {path} 有读不出的内容（{detail}），SQLite 的快速检查看不出这种损坏；"
                     "未备份、未写入任何内容，已有的备份都保留；请从备份恢复")
BACKUP_GONE = "刚做的备份 {path} 不在磁盘上了（被其他程序删除或移走？），没有它不继续，未做任何改动"
SERVER_LEDGER = "{where} 是服务器上的台账，由服务器管理员负责备份和恢复（如 pg_dump），本程序不做备份"

EN.update({
    DAMAGED_SOURCE: "the ledger {path} is damaged (integrity check: {detail}); no backup was made and nothing was "
                    "written. Restore it from a backup",
    UNREADABLE_SOURCE: "the ledger {path} has contents that cannot be read ({detail}), damage SQLite's quick check "
                       "does not see; no backup was made, nothing was written, the existing backups are all kept. "
                       "Restore it from a backup",
    BACKUP_GONE: "the backup just made, {path}, is no longer on disk (deleted or moved by another program?); "
                 "nothing goes on without it, nothing was changed",
    SERVER_LEDGER: "{where} is a server ledger; the server's administrator backs it up and restores it "
                   "(pg_dump, for instance); this program makes no backups of it",
    "台账文件不存在：{path}": "the ledger file does not exist: {path}",
    "无法备份台账 {path}：{reason}": "cannot back up the ledger {path}: {reason}",
    "磁盘空间不足，未能备份台账 {path}": "the disk is full; the ledger {path} was not backed up",
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


_SEQUENCED = r"-(\d{6,})-(\d{8}-\d{6})-([a-z]+)\.db"  # ledger-000017-20261125-013000-import.db
_CLOCK_ONLY = r"-(\d{8}-\d{6})-[a-z]+(?:-(\d+))?\.db"  # ledger-20261125-013000-import-2.db (older versions)


@dataclass(frozen=True)
class _Backup:
    path: Path
    sequence: int  # the program's own count, never the clock; 0 for a backup named by an older version
    stamp: str  # the computer's clock when it was taken (YYYYmmdd-HHMMSS): a label, wrong after a CMOS reset
    n: int = 1  # n-th in that second (older versions' names)

    @property
    def order(self) -> tuple[int, str, int]:
        return self.sequence, self.stamp, self.n

    @property
    def day(self) -> str:
        return self.stamp[:8]


def _catalogue(ledger: Path) -> list[_Backup]:
    """The backups of ``ledger``, newest first: by their sequence number, which the program counts
    on from the highest in the folder, so a clock set back (or forward) cannot reorder them. Those
    named by older versions (no sequence) are older than any numbered one, ordered by their time."""
    found = (_parse(ledger, path) for path in backup_folder(ledger).iterdir())
    return sorted((b for b in found if b is not None), key=lambda b: b.order, reverse=True)


def _parse(ledger: Path, path: Path) -> _Backup | None:
    stem = re.escape(ledger.stem)
    if m := re.fullmatch(stem + _SEQUENCED, path.name):
        return _Backup(path, int(m.group(1)), m.group(2))
    if m := re.fullmatch(stem + _CLOCK_ONLY, path.name):
        return _Backup(path, 0, m.group(1), int(m.group(2) or 1))
    return None


def list_backups(ledger: Path) -> list[Path]:
    """The backups of ``ledger`` in its folder, newest first (see :func:`_catalogue`)."""
    return [b.path for b in _catalogue(ledger)]


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


def _now() -> datetime:
    """The computer's clock, in local time (schema.utcnow: the clock tests set)."""
    return utcnow().astimezone()


def _new_name(ledger: Path, reason: str) -> Path:
    """The next number after every backup of ``ledger`` in its folder (also one still being
    written, ``.part``, or its record), then the time as the computer tells it and why."""
    folder = backup_folder(ledger)
    numbered = re.compile(re.escape(ledger.stem) + r"-(\d{6,})-\d{8}-\d{6}-")
    sequence = 1 + max((int(m.group(1)) for p in folder.iterdir() if (m := numbered.match(p.name))), default=0)
    stamp = f"{_now():%Y%m%d-%H%M%S}"
    while any(p.exists() for p in _with_companions(folder / f"{ledger.stem}-{sequence:06d}-{stamp}-{reason}.db")):
        sequence += 1
    return folder / f"{ledger.stem}-{sequence:06d}-{stamp}-{reason}.db"


def _with_companions(backup: Path) -> tuple[Path, ...]:
    return backup, backup.with_name(backup.name + ".part"), record_path(backup)


def _copy(src: sqlite3.Connection, target: Path, check: Callable[[Path], None] | None = None) -> None:
    """Copy ``src`` into ``target`` through a temporary file, so a half-written copy never
    carries a backup's name (a killed process leaves only ``*.part``); ``check`` is shown the
    finished copy before it takes the name, and may refuse it by raising."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(part)) as dst:
            src.backup(dst)
            # Self-contained: no -wal beside it, so it can be opened read-only, mailed or copied.
            dst.execute("PRAGMA journal_mode = DELETE")
        if check is not None:
            check(part)
        replace_file(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _whole(backup: _Backup, *, again: bool = False) -> bool:
    """Whether ``backup`` read whole when it was taken (one of an older version, which has no record,
    is read now and the finding recorded) and passes the quick check now (a disk may have damaged it
    since); ``again``: and its bytes are still those recorded (the digest)."""
    record = read_record(backup.path)
    if record is None:
        record = examine(backup.path)
        with suppress(OSError):  # a read-only folder: read again next time
            write_record(backup.path, record)
    if not record["whole"] or not sound(backup.path):
        return False
    try:
        return not again or digest(backup.path) == record.get("digest")
    except OSError:
        return False


def newest_sound_backup(ledger: Path) -> Path | None:
    """The newest backup of ``ledger`` that reads whole, as recorded when it was taken (what to restore from)."""
    return next((b.path for b in _catalogue(ledger) if _whole(b, again=True)), None)


DAYS_KEPT = 7  # the newest backup of each of the last 7 days that have one …
MONTHS_KEPT = 12  # … and of each of the last 12 months


def _rotate(ledger: Path, keep: int) -> None:
    """Delete the backups no longer needed (see the module docstring, "Which stay")."""
    backups = _catalogue(ledger)
    whole = [b for b in backups if _whole(b)]
    kept, days, months = set(whole[:keep]), set(), set()
    for b in whole:
        if len(days) < DAYS_KEPT and b.day not in days:
            days.add(b.day)
            kept.add(b)
        if len(months) < MONTHS_KEPT and b.day[:6] not in months:
            months.add(b.day[:6])
            kept.add(b)
    whole_newer = 0
    for b in backups:
        is_whole = b in whole  # a copy that fails the checks goes once ``keep`` whole ones are newer
        if b not in kept and (is_whole or whole_newer >= keep):
            b.path.unlink(missing_ok=True)
            record_path(b.path).unlink(missing_ok=True)
        whole_newer += is_whole
    folder, stem = backup_folder(ledger), glob.escape(ledger.stem)
    remove_leftovers(folder, f"{stem}-*.db.part", f"{stem}-*.db.part-journal", f"{stem}-*.db{RECORD}.part")
    for record in folder.glob(f"{stem}-*.db{RECORD}"):  # of a copy killed before it took its name
        if not record.with_name(record.name.removesuffix(RECORD)).exists():
            remove_leftovers(folder, glob.escape(record.name))


LEFTOVER_GRACE_S = 3600  # another process may be writing its part right now


def remove_leftovers(folder: Path, *patterns: str) -> None:
    """Delete what a process killed while copying left in ``folder`` (``.part`` files, SQLite's
    ``.part-journal`` beside them, a restore's ``.restoring``), once it is an hour old."""
    for pattern in patterns:
        for part in folder.glob(pattern):
            with suppress(OSError):  # gone already, or another desk holds it
                if part.stat().st_mtime < time.time() - LEFTOVER_GRACE_S:
                    part.unlink()


def _connect_source(path: Path) -> sqlite3.Connection:
    if writable(path):
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    return connect_read_only(path)


def backup_ledger(source: Source, reason: str, keep: int | None = None, out: Path | None = None,
                  force: bool = False) -> Path | None:
    """Back the ledger up (see the module docstring); returns the new file.

    Automatic reasons return None when there is nothing to back up (a server ledger, a missing
    or empty file, a ledger without tasks); ``manual`` raises :class:`LedgerError` instead.
    ``out`` writes that file and leaves the rotation alone (see :func:`_check_out` for ``force``).
    A ledger that fails SQLite's quick check, or whose copy does not read whole, is never kept
    (LedgerError, whatever the reason): the import or merge that asked for the backup stops there too.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    manual = reason == "manual"
    path = require_file(source) if manual else ledger_file(source)
    if not _is_file(path):
        if manual:
            raise LedgerError("台账文件不存在：{path}", path=path)
        return None
    if out is not None:
        check_out(Path(out), path, force)
    if not isinstance(source, Engine):  # an opened ledger's WAL was checked when it was opened
        from ledger_app.store.stray_wal import set_aside_stray_wal

        set_aside_stray_wal(path)  # logged; the command line says it first (ledger_app/cli/backup.py)
    try:
        with closing(_connect_source(path)) as src:
            damage = quick_check(src, skip_evidence=True)  # the copy is then read whole, evidence and all
            if damage is not None:
                raise LedgerError(DAMAGED_SOURCE, path=path, detail=damage)
            if reason not in ("manual", "upgrade") and not _has_tasks(src):
                return None
            keep = keep if keep is not None else _keep(src)
            target = Path(out) if out is not None else _new_name(path, reason)

            def check(copy: Path) -> None:
                found = examine(copy)
                if not found["whole"]:
                    raise LedgerError(UNREADABLE_SOURCE, path=path, detail=found["problem"])
                if out is None:  # before the copy takes its name: a backup never goes without its record
                    write_record(target, {"sequence": _parse(path, target).sequence, "reason": reason,
                                           "taken": _now().isoformat(timespec="seconds"), "ledger": str(path),
                                           **found})

            _copy(src, target, check)
        if out is None:
            _rotate(path, keep)
    except (sqlite3.Error, OSError) as exc:
        if getattr(exc, "errno", None) == errno.ENOSPC or getattr(exc, "sqlite_errorcode", 0) == sqlite3.SQLITE_FULL:
            raise LedgerError("磁盘空间不足，未能备份台账 {path}", path=path) from None
        raise LedgerError("无法备份台账 {path}：{reason}", path=path, reason=exc) from None
    if not target.is_file():  # what asked for it (an import, a merge, an upgrade) must not go on without it
        raise LedgerError(BACKUP_GONE, path=target)
    return target


def backup_if_due(source: Source, reason: str = "daily", today: date | None = None) -> Path | None:
    """Back up unless a backup of this ledger was already made today (any reason)."""
    path = ledger_file(source)
    if not _is_file(path):
        return None
    day = f"{(today or _now().date()):%Y%m%d}"
    if any(b.day == day for b in _catalogue(path)):
        return None
    return backup_ledger(source, reason)
