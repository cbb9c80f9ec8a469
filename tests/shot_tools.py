"""What the screenshot scripts measure of a widget, and how they wait for the window to settle."""

from __future__ import annotations


def rect(widget, window) -> list[int]:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    top_left = widget.mapTo(window, QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def fits(widget, window, natural: bool = False) -> dict:  # noqa: ANN001
    """Where ``widget`` is, whether it is inside the window, and whether it got less than its
    minimum size (``natural``: less than its size hint, e.g. a date box too narrow for its date)."""
    x, y, w, h = rect(widget, window)
    wanted = widget.sizeHint() if natural else widget.minimumSizeHint()
    return {"visible": widget.isVisible(), "rect": [x, y, w, h],
            "inside": x >= 0 and y >= 0 and x + w <= window.width() and y + h <= window.height(),
            "squeezed": w + 1 < wanted.width() or h + 1 < min(wanted.height(), widget.minimumSizeHint().height())}


def settle(app, ms: int = 300) -> None:  # noqa: ANN001
    """Let background answers (navigation, light counts, charts) arrive and be painted."""
    import time

    from ui import background

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        background.wait_all()
        app.processEvents()
        time.sleep(0.01)
