"""Issue 25, 11: the small stumbles of a clerk's day, each pressed as the clerk presses it."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.window_day import in_report_dialog, plan_2023, run_wizard, settle


def test_the_status_editor_shows_its_words_whole(office, qtbot):
    """The in-table 状态 editor took the narrow column's width and cut 推进中."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from ledger_app.tasks.rows import COLUMNS

    view = office.view
    column = COLUMNS.index("status")
    view.setColumnWidth(column, 40)
    index = office.model.index(0, column)
    delegate = view.itemDelegateForColumn(column)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    combo = delegate.createEditor(view.viewport(), option, index)  # what a double-click on the cell opens
    delegate.updateEditorGeometry(combo, option, index)
    widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.width() >= widest + 20, (combo.width(), widest)


def test_a_pasted_quoted_path_is_read_at_once(window, qtbot, sample):
    """Explorer's 复制为路径 gives "C:\\x\\y.xlsx" with quotes; nothing happened until the field lost focus."""
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(window.controller, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setFocus()
    wizard.file_page.path.insert(f'"{sample}"')  # as a paste does: one edit, focus stays
    assert wizard.file_page.path.text() == str(sample)
    assert wizard.analysis is not None and wizard.file_page.isComplete()


def test_the_supervision_dialog_names_its_text_field(office, qtbot, monkeypatch):
    """督办 dialog's text field read 具体改革内容 (the task's column) instead of 督办内容."""
    from PySide6.QtWidgets import QFormLayout

    from ui.detail.supervision_tab import SupervisionDialog

    labels = []

    def look(dialog) -> int:  # noqa: ANN001
        form = dialog.findChild(QFormLayout)
        labels.extend(form.labelForField(dialog.content).text() for _ in [0])
        return 0

    monkeypatch.setattr(SupervisionDialog, "exec", look)
    office.view.selectRow(0)
    qtbot.waitUntil(lambda: office.detail.tabs.count() > 0)  # the tabs are built when a task is first shown
    office.detail.tabs.setCurrentWidget(office.detail.supervision)
    qtbot.mouseClick(office.detail.supervision.add, Qt.MouseButton.LeftButton)
    assert labels == ["督办内容"]


def test_supervision_to_do_says_not_reported(office):
    """待办督办's 情况 read "报送进度：…末0%" for quarters nobody reported."""
    office.actions_.escalation.trigger()  # 视图 ▸ 待办督办
    page = office.pages.extra["escalation"]
    deadline = time.monotonic() + 10
    while not page.proposals and time.monotonic() < deadline:
        settle(100)
    facts = [p.facts for p in page.proposals if "报送进度" in p.facts]
    assert facts, [p.facts for p in page.proposals][:3]
    assert not any("末0%" in f for f in facts), facts[:3]
    assert any("未报送" in f for f in facts)


def test_the_preview_zooms(office, qtbot, monkeypatch):
    from PySide6.QtPdfWidgets import QPdfView

    seen = {}

    def act(dialog) -> None:  # noqa: ANN001
        dialog.kind.setCurrentIndex(dialog.kind.findData("bulletin"))
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        before = dialog.zoom.factor()
        qtbot.mouseClick(dialog.zoom.zoom_in, Qt.MouseButton.LeftButton)
        seen["in"] = dialog.view.zoomFactor() / before
        qtbot.mouseClick(dialog.zoom.zoom_out, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.zoom.zoom_out, Qt.MouseButton.LeftButton)
        seen["out"] = dialog.view.zoomFactor() / before
        qtbot.mouseClick(dialog.zoom.fit, Qt.MouseButton.LeftButton)
        seen["fit"] = dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

    in_report_dialog(office, monkeypatch, act)
    assert seen["in"] == pytest.approx(1.25) and seen["out"] == pytest.approx(0.8) and seen["fit"]


def test_help_opens_the_user_guide(window, monkeypatch):
    from ui.manual import ManualDialog

    seen = []
    monkeypatch.setattr(ManualDialog, "exec", lambda dialog: seen.append(dialog.browser.toPlainText()) or 0)
    window.actions_.manual.trigger()  # 帮助 ▸ 使用手册
    assert seen and "使用手册" in seen[0] and "导入任务表" in seen[0]


def test_long_names_are_whole_in_drop_down_lists(office):
    """Narrow boxes (改革领域 in the detail pane) cut long names in their lists too."""
    from PySide6.QtWidgets import QComboBox

    combos = [c for c in office.findChildren(QComboBox) if c.count()]
    assert combos
    for combo in combos:
        longest = max(combo.view().fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.view().minimumWidth() >= longest, combo.objectName() or combo.itemText(0)


def test_reminders_appear_after_the_first_import(window, qtbot, monkeypatch, tmp_path):
    seen = run_wizard(window, qtbot, monkeypatch, plan_2023(tmp_path))
    window.controller.set_as_of(date(2024, 1, 15))  # the 2023 plan's deadlines have passed: supervision is due
    assert not window.reminders.isVisible(), "an empty ledger has nothing to remind of"
    window.actions_.import_.trigger()
    window.controller.wait()
    assert seen["cancel_after"] is False
    # Counted again in the background a moment after the import (the panel waits for a run of edits to end).
    qtbot.waitUntil(window.reminders.isVisible, timeout=15000)
    assert window.reminders.text.text()
