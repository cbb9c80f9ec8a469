"""The task table's columns: fitted to the table's width until the clerk sets them, the clerk's
own columns kept across restarts, and View ▸ Columns ▸ Fit columns to window going back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from ledger_app.exchange.importing.apply import import_file
from ledger_app.tasks.rows import COLUMNS
from ui.task_model import COL


@pytest.fixture
def ledger(ledger, sample):
    """The suite's ledger with the sample's 32 tasks: the window shows its table."""
    import_file(ledger.engine, sample)
    return ledger


def _shown(view) -> list[str]:  # noqa: ANN001
    return [key for key in COLUMNS if not view.isColumnHidden(COL[key])]


def _fits(view) -> bool:  # noqa: ANN001
    return view.horizontalHeader().length() <= view.viewport().width()


def _columns_menu(window):  # noqa: ANN001, ANN202
    menu = window.actions_.columns
    menu.aboutToShow.emit()  # what opening View ▸ Columns does
    return {action.text(): action for action in menu.actions() if action.text()}


def _drag_handle(view, key: str, by: int) -> None:  # noqa: ANN001
    """Drag the right edge of a column's header section, as a clerk widens it."""
    from pytestqt.qtbot import QtBot

    header = view.horizontalHeader()
    edge = header.sectionViewportPosition(COL[key]) + header.sectionSize(COL[key]) - 1
    start, end = QPoint(edge, header.height() // 2), QPoint(edge + by, header.height() // 2)
    QtBot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QtBot.mouseMove(header.viewport(), end)
    QtBot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_columns_follow_the_window_until_the_clerk_sets_them(window, qtbot):
    view = window.view
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: _fits(view))
    wide = _shown(view)
    assert {"title", "lead", "deadline", "status", "percent"} <= set(wide)
    window.resize(1000, 740)
    qtbot.waitUntil(lambda: _fits(view) and _shown(view) != wide)
    narrow = _shown(view)
    assert len(narrow) < len(wide) and "lead" in narrow
    # What gave way is unchecked in View ▸ Columns; checking it is the clerk's choice, which stays.
    menu = _columns_menu(window)
    hidden = next(k for k in COLUMNS if k not in narrow)
    label = window.model.headerData(COL[hidden], Qt.Orientation.Horizontal)
    assert not menu[label].isChecked()
    menu[label].trigger()
    assert not view.isColumnHidden(COL[hidden]) and not view.auto_fit
    window.resize(1366, 740)
    QApplication.processEvents()
    assert _shown(view) == [k for k in COLUMNS if k in narrow or k == hidden]
    # 适应窗口宽度 (Fit columns to window): back to following the width.
    _columns_menu(window)["适应窗口宽度"].trigger()
    assert view.auto_fit and _fits(view) and _shown(view) == wide


def test_a_column_the_clerk_widened_is_kept_on_the_next_start(window, qtbot, ledger):
    from ui.main_window import MainWindow

    view = window.view
    qtbot.waitUntil(lambda: _fits(view))
    width = view.columnWidth(COL["lead"])
    _drag_handle(view, "lead", 40)
    assert view.columnWidth(COL["lead"]) == width + 40 and not view.auto_fit
    window.resize(window.width() - 120, window.height())
    QApplication.processEvents()
    assert view.columnWidth(COL["lead"]) == width + 40, "the window's width no longer refits the columns"
    window.close()  # saves the layout
    again = MainWindow(ledger, window.preferences)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.view.columnWidth(COL["lead"]) == width + 40 and not again.view.auto_fit
    again.controller.wait()
    again.model.wait()
