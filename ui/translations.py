"""Qt Linguist translations. Sources are English; Chinese (zh_CN) is the shipped default."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ledger_app.system.resources import resource_path

log = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
# Qt's catalogues for the modules the program uses (QtWidgets, QtPrintSupport and QtGui are
# in qtbase; QtCharts and QtPdf ship none today, and are loaded should a Qt release add them).
QT_CATALOGUES = ("qtbase", "qtcharts", "qtpdf")

# Strings of Qt's own dialogs that the qtbase_zh_CN.qm shipped with Qt 6.11 lacks (its entries
# predate the mnemonics added to them), so the file dialog said "Look in" and "Files of type".
QT_GAPS_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QPageSetupWidget", "Page &order:"): "页序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张纸页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "页面范围(&S)：",
}


class QtGaps(QTranslator):
    """Asked last (installed first): only what no catalogue translates reaches it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QT_GAPS_ZH.get((context, source), "")

    def isEmpty(self) -> bool:
        return False


def install(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Load our catalogue and Qt's own (standard buttons, dialogs) for ``language``."""
    installed: list[QTranslator] = []
    if language not in LANGUAGES or language == "en":
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    gaps = QtGaps(app)
    app.installTranslator(gaps)  # first: consulted after every catalogue below
    installed.append(gaps)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = [(f"{qt_dir}/{name}_{language}.qm", False) for name in QT_CATALOGUES]
    catalogues.append((str(resource_path("translations", f"ledger_{language}.qm")), True))
    for path, required in catalogues:
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            installed.append(translator)
        elif required:
            log.warning("translation %s could not be loaded; showing English", path)
    return installed
