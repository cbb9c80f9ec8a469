"""How the main window fits the screen it is on: a first-start size that fits, a remembered
geometry kept on screen, and a detail pane that can be hidden and shown but never lost."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QMargins, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QStyle, QWidget

if TYPE_CHECKING:
    from ui.preferences import Preferences
    from ui.task_view import TaskView

# The size the window was designed at; smaller screens get a share of their work area.
DESIGN_WIDTH, DESIGN_HEIGHT = 1360, 860
SCREEN_SHARE = 0.94
NAV_WIDTH, DETAIL_WIDTH = 190, 330
NAV, PAGES, DETAIL = range(3)


def _work_area(window: QWidget) -> QRect:
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


# QWidget.saveGeometry (format 3): magic, version, frame rectangle, normal rectangle, screen,
# maximized, full screen, screen width, client rectangle; rectangles as left, top, right, bottom.
_SAVED = struct.Struct(">IHH4i4iiBBi4i")


def saved_frame(state: bytes | None) -> QMargins | None:
    """The frame (title bar, borders) the window had when ``state`` was saved: the saved frame
    rectangle less the saved client rectangle. None for a state without both."""
    if not state or len(state) < _SAVED.size:
        return None
    fields = _SAVED.unpack_from(state)
    if fields[0] != 0x1D9D0CB or fields[1] < 3:
        return None
    (fl, ft, fr, fb), (gl, gt, gr, gb) = fields[3:7], fields[-4:]
    margins = QMargins(gl - fl, gt - ft, fr - gr, fb - gb)
    return margins if min(margins.left(), margins.top(), margins.right(), margins.bottom()) >= 0 else None


def _frame_of(window: QWidget) -> QMargins:
    """The window's frame now; before it is first shown the platform has not drawn one and Qt
    reports none, so a title bar's height (the style's) stands in for it."""
    frame, client = window.frameGeometry(), window.geometry()
    if frame != client:
        return QMargins(client.left() - frame.left(), client.top() - frame.top(),
                        frame.right() - client.right(), frame.bottom() - client.bottom())
    title = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    return QMargins(1, title, 1, 1)


def fit_to_screen(window: QWidget, preferences: Preferences) -> None:
    """The remembered geometry, kept on its screen; on first start a size that fits the screen."""
    state = preferences.saved_geometry("main")
    if state and window.restoreGeometry(QByteArray(state)):
        keep_on_screen(window, saved_frame(state))
        return
    area = _work_area(window)
    width = min(DESIGN_WIDTH, int(area.width() * SCREEN_SHARE))
    height = min(DESIGN_HEIGHT, int(area.height() * SCREEN_SHARE))
    window.resize(max(width, window.minimumSizeHint().width()), height)
    window.move(area.x() + (area.width() - window.width()) // 2, area.y() + (area.height() - window.height()) // 2)


def keep_on_screen(window: QWidget, frame: QMargins | None = None) -> None:
    """A geometry saved on a larger or another screen: shrink and move it so that the whole
    frame (title bar to status bar) is on this one. Works on the client rectangle with the
    ``frame`` around it (by default the window's own): a frame measured before the window is
    shown is no frame at all, and moving by it put the window a title bar lower at every start."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = _work_area(window)
    frame = frame if frame is not None else _frame_of(window)
    client = window.geometry()
    extra_w, extra_h = frame.left() + frame.right(), frame.top() + frame.bottom()
    width = max(1, min(client.width(), area.width() - extra_w))
    height = max(1, min(client.height(), area.height() - extra_h))
    x = min(max(client.x(), area.x() + frame.left()), area.x() + area.width() - frame.right() - width)
    y = min(max(client.y(), area.y() + frame.top()), area.y() + area.height() - frame.bottom() - height)
    wanted = QRect(x, y, width, height)
    if wanted != client:
        window.setGeometry(wanted)


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


def shown(window: QWidget, splitter: QSplitter, preferences: Preferences) -> None:
    """The main window was shown: the first time, keep it on screen by the frame the platform has
    now drawn (measured for real at last), and give the panes widths that follow the window's
    when none were saved."""
    if not window.property("placed"):
        window.setProperty("placed", True)
        QTimer.singleShot(0, window, lambda: keep_on_screen(window))
    if not preferences.state("splitter") and not splitter.property("sized"):
        splitter.setProperty("sized", True)
        initial_sizes(splitter, splitter.width())


def restore_panes(view: TaskView, splitter: QSplitter, preferences: Preferences) -> None:
    """The table's columns and the panes' widths as the clerk left them."""
    view.restore_layout(preferences.state("task_header"))
    state = preferences.state("splitter")
    if state:
        splitter.restoreState(QByteArray(state))
        splitter.setChildrenCollapsible(False)
