"""A scripted clock for tests that play a year of work: every change the ledger logs is stamped
with the day the script says, so "the ledger as it stood on a date" means what it would have meant;
and backups see that day as the computer's date (a PC clock set back by a CMOS reset)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

# Modules that stamp what they write with models.utcnow (imported by name).
STAMPING = ("ledger_app.tasks.editing", "ledger_app.records.progress", "ledger_app.records.supervision",
            "ledger_app.tasks.lifecycle", "ledger_app.exchange.importing.apply", "ledger_app.operations.proposals",
            "ledger_app.operations.reserving", "ledger_app.indicators.recording", "ledger_app.store.backup",
            "ledger_app.periods.carry_over")


class Clock:
    def __init__(self, monkeypatch) -> None:  # noqa: ANN001
        self._monkeypatch = monkeypatch

    def set(self, day: date) -> None:
        """From now on, changes happen at noon (local time) on ``day``."""
        moment = datetime.combine(day, time(12)).astimezone().astimezone(UTC)
        for module in STAMPING:
            self._monkeypatch.setattr(f"{module}.utcnow", lambda moment=moment: moment)


class stamped:  # noqa: N801 - used like a function: with stamped(day): ...
    """The same, for a script without pytest's monkeypatch (tests/window_shots.py)."""

    def __init__(self, day: date) -> None:
        import importlib

        self.moment = datetime.combine(day, time(12)).astimezone().astimezone(UTC)
        self.modules = [importlib.import_module(name) for name in STAMPING]
        self.saved = [m.utcnow for m in self.modules]

    def __enter__(self) -> None:
        for module in self.modules:
            module.utcnow = lambda moment=self.moment: moment

    def __exit__(self, *_exc: object) -> None:
        for module, saved in zip(self.modules, self.saved, strict=True):
            module.utcnow = saved
