"""Putting a backup in the ledger's place (``restore``, 文件 → 从备份恢复).

The backup is checked first and copied beside the ledger; the ledger is then replaced by one
rename, so there is never a moment without a ledger file at its path (a process killed half-way
leaves the old ledger, or the new one, and at most a ``.restoring`` file that is cleaned later).
The restore is refused while any other connection has the ledger open: a program still holding
the old file would go on writing to it after the swap, and those writes would be lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.backup import Source, _copy, remove_leftovers, require_file
from ledger_app.store.integrity import Unreadable, read_whole
from ledger_app.store.stray_wal import set_aside_stray_wal

DAMAGED = "{path} 已损坏（完整性检查：{detail}），未做任何改动"
IN_USE = "台账 {path} 正被其他程序打开{who}，不能恢复（否则它之后的修改会写进被替换的文件而丢失）；" \
         "请先关闭其他窗口和命令后重试，当前台账未改动"
BY = "（{holders}）"
INCOMING = ".restoring"

EN.update({
    "备份文件不存在：{path}，未做任何改动": "the backup file does not exist: {path}; nothing was changed",
    DAMAGED: "{path} is damaged (integrity check: {detail}); nothing was changed",
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
    IN_USE: "the ledger {path} is open in another program{who}; it cannot be restored now (that program's later "
            "changes would go to the replaced file and be lost). Close the other windows and commands and retry; "
            "the ledger is unchanged",
    BY: " ({holders})",
    "进程 {pid}（{command}）": "process {pid} ({command})",
})


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATIONS

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def check_backup(file: Path) -> str:
    """The schema revision of the ledger in ``file``; LedgerError if it is damaged (SQLite's integrity
    check, then every row read back), or not a ledger."""
    file = Path(file).resolve()
    if not file.is_file():
        raise LedgerError("备份文件不存在：{path}，未做任何改动", path=file)
    try:
        with closing(_read_only(file)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                raise LedgerError(DAMAGED, path=file, detail="；".join(map(str, rows[:3])))
            try:  # every row given back: a byte flipped inside a row's text passes the integrity check
                read_whole(conn, integrity=False)
            except Unreadable as exc:
                raise LedgerError(DAMAGED, path=file, detail=exc) from None
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CORRUPT:
            raise LedgerError(DAMAGED, path=file, detail=exc) from None
        raise LedgerError("{path} 不是可用的台账备份（{reason}），未做任何改动", path=file, reason=exc) from None
    if row is None:
        raise LedgerError("{path} 不是任务台账（没有结构版本记录），未做任何改动", path=file)
    if row[0] not in _known_revisions():
        raise LedgerError("{path} 由更新版本的程序创建（结构版本 {revision}），不能用于恢复，未做任何改动",
                          path=file, revision=row[0])
    return row[0]


def holders(path: Path) -> list[str]:
    """Other processes of this computer that have ``path`` open, where the system tells (Linux);
    a program on another computer sharing the folder cannot be named."""
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    wanted = {str(path), f"{path}-wal", f"{path}-shm"}
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with suppress(OSError):
            if any(os.readlink(fd) in wanted for fd in (entry / "fd").iterdir()):
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
                found.append(t("进程 {pid}（{command}）", pid=entry.name, command=command[:80]))
    return found


def _refuse_in_use(target: Path) -> LedgerError:
    names = holders(target)
    return LedgerError(IN_USE, path=target, who=t(BY, holders="；".join(names)) if names else "")


def _aside_name(target: Path) -> Path:
    stamp, n = f"{datetime.now():%Y%m%d-%H%M%S}", 1
    while (aside := target.with_name(f"{target.stem}.replaced-{stamp}{f'-{n}' if n > 1 else ''}.db")).exists():
        n += 1
    return aside


def _swap(target: Path, incoming: Path) -> Path:
    """Keep a copy of the ledger aside and rename ``incoming`` over it, while no other connection
    has it open (then this connection holds it exclusively until the rename is done)."""
    aside = _aside_name(target)
    conn = sqlite3.connect(target, timeout=0.5, isolation_level=None)
    try:
        try:
            # Leaving WAL mode needs every other connection gone, and folds the -wal into the file.
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise _refuse_in_use(target) from None
            raise
        except sqlite3.DatabaseError:  # too damaged to be a database: nobody can be using it
            mode = "delete"
        if mode != "delete":
            raise _refuse_in_use(target)
        # Whole on its own: the -wal was folded in above, and this connection keeps writers out.
        part = aside.with_name(aside.name + ".part")
        shutil.copyfile(target, part)
        os.replace(part, aside)
        for suffix in ("-wal", "-shm"):  # only a ledger too damaged to fold them in still has them
            if Path(f"{target}{suffix}").exists():
                os.replace(f"{target}{suffix}", f"{aside}{suffix}")
        if os.name != "nt":  # a rename over a file held open works here, and keeps others out till done
            os.replace(incoming, target)
    except OSError as exc:
        raise LedgerError("无法替换台账 {path}：{reason}（可能正被其他窗口使用，请关闭后重试）；当前台账未改动",
                          path=target, reason=exc) from None
    finally:
        conn.close()
    if os.name == "nt":
        os.replace(incoming, target)
    return aside


def remove_restore_leftovers(ledger: Path) -> None:
    """What a restore killed half-way leaves beside ``ledger`` (the ledger itself is always whole)."""
    name, stem = glob_escape(ledger.name), glob_escape(ledger.stem)
    remove_leftovers(ledger.parent, f"{name}{INCOMING}", f"{name}{INCOMING}.part", f"{name}{INCOMING}.part-journal",
                     f"{stem}.replaced-*.db.part")


@dataclass(frozen=True)
class Restored:
    revision: str  # schema revision of the backup (upgraded when the ledger is next opened)
    aside: Path | None  # where the replaced ledger was kept, None if there was none


def restore_ledger(file: Path, source: Source) -> Restored:
    """Replace the ledger with the backup ``file``, after checking the backup.

    A copy of the replaced ledger is kept beside it as ``<name>.replaced-YYYYmmdd-HHMMSS.db``.
    Refused (LedgerError, nothing changed) while another connection has the ledger open: the
    window closes its own first.
    """
    target, file = require_file(source), Path(file).resolve()
    if target.exists() and file == target.resolve():
        raise LedgerError("不能用台账文件自身恢复：{path}", path=file)
    revision = check_backup(file)
    # The ledger kept aside is whole on its own (its -wal folded in): not with another database's.
    set_aside_stray_wal(target)
    remove_restore_leftovers(target)
    incoming = target.with_name(target.name + INCOMING)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(_read_only(file)) as src:
            _copy(src, incoming)
    except (sqlite3.Error, OSError) as exc:
        raise LedgerError("无法从 {path} 恢复：{reason}；当前台账未改动", path=file, reason=exc) from None
    try:
        if target.exists():
            aside = _swap(target, incoming)
        else:
            os.replace(incoming, target)
            aside = None
    finally:
        incoming.unlink(missing_ok=True)
    return Restored(revision, aside)
