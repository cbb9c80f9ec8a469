"""The ``uses_qt`` marker, set at collection: a test that asks for pytest-qt's ``qtbot`` or ``qapp`` — by
argument or through a fixture such as ``window`` — is marked, so a run can leave the window out with
``-m "not uses_qt"``.

Why: ``make mutation`` (mutmut) forks its workers from the pytest process that ran the suite once, and a
QApplication made in that process does not survive a fork. The window is not where the rules live anyway.
Loaded by tests/conftest.py (``pytest_plugins``); kept apart from any other marker's hook on purpose.
"""

from __future__ import annotations

import pytest

USES_QT = "uses_qt"
QT_FIXTURES = frozenset({"qtbot", "qapp"})


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", f"{USES_QT}: needs a QApplication (qtbot/qapp); set by tests/qt_marker.py")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if QT_FIXTURES & set(getattr(item, "fixturenames", ())):  # the closure: fixtures of fixtures too
            item.add_marker(USES_QT)
