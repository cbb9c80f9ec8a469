r"""Files on a clerk's desk: putting a finished file where the clerk asked for it, without
half-written files and with a plain message when Windows refuses because WPS, Excel or a PDF viewer
holds the target open; and telling a ledger on a network share (``\server\share``, a mapped drive)
from one on a local disk."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t

EN.update({
    "没有指定文件名": "no file name was given",
    "{path} 是文件夹，请选择一个文件名": "{path} is a folder; choose a file name",
    "文件夹不存在：{path}": "the folder does not exist: {path}",
    "磁盘空间不足，未能写入 {path}": "the disk is full; {path} was not written",
    "文件被其他程序占用，请关闭后重试：{path}": "the file is open in another program; close it and try again: {path}",
})

LOCKED = "文件被其他程序占用，请关闭后重试：{path}"
NOT_A_FILE = "{path} 不是普通文件（而是设备或管道），不会写入或替换它；请指定一个普通文件"
EN[NOT_A_FILE] = "{path} is not a regular file (it is a device or a pipe); it is neither written nor replaced. " \
                 "Name a regular file"


def is_special(path: Path) -> bool:
    """Whether something other than a regular file, a folder or a symbolic link is at ``path``
    (a device such as /dev/null, a FIFO, a socket): a rename over it would replace it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # nothing there (or not reachable): a file can be made
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode))

# Windows: ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_LOCKED_WINERRORS = {5, 32, 33}


def is_locked_error(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _LOCKED_WINERRORS \
        or exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY)


def out_path(value: str) -> Path:
    """``--out``: a path; an empty one (``--out ""``) would silently mean the current folder."""
    if not value.strip():
        import argparse

        raise argparse.ArgumentTypeError(t("没有指定文件名"))
    return Path(value)


def check_target(target: Path | str) -> Path:
    """``target`` if a file can be written there: not a folder, not an empty name, not a device or a pipe
    (only regular files are ever replaced), in a folder that exists (asked before the work is done,
    so that a clerk hears it at once)."""
    if not str(target).strip():
        raise LedgerError("没有指定文件名")
    target = Path(target)
    if target.is_dir():
        raise LedgerError("{path} 是文件夹，请选择一个文件名", path=target)
    if is_special(target) or (target.is_symlink() and target.exists() and not target.is_file()):
        raise LedgerError(NOT_A_FILE, path=target)
    if not target.parent.is_dir():
        raise LedgerError("文件夹不存在：{path}", path=target.parent)
    return target


def save_to(target: Path | str, save: Callable[[Path], None]) -> None:
    """``save`` writes the file beside ``target`` (``.part``), which is then renamed over it in one step:
    a half-written file never carries the name."""
    target = check_target(target)
    part = target.with_name(target.name + ".part")
    try:
        save(part)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise LedgerError("磁盘空间不足，未能写入 {path}", path=target) from None
        if is_locked_error(exc):
            raise LedgerError(LOCKED, path=target) from None
        raise
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def replace_file(finished: Path, target: Path) -> None:
    """Put ``finished`` in place of ``target`` in one rename: copied beside it first unless it is
    already there as ``target.part``. A failure leaves ``target`` as it was and no ``.part``."""
    def place(part: Path) -> None:
        if Path(finished).resolve() != part.resolve():
            shutil.copyfile(finished, part)

    save_to(target, place)


DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def is_network_path(path: str | PurePath, drive_type: Callable[[str], int] | None = None) -> bool:
    r"""True for a file on a network share: a UNC path (``\\server\share\…``, also in its
    ``\\?\UNC\`` form) or a drive letter mapped to a share (GetDriveTypeW says DRIVE_REMOTE).

    Only Windows is asked; ``drive_type`` (a root such as ``X:\`` → GetDriveTypeW's answer)
    stands in for it in tests, and judges Windows paths on any system.
    """
    if sys.platform != "win32" and drive_type is None:
        return False
    text = os.fspath(path)
    drive = PureWindowsPath(text).drive.replace("/", "\\")
    if drive.startswith("\\\\?\\"):  # long form: \\?\UNC\server\share or \\?\C:
        drive = drive[4:]
        if drive.upper().startswith("UNC\\"):
            return True
    elif drive.startswith("\\\\"):
        return not drive.startswith("\\\\.\\")  # \\.\ names a device, not a share
    if len(drive) == 2 and drive[1] == ":":
        ask = drive_type or (_windows_drive_type if sys.platform == "win32" else None)
        return ask is not None and ask(drive + "\\") == DRIVE_REMOTE
    return False
