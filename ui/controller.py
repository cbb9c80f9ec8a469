"""The window's handle on one ledger: its "today" for lights, its thresholds, and the commands
that change it — each one an operation (ledger_app.operations) handed to the runner, which runs
it off the GUI thread, keeps it undoable and tells every view what changed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ledger_app import operations
from ledger_app.dates.business import ClosedQuarterError
from ledger_app.dates.quarters import report_day
from ledger_app.operations import OpChanges, OpResult, ProgressInput, SupervisionInput, Undo
from ledger_app.store import settings
from ledger_app.store.opening import Ledger
from ledger_app.tasks.lights import Thresholds
from ui.runner import OperationRunner


class LedgerController(QObject):
    """Owns the ledger connection, the undo stack and the operation runner for one window."""

    # What an operation changed (ledger_app.operations.OpChanges) and what the runner read for
    # the changed rows right after (see ``runner.refresh``), once per operation.
    changed = Signal(object, object)
    tasksChanged = Signal(object)  # set[int] of changed task ids, or None when anything may have changed
    asOfChanged = Signal(object)  # date
    effectiveChanged = Signal(object)  # date: the 业务日期 the window's edits take effect on
    # (message, retry): a change effective in a closed quarter was refused; ``retry(reason)``
    # enters it again as a 更正 with the clerk's reason
    correctionNeeded = Signal(str, object)
    settingsChanged = Signal()
    error = Signal(str)  # a refused operation; the message is for the user
    # (task id, message): a save was refused because another desk changed the task first;
    # the window offers to reload
    conflict = Signal(int, str)

    def __init__(self, ledger: Ledger, parent: QObject | None = None, *, operator: str = "") -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.operator = operator or ledger.user
        self.undo_stack = QUndoStack(self)
        self.runner = OperationRunner(self.undo_stack, self)
        self.runner.changed.connect(self._announce)
        self.runner.replay = self._replay
        self.runner.conflict.connect(self.conflict)
        self.runner.refused.connect(self.error)
        self._as_of: date | None = None
        self._effective: date | None = None
        self._thresholds = self._read_thresholds()
        # task id → the version the last operation of this window left it at.
        self.versions: dict[int, int] = {}
        # task id → {version an operation of this window was based on: the version it produced}.
        # An editor that still shows a version this window itself moved on (two fields left in
        # quick succession) is based on this window's newer one; another desk's save breaks the
        # chain and is refused as usual. Written on the worker, hence the lock.
        self._own: dict[int, dict[int, int]] = {}
        self._own_lock = threading.Lock()

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
        self._effective = None  # edits follow the day the window looks at
        self.asOfChanged.emit(self.as_of)
        self.effectiveChanged.emit(self.effective_on)

    @property
    def effective_on(self) -> date:
        """The 业务日期 of the window's edits (生效日期): chosen by the clerk, else the day the
        window looks at — what is edited is what is seen — and never after today."""
        return self._effective or min(self.as_of, date.today())

    @property
    def effective_fixed(self) -> bool:
        return self._effective is not None

    def set_effective_on(self, value: date | None) -> None:
        self._effective = value
        self.effectiveChanged.emit(self.effective_on)

    def report_day(self, year: int, quarter: int) -> date:
        """The 业务日期 of a quarter's report entered here: the quarter's end, or the window's
        day while that quarter runs."""
        return report_day(year, quarter, min(self.as_of, date.today()))

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    def _read_thresholds(self) -> Thresholds:
        """The ledger's warning thresholds; the defaults where a damaged ledger cannot be read
        (the window still opens, read-only, and offers 从备份恢复)."""
        from ledger_app.messages.errors import LedgerError

        try:
            return settings.thresholds(self.ledger.engine)
        except LedgerError:
            return Thresholds()

    def reload_settings(self) -> None:
        self._thresholds = self._read_thresholds()
        self.settingsChanged.emit()
        self.tasksChanged.emit(None)

    # ----- running operations -------------------------------------------------
    def _announce(self, changes: OpChanges, extra: object) -> None:
        self.changed.emit(changes, extra)
        if changes.settings:
            self._thresholds = self._read_thresholds()
            self.settingsChanged.emit()
        self.tasksChanged.emit(None if changes.tasks is None or changes.structure else set(changes.tasks))

    def run(self, text: str, op: Callable[[], OpResult], *, undoable: bool = True,
            on_done: Callable[[OpResult], None] | None = None,
            on_error: Callable[[Exception], bool] | None = None, owner: QObject | None = None,
            retry: Callable[[str], None] | None = None) -> None:
        """Run ``op`` through the runner; ``owner`` is the widget whose callbacks these are.
        ``retry(reason)``: the same change entered as a 更正, offered when a closed quarter refuses it."""
        def done(result: OpResult) -> None:
            self.versions.update(result.versions)
            if on_done is not None and (owner is None or shiboken6.isValid(owner)):
                on_done(result)

        def failed(exc: Exception) -> bool:
            handled = on_error is not None and (owner is None or shiboken6.isValid(owner)) and on_error(exc)
            if not handled and retry is not None and isinstance(exc, ClosedQuarterError):
                self.correctionNeeded.emit(str(exc), retry)
                return True
            return handled

        self.runner.run(text, lambda _progress: op(), undoable=undoable, on_done=done, on_error=failed)

    def wait(self) -> None:
        """Until every operation has finished and been announced (tests, closing the window)."""
        self.runner.wait()

    def _versioned(self, task_id: int, expected: int | None, op: Callable[[int | None], OpResult]) -> OpResult:
        """On the worker: run ``op(expected)`` with ``expected`` moved on past this window's own saves."""
        with self._own_lock:
            chain = self._own.get(task_id, {})
            while expected is not None and expected in chain:
                expected = chain[expected]
        result = op(expected)
        before, produced = result.based_on.get(task_id), result.versions.get(task_id)
        if before is not None and produced is not None and produced != before:
            with self._own_lock:
                self._own.setdefault(task_id, {})[before] = produced
        return result

    def _replay(self, undo: Undo) -> OpResult:
        """On the worker: an undo or redo of a task's edit is based on this window's own latest save
        of the task too — its version moved on like an editor's (``Undo.based_on``)."""
        if undo.task_id is None:
            return undo()
        return self._versioned(undo.task_id, undo.expected_version, lambda expected: undo.based_on(expected)())

    # ----- the window's edits ----------------------------------------------------
    def edit_task(self, task_id: int, changes: dict[str, object], text: str = "",
                  expected_version: int | None = None, *, on_error: Callable[[Exception], bool] | None = None,
                  owner: QObject | None = None, effective_on: date | None = None, reason: str = "") -> None:
        """Change fields of a task (undoable), effective on ``effective_on`` (default: the window's
        生效日期). ``expected_version`` is the version the editor showed: if another desk has saved
        the task since, the change is refused (``conflict``)."""
        engine, user = self.engine, self.operator
        day = effective_on or self.effective_on
        self.run(text or self.tr("Edit task"),
                 lambda: self._versioned(task_id, expected_version, lambda expected: operations.edit_task(
                     engine, task_id, changes, user=user, expected_version=expected, effective_on=day,
                     reason=reason)),
                 on_error=on_error, owner=owner,
                 retry=None if reason else lambda why: self.edit_task(
                     task_id, changes, text, expected_version, on_error=on_error, owner=owner, effective_on=day,
                     reason=why))

    def save_progress(self, task_id: int, report: ProgressInput, expected_version: int | None = None, *,
                      on_error: Callable[[Exception], bool] | None = None, owner: QObject | None = None,
                      reason: str = "") -> None:
        """Record one quarter's progress (undo restores the previous report and the task's percent/status),
        effective on the report's 业务日期 (default: :meth:`report_day`)."""
        engine, user = self.engine, self.operator
        if report.effective_on is None:
            report = replace(report, effective_on=self.report_day(report.year, report.quarter))
        self.run(self.tr("Quarterly progress"),
                 lambda: self._versioned(task_id, expected_version, lambda expected: operations.record_progress(
                     engine, task_id, report, user=user, expected_version=expected, reason=reason)),
                 on_error=on_error, owner=owner,
                 retry=None if reason else lambda why: self.save_progress(
                     task_id, report, expected_version, on_error=on_error, owner=owner, reason=why))

    def create_task(self, plan_id: int, fields: dict[str, object], area_id: int | None = None,
                    on_done: Callable[[int], None] | None = None, owner: QObject | None = None) -> None:
        engine, user = self.engine, self.operator
        self.run(self.tr("New task"), lambda: operations.create_task(engine, plan_id, fields, user=user,
                                                                      area_id=area_id),
                 on_done=None if on_done is None else lambda result: on_done(result.value), owner=owner)

    def delete_task(self, task_id: int) -> None:
        engine, user = self.engine, self.operator
        self.run(self.tr("Delete task"), lambda: operations.delete_task(engine, task_id, user=user))

    def add_supervision(self, task_id: int, action: SupervisionInput, *,
                        on_error: Callable[[Exception], bool] | None = None,
                        owner: QObject | None = None, reason: str = "") -> None:
        engine, user = self.engine, self.operator
        self.run(self.tr("Add supervision record"),
                 lambda: operations.add_supervision(engine, task_id, action, user=user, reason=reason),
                 on_error=on_error, owner=owner,
                 retry=None if reason else lambda why: self.add_supervision(task_id, action, on_error=on_error,
                                                                            owner=owner, reason=why))

    def update_supervision(self, task_id: int, action_id: int, action: SupervisionInput, *,
                           on_error: Callable[[Exception], bool] | None = None,
                           owner: QObject | None = None, reason: str = "") -> None:
        engine, user = self.engine, self.operator
        self.run(self.tr("Edit supervision record"),
                 lambda: operations.update_supervision(engine, task_id, action_id, action, user=user, reason=reason),
                 on_error=on_error, owner=owner,
                 retry=None if reason else lambda why: self.update_supervision(
                     task_id, action_id, action, on_error=on_error, owner=owner, reason=why))

    def delete_supervision(self, task_id: int, action_id: int, *,
                           on_error: Callable[[Exception], bool] | None = None,
                           owner: QObject | None = None, reason: str = "") -> None:
        engine, user = self.engine, self.operator
        self.run(self.tr("Delete supervision record"),
                 lambda: operations.delete_supervision(engine, task_id, action_id, user=user, reason=reason),
                 on_error=on_error, owner=owner,
                 retry=None if reason else lambda why: self.delete_supervision(
                     task_id, action_id, on_error=on_error, owner=owner, reason=why))

    def run_final(self, text: str, work: Callable[[Callable[[int, int], None]], OpResult], *,
                  on_done: Callable[[object], None] | None = None,
                  on_error: Callable[[Exception], bool] | None = None,
                  on_progress: Callable[[int, int], None] | None = None, owner: QObject | None = None) -> None:
        """An operation that is not undoable here (import, merge, settings, quarter close, carry-over,
        backup): ``work(progress)`` runs on the runner like the others and answers its OpResult
        (most say every view reloads); ``on_done`` gets the result's value."""
        self.runner.run(text, work, undoable=False,
                        on_done=None if on_done is None else lambda result: on_done(result.value),
                        on_error=on_error, on_progress=on_progress, owner=owner)

    def ledger_replaced(self) -> None:
        """Every view reloads (the ledger was changed outside this window's operations)."""
        self._announce(OpChanges.everything(), None)
