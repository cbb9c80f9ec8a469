"""Test-only pause points (tests/test_crash_safety.py, tests/test_carry_over.py). Never set in real use.

With ``TASK_LEDGER_TEST_PAUSE=<stage>:<marker file>`` in the environment, the process writes
its pid to the marker file when it reaches ``<stage>`` and then waits there, so the test can
SIGKILL it at a known moment (inside the import's or the merge's open transaction) instead of
guessing with sleeps, or do something meanwhile (another desk's edit while a carry-over is under
way) and then let it go on by deleting the marker file. Without the variable a pause point costs
one dictionary lookup.
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
    path = Path(marker)
    path.write_text(str(os.getpid()), encoding="ascii")
    deadline = time.monotonic() + 120  # killed, or let go, long before this
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
