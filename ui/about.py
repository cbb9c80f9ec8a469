"""帮助 → 关于: what a person looking after the program needs to know about this copy."""

from __future__ import annotations

import html
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.controller import LedgerController



def version() -> str:
    try:
        return metadata.version("task-ledger")
    except metadata.PackageNotFoundError:
        return "—"


def ui_fonts() -> str:
    """The window's font and the one that draws its Chinese text."""
    font = QApplication.font()
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    cjk = next((f for f in font.families() if f in chinese), None) or QFontInfo(font).family()
    return f"{QFontInfo(font).family()}, {cjk}" if cjk != QFontInfo(font).family() else cjk


def pdf_fonts() -> str:
    from ledger_app.documents.fonts import register_fonts

    fonts = register_fonts()
    roles = (("xbs", QCoreApplication.translate("About", "titles")),
             ("fang", QCoreApplication.translate("About", "body text")),
             ("hei", QCoreApplication.translate("About", "headings")),
             ("kai", QCoreApplication.translate("About", "subheadings")),
             ("song", QCoreApplication.translate("About", "tables")))
    return "; ".join(f"{label} {Path(fonts.sources[role]).name}" for role, label in roles)


def about_text(controller: LedgerController) -> str:
    revision, head = controller.ledger.schema_versions()
    schema = QCoreApplication.translate("About", "%1 (this program writes %2)")
    rows = [
        (QCoreApplication.translate("About", "Version"), version()),
        (QCoreApplication.translate("About", "Ledger"), controller.ledger.display_name),
        (QCoreApplication.translate("About", "Schema version"),
         schema.replace("%1", revision or "—").replace("%2", head)),
        (QCoreApplication.translate("About", "Window font"), ui_fonts()),
        (QCoreApplication.translate("About", "Report fonts (PDF)"), pdf_fonts()),
        (QCoreApplication.translate("About", "Built on"),
         f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()}"),
    ]
    table = "".join(f"<tr><td style='padding-right:12px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
                    for k, v in rows)
    intro = QCoreApplication.translate(
        "About", "<b>Reform Task Ledger</b><p>Keeps the task list of a reform plan: content, responsible "
        "departments and leaders, measures, deadlines, quarterly progress and supervision.</p>")
    return intro + f"<table>{table}</table>"
