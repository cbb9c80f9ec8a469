r"""Files on a clerk's desk: putting a finished file where the clerk asked for it, without
half-written files and with a plain message when Windows refuses because WPS, Excel or a PDF viewer
holds the target open; and telling a ledger on a network share (``\server\share`` in any of its
spellings, a mapped drive, a link to either; on Linux an NFS, CIFS/SMB or 9p mount) from one on a
local disk."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path, PurePath

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
        mode = Path(path).lstat().st_mode
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

# NT device names under which Windows reaches shares: the multiple UNC provider (every UNC path is
# \Device\Mup\server\share), and the SMB and WebDAV redirectors behind it.
_NETWORK_DEVICES = ("device\\mup\\", "device\\lanmanredirector\\", "device\\webdavredirector\\")
_DRIVE = re.compile(r"[A-Za-z]:(?:\\|$)")

# Linux file systems reached over a network (or, 9p, from another system: WSL's view of the Windows
# drives, a virtual machine's shared folders), where SQLite's locking and WAL's shared memory fail.
NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "fuse.sshfs",
                                  "fuse.glusterfs", "glusterfs", "lustre", "ncpfs", "davfs", "fuse.davfs"})


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def _windows_share(text: str, drive_type: Callable[[str], int] | None) -> bool:
    r"""Whether the Windows path ``text`` names a share, as written (links not followed).

    Win32's prefixes are case-blind and take / for \: ``\\?\`` (long paths), ``\\.\`` (the device
    namespace), ``\??\`` (the NT name of both); after one of them come ``UNC\server\share``, a drive
    ``X:``, or ``GLOBALROOT\`` and an NT device path such as ``\Device\Mup\server\share``.
    """
    text = text.replace("/", "\\")
    if text[:4] in ("\\\\?\\", "\\\\.\\", "\\??\\"):
        rest = text[4:]
    elif text.startswith("\\\\"):
        return True  # \\server\share
    else:
        rest = text
    while rest.lower().startswith("globalroot\\"):
        rest = rest[len("globalroot\\"):].lstrip("\\")
        if rest[:3] == "??\\":  # \\?\GLOBALROOT\??\UNC\… is the NT name of \\?\UNC\…
            rest = rest[3:]
        elif rest.lower().startswith(_NETWORK_DEVICES):
            return True
    if rest.lower().startswith("unc\\"):
        return True
    if _DRIVE.match(rest):
        ask = drive_type or (_windows_drive_type if sys.platform == "win32" else None)
        return ask is not None and ask(rest[:2].upper() + "\\") == DRIVE_REMOTE
    return False  # a volume GUID, a local device, a pipe, a relative name


def _mount_table() -> str:
    """This system's mounts (Linux: ``/proc/self/mounts``; elsewhere none known)."""
    try:
        return os.fsdecode(Path("/proc/self/mounts").read_bytes())
    except OSError:
        return ""


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def file_system_type(path: str | PurePath, mounts: str | None = None) -> str | None:
    """The type of the file system ``path`` (links followed) is on, from the mount table ``mounts``
    (the system's when None): that of the last-mounted of the longest mount points above it."""
    target = os.path.realpath(os.fspath(path))
    found, longest = None, -1
    for line in (_mount_table() if mounts is None else mounts).splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= longest:
            found, longest = fields[2], len(point)
    return found


def is_network_path(path: str | PurePath, drive_type: Callable[[str], int] | None = None,
                    resolve: Callable[[str], str] | None = None, mounts: str | None = None) -> bool:
    r"""True for a ledger file on a network share.

    Windows: a UNC path in any of its forms (``\\server\share\…``, ``\\?\UNC\…``, ``\\.\UNC\…``,
    ``\\?\GLOBALROOT\Device\Mup\…``, any letter case), a drive letter mapped to a share
    (GetDriveTypeW says DRIVE_REMOTE), or a path through a junction or symbolic link to one of those
    (``resolve``, by default os.path.realpath, gives the final path). ``\\?\C:\…`` is a local path.
    ``drive_type`` (a root such as ``X:\`` → GetDriveTypeW's answer) and ``resolve`` stand in for
    Windows in tests, and judge Windows paths on any system.

    Elsewhere: a file on a network file system (NFS, CIFS/SMB, 9p …, see NETWORK_FILE_SYSTEMS) by
    the mount table (``mounts`` stands in for ``/proc/self/mounts``), links followed.
    """
    text = os.fspath(path)
    if sys.platform == "win32" or drive_type is not None:
        if _windows_share(text, drive_type):
            return True
        if resolve is None and sys.platform != "win32":
            return False  # Windows paths judged elsewhere (tests): no links to follow
        try:
            final = (resolve or os.path.realpath)(text)
        except (OSError, ValueError):
            return False
        return final != text and _windows_share(final, drive_type)
    return file_system_type(text, mounts) in NETWORK_FILE_SYSTEMS
