"""The report dialog's jobs: a preview typeset or a document issued off the GUI thread behind a
cancellable progress dialog, one at a time, each reporting back through a callback; and, before a
numbered document, the office's name asked for once and saved on the window's runner (split from
ui/report_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QProgressDialog

from ledger_app.documents.options import NUMBERED
from ledger_app.documents.page import Cancelled
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import OpChanges, OpResult, set_setting
from ledger_app.store import settings
from ui import background
from ui.controller import LedgerController
from ui.crash import report_exception

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]
translate = QCoreApplication.translate


class ReportJobs(QObject):
    """One job at a time for ``dialog``; ``status`` says how the last one ended. Its words are the
    dialog's (translated in the ReportDialog context, where they have always been)."""

    def __init__(self, dialog: QDialog, controller: LedgerController, status: QLabel) -> None:
        super().__init__(dialog)
        self.dialog, self.controller, self.status = dialog, controller, status
        self._cancel = False
        self._progress: QProgressDialog | None = None  # while a job runs
        self._naming = False  # while the office name asked for is saved

    def with_office_name(self, kind: str, then: Callable[[], None]) -> None:
        """Documents are signed by the office: ask for its name once rather than invent one, save
        it on the window's runner, and go on with ``then`` once it is saved."""
        if kind not in NUMBERED or settings.get_all(self.controller.engine)["org.name"].strip():
            then()
            return
        name, ok = QInputDialog.getText(self.dialog, translate("ReportDialog", "Office name"), translate(
            "ReportDialog",
            "Documents are signed with the office's full name (落款), e.g. 常州经开区改革创新工作领导小组办公室.\n"
            "It is kept in the ledger's settings for every desk."))
        if not ok or not name.strip():
            self.status.setText(translate("ReportDialog", "No office name: nothing was generated."))
            return

        def saved(_keys: object) -> None:
            self._naming = False
            then()

        def refused(exc: Exception) -> bool:
            self._naming = False
            if isinstance(exc, LedgerError):
                QMessageBox.warning(self.dialog, self.dialog.windowTitle(), str(exc))
                return True
            return False

        engine, self._naming = self.controller.engine, True
        self.controller.run_final(translate("ReportDialog", "Settings"),
                                  lambda _progress: set_setting(engine, "org.name", name),
                                  on_done=saved, on_error=refused, owner=self.dialog)

    @property
    def idle(self) -> bool:
        """No preview or issue under way, nor the office name being saved."""
        return self._progress is None and not self._naming

    def start(self, work: Work, then: Callable[[object], None], *, issues: bool = False) -> None:
        """Run ``work(progress, cancelled)`` off the GUI thread behind a cancellable progress dialog,
        then ``then(result)`` — or say why not. Issuing goes through the window's operation runner
        like every other write; a preview only reads."""
        if self._progress is not None:
            return  # one job at a time: the buttons of a busy dialog do nothing
        progress = QProgressDialog(translate("ReportDialog", "Typesetting…"), translate("ReportDialog", "Cancel"), 0, 0,
                                   self.dialog)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        self._progress, self._cancel = progress, False
        progress.canceled.connect(lambda: setattr(self, "_cancel", True))

        def finished(result: object) -> None:
            if not shiboken6.isValid(self.dialog):
                return
            if shiboken6.isValid(progress):
                progress.reset()
            self._progress = None
            if isinstance(result, Cancelled):
                self.status.setText(translate("ReportDialog", "Cancelled: nothing was issued."))
            elif isinstance(result, LedgerError):
                QMessageBox.warning(self.dialog, self.dialog.windowTitle(), str(result))
                self.status.setText(translate("ReportDialog", "Not issued: %1").replace("%1", str(result)))
            elif isinstance(result, Exception):
                report_exception(result)
            else:
                then(result)  # type: ignore[arg-type]

        def failed(exc: Exception) -> bool:
            finished(exc)
            return True  # reported in this dialog

        def report(done: int, total: int) -> None:
            if shiboken6.isValid(progress):
                progress.setMaximum(total)
                progress.setValue(done)

        if issues:
            def operation(tick: Callable[[int, int], None]) -> OpResult:
                result = work(tick, lambda: self._cancel)
                return OpResult(OpChanges(records=result.recorded), value=result)  # type: ignore[attr-defined]

            self.controller.runner.run(translate("ReportDialog", "Issue document"), operation, undoable=False,
                                       on_done=lambda result: finished(result.value), on_error=failed,
                                       on_progress=report, owner=self.dialog)
        else:
            background.submit(lambda tick: work(tick, lambda: self._cancel), finished, report)
