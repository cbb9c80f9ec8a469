"""The window's 新建任务 / 删除任务 commands, and the answer to a save another desk got in first.
Strings stay in the MainWindow translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from ledger_app.tasks.rows import Row
    from ui.controller import LedgerController


class TaskActions(QObject):
    """Questions over ``parent``, refusals ``warn``ed. A new task goes where the navigation
    ``picked()`` ((kind, value): a plan or an area, else the first plan); 删除 deletes the
    ``current()`` row of the table."""

    taskCreated = Signal(int)  # show it, ready for its title

    def __init__(self, parent: QWidget, warn: Callable[[str], None], picked: Callable[[], tuple[str, object]],
                 current: Callable[[], Row | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.warn = warn
        self.picked = picked
        self.current = current
        self.controller: LedgerController | None = None
        self.conflict_box: QMessageBox | None = None  # while the conflict question is up (tests answer it)

    def bind(self, controller: LedgerController) -> None:
        self.controller = controller
        controller.conflict.connect(self.offer_reload)

    def new_task(self) -> None:
        """A new task in the plan or area picked in the navigation (else the first plan), then its title."""
        from ledger_app.tasks import overview

        kind, value = self.picked()
        engine = self.controller.engine
        plans = overview.plans(engine)
        if not plans:
            self.warn(QCoreApplication.translate("MainWindow",
                                                 "Import a task table first: a new task belongs to a plan."))
            return
        plan_id = value if kind == "plan" else plans[0].id
        area_id = value if kind == "area" else None
        if area_id is not None:
            plan_id = next(a.parent_id for a in overview.areas(engine) if a.id == area_id)
        title = QCoreApplication.translate("MainWindow", "New task")
        self.controller.create_task(plan_id, {"title": title}, area_id=area_id, on_done=self.taskCreated.emit,
                                    owner=self)

    def delete_task(self) -> None:
        """Delete the current task after asking (undoable with Ctrl+Z)."""
        row = self.current()
        if row is None:
            return
        question = QCoreApplication.translate(
            "MainWindow",
            "Delete task %1 “%2” with its progress reports and supervision records?\n"
            "You can undo this with Ctrl+Z.")
        answer = QMessageBox.question(self.parent_widget, QCoreApplication.translate("MainWindow", "Delete task"),
                                      question.replace("%1", row.code).replace("%2", row.title))
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_task(row.id)

    def offer_reload(self, _task_id: int, message: str) -> None:
        """Another desk saved the task first: say who changed what and offer to reload."""
        box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("MainWindow", "Changed by someone else"),
                          message, QMessageBox.StandardButton.Cancel, self.parent_widget)
        reload = box.addButton(QCoreApplication.translate("MainWindow", "Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(reload)
        box.button(QMessageBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("MainWindow", "Keep what I see"))
        self.conflict_box = box
        box.exec()
        self.conflict_box = None
        if box.clickedButton() is reload:
            self.controller.ledger_replaced()
