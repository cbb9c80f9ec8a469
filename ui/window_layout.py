"""How the main window fits the screen it is on: a first-start size that fits, a remembered
geometry kept on screen, and a detail pane that can be hidden and shown but never lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

if TYPE_CHECKING:
    from ui.preferences import Preferences

# The size the window was designed at; smaller screens get a share of their work area.
DESIGN_WIDTH, DESIGN_HEIGHT = 1360, 860
SCREEN_SHARE = 0.94
NAV_WIDTH, DETAIL_WIDTH = 190, 330
NAV, PAGES, DETAIL = range(3)


def _work_area(window: QWidget) -> QRect:
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, preferences: Preferences) -> None:
    """The remembered geometry, kept on its screen; on first start a size that fits the screen."""
    if preferences.restore_geometry("main", window):
        keep_on_screen(window)
        return
    area = _work_area(window)
    width = min(DESIGN_WIDTH, int(area.width() * SCREEN_SHARE))
    height = min(DESIGN_HEIGHT, int(area.height() * SCREEN_SHARE))
    window.resize(max(width, window.minimumSizeHint().width()), height)
    window.move(area.x() + (area.width() - window.width()) // 2, area.y() + (area.height() - window.height()) // 2)


def keep_on_screen(window: QWidget) -> None:
    """A geometry saved on a larger or another screen: shrink and move it into this one."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = _work_area(window)
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    window.resize(width, height)
    x = min(max(frame.x(), area.x()), area.x() + area.width() - width - extra_w)
    y = min(max(frame.y(), area.y()), area.y() + area.height() - height - extra_h)
    window.move(x, y)


def detail_placeholder() -> QLabel:
    """What the detail pane shows until the ledger is open (the pane's own empty text)."""
    label = QLabel(QCoreApplication.translate("DetailPane", "Select a task in the table to see and edit its details."))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMinimumWidth(DETAIL_WIDTH - 60)
    return label


def initial_sizes(splitter: QSplitter, width: int) -> None:
    """Navigation and detail at their usual widths (less on a narrow window); the table gets the rest."""
    nav = min(NAV_WIDTH, max(150, width // 8))
    detail = min(DETAIL_WIDTH, max(280, width // 4))
    splitter.setSizes([nav, max(300, width - nav - detail), detail])


def show_detail(splitter: QSplitter, on: bool) -> None:
    """Hide or show the detail pane; shown again, it gets a usable width back."""
    detail = splitter.widget(DETAIL)
    detail.setVisible(on)
    if on:
        sizes = splitter.sizes()
        wanted = max(detail.minimumSizeHint().width(), detail.minimumWidth(), DETAIL_WIDTH)
        if sizes[DETAIL] < wanted:
            take = wanted - sizes[DETAIL]
            sizes[PAGES] = max(0, sizes[PAGES] - take)
            sizes[DETAIL] = wanted
            splitter.setSizes(sizes)
