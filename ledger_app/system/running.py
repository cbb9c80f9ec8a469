"""A sign, for the Windows installer, that the program is running.

The process holds a named mutex for as long as it lives; the installer (packaging/installer.nsi)
refuses to upgrade or uninstall while the mutex exists, since replacing the files of a running
program fails half-way on Windows. Windows drops the mutex when the last holder exits, even
after a crash, so a stale sign cannot block an upgrade.
"""

from __future__ import annotations

import sys

MUTEX_NAME = "TaskLedger.Running"  # also in packaging/installer.nsi
_handle: int | None = None


def hold_running_mutex() -> bool:
    """Create (or join) the mutex; True on Windows when it is held, False elsewhere."""
    global _handle
    if sys.platform != "win32":
        return False
    if _handle is None:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.CreateMutexW.restype = ctypes.c_void_p
        _handle = kernel32.CreateMutexW(None, False, MUTEX_NAME) or 0
    return bool(_handle)
