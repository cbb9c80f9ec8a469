"""Every edit made in the window is a QUndoCommand around a ledger_app service call.

The first redo() happens before the command is pushed (so a refused edit never
reaches the stack); later redo()/undo() calls run the service again, each in its
own transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ledger_app.messages.errors import LedgerError


class ServiceCommand(QUndoCommand):
    """Runs ``do``/``undo`` callables; reports failures instead of raising inside Qt."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None],
                 on_error: Callable[[Exception], None], after: Callable[[], None]) -> None:
        super().__init__(text)
        self._do, self._undo, self._on_error, self._after = do, undo, on_error, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by the controller before pushing
            self._first = False
        else:
            self._run(self._do)
        self._after()

    def undo(self) -> None:
        self._run(self._undo)
        self._after()

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except LedgerError as exc:
            # The ledger moved on (e.g. the task was deleted elsewhere): this step
            # can no longer be replayed, so drop it rather than pretend.
            self.setObsolete(True)
            self._on_error(exc)
