"""今日提醒: a banner over the ledger on opening — the supervision steps proposed, fill-in forms not
yet returned, 整改 deadlines this week — loaded after the window is up, closed with ×, and worked
out again whenever an operation changes what it counts (an import, a merge, a 督办 recorded, an
escalation accepted, forms issued) or the window looks at another day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from ui import background

if TYPE_CHECKING:
    from ledger_app.operations import OpChanges
    from ledger_app.supervision.reminders import Reminders
    from ui.controller import LedgerController


AFTER_CHANGES_MS = 800


def counts_change(changes: OpChanges) -> bool:
    """Whether ``changes`` may change what 今日提醒 counts: proposals follow the tasks' fields and
    their 督办 records, and the rules in the settings; the forms out follow forms issued and merged.
    An indicator's value counts for none of it."""
    return changes.tasks != frozenset() or bool(changes.records) or changes.structure or changes.settings \
        or changes.forms


class ReminderPanel(QFrame):
    openRequested = Signal()  # 查看待办督办

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reminders")
        self.setStyleSheet("#reminders { background: #fef7e0; border: 1px solid #f9d36b; border-radius: 3px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Supervision to do"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Hide today's reminders"))
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        self.open_button.clicked.connect(lambda: self.openRequested.emit())
        self.close_button.clicked.connect(self.dismiss)
        self.dismissed = False
        self._loads = background.Latest(self)  # a newer load supersedes one still on its way
        self._controller: LedgerController | None = None
        # Edits in quick succession (a clerk tabbing through fields) are counted again once, after
        # the last: the proposals read the whole ledger as of the day.
        self._again = QTimer(self, singleShot=True, interval=AFTER_CHANGES_MS)
        self._again.timeout.connect(self.reload)
        self.hide()

    def load(self, controller: LedgerController | None) -> None:
        """Work out today's reminders on ``controller``'s ledger in the background and show them
        (once the window is painted); from then on again after each operation that changes them."""
        if controller is None:
            return
        if controller is not self._controller:
            self._controller = controller
            # Bound methods of this widget: Qt drops the connections when it is deleted.
            controller.changed.connect(self._changed)
            controller.asOfChanged.connect(self._day_changed)
        self.reload()

    def _changed(self, changes: OpChanges, _extra: object) -> None:
        if counts_change(changes) and not self.dismissed:
            self._again.start()

    def _day_changed(self, _day: object) -> None:
        self.reload()

    def reload(self) -> None:
        controller = self._controller
        if controller is None or self.dismissed or not self.window().isVisible():
            return
        engine, as_of = controller.engine, controller.as_of

        def work() -> Reminders | None:
            from ledger_app.supervision.reminders import today_for_window
            from ledger_app.system.elsewhere import Stopped

            try:
                return today_for_window(engine, as_of)
            except Stopped:  # the window closed or moved to another ledger meanwhile: nobody waits
                return None

        self._loads.submit(work, self.show_reminders)  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the reminders being worked out in a process of their own (a large ledger's), at once: the
        window closes, restores a backup or moves to another ledger. Their answer is never shown."""
        from ledger_app.system import elsewhere

        self._loads.supersede()
        elsewhere.stop_all()

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def show_reminders(self, found: Reminders | None) -> None:
        if found is None:  # stopped before it was worked out
            return
        if self.dismissed or found.empty:
            self.hide()
            return
        parts = []
        if found.proposals:
            counts = "、".join(f"{label} {count}" for label, count in found.proposals.items())
            parts.append(self.tr("Supervision proposed: %1").replace("%1", counts))
        if found.forms:
            depts = "、".join(f"{o.dept}（{o.year}Q{o.quarter}）" for o in found.forms[:8])
            more = self.tr(" and %1 more").replace("%1", str(len(found.forms) - 8)) if len(found.forms) > 8 else ""
            parts.append(self.tr("Forms not yet returned: %1").replace("%1", depts + more))
        if found.rectify:
            due = "、".join(f"{r.code}（{r.deadline.month}/{r.deadline.day}）" for r in found.rectify)
            parts.append(self.tr("Rectification due this week: task %1").replace("%1", due))
        self.text.setText(self.tr("Today (%1) — ").replace("%1", found.as_of.isoformat()) + "；".join(parts))
        self.open_button.setVisible(bool(found.proposals))
        self.show()

