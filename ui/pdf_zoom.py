"""Zoom for a PDF preview: 适合宽度, 放大, 缩小 beside the pages, and Ctrl + the mouse wheel.
The report preview could not be zoomed: a 公文's small print (文号, 抄送) was unreadable on a
1366×768 screen and a page could not be seen whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

STEP = 1.25
LEAST, MOST = 0.25, 5.0


class PdfZoom(QObject):
    """The buttons (:attr:`bar`) and the Ctrl+wheel of ``view``."""

    def __init__(self, view: QPdfView) -> None:
        super().__init__(view)
        self.view = view
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.fit = QPushButton(self.tr("Fit width"))
        self.zoom_in = QPushButton(self.tr("Zoom in"))
        self.zoom_out = QPushButton(self.tr("Zoom out"))
        self.zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        for button in (self.fit, self.zoom_out, self.zoom_in):
            row.addWidget(button)
        row.addStretch(1)
        self.fit.clicked.connect(lambda: view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.zoom_in.clicked.connect(lambda: self.zoom(STEP))
        self.zoom_out.clicked.connect(lambda: self.zoom(1 / STEP))
        view.viewport().installEventFilter(self)

    def factor(self) -> float:
        """The scale the pages are drawn at now (a fitted width has one too)."""
        view = self.view
        if view.zoomMode() == QPdfView.ZoomMode.Custom or view.document() is None or not view.document().pageCount():
            return view.zoomFactor()
        page = view.document().pagePointSize(0)
        # Points to pixels at the screen's resolution, as QPdfView fits them.
        dpi = view.logicalDpiX()
        return max(LEAST, (view.viewport().width() - 2 * view.documentMargins().left()) / (page.width() / 72 * dpi))

    def zoom(self, by: float) -> None:
        factor = min(MOST, max(LEAST, self.factor() * by))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(STEP if event.angleDelta().y() > 0 else 1 / STEP)
            return True
        return False
