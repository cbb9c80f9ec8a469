"""Test-only pause points for tests/test_crash_safety.py. Never set in real use.

With ``TASK_LEDGER_TEST_PAUSE=<stage>:<marker file>`` in the environment, the process writes
its pid to the marker file when it reaches ``<stage>`` and then waits there, so the test can
SIGKILL it at a known moment (inside the import's or the merge's open transaction) instead of
guessing with sleeps. Without the variable a pause point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_ENV = "TASK_LEDGER_TEST_PAUSE"


def pause_point(stage: str) -> None:
    wanted = os.environ.get(PAUSE_ENV)
    if not wanted:
        return
    name, _, marker = wanted.partition(":")
    if name != stage:
        return
    Path(marker).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(120)  # killed long before this ends
