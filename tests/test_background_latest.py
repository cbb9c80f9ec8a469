"""background.Latest: the one way a view loads in the background (newest result only, failures
logged and shown)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget

from ui import background


def _settle(qtbot) -> None:
    background.wait_all()
    qtbot.wait(20)


def test_only_the_newest_load_is_shown(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    shown: list[object] = []
    loads = background.Latest(owner)
    loads.submit(lambda: "older", shown.append)
    loads.submit(lambda: "newer", shown.append)
    _settle(qtbot)
    assert shown == ["newer"]
    loads.submit(lambda: "filled meanwhile", shown.append)
    loads.supersede()
    _settle(qtbot)
    assert shown == ["newer"]


def test_a_failed_load_is_reported_and_a_deleted_view_is_left_alone(qtbot, monkeypatch):
    reported: list[BaseException] = []
    monkeypatch.setattr(background, "report_exception", reported.append)
    owner = QWidget()
    shown: list[object] = []
    loads = background.Latest(owner)
    loads.submit(lambda: 1 / 0, shown.append)
    _settle(qtbot)
    assert shown == [] and len(reported) == 1 and isinstance(reported[0], ZeroDivisionError)
    loads.submit(lambda: "late", shown.append)
    shiboken6.delete(owner)
    _settle(qtbot)
    assert shown == [] and len(reported) == 1
