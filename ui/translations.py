"""Qt Linguist translations. Sources are English; Chinese (zh_CN) is the shipped default."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ledger_app.resources import resource_path

log = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def install(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Load our catalogue and Qt's own (standard buttons, dialogs) for ``language``."""
    installed: list[QTranslator] = []
    if language not in LANGUAGES or language == "en":
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    catalogues = [
        (resource_path("translations", f"ledger_{language}.qm"), True),
        (f"{QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)}/qtbase_{language}.qm", False),
    ]
    for path, required in catalogues:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        elif required:
            log.warning("translation %s could not be loaded; showing English", path)
    return installed
