"""Smoke test of the frozen program, as a clerk would meet it.

    python packaging/smoke.py linux                  # dist/linux/task-ledger (make test-dist)
    python packaging/smoke.py windows [--installer]  # dist/windows/task-ledger under Wine (make test-windows)

The console executable imports the sample task table, lists it, writes every report kind and an
Excel export; the windowed executable stays up 8 s (offscreen), and on a ledger of 5,000 tasks works out
its reminders in a process of its own (the frozen program starting itself again); a ledger of the first schema is
upgraded by the frozen program, with a backup of it taken first. ``--installer`` then runs the
installer's cycle under Wine: install → run → refused upgrade while running → upgrade → uninstall
(ledger kept). Ends with "N passed, N failed"; exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _load_build():
    import importlib.util

    spec = importlib.util.spec_from_file_location("ledger_packaging_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()  # packaging/build.py: paths, Wine environment

SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
results: list[tuple[str, str | None]] = []


def step(name: str, fn: Callable[[], None]) -> None:
    """Run one check now; a failure is reported and the run goes on."""
    started = time.monotonic()
    try:
        fn()
    except Exception:  # noqa: BLE001
        results.append((name, traceback.format_exc(limit=3)))
        print(f"FAIL {name}\n{results[-1][1]}", flush=True)
    else:
        results.append((name, None))
        print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)


class Frozen:
    """Runs the frozen executables natively (Linux) or under Wine (Windows)."""

    def __init__(self, platform: str, bundle: Path, home: Path) -> None:
        self.windows = platform == "windows"
        self.wine = self.windows and sys.platform != "win32"
        self.bundle, self.home = bundle, home
        self.env = build.wine_env() if self.wine else dict(os.environ)
        self.env["TASK_LEDGER_HOME"] = self.path(home)
        self.env["TASK_LEDGER_LANG"] = "zh"
        # Output the checks can read whatever the (Wine) code page; the code page 936 case has a check of its own.
        self.env["PYTHONIOENCODING"] = "utf-8"
        self.env.pop("TASK_LEDGER_DB", None)

    def path(self, p: Path) -> str:
        return build.winpath(p) if self.wine else str(p)

    def exe(self, name: str) -> list[str]:
        suffix = ".exe" if self.windows else ""
        exe = str(self.bundle / f"{name}{suffix}")
        return [build.wine_binary(), exe] if self.wine else [exe]

    def cli(self, *args: str | Path, expect: int = 0, exe: str = "task-ledger") -> str:
        cmd = [*self.exe(exe), *(self.path(a) if isinstance(a, Path) else a for a in args)]
        done = subprocess.run(cmd, env=self.env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        out = done.stdout.decode(self.env.get("PYTHONIOENCODING") or "utf-8", "replace")
        err = done.stderr.decode(self.env.get("PYTHONIOENCODING") or "utf-8", "replace")
        if done.returncode != expect:
            raise AssertionError(f"{' '.join(map(str, args))}: exit {done.returncode}, expected {expect}\n{out}\n{err}")
        return out

    def start_window(self, *args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen:
        cmd = [*self.exe("task-ledger-gui"), *(self.path(a) if isinstance(a, Path) else a for a in args)]
        return subprocess.Popen(cmd, env={**self.env, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(20)


def revision(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def frozen_checks(app: Frozen, work: Path) -> None:
    from ledger_app.documents.options import KINDS
    from tests.old_ledger import OLD_REVISION, write_old_ledger

    ledger = work / "ledger.db"

    def _import() -> None:  # console: import the sample task table
        out = app.cli("--db", ledger, "import", SAMPLE)
        assert "32" in out, out
        # Documents that leave the office are signed with its name (never an invented one).
        app.cli("--db", ledger, "config", "org.name", "常州经开区改革创新工作领导小组办公室")

    def _list() -> None:  # console: list the tasks
        lines = [line for line in app.cli("--db", ledger, "list").splitlines() if line.strip()]
        assert len(lines) == 32 and lines[0].startswith("1\t"), lines[:3]

    def report(kind: str) -> None:
        out = work / f"{kind}.pdf"
        extra = ["--task", "1"] if kind == "notice" else []
        if kind == "closure":  # a 销号审批表 needs a claim: task 1 claimed done in the quarter, a PDF as its evidence
            evidence = next(p for p in sorted(work.glob("*.pdf")) if p.stat().st_size > 2000)
            app.cli("--db", ledger, "claim", "1", evidence, "--summary", "已办结", "--on", "2017-09-15")
        app.cli("--db", ledger, "report", kind, "--year", "2017", "--quarter", "3", *extra, "--out", out)
        data = out.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") and len(data) > 2000, kind

    def _export() -> None:  # console: export to Excel
        from openpyxl import load_workbook

        out = work / "台账.xlsx"
        app.cli("--db", ledger, "export", "--out", out)
        assert load_workbook(out, read_only=True)["台账"].max_row == 34

    def _windowed_subcommand() -> None:
        # The windowed program has no console (no stdout/stderr on Windows): a subcommand still works.
        app.cli("--db", ledger, "list", exe="task-ledger-gui")
        app.cli("--db", ledger, "show", "999", exe="task-ledger-gui", expect=2)

    def window_logs(db: Path, text: str, wait: float, then: float = 0) -> None:
        """Start the windowed program on ``db`` and wait (at most ``wait`` s) until its log says ``text``;
        it must still be up ``then`` s later, and have logged no traceback."""
        log_file = app.home / "logs" / "task-ledger.log"

        def log() -> str:
            return log_file.read_text(encoding="utf-8") if log_file.exists() else ""

        window = app.start_window("--db", db)
        try:
            deadline = time.monotonic() + wait
            while text not in log() and window.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(then)
            if window.poll() is not None:
                raise AssertionError(f"exited ({window.returncode}): {window.stdout.read().decode(errors='replace')}")
        finally:
            stop(window)
        assert text in log() and "Traceback" not in log(), log()[-2000:]

    def _window() -> None:  # window: starts, then stays up 8 s (offscreen)
        # Started when it logs so: under Wine on a busy machine that alone has taken over 8 s.
        window_logs(ledger, "starting", 90, then=8)

    def _large_window() -> None:  # window: a large ledger's 今日提醒 in a process of its own
        from ledger_app.supervision.reminders import ELSEWHERE_FROM
        from tests.tables import write_table

        large, table = work / "large.db", work / "large.xlsx"
        rows = [[n, "营商环境", f"改革任务{n}", "内容", "", "财政局", "", "", "2017年6月底前"]
                for n in range(1, ELSEWHERE_FROM + 1)]
        write_table(table, rows, title="常州经开区2017年改革任务表")
        app.cli("--db", large, "import", table)
        window_logs(large, "process of their own", 120)

    def _upgrade() -> None:  # upgrade: a first-schema ledger is backed up, then upgraded
        old = work / "old.db"
        write_old_ledger(str(old))
        lines = [line for line in app.cli("--db", old, "list").splitlines() if line.strip()]
        assert len(lines) == 1 and "深化行政审批制度改革" in lines[0], lines
        (backup,) = list((app.home / "data" / "backups").rglob("old-*-upgrade.db"))
        assert revision(backup) == OLD_REVISION, "the backup holds the ledger as it was"
        assert revision(old) != OLD_REVISION

    step("console: import the sample task table", _import)
    step("console: list the tasks", _list)
    for kind in KINDS:
        step(f"console: report {kind}", lambda kind=kind: report(kind))
    step("console: export to Excel", _export)
    step("windowed program: runs a subcommand, exit codes intact", _windowed_subcommand)
    step("window: starts and stays up 8 s (offscreen)", _window)
    step("window: a large ledger's reminders come from a process of their own", _large_window)
    step("upgrade: a first-schema ledger is backed up, then upgraded", _upgrade)
    if app.wine:
        step("code page 936: redirected output is GB18030, readable as GBK", lambda: chinese_codepage(app, ledger))


def chinese_codepage(app: Frozen, ledger: Path) -> None:
    """Wine with a Chinese locale has code page 936, as a Chinese Windows console does."""
    env = {k: v for k, v in app.env.items() if k != "PYTHONIOENCODING"}
    env.update(LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
    done = subprocess.run([*app.exe("task-ledger"), "--db", app.path(ledger), "show", "1"], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "推进相对集中行政许可权试点改革".encode("gbk") in done.stdout, done.stdout[:300]
    assert b"\\u" not in done.stdout and b"\\U" not in done.stdout


# The installer's cycle under Wine ----------------------------------------------------------------

def installer_checks(installer: Path) -> None:
    prefix = build.wine_prefix()
    user = prefix / "drive_c" / "users" / getpass.getuser()  # Wine names the Windows user after the Unix one
    local = user / "AppData" / "Local"
    instdir = local / "Programs" / "TaskLedger"
    data = local / "TaskLedger" / "TaskLedger"
    shortcut = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "改革任务台账.lnk"
    desktop = user / "Desktop" / "改革任务台账.lnk"
    win_instdir = f"C:\\users\\{user.name}\\AppData\\Local\\Programs\\TaskLedger"
    app = Frozen("windows", instdir, data)
    app.env.pop("TASK_LEDGER_HOME")  # the installed program, with its real per-user folders

    def setup(*args: str) -> int:
        return build.wine([str(installer), *args], check=False, capture_output=True, timeout=600).returncode

    def uninstall() -> int:
        # _?= runs the uninstaller in place and waits for it (otherwise it copies itself and returns).
        return build.wine([str(instdir / "uninstall.exe"), "/S", f"_?={win_instdir}"], check=False,
                          capture_output=True, timeout=300).returncode

    def uninstall_key() -> str | None:
        # `reg export` writes the key as Windows has it (UTF-16); user.reg on disk may lag behind.
        exported = Path(tempfile.mkdtemp()) / "key.reg"
        done = build.wine(["reg", "export", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\TaskLedger",
                           build.winpath(exported)], check=False, capture_output=True, timeout=120)
        text = exported.read_bytes().decode("utf-16") if done.returncode == 0 and exported.exists() else None
        shutil.rmtree(exported.parent)
        return text

    if (instdir / "uninstall.exe").exists():
        uninstall()
    shutil.rmtree(instdir, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)

    def _install() -> None:  # installer: installs per user with shortcuts and an HKCU uninstall entry
        assert setup("/S") == 0
        for name in ("task-ledger-gui.exe", "task-ledger.exe", "uninstall.exe", "_internal"):
            assert (instdir / name).exists(), name
        assert shortcut.exists() and desktop.exists()
        key = uninstall_key()
        assert key and '"DisplayName"="改革任务台账"' in key and "uninstall.exe" in key, key

    def _run() -> None:  # installed: the console program imports into the per-user ledger
        app.cli("import", SAMPLE)
        assert (data / "ledger.db").exists()
        assert len(app.cli("list").splitlines()) == 32

    def _refuse() -> None:  # installer: refuses to upgrade or uninstall while the program runs
        marker = instdir / "_internal" / "installed-before.txt"
        marker.write_text("x")
        window = app.start_window()
        try:
            time.sleep(8)
            assert window.poll() is None, "the window should be up"
            assert setup("/S") == 2
            assert uninstall() == 2
            assert marker.exists() and (instdir / "task-ledger-gui.exe").exists()
        finally:
            stop(window)
        marker.unlink()

    def _upgrade() -> None:  # installer: an upgrade replaces the program files completely
        stale = instdir / "_internal" / "left-by-an-old-version.pyd"
        stale.write_text("old")
        time.sleep(2)  # the window's process is gone, and with it the mutex
        assert setup("/S") == 0
        assert not stale.exists() and (instdir / "task-ledger-gui.exe").exists()
        assert len(app.cli("list").splitlines()) == 32, "the ledger survives the upgrade"

    def _uninstall() -> None:  # uninstaller: removes program, shortcuts and key; keeps the ledger
        assert uninstall() == 0
        left = {p.name for p in instdir.iterdir()} if instdir.exists() else set()
        assert left <= {"uninstall.exe"}, left  # in place (_?=) it cannot delete itself
        assert not shortcut.exists() and not desktop.exists()
        assert uninstall_key() is None
        assert (data / "ledger.db").exists(), "the ledger is kept"
        shutil.rmtree(instdir, ignore_errors=True)

    step("installer: installs per user with shortcuts and an HKCU uninstall entry", _install)
    step("installed: the console program imports into the per-user ledger", _run)
    step("installer: refuses to upgrade or uninstall while the program runs", _refuse)
    step("installer: an upgrade replaces the program files completely", _upgrade)
    step("uninstaller: removes program, shortcuts and key; keeps the ledger", _uninstall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("platform", choices=("linux", "windows"))
    parser.add_argument("--installer", action="store_true", help="also the installer's cycle (Windows)")
    args = parser.parse_args()
    bundle = build.DIST / args.platform / "task-ledger"
    if not bundle.is_dir():
        sys.exit(f"{bundle} is missing: make dist{'-windows' if args.platform == 'windows' else ''} first")
    with tempfile.TemporaryDirectory(prefix="ledger-smoke-") as tmp:
        work = Path(tmp)
        frozen_checks(Frozen(args.platform, bundle, work / "home"), work)
        if args.installer and sys.platform != "win32":
            installer_checks(build.DIST / f"task-ledger-setup-{build.version()}.exe")
    if args.platform == "windows" and sys.platform != "win32":
        # No Wine process of this prefix outlives the test.
        subprocess.run([build.wineserver_binary(), "-k"], env=build.wine_env(), check=False)
    failed = sum(1 for _, error in results if error)
    print(f"smoke: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
