"""导入向导 → 核对各列: the detected header row and what each column feeds. One role box sits
above each preview column, as wide as the column and scrolled with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ledger_app.exchange.importing.header import header_at
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.messages.labels import FIELD_LABELS

if TYPE_CHECKING:
    from ledger_app.exchange.importing import Analysis

PREVIEW_ROWS = 15
COLUMN_WIDTH = 120


class RoleStrip(QWidget):
    """The role boxes, each placed over its preview column (follows resizing and scrolling)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__()
        self.table = table
        self.boxes: list[QComboBox] = []
        header = table.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.place())
        header.geometriesChanged.connect(self.place)
        table.horizontalScrollBar().valueChanged.connect(lambda _v: self.place())
        table.installEventFilter(self)
        self.setFixedHeight(QComboBox().sizeHint().height())

    def set_boxes(self, boxes: list[QComboBox]) -> None:
        for box in self.boxes:
            box.deleteLater()
        self.boxes = boxes
        for box in boxes:
            box.setParent(self)
            box.show()
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def place(self) -> None:
        """Each box over its column: the table's viewport is offset by its frame and row header."""
        header = self.table.horizontalHeader()
        left = self.table.viewport().mapToGlobal(QPoint(0, 0)).x() - self.mapToGlobal(QPoint(0, 0)).x()
        for column, box in enumerate(self.boxes):
            if header.isSectionHidden(column):
                box.hide()
                continue
            box.setGeometry(left + header.sectionViewportPosition(column), 0, header.sectionSize(column) - 1,
                            self.height())
            box.show()

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.place()


class MappingPage(QWizardPage):
    """The detected header and what each column feeds; every choice can be corrected.

    ``analysis`` gives the workbook being checked (read by the wizard's file page); the page
    corrects its header in place."""

    def __init__(self, analysis: Callable[[], Analysis]) -> None:
        super().__init__()
        self.analysis = analysis
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("The header row and the meaning of each column were recognised automatically. "
                                 "Correct them here if needed."))
        self.header_row = QSpinBox(minimum=1, maximum=999)
        self.header_row.setMaximumWidth(90)
        self.header_row.setToolTip(self.tr("Row of the sheet that holds the column names"))
        self.header_row.valueChanged.connect(self._header_row_changed)
        self.preview = QTableView()
        self.preview.setModel(QStandardItemModel(self.preview))
        self.preview.verticalHeader().setVisible(False)
        self.preview.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.strip = RoleStrip(self.preview)
        form = QFormLayout()
        form.addRow(self.tr("Header row"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("What each column holds (choose above the column):")))
        layout.addWidget(self.strip)
        layout.addWidget(self.preview, 1)
        layout.setSpacing(2)
        self._combos: list[QComboBox] = []

    def initializePage(self) -> None:
        self.header_row.blockSignals(True)
        self.header_row.setValue(self.analysis().header.row + 1)
        self.header_row.blockSignals(False)
        self._show()

    def _header_row_changed(self, value: int) -> None:
        analysis = self.analysis()
        analysis.header = header_at(analysis.sheet.rows, value - 1)
        self._show()

    def _show(self) -> None:
        analysis = self.analysis()
        rows, header = analysis.sheet.rows, analysis.header
        width = max((len(r) for r in rows[: header.data_start + PREVIEW_ROWS]), default=0)
        self._combos = []
        for column in range(width):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), None)
            for fld, label in FIELD_LABELS.items():
                combo.addItem(label, fld)
            combo.setCurrentIndex(max(combo.findData(header.columns.get(column)), 0))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(lambda _i, c=column: self._remap(c))
            self._combos.append(combo)
        model: QStandardItemModel = self.preview.model()
        model.clear()
        labels = [cell_text(v) for v in (rows[header.row] if header.row < len(rows) else [])]
        model.setHorizontalHeaderLabels(labels + [""] * (width - len(labels)))
        for row in rows[header.data_start : header.data_start + PREVIEW_ROWS]:
            items = [QStandardItem(cell_text(v)) for v in row[:width]]
            for item in items:
                item.setToolTip(item.text())
            model.appendRow(items)
        for column in range(width):
            self.preview.setColumnWidth(column, COLUMN_WIDTH)
        self.strip.set_boxes(self._combos)

    def set_field(self, column: int, fld: str | None) -> None:
        """Choose what ``column`` feeds (None = ignore it); the same field elsewhere is released."""
        self._combos[column].setCurrentIndex(max(self._combos[column].findData(fld), 0))

    def _remap(self, column: int) -> None:
        fld = self._combos[column].currentData()
        header = self.analysis().header
        columns = header.columns
        columns.pop(column, None)
        if fld is not None:
            for other, existing in list(columns.items()):
                if existing == fld:
                    del columns[other]
                    self._combos[other].blockSignals(True)
                    self._combos[other].setCurrentIndex(0)
                    self._combos[other].blockSignals(False)
            columns[column] = fld
            header.labels[column] = FIELD_LABELS[fld]

