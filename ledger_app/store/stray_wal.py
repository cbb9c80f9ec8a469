"""A ``-wal`` file beside a ledger that is not the ledger's own.

SQLite replays whatever ``<ledger>-wal`` it finds into the ledger when it opens it, and folds it into
the file when the last connection closes, even the WAL of another database: a clerk who copies a
ledger and a stray ``-wal`` into one folder would see a read-only ``list`` turn the ledger into the
other database (or into a damaged file), with nothing said. So before a ledger with a ``-wal``
beside it is opened, the two are copied to a temporary folder and opened there: once the ledger
alone, once with the WAL. The WAL is the ledger's own unless the ledger alone is a sound ledger and,
with the WAL, it is not (the quick check fails, the task table or the schema version is gone, the
schema version goes back) or it is another ledger (its form-signing secret, made once per ledger,
differs). A stray WAL (and the ``-shm`` beside it) is renamed aside, ``<ledger>-wal.stray-<time>``,
kept, and said; the ledger opens as it is.

A WAL that belongs to the ledger always passes: it is what a program killed after committing left
(its writes are the ledger's), or that of another window or command open on the ledger right now.
That one is being written while it is copied, so a verdict is taken only if neither file changed
during the check; otherwise the WAL is left alone.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from db.schema import REVISION_QUERY
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.store.integrity import quick_check
from ledger_app.store.schema import utcnow
from ledger_app.store.settings import SECRET_KEY

log = logging.getLogger(__name__)

SET_ASIDE = ("台账 {path} 旁的 {wal} 不属于这个台账（{reason}），已移到 {aside}（连同 -shm 文件）；"
             "台账按原样打开，其中的内容没有并入")
STUCK = ("台账 {path} 旁的 {wal} 不属于这个台账（{reason}），但无法移开（{error}）；台账未打开，未做任何改动。"
         "请关闭其他程序后重试，或把这个文件移到别处")
NOT_SOUND = "并入后完整性检查不通过：{detail}"
NOT_A_LEDGER = "并入后不再是任务台账：{detail}"
NO_TASK_TABLE = "并入后没有任务表"
OTHER_LEDGER = "它属于另一个台账：表单签名密钥不同"
REVISION_BACK = "并入后结构版本从 {own} 退回到 {theirs}"

EN.update({
    SET_ASIDE: "the file {wal} beside the ledger {path} does not belong to it ({reason}); it was moved to {aside} "
               "(with the -shm file). The ledger was opened as it is, without what that file holds",
    STUCK: "the file {wal} beside the ledger {path} does not belong to it ({reason}) but cannot be moved away "
           "({error}); the ledger was not opened, nothing was changed. Close other programs and retry, or move "
           "that file elsewhere",
    NOT_SOUND: "with it, the integrity check fails: {detail}",
    NOT_A_LEDGER: "with it, the file is no longer a task ledger: {detail}",
    NO_TASK_TABLE: "with it, the task table is gone",
    OTHER_LEDGER: "it belongs to another ledger: the form-signing secret differs",
    REVISION_BACK: "with it, the schema version goes back from {own} to {theirs}",
})

_TRIES = 3  # checks while another program writes the files; then the WAL is taken to be in use


@dataclass(frozen=True)
class _Identity:
    revision: str
    secret: str | None  # None in a ledger older than migration 0008


class _NotTheLedger(Exception):
    """Why the file, opened with the WAL, is not the ledger (a message, in the user's language)."""


def _identity(file: Path) -> _Identity:
    """What makes ``file`` a sound ledger, and which one; :class:`_NotTheLedger` if it is not."""
    try:
        with closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)) as conn:
            problem = quick_check(conn, skip_evidence=True)
            if problem is not None:
                raise _NotTheLedger(t(NOT_SOUND, detail=problem))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise _NotTheLedger(t(NOT_A_LEDGER, detail="alembic_version"))
            if "task" not in tables:
                raise _NotTheLedger(t(NO_TASK_TABLE))
            row = conn.execute(REVISION_QUERY).fetchone()
            secret = conn.execute("SELECT value FROM setting WHERE key = ?", (SECRET_KEY,)).fetchone() \
                if "setting" in tables else None
    except sqlite3.Error as exc:
        raise _NotTheLedger(t(NOT_A_LEDGER, detail=exc)) from None
    if row is None:
        raise _NotTheLedger(t(NOT_A_LEDGER, detail="alembic_version"))
    return _Identity(str(row[0]), secret[0] if secret else None)


