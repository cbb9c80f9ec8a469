"""The status bar's permanent part: how many tasks of the current filter show each light, and
the as-of date. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel

from ui import background
from ui.crash import report_exception

if TYPE_CHECKING:
    from ledger_app.tasks.queries import TaskQuery
    from ui.main_window import MainWindow


class StatusLine(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._generation = 0
        # Counted a moment after the list: the counts never delay the answer to a keystroke.
        self.timer = QTimer(self, singleShot=True, interval=250)
        self.timer.timeout.connect(self._count)
        self.lights = self.as_of = self.effective = QLabel()
        self.counted: TaskQuery | None = None  # the query the lights are counted for

    def build(self) -> None:
        """Fresh labels for a new workspace (at start-up and on switching ledgers)."""
        bar = self.window.statusBar()
        for child in bar.findChildren(QLabel):
            bar.removeWidget(child)
        self.lights, self.as_of, self.effective = QLabel(), QLabel(), QLabel()
        self.effective.setStyleSheet("color: #b3261e")
        bar.addPermanentWidget(self.effective)
        bar.addPermanentWidget(self.lights)
        bar.addPermanentWidget(self.as_of)

    def update(self) -> None:
        controller = self.window.controller
        text = QCoreApplication.translate("MainWindow", "As of %1").replace("%1", controller.as_of.isoformat())
        fixed = QCoreApplication.translate("MainWindow", " (fixed)") if controller.as_of_fixed else ""
        self.as_of.setText(text + fixed)
        # Edits that take effect on another day than the one shown: worth saying where the table is.
        effective = QCoreApplication.translate("MainWindow", "Edits take effect %1")
        self.effective.setText(effective.replace("%1", controller.effective_on.isoformat())
                               if controller.effective_fixed else "")
        self.effective.setVisible(controller.effective_fixed)
        self.timer.start()

    def _count(self) -> None:
        if self.window.controller is None:
            return
        query = self.window.current_query()
        query.light = None
        self.counted = query
        table = self.window.model.table
        self._generation = generation = self._generation + 1
        background.submit(lambda _p: table.light_counts(query), lambda counts: self._show(generation, counts))

    def show_counts(self, counts: dict[str, int]) -> None:
        """Counts read with an edit's refresh (see MainWindow._read_after_write)."""
        self._generation += 1
        self._show(self._generation, counts)

    def _show(self, generation: int, counts: object) -> None:
        if not shiboken6.isValid(self.lights):
            return  # the window closed while the counts were being taken
        if generation != self._generation:
            return  # superseded by a newer filter (or the window moved to another ledger)
        if isinstance(counts, Exception):
            report_exception(counts)
            return
        self.lights.setText(
            QCoreApplication.translate("MainWindow", "Red %1 · Yellow %2 · Green %3 · Done %4")
            .replace("%1", str(counts["red"])).replace("%2", str(counts["yellow"]))
            .replace("%3", str(counts["green"])).replace("%4", str(counts["done"])))
