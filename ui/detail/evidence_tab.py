"""佐证材料 and 办结销号 of the task: where its claim stands (待销号 since…, 退回 with the reason, 销号
on…), the buttons to claim it finished, close it or return it, and its evidence files with a
thumbnail for pictures. A file opens as a read-only copy in the program the system has for its type
(never run: only the copy's address is handed over). Nothing here reads a file's bytes but the one
being opened; the list shows names, types, sizes and the stored thumbnails."""

from __future__ import annotations

import html
from datetime import date

import shiboken6
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ledger_app.dates.business import ClosedQuarterError
from ledger_app.evidence.register import CLOSED, RETURNED, ClaimView, claims_of, list_files, thumbnail
from ledger_app.messages.errors import LedgerError
from ledger_app.tasks.fields import get_fields
from ui import background
from ui.claim_dialogs import ClaimDialog, DecisionDialog, pick_files
from ui.closure_commands import ClosureCommands
from ui.controller import LedgerController
from ui.crash import report_exception

ID_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_ROLE = Qt.ItemDataRole.UserRole + 2  # the item shows the picture's own thumbnail
THUMB = 48


class EvidenceTab(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.commands = ClosureCommands(controller)
        self.task_id: int | None = None
        self.claim: ClaimView | None = None  # the task's latest claim
        self.state = QLabel(wordWrap=True)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.files = QListWidget()
        self.files.setIconSize(QSize(THUMB, THUMB))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setWordWrap(True)
        self.claim_button = QPushButton(self.tr("Claim finished…"))
        self.close_button = QPushButton(self.tr("Close (销号)…"))
        self.return_button = QPushButton(self.tr("Return (退回)…"))
        self.add_button = QPushButton(self.tr("Add evidence…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        buttons = QGridLayout()
        for i, button in enumerate((self.claim_button, self.close_button, self.return_button, self.add_button,
                                    self.open_button, self.remove_button)):
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        self.claim_button.clicked.connect(lambda: self.claim_finished())
        self.close_button.clicked.connect(lambda: self.decide(True))
        self.return_button.clicked.connect(lambda: self.decide(False))
        self.add_button.clicked.connect(lambda: self.add_evidence())
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.files.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.files.itemSelectionChanged.connect(self._buttons)
        # Tests replace how a dialog is run and how a file is handed to the system.
        self.run_dialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.open_url = QDesktopServices.openUrl
        self.dialog: ClaimDialog | None = None  # the claim dialog while it is open

    # ----- showing ------------------------------------------------------------
    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.setEnabled(task_id is not None)
        self.files.clear()
        self.claim = None
        if task_id is None:
            self.state.clear()
            return
        engine = self.controller.engine
        found = claims_of(engine, task_id)
        self.claim = found[-1] if found else None
        self.state.setText(self._state_text())
        for view in list_files(engine, task_id):
            pages = self.tr("%1 pages").replace("%1", str(view.pages)) if view.pages else view.size_label
            item = QListWidgetItem(f"{view.name}\n{view.kind_label} · {pages} · {view.added_by} "
                                   f"{view.added_at.astimezone():%Y-%m-%d}")
            item.setData(ID_ROLE, view.id)
            item.setToolTip(f"SHA-256 {view.sha256}")
            picture = QPixmap()
            if view.image and (data := thumbnail(engine, view.blob_id)) and picture.loadFromData(data, "PNG"):
                item.setIcon(QIcon(picture))
                item.setData(THUMB_ROLE, True)
            else:  # a document: the system's file icon, so the names line up
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            self.files.addItem(item)
        self._buttons()

    def _state_text(self) -> str:
        claim = self.claim
        if claim is None:
            return self.tr("Not claimed finished yet.")
        said = html.escape(claim.summary)
        if claim.outcome == CLOSED:
            return (self.tr("<b>Closed (销号)</b> on %1 by %2: %3").replace("%1", claim.decided_on.isoformat())
                    .replace("%2", html.escape(claim.decided_by)).replace("%3", html.escape(claim.opinion or said)))
        if claim.outcome == RETURNED:
            missing = html.escape(claim.missing) or "—"
            return (self.tr("<b style='color:#d93025'>Returned (退回)</b> on %1: %2 · missing: %3")
                    .replace("%1", claim.decided_on.isoformat()).replace("%2", html.escape(claim.opinion))
                    .replace("%3", missing))
        return (self.tr("<b style='color:#1a73e8'>Awaiting closure (待销号)</b> since %1 (%2): %3")
                .replace("%1", claim.claimed_on.isoformat()).replace("%2", html.escape(claim.unit or "—"))
                .replace("%3", said))

    def _buttons(self) -> None:
        waiting = self.claim is not None and self.claim.waiting
        self.claim_button.setEnabled(self.task_id is not None and not waiting and
                                     (self.claim is None or self.claim.outcome != CLOSED))
        self.close_button.setEnabled(waiting)
        self.return_button.setEnabled(waiting)
        chosen = bool(self.files.selectedItems())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # ----- acting ---------------------------------------------------------------
    def _refused(self, exc: Exception) -> bool:
        if isinstance(exc, ClosedQuarterError):
            return False  # the window offers to enter it as a 更正
        if isinstance(exc, LedgerError):
            QMessageBox.warning(self, self.tr("Evidence"), str(exc))
            return True
        return False

    def claim_finished(self) -> None:
        if self.task_id is None:
            return
        leads = get_fields(self.controller.engine, self.task_id, ["lead_depts"])["lead_depts"]
        dialog = ClaimDialog(min(self.controller.effective_on, date.today()), leads, self)
        task_id = self.task_id

        def submitted() -> None:
            def refused(exc: Exception) -> bool:
                if isinstance(exc, LedgerError) and not isinstance(exc, ClosedQuarterError):
                    dialog.refused(str(exc))
                    return True
                dialog.reject()  # a closed quarter: the window asks for the 更正's reason and saves it
                return False

            self.commands.claim(task_id, dialog.value(), dialog.paths(), on_done=lambda _result: dialog.saved(),
                                on_error=refused, on_progress=dialog.busy, owner=dialog)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal, and the tab goes on: progress shows while the files are stored

    def decide(self, closed: bool) -> None:
        claim = self.claim
        if self.task_id is None or claim is None or not claim.waiting:
            return
        day = max(claim.claimed_on, min(self.controller.effective_on, date.today()))
        dialog = DecisionDialog(closed, day, f"{claim.claimed_on.isoformat()}　{claim.summary}", self)
        if not self.run_dialog(dialog):
            return
        when, opinion, missing = dialog.values()
        self.commands.decide(self.task_id, claim.id, closed, when, opinion, missing, on_error=self._refused,
                             owner=self)

    def add_evidence(self) -> None:
        if self.task_id is None:
            return
        paths = pick_files(self, self.tr("Evidence files"))
        if paths:
            self.commands.attach(self.task_id, paths, on_error=self._refused, owner=self)

    def selected_ids(self) -> list[int]:
        return [int(item.data(ID_ROLE)) for item in self.files.selectedItems()]

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if self.task_id is None or not ids:
            return
        answer = QMessageBox.question(self, self.tr("Remove evidence"),
                                      self.tr("Remove the selected evidence? It stays in the record, and Ctrl+Z "
                                              "puts it back."))
        if answer == QMessageBox.StandardButton.Yes:
            self.commands.remove(self.task_id, ids, on_error=self._refused, owner=self)

    def open_selected(self) -> None:
        """Each chosen file, copied read-only from the ledger (in the background: a scan may be large)
        and handed to the system's viewer by its address."""
        from ledger_app.evidence.copies import viewing_copy

        engine = self.controller.engine

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            if isinstance(result, LedgerError):
                QMessageBox.warning(self, self.tr("Evidence"), str(result))
            elif isinstance(result, Exception):
                report_exception(result)
            else:
                self.open_url(QUrl.fromLocalFile(str(result)))

        for file_id in self.selected_ids():
            background.submit(lambda _progress, file_id=file_id: viewing_copy(engine, file_id), done)
