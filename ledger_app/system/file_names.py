"""File names made from what clerks typed (a department's name, a document's title): characters and
names Windows refuses, a name no longer than a disk holds (255 UTF-16 units on NTFS, 255 bytes on
Linux, where a Chinese character takes three), and the whole path within Windows' MAX_PATH. A name
that has to be shortened keeps a short digest of the whole, so two long names that begin alike stay
apart; ``taken`` numbers on a name already used (Windows ignores case)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

FOLDER_TOO_LONG = "文件夹路径过长，放不下文件名：{path}；请选择路径较短的文件夹"
EN.update({FOLDER_TOO_LONG: "the folder's path is too long to hold a file name: {path}; choose a shorter one"})

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_COMPONENT = 255  # UTF-16 units (NTFS) and bytes (ext4, most Linux file systems)
MAX_PATH = 259  # Windows without long paths: 260 with the terminating NUL
_NUMBERING_ROOM = 6  # （99）, added by ``taken``
_SHORTENED = "…"
_DIGEST = 6


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _fits(name: str, room: int) -> bool:
    return _units(name) <= room and _bytes(name) <= MAX_COMPONENT - 3 * _NUMBERING_ROOM


def safe_file_name(stem: str, suffix: str, *, folder: Path | None = None, taken: set[str] | None = None) -> str:
    """``stem`` + ``suffix`` (".xlsx") as a file name every desk can write into ``folder``."""
    clean = _FORBIDDEN.sub("_", stem).strip().rstrip(" .") or "_"
    if clean.split(".")[0].upper() in _RESERVED:
        clean = "_" + clean
    room = MAX_COMPONENT - _NUMBERING_ROOM
    if folder is not None:
        room = min(room, MAX_PATH - _units(str(folder.absolute())) - 1 - _NUMBERING_ROOM)
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]
    tail = f"{_SHORTENED}{digest}{suffix}"
    if room < _units(tail) + 1:
        raise LedgerError(FOLDER_TOO_LONG, path=folder)
    name = clean + suffix
    if not _fits(name, room):
        keep = len(clean)
        while keep > 0 and not _fits(clean[:keep] + tail, room):
            keep -= 1
        name = clean[:keep].rstrip(" .") + tail
    if taken is not None:
        stem_part, n = name.removesuffix(suffix), 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem_part}（{n}）{suffix}"
        taken.add(name.casefold())
    return name
