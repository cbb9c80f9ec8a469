"""Where this computer's ledger lives: the local file, or the office's shared PostgreSQL
server (连接共享台账服务器). The choice is a preference of this computer and is used from
the next start; ``--db`` on the command line still wins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ledger_app.messages.errors import LedgerError
from ledger_app.store.opening import describe_location, server_url_problem


class LedgerLocation(QWidget):
    """Local file or shared server, with a connection test that changes nothing."""

    def __init__(self, saved: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = QRadioButton(self.tr("This computer's ledger file"))
        self.server = QRadioButton(self.tr("Connect to a shared ledger server"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.url = QLineEdit(saved)
        self.url.setPlaceholderText("postgresql+psycopg://用户@服务器/库名")
        self.test = QPushButton(self.tr("Test connection"))
        self.result = QLabel(self.tr("Now open: %1").replace("%1", current))
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.local, 0, 0, 1, 2)
        grid.addWidget(self.server, 1, 0, 1, 2)
        grid.addWidget(self.url, 2, 0)
        grid.addWidget(self.test, 2, 1)
        grid.addWidget(self.result, 3, 0, 1, 2)
        (self.server if saved else self.local).setChecked(True)
        self.server.toggled.connect(self._enable)
        self.test.clicked.connect(self.try_connection)
        self._enable()

    def _enable(self) -> None:
        self.url.setEnabled(self.server.isChecked())
        self.test.setEnabled(self.server.isChecked())

    def chosen(self) -> str:
        """The address to keep: "" for the local file."""
        return self.url.text().strip() if self.server.isChecked() else ""

    def problem(self) -> str | None:
        """Why the choice cannot be kept, for the dialog to show (None when it can)."""
        if not self.server.isChecked():
            return None
        if not self.chosen():
            return self.tr("Enter the server address, e.g. postgresql+psycopg://user@server/dbname")
        return server_url_problem(self.chosen())

    def try_connection(self) -> bool:
        problem = self.problem()
        if problem:
            self.result.setText(problem)
            return False
        self.result.setText(self.tr("Connecting…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result.setText(describe_location(self.chosen()))
            return True
        except LedgerError as exc:
            self.result.setText(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
