"""The dashboard's strip of indicator tiles: each target with its latest value and light."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ledger_app.indicators.measure import format_number
from ledger_app.indicators.store import IndicatorView
from ui.light_colours import LIGHT_COLOURS


class IndicatorTile(QFrame):
    clicked = Signal()

    def __init__(self, view: IndicatorView) -> None:
        super().__init__()
        colour = LIGHT_COLOURS.get(view.light, LIGHT_COLOURS["off"]).name()
        self.setObjectName("indicatorTile")
        self.setStyleSheet(f"#indicatorTile {{ border-left: 5px solid {colour}; }}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        latest = view.assessment.latest
        name = QLabel(view.name)
        name.setStyleSheet("color: #3c4043")
        metrics = name.fontMetrics()
        name.setText(metrics.elidedText(view.name, Qt.TextElideMode.ElideRight, 150))
        figure = QLabel(f"{format_number(latest.value) if latest else '—'} / {format_number(view.target)}"
                        f"{view.unit}")
        font = figure.font()
        font.setBold(True)
        figure.setFont(font)
        figure.setStyleSheet(f"color: {colour}")
        progress = view.assessment.progress
        self.setToolTip(f"{view.name}\n{view.target_text}\n"
                        + (f"{progress:.1f}% / {view.assessment.expected:.1f}%" if progress is not None
                           and view.assessment.expected is not None else ""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 3, 6, 3)
        layout.setSpacing(0)
        layout.addWidget(name)
        layout.addWidget(figure)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.clicked.emit()


class IndicatorStrip(QScrollArea):
    """A row of tiles that scrolls sideways; hidden when the ledger has no indicators."""

    opened = Signal()  # a tile was clicked: show the 指标 view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tiles: list[IndicatorTile] = []
        self.hide()

    def show_indicators(self, views: list[IndicatorView]) -> None:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.tiles = []
        for view in views:
            tile = IndicatorTile(view)
            tile.clicked.connect(self.opened)
            row.addWidget(tile)
            self.tiles.append(tile)
        row.addStretch(1)
        self.setWidget(holder)
        height = holder.sizeHint().height() + (self.horizontalScrollBar().sizeHint().height()
                                               if holder.sizeHint().width() > self.width() else 0)
        self.setFixedHeight(height + 2)
        self.setVisible(bool(views))
