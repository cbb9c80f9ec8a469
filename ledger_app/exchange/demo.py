"""The demo ledger a newcomer opens from the first-run page: the Changzhou 2017 table, and the
Yinchuan plan's quantified 2025 targets as its indicators."""

from __future__ import annotations

from pathlib import Path

from ledger_app.exchange.importing.apply import import_file
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.store.opening import Ledger, open_ledger
from ledger_app.system.resources import DEMO_INDICATORS, DEMO_TABLE, resource_path


def build_demo_ledger(path: Path, user: str | None = None) -> Ledger:
    """(Re)create the demo ledger at ``path`` from the shipped sample and open it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ledger = open_ledger(str(path), user=user)
    import_file(ledger.engine, resource_path(*DEMO_TABLE), user=ledger.user)
    import_indicators(ledger.engine, resource_path(*DEMO_INDICATORS), user=ledger.user)
    return ledger
