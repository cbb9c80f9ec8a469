"""Run ledger queries and imports off the GUI thread so typing never freezes the window.

Each job gets its own database connection from the engine's pool; its result (or the
exception it raised) comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ui.crash import report_exception


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)


class Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work

    def run(self) -> None:
        try:
            result: object = self._work(lambda done, total: self.signals.progress.emit(done, total))
        except Exception as exc:  # handed to the GUI thread, which reports it
            result = exc
        try:
            self.signals.done.emit(result)
        except RuntimeError:
            pass  # the application is shutting down and its receivers are gone


_running: set[Job] = set()
# Jobs that reported. The pool holds on to every job it was given (PySide keeps the wrapper as the pool's
# child; with auto-delete off it is never freed on a worker thread): deleted here, on the GUI thread, once
# no worker is inside a job's run(), or every job would keep its signals' QObject in memory for good.
_spent: list[Job] = []


# The task table's own queries (its first page, the whole list, the light counts) run in a pool of
# their own: never queued behind a long job of the shared pool (the day's reminders read the whole
# ledger, many seconds at 100,000 tasks), and each new query stops the ones before it
# (ledger_app.tasks.table.Stop), so a few threads are always enough.
_QUERY_THREADS = 3
_queries: QThreadPool | None = None


def queries() -> QThreadPool:
    """The pool for the task table's queries (see above)."""
    global _queries  # noqa: PLW0603 - one pool per process, made when first wanted
    if _queries is None:
        _queries = QThreadPool()
        _queries.setMaxThreadCount(_QUERY_THREADS)
    return _queries


def _pools() -> list[QThreadPool]:
    return [QThreadPool.globalInstance(), *([_queries] if _queries is not None else [])]


def _delete_spent() -> None:
    if all(pool.activeThreadCount() == 0 for pool in _pools()):
        while _spent:
            shiboken6.delete(_spent.pop())


def submit(work: Callable[[Callable[[int, int], None]], object], on_done: Callable[[object], None],
           on_progress: Callable[[int, int], None] | None = None, pool: QThreadPool | None = None) -> Job:
    """Start ``work(progress)`` in ``pool`` (the shared thread pool unless told); ``on_done(result_or_exception)``
    runs in the GUI thread."""
    job = Job(work)
    _running.add(job)  # keep the Python wrapper (and its signals) alive until it reports

    def finished(result: object) -> None:
        _running.discard(job)
        # What the work and the callbacks reach (engines, models, windows) is let go now, not when the job is.
        job._work = None
        job.signals.done.disconnect()
        if on_progress is not None:
            job.signals.progress.disconnect()
        _spent.append(job)
        _delete_spent()
        on_done(result)

    job.signals.done.connect(finished, Qt.ConnectionType.QueuedConnection)
    if on_progress is not None:
        job.signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


class Latest:
    """The loads of one view, of which only the newest counts: a result that arrives after a newer
    load was started (or :meth:`supersede` was called), or after Qt deleted ``owner``, is dropped;
    a failure is logged with its traceback and shown (crash.report_exception), like every other
    background error."""

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._count = 0

    def supersede(self) -> None:
        """Drop whatever is still on its way (the view was just filled by other means)."""
        self._count += 1

    def submit(self, work: Callable[[], object], on_result: Callable[[object], None]) -> None:
        """Run ``work()`` in the pool; ``on_result(result)`` in the GUI thread if still wanted."""
        self._count += 1
        count = self._count

        def done(result: object) -> None:
            if count != self._count or not shiboken6.isValid(self._owner):
                return
            if isinstance(result, Exception):
                report_exception(result)
                return
            on_result(result)

        submit(lambda _progress: work(), done)


def busy() -> bool:
    """Whether any job is still running or waiting to report."""
    return bool(_running)


def wait_all() -> None:
    for pool in _pools():
        pool.waitForDone()
    _delete_spent()

