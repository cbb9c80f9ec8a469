"""First run: an empty ledger offers an import or the demo ledger instead of a blank table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    importRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("The ledger is empty"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(self.tr("Import the task table you were given (an Excel .xlsx file), or open the demo "
                              "ledger built from the Changzhou 2017 reform task table to look around."))
        text.setWordWrap(True)
        # A fixed width lets the wrapped label compute its height; centred layouts otherwise clip it.
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))
        self.import_button = QPushButton(self.tr("Import task table…"))
        self.demo_button = QPushButton(self.tr("Open demo ledger"))
        for button in (self.import_button, self.demo_button):
            button.setMinimumSize(220, 40)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, text, self.import_button, self.demo_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
