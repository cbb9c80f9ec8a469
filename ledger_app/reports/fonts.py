"""Chinese fonts for the PDFs, always embedded and subset.

On Windows the office's own 黑体/仿宋/宋体 are used when present (they are what official
documents are set in); everywhere else, and as the fallback, the bundled WenQuanYi Micro
Hei (a TrueType collection reportlab can embed; CFF fonts such as Noto CJK it cannot).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ledger_app.resources import CJK_FONT, resource_path

HEI, FANG, SONG = "LedgerHei", "LedgerFang", "LedgerSong"
_WINDOWS = {HEI: "simhei.ttf", FANG: "simfang.ttf", SONG: "simsun.ttc"}


@dataclass(frozen=True)
class FontSet:
    title: str  # 黑体 for titles
    body: str  # 仿宋 for notice text
    table: str  # 宋体 for tables
    sources: dict[str, str]


def _windows_fonts_dir() -> Path | None:
    root = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    return Path(root) / "Fonts" if root else None


_registered: FontSet | None = None


def register_fonts() -> FontSet:
    """Register the three roles once per process and say which files they came from."""
    global _registered
    if _registered is not None:
        return _registered
    fallback = resource_path(*CJK_FONT)
    windows = _windows_fonts_dir()
    sources: dict[str, str] = {}
    for name, file in _WINDOWS.items():
        path = windows / file if windows else None
        if path is not None and path.exists():
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
        else:
            path = fallback
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
        sources[name] = str(path)
    _registered = FontSet(HEI, FANG, SONG, sources)
    return _registered
