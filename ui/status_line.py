"""The status bar's permanent part: how many tasks of the current filter show each light, and
the as-of date. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from ui import background
from ui.crash import report_exception

if TYPE_CHECKING:
    from ledger_app.tasks.queries import TaskQuery
    from ledger_app.tasks.table import TaskTable
    from ui.controller import LedgerController


class StatusLine(QObject):
    """Lives in ``bar``; counts the lights of what ``query()`` finds (without its light filter)
    on ``table()``, the table the window shows, of the ledger :meth:`bind` gave it."""

    def __init__(self, bar: QStatusBar, query: Callable[[], TaskQuery], table: Callable[[], TaskTable]) -> None:
        super().__init__(bar)
        self.bar = bar
        self.query = query
        self.table = table
        self.controller: LedgerController | None = None
        self._generation = 0
        # Counted a moment after the list: the counts never delay the answer to a keystroke.
        self.timer = QTimer(self, singleShot=True, interval=250)
        self.timer.timeout.connect(self._count)
        self.lights = self.as_of = self.effective = QLabel()
        self.counted: TaskQuery | None = None  # the query the lights are counted for
        self._stop = None  # the Stop of the count under way (ledger_app.tasks.table.Stop)

    def bind(self, controller: LedgerController) -> None:
        """The ledger now open: its as-of and effective dates are the ones shown."""
        self.controller = controller

    def build(self) -> None:
        """Fresh labels for a new workspace (at start-up and on switching ledgers)."""
        for child in self.bar.findChildren(QLabel):
            self.bar.removeWidget(child)
        self.lights, self.as_of, self.effective = QLabel(), QLabel(), QLabel()
        self.effective.setStyleSheet("color: #b3261e")
        self.bar.addPermanentWidget(self.effective)
        self.bar.addPermanentWidget(self.lights)
        self.bar.addPermanentWidget(self.as_of)

    def update(self) -> None:
        controller = self.controller
        text = QCoreApplication.translate("MainWindow", "As of %1").replace("%1", controller.as_of.isoformat())
        fixed = QCoreApplication.translate("MainWindow", " (fixed)") if controller.as_of_fixed else ""
        self.as_of.setText(text + fixed)
        # Edits that take effect on another day than the one shown: worth saying where the table is.
        effective = QCoreApplication.translate("MainWindow", "Edits take effect %1")
        self.effective.setText(effective.replace("%1", controller.effective_on.isoformat())
                               if controller.effective_fixed else "")
        self.effective.setVisible(controller.effective_fixed)
        self.timer.start()

    def stop(self) -> None:
        """The table asks a new query: a count of the old one is not started, or is stopped where it
        runs (it would only slow the new query down); the table's next list counts again."""
        self.timer.stop()
        if self._stop is not None:
            self._stop.stop()
            self._stop = None
            self._generation += 1

    def _count(self) -> None:
        if self.controller is None:
            return
        from ledger_app.tasks.table import Stop

        self.stop()
        query = self.query()
        query.light = None
        self.counted = query
        table = self.table()
        self._generation = generation = self._generation + 1
        self._stop = stop = Stop()
        # In the table's own pool, next to its queries (ui.background.queries).
        background.submit(lambda _p: table.light_counts(query, stop=stop),
                          lambda counts: self._show(generation, counts), pool=background.queries())

    def show_counts(self, counts: dict[str, int]) -> None:
        """Counts read with an edit's refresh (see MainWindow._read_after_write)."""
        self._generation += 1
        self._show(self._generation, counts)

    def _show(self, generation: int, counts: object) -> None:
        if not shiboken6.isValid(self.lights):
            return  # the window closed while the counts were being taken
        if generation != self._generation:
            return  # superseded by a newer filter (or the window moved to another ledger), or stopped
        self._stop = None
        if isinstance(counts, Exception):
            report_exception(counts)
            return
        text = (QCoreApplication.translate("MainWindow", "Red %1 · Yellow %2 · Green %3 · Done %4")
                .replace("%1", str(counts["red"])).replace("%2", str(counts["yellow"]))
                .replace("%3", str(counts["green"])).replace("%4", str(counts["done"])))
        if counts.get("pending"):  # 待销号: the office's own move, said only when there is one
            text += QCoreApplication.translate("MainWindow", " · Awaiting closure %1").replace(
                "%1", str(counts["pending"]))
        self.lights.setText(text)
