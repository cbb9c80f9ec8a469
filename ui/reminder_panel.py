"""今日提醒: a banner over the ledger on opening — the supervision steps proposed, fill-in forms not
yet returned, 整改 deadlines this week — loaded after the window is up, closed with ×."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

if TYPE_CHECKING:
    from ledger_app.supervision.reminders import Reminders
    from ui.controller import LedgerController


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
        self.hide()

    def load(self, controller: LedgerController | None) -> None:
        """Work out today's reminders on ``controller``'s ledger in the background and show them
        (once the window is painted)."""
        from ui import background

        if controller is None or self.dismissed or not self.window().isVisible():
            return
        engine, as_of = controller.engine, controller.as_of

        def work(_progress: object) -> Reminders:
            from ledger_app.supervision.reminders import today

            return today(engine, as_of)

        def done(result: object) -> None:
            if not shiboken6.isValid(self):
                return
            if isinstance(result, Exception):
                raise result
            self.show_reminders(result)

        background.submit(work, done)

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def show_reminders(self, found: Reminders) -> None:
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

