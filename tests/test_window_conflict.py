"""The window when another desk saved the task first: the edit is refused, the clerk is told
who changed what and offered a reload; undo never silently reverts another desk's save."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.records.history import list_changes, list_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.store.models import OUTCOME_REFUSED
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_main_window import _loaded
from ui.task_model import COL


def _undo_refused(qtbot, window) -> str:  # noqa: ANN001
    """Press undo where it must be refused; the message the window showed."""
    shown: list[str] = []
    _answer_conflict(qtbot, window, shown, reload=False)
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: bool(shown))
    window.controller.wait()
    return shown[0]


@pytest.fixture
def loaded(qtbot, window, sample):
    """The window showing the shared sample ledger."""
    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    return window


def _other_desk(db_url: str, task: int, changes: dict) -> None:
    desk = open_ledger(db_url, user="李四")
    try:
        seen = get_fields(desk.engine, task, ["version"])["version"]
        # Effective on the day the window looks at (the fixture's 2017-10-15), as both desks work on it.
        edit_task(desk.engine, task, changes, user="李四", expected_version=seen, effective_on=date(2017, 10, 15))
    finally:
        desk.close()


def _answer_conflict(qtbot, win, shown: list[str], *, reload: bool, shot=None) -> None:  # noqa: ANN001
    """Answer the conflict box as soon as the window shows it (the save is refused on the
    runner's worker, a moment after the clerk's gesture)."""
    timer = QTimer(win, interval=10)

    def answer() -> None:
        box = getattr(win.task_actions, "conflict_box", None)
        if box is None or not box.isVisible():
            return
        timer.stop()
        shown.append(box.text())
        if shot is not None:
            box.grab().save(str(shot))
        role = QMessageBox.ButtonRole.AcceptRole if reload else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()

    timer.timeout.connect(answer)
    timer.start()


def test_edit_over_another_desks_save_is_refused_and_reload_offered(qtbot, loaded, db_url, output_dir):
    window = loaded
    task = find_task_id(window.controller.engine, "3")
    row = window.model.row_of(task)
    assert window.model.data(window.model.index(row, COL["status"])) == "未启动"

    _other_desk(db_url, task, {"status": "推进中", "percent": 20})  # the window still shows the old version

    shown: list[str] = []
    _answer_conflict(qtbot, window, shown, reload=True, shot=output_dir / "conflict-dialog.png")
    assert window.model.setData(window.model.index(row, COL["percent"]), 50)
    qtbot.waitUntil(lambda: bool(shown))
    window.controller.wait()

    assert len(shown) == 1 and "李四" in shown[0] and "推进中" in shown[0] and "未保存" in shown[0]
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 20  # the other desk's save stands
    assert window.controller.undo_stack.count() == 0  # a refused edit is not undoable
    refused = [c for c in list_changes(window.controller.engine, task) if c.outcome == OUTCOME_REFUSED]
    assert [(c.changed_by, c.field, c.new) for c in refused] == [("测试员", "percent", "50")]

    # Reloaded: the table shows the other desk's values, and the next edit is based on them.
    _loaded(qtbot, window)
    row = window.model.row_of(task)
    assert window.model.data(window.model.index(row, COL["status"])) == "推进中"
    assert window.model.setData(window.model.index(row, COL["percent"]), 50)
    window.controller.wait()
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 50


def test_undo_does_not_revert_another_desks_later_save(qtbot, loaded, db_url):
    window = loaded
    task = find_task_id(window.controller.engine, "4")
    row = window.model.row_of(task)
    assert window.model.setData(window.model.index(row, COL["percent"]), 30)
    window.controller.wait()
    _other_desk(db_url, task, {"percent": 70})

    assert "李四" in _undo_refused(qtbot, window)
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 70


def test_undo_and_redo_of_own_edits_still_work(qtbot, loaded):
    window = loaded
    task = find_task_id(window.controller.engine, "6")
    row = window.model.row_of(task)
    assert window.model.setData(window.model.index(row, COL["percent"]), 30)
    _loaded(qtbot, window)
    assert window.model.setData(window.model.index(row, COL["percent"]), 40)
    stack, wait = window.controller.undo_stack, window.controller.wait
    wait()
    stack.undo()
    stack.undo()
    wait()
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 0
    stack.redo()
    stack.redo()
    wait()
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 40


def test_progress_saved_over_another_desks_change_is_refused(qtbot, loaded, db_url):
    window = loaded
    task = find_task_id(window.controller.engine, "8")
    window.show_task(task)
    qtbot.waitUntil(lambda: window.detail.task_id == task)
    tab = window.detail.progress
    window.detail.tabs.setCurrentWidget(tab)  # the clerk opens the 季度进展 tab
    _other_desk(db_url, task, {"percent": 45})  # after the tab read the task

    shown: list[str] = []
    _answer_conflict(qtbot, window, shown, reload=True)
    tab.quarter.setCurrentIndex(2)
    tab.percent.setValue(60)
    tab.done.setPlainText("完成系统对接")
    tab.save.click()
    qtbot.waitUntil(lambda: bool(shown))
    window.controller.wait()
    assert shown and "李四" in shown[0]
    assert list_progress(window.controller.engine, task) == []
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 45
    assert window.controller.undo_stack.count() == 0


def test_undo_of_a_progress_report_does_not_revert_another_desks_later_save(qtbot, loaded, db_url):
    window = loaded
    task = find_task_id(window.controller.engine, "9")
    window.controller.save_progress(task, ProgressInput(2017, 3, 60, "完成系统对接"))
    window.controller.wait()
    _other_desk(db_url, task, {"percent": 75})

    assert "李四" in _undo_refused(qtbot, window)
    assert [r.done for r in list_progress(window.controller.engine, task)] == ["完成系统对接"]
    assert get_fields(window.controller.engine, task, ["percent"])["percent"] == 75


def test_undo_and_redo_of_a_progress_report(qtbot, loaded):
    window = loaded
    task = find_task_id(window.controller.engine, "10")
    window.controller.save_progress(task, ProgressInput(2017, 3, 60, "完成系统对接"))
    window.controller.save_progress(task, ProgressInput(2017, 3, 60, "完成系统对接和试运行"))
    stack, wait = window.controller.undo_stack, window.controller.wait
    wait()
    stack.undo()
    wait()
    assert [r.done for r in list_progress(window.controller.engine, task)] == ["完成系统对接"]
    stack.undo()
    wait()
    assert list_progress(window.controller.engine, task) == []
    assert get_fields(window.controller.engine, task, ["percent", "status"]) == {"percent": 0, "status": "未启动"}
    stack.redo()
    stack.redo()
    wait()
    assert [r.done for r in list_progress(window.controller.engine, task)] == ["完成系统对接和试运行"]
