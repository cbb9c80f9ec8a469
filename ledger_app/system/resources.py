"""Files shipped with the program (fonts, the demo task table, translations)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # PyInstaller unpacks data next to sys._MEIPASS; a source checkout keeps it at the root.
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


CJK_FONT = ("fonts", "wqy-microhei.ttc")
DEMO_TABLE = ("samples", "changzhou-2017-tasks.xlsx")
# The Yinchuan plan's 2025 targets (tools/indicator_sample.py): the demo's 指标 and the tests'.
DEMO_INDICATORS = ("samples", "yinchuan-2025-indicators.xlsx")


def manual_dir() -> Path:
    """The user manual (docs/manual, Markdown): shipped as resources/manual in the frozen program,
    read from docs/ in a source checkout."""
    shipped = resource_path("manual")
    return shipped if shipped.is_dir() else resources_dir().parent / "docs" / "manual"
