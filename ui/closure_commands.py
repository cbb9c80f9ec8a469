"""The window's 办结销号 commands: claim (with progress while the files are checked and hashed),
销号, 退回, add, remove and put back evidence — each an operation of ledger_app.operations.closure run
through the controller's runner like every other edit (undo on the stack, a closed quarter's refusal
offered as a 更正, refusals shown once)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.operations import OpResult
from ledger_app.operations import closure as ops
from ledger_app.operations.closure import ClaimInput
from ui.controller import LedgerController

OnError = Callable[[Exception], bool] | None
OnDone = Callable[[OpResult], None] | None
OnProgress = Callable[[int, int], None] | None


class ClosureCommands(QObject):
    def __init__(self, controller: LedgerController) -> None:
        super().__init__(controller)
        self.controller = controller

    def _run(self, text: str, task_id: int, op: Callable[[int | None, Callable[[int, int], None]], OpResult], *,
             on_done: Callable[[OpResult], None] | None = None, on_error: OnError = None,
             on_progress: Callable[[int, int], None] | None = None, owner: QObject | None = None,
             retry: Callable[[str], None] | None = None) -> None:
        controller = self.controller

        def done(result: OpResult) -> None:
            controller.versions.update(result.versions)
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> bool:
            if on_error is not None and on_error(exc):
                return True
            if retry is not None and isinstance(exc, ClosedQuarterError):
                controller.correctionNeeded.emit(str(exc), retry)
                return True
            return False

        # Based on this window's own latest save of the task, as every edit is (controller._versioned).
        controller.runner.run(text, lambda progress: controller._versioned(
            task_id, None, lambda expected: op(expected, progress)), on_done=done, on_error=failed,
            on_progress=on_progress, owner=owner)

    def claim(self, task_id: int, given: ClaimInput, files: list[Path], *, on_done: OnDone = None,
              on_error: OnError = None, on_progress: OnProgress = None, owner: QObject | None = None,
              reason: str = "") -> None:
        engine, user = self.controller.engine, self.controller.operator
        self._run(self.tr("Claim finished"), task_id, lambda expected, progress: ops.claim_finished(
            engine, task_id, given, list(files), user=user, source="窗口", reason=reason, expected_version=expected,
            progress=progress), on_done=on_done, on_error=on_error, on_progress=on_progress, owner=owner,
            retry=None if reason else lambda why: self.claim(task_id, given, files, on_done=on_done,
                                                              on_error=on_error, on_progress=on_progress,
                                                              owner=owner, reason=why))

    def decide(self, task_id: int, claim_id: int, closed: bool, day: date, opinion: str, missing: str = "", *,
               on_done: OnDone = None, on_error: OnError = None, owner: QObject | None = None,
               reason: str = "") -> None:
        engine, user = self.controller.engine, self.controller.operator

        def op(expected: int | None, _progress: object) -> OpResult:
            if closed:
                return ops.close_claim(engine, task_id, claim_id, day, opinion=opinion, user=user, reason=reason,
                                       expected_version=expected)
            return ops.return_claim(engine, task_id, claim_id, day, opinion=opinion, missing=missing, user=user,
                                    reason=reason, expected_version=expected)

        self._run(self.tr("Close (销号)") if closed else self.tr("Return (退回)"), task_id, op, on_done=on_done,
                  on_error=on_error, owner=owner,
                  retry=None if reason else lambda why: self.decide(task_id, claim_id, closed, day, opinion, missing,
                                                                    on_done=on_done, on_error=on_error, owner=owner,
                                                                    reason=why))

    def attach(self, task_id: int, files: list[Path], *, on_error: OnError = None, on_progress: OnProgress = None,
               owner: QObject | None = None) -> None:
        engine, user = self.controller.engine, self.controller.operator
        self.controller.runner.run(self.tr("Add evidence"), lambda progress: ops.attach_evidence(
            engine, task_id, list(files), user=user, source="窗口", progress=progress), on_error=on_error,
            on_progress=on_progress, owner=owner)

    def remove(self, task_id: int, file_ids: list[int], *, on_error: OnError = None,
               owner: QObject | None = None) -> None:
        engine, user = self.controller.engine, self.controller.operator
        self.controller.run(self.tr("Remove evidence"), lambda: ops.remove_evidence(engine, task_id, file_ids,
                                                                                    user=user),
                            on_error=on_error, owner=owner)
