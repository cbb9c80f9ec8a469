"""Open and save dialogs that start where the clerk works: the Documents folder at first, then the
folder last used for that kind of file (imports, PDFs, forms, exports), kept in the preferences.
They used to start in the program's working folder (C:\\Program Files\\… on a desk) every time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ui.preferences import Preferences

IMPORTS, PDFS, FORMS, EXPORTS = "imports", "pdfs", "forms", "exports"


def start_in(kind: str, name: str = "") -> str:
    """Where a dialog for ``kind`` opens, with ``name`` suggested in it."""
    folder = Preferences().folder(kind)
    return str(Path(folder) / name) if name else folder


def _remember(kind: str, path: str) -> None:
    if path:
        Preferences().remember_folder(kind, str(Path(path).parent))


def open_file(parent: QWidget | None, kind: str, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_in(kind), filters)
    _remember(kind, path)
    return path


def open_files(parent: QWidget | None, kind: str, title: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_in(kind), filters)
    if paths:
        _remember(kind, paths[0])
    return paths


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, start_in(kind, name), filters)
    _remember(kind, path)
    return path


def choose_folder(parent: QWidget | None, kind: str, title: str, current: str = "") -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, current or start_in(kind))
    if folder:
        Preferences().remember_folder(kind, folder)
    return folder
