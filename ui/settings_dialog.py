"""设置: ledger-wide thresholds and organisation name, plus this computer's preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.assessment import scoring
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import set_settings
from ledger_app.store import settings
from ledger_app.store.opening import os_user
from ui.controller import LedgerController
from ui.document_settings import DocumentSettings
from ui.group_settings import GroupSettings
from ui.ledger_location import LedgerLocation
from ui.method_settings import MethodSettings
from ui.preferences import Preferences

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, controller: LedgerController, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.preferences = controller, preferences
        self.setWindowTitle(self.tr("Settings"))
        values = settings.get_all(controller.engine)
        self.due_days = QSpinBox(maximum=3650, suffix=self.tr(" days"))
        self.due_days.setValue(int(values["warn.due_days"]))
        self.lag_points = QSpinBox(maximum=100, suffix=self.tr(" points"))
        self.lag_points.setValue(int(values["warn.lag_points"]))
        self.org = QLineEdit(values["org.name"])
        self.backups = QSpinBox(minimum=1, maximum=1000)
        self.backups.setValue(int(values["backup.keep"]))
        self.org.setPlaceholderText(self.tr("e.g. 常州经开区改革创新工作领导小组办公室"))
        self.operator = QLineEdit(preferences.operator)
        self.operator.setPlaceholderText(os_user())
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(preferences.language), 0))
        self.location = LedgerLocation(preferences.last_db, controller.ledger.display_name)

        shared = QGroupBox(self.tr("This ledger (shared by every desk)"))
        form = QFormLayout(shared)
        form.addRow(self.tr("Yellow when due within"), self.due_days)
        form.addRow(self.tr("Yellow when behind schedule by more than"), self.lag_points)
        form.addRow(self.tr("Office name (signs documents)"), self.org)
        form.addRow(self.tr("Automatic backups kept (ledger file)"), self.backups)
        local = QGroupBox(self.tr("This computer"))
        form = QFormLayout(local)
        form.addRow(self.tr("Operator name (change log)"), self.operator)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Ledger file or server"), self.location)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        column = QVBoxLayout(general)
        column.addWidget(shared)
        column.addWidget(local)
        column.addStretch(1)
        self.documents = DocumentSettings(values)
        year = controller.as_of.year
        self.method = MethodSettings(values, defaults=lambda: scoring.default_targets(controller.engine, year))
        self.groups = GroupSettings(values)
        method = QScrollArea()  # the method's many rows stay reachable on a 768-pixel screen
        method.setWidget(self.method)
        method.setWidgetResizable(True)
        method.setFrameShape(QFrame.Shape.NoFrame)
        tabs = QTabWidget()
        self.tabs = tabs
        tabs.addTab(general, self.tr("General"))
        tabs.addTab(self.documents, self.tr("Documents"))
        tabs.addTab(method, self.tr("Supervision and assessment"))
        tabs.addTab(self.groups, self.tr("Class words"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        problem = self.location.problem()
        if problem:
            QMessageBox.warning(self, self.tr("Settings"), problem)
            return
        changes = {"warn.due_days": str(self.due_days.value()), "warn.lag_points": str(self.lag_points.value()),
                   "org.name": self.org.text().strip(), "backup.keep": str(self.backups.value()),
                   **self.documents.values(), **self.method.values(), **self.groups.values()}
        engine = self.controller.engine

        def refused(exc: Exception) -> bool:
            if isinstance(exc, LedgerError):
                QMessageBox.warning(self, self.tr("Settings"), str(exc))
                return True
            return False

        self.controller.run_final(self.tr("Settings"), lambda _progress: set_settings(engine, changes),
                                  on_done=lambda _saved: self._saved(), on_error=refused, owner=self)

    def _saved(self) -> None:
        language_changed = self.language.currentData() != self.preferences.language
        location_changed = self.location.chosen() != self.preferences.last_db
        self.preferences.last_db = self.location.chosen()
        self.preferences.operator = self.operator.text()
        self.preferences.language = self.language.currentData()
        self.controller.operator = self.preferences.operator or self.controller.ledger.user
        if language_changed:
            QMessageBox.information(self, self.tr("Settings"),
                                    self.tr("The new language is used the next time the program starts."))
        if location_changed:
            QMessageBox.information(self, self.tr("Settings"),
                                    self.tr("The program opens the chosen ledger the next time it starts."))
        super().accept()