def _revision_key(revision: str) -> tuple[int, str]:
    return len(revision), revision  # "0008" < "0011": the revisions are zero-padded numbers


def _stray_reason(path: Path, wal: Path) -> str | None:
    """Why ``wal`` is not ``path``'s own, judged on copies of the two; None if it is (or may be)."""
    with tempfile.TemporaryDirectory(prefix="ledger-wal-check-") as folder:
        copy = Path(folder) / "ledger.db"
        shutil.copyfile(path, copy)
        try:
            own = _identity(copy)
        except _NotTheLedger:
            return None  # not a sound ledger alone: the WAL may hold its making, or the rest of a checkpoint
        for leftover in (f"{copy}-wal", f"{copy}-shm"):
            Path(leftover).unlink(missing_ok=True)
        shutil.copyfile(wal, f"{copy}-wal")
        try:
            theirs = _identity(copy)
        except _NotTheLedger as exc:
            return str(exc)
    if own.secret is not None and theirs.secret != own.secret:
        return t(OTHER_LEDGER)
    if _revision_key(theirs.revision) < _revision_key(own.revision):
        return t(REVISION_BACK, own=own.revision, theirs=theirs.revision)
    return None


def _state(*files: Path) -> tuple:
    """What changes when a program writes ``files``: size, time, and the WAL header's salts."""
    found = []
    for file in files:
        try:
            stat = file.stat()
            with open(file, "rb") as f:
                head = f.read(32)
        except OSError:
            return ()
        found.append((stat.st_size, stat.st_mtime_ns, head))
    return tuple(found)


def _aside(wal: Path) -> Path:
    stamp, n = f"{utcnow().astimezone():%Y%m%d-%H%M%S}", 1
    while (aside := wal.with_name(f"{wal.name}.stray-{stamp}{f'-{n}' if n > 1 else ''}")).exists():
        n += 1
    return aside


def set_aside_stray_wal(path: Path) -> str | None:
    """Before the ledger file ``path`` is opened: move a ``-wal`` beside it that is not its own aside
    (see the module docstring). Returns what was done, to be told to the clerk; None when nothing
    was. LedgerError when a stray WAL cannot be moved: the ledger must not be opened then."""
    path = Path(path)
    wal = Path(f"{path}-wal")
    try:
        if not path.is_file() or wal.stat().st_size == 0:
            return None  # no WAL, or an empty one: nothing to replay
    except OSError:
        return None
    for _ in range(_TRIES):
        before = _state(path, wal)
        try:
            reason = _stray_reason(path, wal)
        except OSError:  # gone meanwhile, or unreadable: opening says it better
            return None
        if reason is None:
            return None
        if before and _state(path, wal) == before:
            break
    else:
        return None  # written all along: another program's live WAL of this ledger
    aside = _aside(wal)
    try:
        os.rename(wal, aside)
    except FileNotFoundError:
        return None  # another program set it aside first
    except OSError as exc:
        raise LedgerError(STUCK, path=path, wal=wal, reason=reason, error=exc) from None
    shm = Path(f"{path}-shm")
    try:
        os.rename(shm, aside.with_name(aside.name.replace(wal.name, shm.name, 1)))
    except FileNotFoundError:
        pass
    except OSError as exc:  # stale without its WAL: SQLite rebuilds it
        log.warning("could not move %s aside: %s", shm, exc)
    message = t(SET_ASIDE, path=path, wal=wal.name, reason=reason, aside=aside)
    log.warning("%s", message)
    return message
