"""Standard streams of the command line, as Windows hands them over.

- A windowed executable (``task-ledger-gui.exe``, pythonw) has no streams: ``sys.stdout`` and
  ``sys.stderr`` are None. They become a sink, so a subcommand run from it works silently.
- A console window shows Unicode whatever the code page (Python writes to it as UTF-16): left alone.
- Redirected (``> log.txt 2>&1``, a pipe to ``findstr``): both streams get the same encoding, the
  one ``type``/``findstr``/Notepad expect. On a Chinese Windows (code page 936) that is GB18030,
  which writes every GBK character exactly as GBK does and the rest of Unicode too, so no
  character turns into ``\\U…`` or ``?``. Elsewhere on Windows the console's code page; on other
  systems UTF-8. ``PYTHONIOENCODING`` (e.g. ``utf-8`` for a script reading ``list --json``) or
  Python's UTF-8 mode override all this.
"""

from __future__ import annotations

import os
import sys

CHINESE_CODEPAGES = {936: "gb18030", 54936: "gb18030"}


def _windows_codepage() -> int:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    # A redirected console program still has its console; without one, the ANSI code page.
    return kernel32.GetConsoleOutputCP() or kernel32.GetACP()


def redirected_encoding(platform: str | None = None, codepage: int | None = None) -> tuple[str, str]:
    """(encoding, errors) for a redirected stdout/stderr on ``platform`` with console ``codepage``."""
    override = os.environ.get("PYTHONIOENCODING", "")
    if override:
        encoding, _, errors = override.partition(":")
        return encoding or "utf-8", errors or "strict"
    # Both encodings below take every character; only lone surrogates (undecodable file names
    # on Linux) are escaped rather than stopping the program.
    if sys.flags.utf8_mode or (platform or sys.platform) != "win32":
        return "utf-8", "backslashreplace"
    cp = codepage if codepage is not None else _windows_codepage()
    if cp == 65001:
        return "utf-8", "backslashreplace"
    if cp in CHINESE_CODEPAGES:
        return CHINESE_CODEPAGES[cp], "backslashreplace"
    return f"cp{cp}", "replace"


def configure_streams(platform: str | None = None, codepage: int | None = None) -> None:
    """Make sys.stdout/sys.stderr usable and agreeing (see the module docstring)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as sys
            continue
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream.isatty():
                continue
        except ValueError:  # closed
            continue
        encoding, errors = redirected_encoding(platform, codepage)
        stream.reconfigure(encoding=encoding, errors=errors)
