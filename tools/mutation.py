"""`make mutation`: mutmut over the modules that hold the ledger's rules, then the score per module.

    .venv/bin/python tools/mutation.py            a fresh run (mutants/ is made anew), then the score
    .venv/bin/python tools/mutation.py --report   the score of the last run, without running anything
    .venv/bin/python tools/mutation.py MUTANT…    run these mutants again (names as the report lists them)

Which modules and which tests: ``[tool.mutmut]`` in pyproject.toml (the tests that need no window; mutmut
forks its workers from the pytest process, see tests/qt_marker.py). A run starts from an empty mutants/
because mutmut copies each file that it does not mutate only once and would test today's rules with
yesterday's neighbours. Not part of `make test`: the score is a figure to read (docs/development.md), not
a gate.

The score counts a mutant killed when a test failed, timed out or crashed on it; "no tests" (no selected
test runs the mutated function) counts as survived. Mutants of lines marked ``# pragma: no mutate`` are
never made: each such mark says why its mutants would change nothing, and the report counts them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
# Not a verdict: a partial run (a pattern given, or stopped) leaves these; they count neither way.
UNRUN = {"skipped", "not checked", "check was interrupted by user"}
PRAGMA = re.compile(r"#\s*pragma:\s*no mutate")


def _modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ledger_app").rglob("*.py")
                  if any(fnmatch(str(p.relative_to(ROOT)), pattern) for pattern in config["only_mutate"]))


def _status(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code  # mutmut reads pyproject.toml from the current folder

    return status_by_exit_code[code]


def report() -> float:
    """Print killed / survived per module and every survivor; returns the score (0–100)."""
    total: Counter[str] = Counter()
    survivors: list[str] = []
    print(f"{'module':48} {'killed':>7} {'survived':>8} {'not run':>7} {'equiv.':>6} {'score':>6}")
    for module in _modules():
        meta = MUTANTS / f"{module}.meta"
        codes = json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}
        counts = Counter(_status(code) for code in codes.values())
        killed = sum(n for status, n in counts.items() if status in KILLED)
        survived = sum(n for status, n in counts.items() if status not in KILLED | UNRUN)
        unrun = sum(n for status, n in counts.items() if status in UNRUN)
        equivalent = sum(1 for line in (ROOT / module).read_text(encoding="utf-8").splitlines() if PRAGMA.search(line))
        total.update(killed=killed, survived=survived, unrun=unrun, equivalent=equivalent)
        score = f"{100 * killed / (killed + survived):5.1f}%" if killed + survived else "    —"
        print(f"{module:48} {killed:7} {survived:8} {unrun:7} {equivalent:6} {score:>6}")
        survivors += [f"{name} ({_status(code)})" for name, code in sorted(codes.items())
                      if _status(code) not in KILLED | UNRUN]
    tested = total["killed"] + total["survived"]
    score = 100 * total["killed"] / tested if tested else 100.0
    print(f"{'all':48} {total['killed']:7} {total['survived']:8} {total['unrun']:7} {total['equivalent']:6} "
          f"{score:5.1f}%")
    if survivors:
        print("\nSurvivors (see one with: .venv/bin/mutmut show NAME):")
        print("\n".join(f"  {name}" for name in survivors))
    return score


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if argv == ["--report"]:
        report()
        return 0
    if not argv:
        shutil.rmtree(MUTANTS, ignore_errors=True)
    # The run's own exit status says nothing about the score; its table is printed below.
    subprocess.run([str(mutmut), "run", *argv], env=env, check=False)
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
