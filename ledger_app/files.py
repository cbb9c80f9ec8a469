r"""Files on a clerk's Windows desk: targets held open by WPS/Excel/Acrobat, ledgers on network drives.

``replace_file`` is the one way a finished output (workbook, PDF, backup) takes its name: write to a
temporary file beside the target, then call it. ``is_network_path`` tells a ledger file on a
network share (``\\server\share``, a mapped drive) from one on a local disk.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

from ledger_app.errors import LedgerError
from ledger_app.i18n import EN

LOCKED = "文件被其他程序占用，请关闭后重试：{path}"
EN[LOCKED] = "the file is open in another program; close it there and try again: {path}"


def replace_file(tmp: Path, target: Path) -> None:
    """Put the finished ``tmp`` in place of ``target``, replacing what is there, in one rename.

    ``tmp`` beside ``target`` is renamed (and removed if that fails); a ``tmp`` elsewhere (a
    temporary folder, perhaps on another disk) is first copied beside the target. A target held
    open by another program (Windows refuses with a sharing violation or "access denied", both
    PermissionError) raises :class:`LedgerError` with :data:`LOCKED`; a full disk says so; the
    target is then unchanged. Other OS errors are raised as they are.
    """
    target = Path(target)
    if target.is_dir():
        raise LedgerError("{path} 是文件夹，请选择一个文件名", path=target)
    if not target.parent.is_dir():
        raise LedgerError("文件夹不存在：{path}", path=target.parent)
    beside = Path(tmp).parent.resolve() == target.parent.resolve()
    moving = Path(tmp) if beside else target.with_name(target.name + ".part")
    try:
        if not beside:
            shutil.copyfile(tmp, moving)
        os.replace(moving, target)
    except OSError as exc:
        if beside or moving.exists():
            moving.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise LedgerError("磁盘空间不足，未能写入 {path}", path=target) from None
        if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (32, 33):
            raise LedgerError(LOCKED, path=target) from None
        raise
    except BaseException:
        moving.unlink(missing_ok=True)
        raise


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


def write_replacing(target: Path, write: Callable[[Path], object]) -> None:
    """``write(tmp)`` a temporary file beside ``target``, then :func:`replace_file` it onto
    ``target``: a half-written file never takes the name, and a failed write leaves no ``tmp``."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        write(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    replace_file(tmp, target)
