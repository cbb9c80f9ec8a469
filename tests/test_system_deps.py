"""`make run` on a fresh Debian: the Qt libraries the window needs are installed (as root) or
named (otherwise), as `make test` does for its own."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import ROOT


def _fake(bin_dir, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)


def test_make_run_checks_the_window_libraries_first():
    plan = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert plan.index("tools/system_deps.sh window") < plan.index("main.py")


def test_a_desk_without_root_is_told_what_to_install(tmp_path):
    _fake(tmp_path, "dpkg", "exit 1")  # nothing installed
    _fake(tmp_path, "id", "echo 1000")  # not root
    env = dict(os.environ, PATH=f"{tmp_path}:{os.environ['PATH']}")
    done = subprocess.run([str(ROOT / "tools" / "system_deps.sh"), "window"], env=env, capture_output=True, text=True)
    assert done.returncode == 0
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert package in done.stderr
    assert "sudo apt-get install" in done.stderr
    assert "postgresql" not in done.stderr, "the window's list, not the test suite's"
