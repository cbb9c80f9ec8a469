"""The window's 新建任务 / 删除任务 commands. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def new_task(window: MainWindow) -> None:
    """A new task in the plan or area picked in the navigation (else the first plan), then its title."""
    from ledger_app.tasks import overview

    kind, value = window.nav_choice
    engine = window.controller.engine
    plans = overview.plans(engine)
    if not plans:
        window.warn(QCoreApplication.translate("MainWindow",
                                                "Import a task table first: a new task belongs to a plan."))
        return
    plan_id = value if kind == "plan" else plans[0].id
    area_id = value if kind == "area" else None
    if area_id is not None:
        plan_id = next(a.parent_id for a in overview.areas(engine) if a.id == area_id)
    title = QCoreApplication.translate("MainWindow", "New task")

    def created(task_id: int) -> None:
        window.refresh_catalog()
        window.show_task(task_id)
        window.detail.focus_title()

    window.controller.create_task(plan_id, {"title": title}, area_id=area_id, on_done=created, owner=window)


def delete_task(window: MainWindow) -> None:
    """Delete the current task after asking (undoable with Ctrl+Z)."""
    task_id = window.current_task_id()
    if task_id is None:
        return
    row = window.model.table.row(window.view.currentIndex().row())
    question = QCoreApplication.translate(
        "MainWindow",
        "Delete task %1 “%2” with its progress reports and supervision records?\n"
        "You can undo this with Ctrl+Z.")
    answer = QMessageBox.question(window, QCoreApplication.translate("MainWindow", "Delete task"),
                                  question.replace("%1", row.code).replace("%2", row.title))
    if answer == QMessageBox.StandardButton.Yes:
        window.controller.delete_task(task_id)


def offer_reload(window: MainWindow, _task_id: int, message: str) -> None:
    """Another desk saved the task first: say who changed what and offer to reload."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MainWindow", "Changed by someone else"),
                      message, QMessageBox.StandardButton.Cancel, window)
    reload = box.addButton(QCoreApplication.translate("MainWindow", "Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(reload)
    box.button(QMessageBox.StandardButton.Cancel).setText(QCoreApplication.translate("MainWindow", "Keep what I see"))
    window.conflict_box = box  # tests answer it
    box.exec()
    window.conflict_box = None
    if box.clickedButton() is reload:
        window.controller.ledger_replaced()
