"""Putting a finished file where the clerk asked for it, without half-written files and with a
plain message when Windows refuses because WPS, Excel or a PDF viewer holds the target open."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from ledger_app.errors import LedgerError

# Windows: ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_LOCKED_WINERRORS = {5, 32, 33}


def is_locked_error(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _LOCKED_WINERRORS \
        or exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY)


def replace_file(finished: Path, target: Path) -> None:
    """Copy ``finished`` next to ``target`` and rename it over ``target`` in one step."""
    target = Path(target)
    if target.is_dir():
        raise LedgerError("{path} 是文件夹，请选择一个文件名", path=target)
    if not target.parent.is_dir():
        raise LedgerError("文件夹不存在：{path}", path=target.parent)
    part = target.with_name(target.name + ".part")
    try:
        shutil.copyfile(finished, part)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise LedgerError("磁盘空间不足，未能写入 {path}", path=target) from None
        if is_locked_error(exc):
            raise LedgerError("文件被其他程序占用，请关闭后重试：{path}", path=target) from None
        raise
