"""How the window changes its ledger: operations (ledger_app.operations) run one at a time on a
worker thread, their ``Undo`` pushed on the window's QUndoStack, and what they changed announced
once (``changed``) so every view refreshes from the answer instead of asking the database again.
Every change the window makes to the open ledger goes through here; what does not is handling a
whole ledger while nothing else holds it — opening one, switching to the demo ledger, restoring a
backup (docs/architecture.md, "Threads").

Refusals are handled here, the same way for every operation: another desk's newer save
(StaleEditError) → ``conflict``; a rule the ledger enforces (LedgerError) → ``refused``; anything
unexpected → logged with its traceback, then the crash dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ledger_app.messages.errors import LedgerError
from ledger_app.operations import OpChanges, OpResult, StaleEditError, Undo

log = logging.getLogger(__name__)
Work = Callable[[Callable[[int, int], None]], OpResult]
Refresh = Callable[[OpChanges], object]


class _Signals(QObject):
    done = Signal(object, object)  # result or exception, what the refresh read
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Work, refresh: Refresh | None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work, self._refresh = work, refresh

    def run(self) -> None:
        extra: object = None
        try:
            result: object = self._work(lambda done, total: self.signals.progress.emit(done, total))
            if self._refresh is not None and not result.changes.empty:  # type: ignore[union-attr]
                # Still on the worker: what the views show of the changed tasks, read right after the write.
                extra = self._refresh(result.changes)  # type: ignore[union-attr]
        except Exception as exc:  # reported on the GUI thread
            result = exc
        try:
            self.signals.done.emit(result, extra)
        except RuntimeError:
            pass  # the application is shutting down


class _Command(QUndoCommand):
    """An operation already done; undo/redo run its inverse (an ``Undo``) through the runner."""

    def __init__(self, runner: OperationRunner, text: str, inverse: Undo) -> None:
        super().__init__(text)
        self._runner, self._inverse = runner, inverse
        self._first = True

    def redo(self) -> None:
        if self._first:  # done before it was pushed
            self._first = False
            return
        self._replay()

    def undo(self) -> None:
        self._replay()

    def _replay(self) -> None:
        def done(result: OpResult) -> None:
            if result.undo is None:
                self.setObsolete(True)
            else:
                self._inverse = result.undo

        def failed(exc: Exception) -> bool:
            # The ledger moved on (another desk's save, a deleted task): this step can no
            # longer be replayed, so drop it rather than pretend.
            self.setObsolete(True)
            return False  # and report it the usual way

        inverse, replay = self._inverse, self._runner.replay
        self._runner.run(self.text(), lambda _progress: replay(inverse), undoable=False, on_done=done, on_error=failed)


class OperationRunner(QObject):
    changed = Signal(object, object)  # OpChanges, what the refresh read for them (or None)
    conflict = Signal(int, str)  # task id, message: another desk saved first; the window offers a reload
    refused = Signal(str)  # a message for the clerk

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.refresh: Refresh | None = None  # set by the window: reads what views show of changed tasks
        # How an undo or redo runs, on the worker: as it is, unless the window bases it on its own
        # later saves (ui/controller.py).
        self.replay: Callable[[Undo], OpResult] = Undo.__call__
        # One at a time, in order: two edits of one task never race each other.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()
        self._spent: list[_Job] = []  # reported; the pool holds them until _delete_spent (ui/background.py)

    def run(self, text: str, work: Work, *, undoable: bool = True, on_done: Callable[[OpResult], None] | None = None,
            on_error: Callable[[Exception], bool] | None = None,
            on_progress: Callable[[int, int], None] | None = None, owner: QObject | None = None) -> None:
        """Run ``work(progress)`` on the worker. ``on_error`` may handle a failure (return True)
        before the runner reports it. ``owner``: the widget the callbacks belong to; if it is gone
        by the time the operation finishes, they are skipped (the operation's effect still counts)."""
        job = _Job(work, self.refresh)
        self._jobs.add(job)

        def finished(result: object, extra: object) -> None:
            self._jobs.discard(job)
            if not shiboken6.isValid(self):
                return
            self._delete_spent()
            present = owner is None or shiboken6.isValid(owner)
            if isinstance(result, Exception):
                if not present or on_error is None or not on_error(result):
                    self.report(result)
                return
            assert isinstance(result, OpResult)
            if undoable and result.undo is not None:
                self.undo_stack.push(_Command(self, text, result.undo))
            if not result.changes.empty:
                self.changed.emit(result.changes, extra)
            if on_done is not None and present:
                on_done(result)

        job.signals.done.connect(finished, Qt.ConnectionType.QueuedConnection)
        if on_progress is not None:
            job.signals.progress.connect(
                lambda done, total: (owner is None or shiboken6.isValid(owner)) and on_progress(done, total),
                Qt.ConnectionType.QueuedConnection)
        self._pool.start(job)

    def _delete_spent(self) -> None:
        """The pool holds every job it ran (as its child, to PySide): deleted here, on the GUI thread, once
        no worker is inside a job's run(), or each would keep its signals' QObject for as long as the window."""
        if self._pool.activeThreadCount() == 0:
            while self._spent:
                shiboken6.delete(self._spent.pop())

    def report(self, exc: Exception) -> None:
        if isinstance(exc, StaleEditError):
            self.conflict.emit(exc.task_id, str(exc))
        elif isinstance(exc, LedgerError):
            self.refused.emit(str(exc))
        else:
            from ui.crash import report_exception

            report_exception(exc)

    @property
    def running(self) -> bool:
        return bool(self._jobs)

    def wait(self) -> None:
        """Block until every operation has finished and been announced (tests, closing)."""
        for _ in range(10_000):
            self._pool.waitForDone()
            self._delete_spent()
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            if not self._jobs:
                return
