"""The one place where the window changes the ledger: service calls wrapped as undoable
commands on one QUndoStack, with signals telling every view what changed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ledger_app import lifecycle, progress, records, settings, tasks
from ledger_app.ledger import Ledger
from ledger_app.lights import Thresholds
from ledger_app.progress import ProgressInput
from ledger_app.records import SupervisionInput
from ledger_app.tasks import StaleEditError
from ui.commands import ServiceCommand


class LedgerController(QObject):
    """Owns the ledger connection and the undo stack for one window."""

    tasksChanged = Signal(object)  # set[int] of changed task ids, or None when anything may have changed
    recordsChanged = Signal(int)  # progress / supervision / change log of one task changed
    asOfChanged = Signal(object)  # date
    settingsChanged = Signal()
    error = Signal(str)  # a replayed undo/redo step failed; the message is for the user
    # (task id, message): a save was refused because another desk changed the task first;
    # the window offers to reload
    conflict = Signal(int, str)

    def __init__(self, ledger: Ledger, parent: QObject | None = None, *, operator: str = "") -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.operator = operator or ledger.user
        self.undo_stack = QUndoStack(self)
        self._as_of: date | None = None
        self._thresholds = settings.thresholds(ledger.engine)
        # task id → the version this window's own last save left; undo/redo expect it
        self._versions: dict[int, int] = {}

    # ----- context -------------------------------------------------------
    @property
    def engine(self):  # noqa: ANN201 - SQLAlchemy Engine
        return self.ledger.engine

    @property
    def as_of(self) -> date:
        """"Today" for lights: fixed by the user, else the real date."""
        return self._as_of or date.today()

    @property
    def as_of_fixed(self) -> bool:
        return self._as_of is not None

    def set_as_of(self, value: date | None) -> None:
        self._as_of = value
        self.asOfChanged.emit(self.as_of)

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    def reload_settings(self) -> None:
        self._thresholds = settings.thresholds(self.engine)
        self.settingsChanged.emit()
        self.tasksChanged.emit(None)

    # ----- undoable edits --------------------------------------------------
    def _push(self, text: str, do, undo, task_ids: set[int] | None, record_task: int | None = None) -> None:  # noqa: ANN001
        def after() -> None:
            self.tasksChanged.emit(task_ids)
            if record_task is not None:
                self.recordsChanged.emit(record_task)

        try:
            do()  # raises LedgerError for a refused edit: nothing is pushed
        except StaleEditError as exc:
            self.conflict.emit(exc.task_id, str(exc))
            raise
        self.undo_stack.push(ServiceCommand(text, do, undo, self._replay_failed, after))

    def _replay_failed(self, exc: Exception) -> None:
        if isinstance(exc, StaleEditError):
            self.conflict.emit(exc.task_id, str(exc))
        else:
            self.error.emit(str(exc))

    def _seen(self, task_id: int) -> None:
        """After a save that moves the task's version on (a progress report), remember it,
        so undo and redo are based on this window's own last save."""
        self._versions[task_id] = lifecycle.get_fields(self.engine, task_id, ["version"])["version"]

    def edit_task(self, task_id: int, changes: dict[str, object], text: str = "",
                  expected_version: int | None = None) -> None:
        """Change fields of a task (undoable). ``expected_version`` is the version the editor
        showed: if another desk has saved the task since, the change is refused with
        StaleEditError (and ``conflict`` is emitted). Raises LedgerError if the change is refused."""
        keys = list(changes)
        if "deadline" in keys:
            keys.append("deadline_text")
        old = lifecycle.get_fields(self.engine, task_id, [*keys, "version"])
        current = old.pop("version")
        if all(old.get(k) == v for k, v in changes.items()):
            return
        first = {"expected": current if expected_version is None else expected_version}

        # Undo and redo are saves too, based on the last version this window saved or saw of
        # the task: a save from another desk in between makes them refuse rather than revert it.
        def do() -> None:
            expected = first.pop("expected") if first else self._versions.get(task_id)
            _, self._versions[task_id] = tasks.edit_task(self.engine, task_id, changes, user=self.operator,
                                                         expected_version=expected)

        def undo() -> None:
            _, self._versions[task_id] = tasks.edit_task(self.engine, task_id, old, user=self.operator,
                                                         source="撤销", expected_version=self._versions.get(task_id))

        self._push(text or self.tr("Edit task"), do, undo, {task_id}, task_id)

    def create_task(self, plan_id: int, fields: dict[str, object], area_id: int | None = None) -> int:
        created: list[int] = []
        snapshot: list[lifecycle.TaskSnapshot] = []

        def do() -> None:
            if snapshot:
                created[:] = [lifecycle.restore_task(self.engine, snapshot.pop(), user=self.operator)]
            else:
                created[:] = [lifecycle.create_task(self.engine, plan_id, fields, user=self.operator,
                                                    area_id=area_id)]

        def undo() -> None:
            snapshot[:] = [lifecycle.delete_task(self.engine, created[0], user=self.operator)]

        self._push(self.tr("New task"), do, undo, None)
        return created[0]

    def delete_task(self, task_id: int) -> None:
        snapshot: list[lifecycle.TaskSnapshot] = []

        def do() -> None:
            snapshot[:] = [lifecycle.delete_task(self.engine, task_id, user=self.operator)]

        def undo() -> None:
            lifecycle.restore_task(self.engine, snapshot[0], user=self.operator)

        self._push(self.tr("Delete task"), do, undo, None)

    def save_progress(self, task_id: int, report: ProgressInput, expected_version: int | None = None) -> None:
        """Record one quarter's progress (undo restores the previous report and the task's percent/status).
        ``expected_version`` as for edit_task: refused if another desk changed the task since."""
        before_task = lifecycle.get_fields(self.engine, task_id, ["percent", "status"])
        previous = records.get_progress(self.engine, task_id, report.year, report.quarter)
        first = {"expected": expected_version}

        def do() -> None:
            expected = first.pop("expected") if first else self._versions.get(task_id)
            progress.record_progress(self.engine, task_id, report, user=self.operator, expected_version=expected)
            self._seen(task_id)

        earlier = None if previous is None else ProgressInput(
            previous.year, previous.quarter, previous.percent, previous.done, previous.problems,
            previous.next_steps, previous.reporter, previous.report_date)

        def undo() -> None:
            progress.undo_progress(self.engine, task_id, report.year, report.quarter, earlier, before_task,
                                user=self.operator, expected_version=self._versions.get(task_id))
            self._seen(task_id)

        self._push(self.tr("Quarterly progress"), do, undo, {task_id}, task_id)

    def add_supervision(self, task_id: int, action: SupervisionInput) -> None:
        ids: list[int] = []

        def do() -> None:
            ids[:] = [records.add_supervision(self.engine, task_id, action, user=self.operator)]

        def undo() -> None:
            records.delete_supervision(self.engine, ids[0], user=self.operator)

        self._push(self.tr("Add supervision record"), do, undo, {task_id}, task_id)

    def update_supervision(self, task_id: int, action_id: int, action: SupervisionInput) -> None:
        old = next(a for a in records.list_supervision(self.engine, task_id) if a.id == action_id)
        before = SupervisionInput(old.kind, old.action_date, old.content, old.rectify_deadline, old.result,
                                  old.closed, old.doc_no)

        def do() -> None:
            records.update_supervision(self.engine, action_id, action, user=self.operator)

        def undo() -> None:
            records.update_supervision(self.engine, action_id, before, user=self.operator)

        self._push(self.tr("Edit supervision record"), do, undo, {task_id}, task_id)

    def delete_supervision(self, task_id: int, action_id: int) -> None:
        ids = [action_id]
        kept: list[SupervisionInput] = []

        def do() -> None:
            result = records.delete_supervision(self.engine, ids[0], user=self.operator)
            kept[:] = [result] if result else []

        def undo() -> None:
            if kept:
                ids[:] = [records.add_supervision(self.engine, task_id, kept[0], user=self.operator)]

        self._push(self.tr("Delete supervision record"), do, undo, {task_id}, task_id)

    def ledger_replaced(self) -> None:
        """After an import (not undoable): every view reloads."""
        self.tasksChanged.emit(None)
