"""Work handed to a process of its own in tests/test_elsewhere.py: importable by name, as the process
started with ``spawn`` must find it."""

from __future__ import annotations

import time

from ledger_app.messages.errors import LedgerError


def slowly(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def refuses(name: str) -> None:
    raise LedgerError("台账 {name} 不存在", name=name)


def unsendable() -> object:
    import threading

    return threading.Lock()  # no lock pickles


def dies() -> None:
    import os

    os._exit(3)  # as a crash would: no answer, no exception
