"""Where ``backup --out`` may write: a regular file the clerk names, never the ledger itself, a database
open elsewhere, a folder, a device or a path through a symbolic link, and over an existing file only when
told to (``--force``). Each refusal names the path (split from ledger_app/store/backup.py)."""

from __future__ import annotations

from pathlib import Path

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.system.files import NOT_A_FILE, is_special

OUT_EXISTS = "{path} 已存在，未覆盖；确要覆盖请加 --force"
OUT_SYMLINK = "{path} 是符号链接，不会通过它写入；请指定一个普通文件"
OUT_IS_FOLDER = "{path} 是文件夹，请指定一个文件名"
OUT_IS_LEDGER = "{path} 是台账文件本身，不能把备份写到这里"
OUT_IN_USE = "{path} 是正在使用的数据库（旁边有 -wal 文件），未覆盖"
NO_FOLDER = "文件夹不存在：{path}"

EN.update({
    OUT_EXISTS: "{path} exists and was not overwritten; add --force to overwrite it",
    OUT_SYMLINK: "{path} is a symbolic link; nothing is written through it. Name a plain file",
    OUT_IS_FOLDER: "{path} is a folder; name a file",
    OUT_IS_LEDGER: "{path} is the ledger itself; the backup cannot go there",
    OUT_IN_USE: "{path} is a database in use (it has a -wal file beside it); not overwritten",
    NO_FOLDER: "the folder does not exist: {path}",
})


def check_out(out: Path, ledger: Path, force: bool) -> None:
    """``backup --out``: never through a symbolic link, never over a file unless ``force``, and
    never over the ledger itself or a database another program has open; never over anything but
    a regular file (a device such as /dev/null or a FIFO would be replaced by the rename)."""
    if out.is_symlink():
        raise LedgerError(OUT_SYMLINK, path=out)
    if is_special(out):
        raise LedgerError(NOT_A_FILE, path=out)
    if out.is_dir():
        raise LedgerError(OUT_IS_FOLDER, path=out)
    if not out.parent.is_dir():
        raise LedgerError(NO_FOLDER, path=out.parent)
    if out.exists():
        if not force:
            raise LedgerError(OUT_EXISTS, path=out)
        if out.resolve() == ledger.resolve():
            raise LedgerError(OUT_IS_LEDGER, path=out)
        if Path(f"{out}-wal").exists():
            raise LedgerError(OUT_IN_USE, path=out)
