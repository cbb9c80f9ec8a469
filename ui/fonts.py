"""Chinese text must render as glyphs on every machine, including a bare Linux box."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ledger_app.system.resources import CJK_FONT, resource_path

log = logging.getLogger(__name__)
_registered: list[str] = []


def bundled_families() -> list[str]:
    """Register the shipped WenQuanYi Micro Hei once; return its family names."""
    if not _registered:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*CJK_FONT)))
        if font_id < 0:
            log.warning("could not load the bundled CJK font %s", resource_path(*CJK_FONT))
            return []
        _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)


def ensure_cjk_font(app: QApplication) -> list[str]:
    """Use the bundled font when the system has no Simplified Chinese font.

    Returns the families added to the application font's fallback list (empty
    when the system font already covers Chinese, as on any Chinese Windows).
    """
    system = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if system - set(_registered):
        return []
    families = bundled_families()
    if families:
        font = QFont(app.font())
        font.setFamilies([font.family(), *families])
        app.setFont(font)
    return families
