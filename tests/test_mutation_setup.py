"""`make mutation` (tools/mutation.py, mutmut): it reaches the rule modules it names, leaves the window's tests
out, keeps its working copy out of git, and stays out of `make test`."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def test_every_rule_module_named_for_mutation_exists():
    for pattern in _config()["only_mutate"]:
        assert list(ROOT.glob(pattern)), f"{pattern} matches no file: mutmut would skip it without a word"


def test_the_window_is_left_out_and_the_rest_selected():
    selection = _config()["pytest_add_cli_args_test_selection"]
    assert selection[selection.index("-m") + 1] == "not uses_qt"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "uses_qt", "-p", "no:randomly",
         "tests/test_main_window.py", "tests/test_lights.py", "tests/test_detail_pane.py"],
        cwd=ROOT, capture_output=True, text=True, check=False).stdout
    marked = {line.split("::")[0] for line in collected.splitlines() if "::" in line}
    assert marked == {"tests/test_main_window.py", "tests/test_detail_pane.py"}, collected


def test_mutants_are_not_committed_and_make_test_does_not_run_them():
    assert "mutants/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_target = re.search(r"^test:(.*)$", makefile, re.MULTILINE).group(1)
    assert "mutation" not in test_target.split()
    assert re.search(r"^mutation:.*\n\t\$\(PY\) tools/mutation.py$", makefile, re.MULTILINE)
