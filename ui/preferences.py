"""Per-user preferences (this computer), declared once and typed. Ledger-wide settings
(thresholds, organisation name) live in the ledger: see ledger_app.store.settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

from ledger_app.system.paths import config_dir


class Preferences:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return str(value) if value is not None else default

    @property
    def language(self) -> str:
        return self._get("ui/language", "zh_CN")

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def operator(self) -> str:
        """Name written to the change log; empty means the operating-system user."""
        return self._get("user/operator")

    @operator.setter
    def operator(self, value: str) -> None:
        self._s.setValue("user/operator", value.strip())

    @property
    def last_db(self) -> str:
        return self._get("ledger/last_db")

    @last_db.setter
    def last_db(self, value: str) -> None:
        self._s.setValue("ledger/last_db", value)

    @property
    def as_of(self) -> date | None:
        text = self._get("ledger/as_of")
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return None

    @as_of.setter
    def as_of(self, value: date | None) -> None:
        self._s.setValue("ledger/as_of", value.isoformat() if value else "")

    @property
    def detail_visible(self) -> bool:
        """The detail pane beside the table is shown (视图 → 详情)."""
        return self._get("ui/detail_visible", "true") != "false"

    @detail_visible.setter
    def detail_visible(self, value: bool) -> None:
        self._s.setValue("ui/detail_visible", "true" if value else "false")

    def folder(self, kind: str) -> str:
        """The folder last used for files of ``kind`` (imports, pdfs, forms, exports); at first the
        Documents folder, never the program's working folder."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return self.remembered_folder(kind) or documents or str(Path.home())

    def remembered_folder(self, kind: str) -> str | None:
        """The folder last used for ``kind``, if there is one and it is still there."""
        remembered = self._get(f"folders/{kind}")
        return remembered if remembered and Path(remembered).is_dir() else None

    def remember_folder(self, kind: str, folder: str) -> None:
        self._s.setValue(f"folders/{kind}", folder)

    def save_geometry(self, key: str, widget: QWidget) -> None:
        self._s.setValue(f"geometry/{key}", widget.saveGeometry())

    def saved_geometry(self, key: str) -> bytes | None:
        """What :meth:`save_geometry` kept of window ``key`` (QWidget.saveGeometry's bytes)."""
        value = self._s.value(f"geometry/{key}")
        return bytes(QByteArray(value).data()) if value else None

    def save_state(self, key: str, state: bytes) -> None:
        self._s.setValue(f"state/{key}", QByteArray(state))

    def state(self, key: str) -> bytes | None:
        value = self._s.value(f"state/{key}")
        return bytes(QByteArray(value).data()) if value else None

    def sync(self) -> None:
        self._s.sync()
