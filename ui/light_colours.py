"""The lights' colours (红灯, 黄灯, 绿灯 …), and the dot the task table shows before a light's name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

LIGHT_COLOURS = {"red": QColor("#d93025"), "yellow": QColor("#f2a600"), "green": QColor("#1e8e3e"),
                 "done": QColor("#5f6368"), "off": QColor("#c0c0c0"), "pending": QColor("#1a73e8")}
_DOTS: dict[str, QIcon] = {}
DOT_SIZE = 12  # pixels at 100 %


def light_dot(light: str) -> QIcon | None:
    """The light's coloured dot, drawn once per colour (the name follows it, so it reads without colour).

    A decoration the view's own delegate paints: a Python ``paint`` for the light column cost about
    a millisecond of every paint of the table (70 µs a cell; issue 27's first paint)."""
    if not _DOTS:
        for name, colour in LIGHT_COLOURS.items():
            icon = QIcon()
            for scale in (1, 2):  # 100 % screens and, scaled down, 150 % and 200 % ones stay sharp
                pixmap = QPixmap(DOT_SIZE * scale, DOT_SIZE * scale)
                pixmap.setDevicePixelRatio(scale)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawEllipse(1, 1, DOT_SIZE - 2, DOT_SIZE - 2)
                painter.end()
                icon.addPixmap(pixmap)
                # Its own colour on a selected row too: the style would tint it with the selection's.
                icon.addPixmap(pixmap, QIcon.Mode.Selected)
            _DOTS[name] = icon
    return _DOTS.get(light)
