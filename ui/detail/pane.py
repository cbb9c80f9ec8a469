"""The detail pane beside the table: a header with the task's light, then four tabs."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.labels import light_label, status_label
from ledger_app.operations import OpChanges
from ledger_app.periods import carry_plan
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.lights import light_for
from ledger_app.tasks.table import Refresh, Row
from ui.controller import LedgerController
from ui.detail.basic_tab import BasicTab
from ui.detail.changes_tab import ChangesTab
from ui.detail.evidence_tab import EvidenceTab
from ui.detail.progress_tab import ProgressTab
from ui.detail.supervision_tab import SupervisionTab
from ui.effective_date import EffectiveDateEdit
from ui.light_colours import LIGHT_COLOURS


class DetailPane(QWidget):
    taskLinked = Signal(int)  # the clerk followed a carry-over link to another year's task

    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.task_id: int | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        # 结转: the earlier year's task this one carries on, or next year's that carries it on.
        self.lineage = QLabel()
        self.lineage.setWordWrap(True)
        self.lineage.setTextFormat(Qt.TextFormat.RichText)
        self.lineage.linkActivated.connect(lambda link: self.taskLinked.emit(int(link.split(":", 1)[1])))
        self.effective = EffectiveDateEdit(controller)
        self.tabs = QTabWidget()
        empty = QLabel(self.tr("Select a task in the table to see and edit its details."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.lineage)
        layout.addWidget(self.effective)
        layout.addWidget(self.tabs)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(body)
        QVBoxLayout(self).addWidget(self.stack)
        self.setMinimumWidth(300)
        controller.changed.connect(self._changed)
        controller.asOfChanged.connect(self._as_of_changed)

    def _build_tabs(self) -> None:
        """The five tabs are built when the first task is shown: opening the window stays quick."""
        controller = self.controller
        self.basic, self.progress = BasicTab(controller), ProgressTab(controller)
        self.supervision, self.changes = SupervisionTab(controller), ChangesTab(controller)
        self.evidence = EvidenceTab(controller)
        for tab, label in ((self.basic, self.tr("Basic information")), (self.progress, self.tr("Quarterly progress")),
                           (self.supervision, self.tr("Supervision")), (self.evidence, self.tr("Evidence")),
                           (self.changes, self.tr("Change log"))):
            self.tabs.addTab(tab, label)
        self._stale: set[QWidget] = set()  # record tabs to reload when they are next shown
        self.tabs.currentChanged.connect(self._tab_shown)

    def show_task(self, task_id: int | None) -> None:
        if task_id is not None and self.tabs.count() == 0:
            self._build_tabs()
        if self.tabs.count() == 0:
            return  # nothing shown yet, nothing to clear
        self.task_id = task_id
        self.stack.setCurrentIndex(0 if task_id is None else 1)
        # The basic tab and the visible tab now; the others when they are first looked at.
        self._stale = {self.progress, self.supervision, self.evidence, self.changes}
        self.basic.show_task(task_id)
        self._tab_shown(self.tabs.currentIndex())
        self._show_header()
        self._show_lineage()

    def _show_lineage(self) -> None:
        links = carry_plan.lineage(self.controller.engine, self.task_id) if self.task_id is not None else None
        parts = []
        if links is not None and links.origins:
            task_id, code, plan, year = links.origins[0]
            parts.append(self.tr("Carries on %1").replace("%1", self._link(task_id, code, plan, year)))
        if links is not None and links.successors:
            parts.append(self.tr("Carried over to %1").replace(
                "%1", "、".join(self._link(*s) for s in links.successors)))
        self.lineage.setText("<br/>".join(parts))
        self.lineage.setVisible(bool(parts))

    def _link(self, task_id: int, code: str, plan: str, year: int | None) -> str:
        when = self.tr("%1: ").replace("%1", str(year)) if year else ""
        text = html.escape(f"{when}{plan} · {code}")
        return f"<a href='task:{task_id}'>{text}</a>"

    def _tab_shown(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale:
            self._stale.discard(tab)
            tab.show_task(self.task_id)

    def focus_title(self) -> None:
        self.tabs.setCurrentWidget(self.basic)
        self.basic.title.setFocus()
        self.basic.title.selectAll()

    def _show_header(self, row: Row | None = None) -> None:
        if self.task_id is None:
            return
        if row is None:
            try:
                v = get_fields(self.controller.engine, self.task_id,
                                         ["code", "title", "status", "percent", "deadline", "start_date", "version"],
                                         self.controller.as_of)
            except LedgerError:
                self.show_task(None)
                return
            light = str(light_for(v["status"], v["percent"], v["deadline"], v["start_date"], self.controller.as_of,
                                  self.controller.thresholds))
            code, title, status, percent, version = v["code"], v["title"], v["status"], v["percent"], v["version"]
        else:
            light, code, title, status, percent, version = row.light, row.code, row.title, row.status, row.percent, \
                row.version
        colour = LIGHT_COLOURS[light].name()
        # Each fact once: a done or cancelled task's status already says what its light would.
        facts = [f"<span style='color:{colour}'>{light_label(light)}</span>"] \
            if light in ("red", "yellow", "green", "pending") else []
        facts += [html.escape(status_label(status)), f"{percent}%", self.tr("version %1").replace("%1", str(version))]
        self.header.setText(f"<span style='color:{colour}; font-size:16pt'>●</span> "
                            f"<b>{html.escape(code)}　{html.escape(title)}</b><br/>" + " · ".join(facts))

    def _as_of_changed(self, _as_of: object) -> None:
        if self.task_id is not None and self.tabs.count():
            self.basic.show_task(self.task_id)  # its values are those of the day shown
        self._show_header()

    def _changed(self, changes: OpChanges, refreshed: Refresh | None) -> None:
        """Refresh from what an operation changed: nothing is read that the answer already says."""
        if self.task_id is None or self.tabs.count() == 0:
            return
        if changes.tasks is None or changes.structure:
            self.show_task(self.task_id)
            return
        if self.task_id in changes.tasks:
            self.basic.apply(changes.fields.get(self.task_id, {}))
            self.progress.seen(changes.fields.get(self.task_id, {}).get("version"))
            row = refreshed.rows.get(self.task_id) if refreshed is not None else None
            self._show_header(row)
        if self.task_id in changes.records:
            self._stale = {self.progress, self.supervision, self.evidence, self.changes}
            self._tab_shown(self.tabs.currentIndex())
