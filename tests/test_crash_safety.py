"""A killed process never leaves half its work behind: SIGKILL in the middle of importing a
5,000-row table and of merging department forms, then check the file and the contents.
Also: two processes writing the same ledger file at once both succeed (WAL + busy timeout).

The deterministic kill moment comes from the test-only pause point (ledger_app/system/pause_hook.py):
the process stops inside its open transaction and tells us so through a marker file. The
other kill moments are taken by watching the ledger's -wal file grow while it writes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook

from ledger_app.exchange.importing import analyse
from ledger_app.exchange.importing.apply import write_table
from ledger_app.store.opening import open_ledger
from ledger_app.system.pause_hook import PAUSE_ENV
from tests.conftest import ROOT, SAMPLE

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROWS = 5000
PLAN = "五千项任务表"
DEPTS = ["行政审批局", "财政局", "经济发展局", "科技局", "招商局", "规划建设局", "环保局", "社会事业局", "组织人事部"]


@pytest.fixture(scope="module")
def big_table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务表")
    ws.append([PLAN])
    ws.append(["序号", "改革领域", "改革项目", "具体改革内容", "牵头部门", "配合部门", "完成时限"])
    for i in range(1, ROWS + 1):
        ws.append([i, f"{'一二三四五'[i % 5]}、改革领域{i % 5}", f"改革项目{i}",
                   f"具体改革内容第{i}项：推进相对集中行政许可权试点改革，建立权力清单、责任清单、负面清单",
                   DEPTS[i % 9], f"{DEPTS[(i + 1) % 9]}、{DEPTS[(i + 2) % 9]}", "2017年12月31日"])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def big_parsed(big_table):
    """The big table read once, for the re-imports after each kill."""
    return analyse(big_table, None).parse(None)


def ledger_with_sample(path: Path, sample: Path) -> Path:
    from ledger_app.exchange.importing.apply import import_file

    ledger = open_ledger(str(path))
    import_file(ledger.engine, sample)
    ledger.close()
    return path


def start(db: Path, *args: str, pause: str | None = None, marker: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop(PAUSE_ENV, None)
    if pause is not None:
        env[PAUSE_ENV] = f"{pause}:{marker}"
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen, what: str, timeout: float = 30) -> bool:
    """Poll ``condition``; False if the process ended first (it finished its work)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            return False
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.002)
    return True


def kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()


def run_and_kill(db: Path, *args: str, pause: str | None = None, wal_grown: int = 1) -> None:
    """Run the command and SIGKILL it at its pause point ``pause``, or once its -wal has grown
    by ``wal_grown`` bytes (if it finishes first, it has done all its work). Killed in any case."""
    marker = db.with_name("paused")
    base = wal_size(db)
    proc = start(db, *args, pause=pause, marker=marker)
    try:
        if pause is not None:
            assert wait_for(marker.exists, proc, f"the {pause} pause point"), proc.stderr.read()
        else:
            wait_for(lambda: wal_size(db) >= base + wal_grown, proc, "the -wal grow")
    finally:
        kill(proc)


def wal_size(db: Path) -> int:
    try:
        return Path(f"{db}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def check(db: Path, sql: str) -> int:
    """PRAGMA integrity_check must be ok (this first connection also recovers the WAL); then ``sql``."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return conn.execute(sql).fetchone()[0]


BIG_TASKS = f"SELECT count(*) FROM task JOIN plan ON plan.id = task.plan_id WHERE plan.title = '{PLAN}'"


# Where the import is killed: paused inside its transaction (always "none"), as soon as its
# -wal starts to grow, and twice further into the write (here the last one usually lands just
# after the commit: "all").
@posix_only
@pytest.mark.parametrize("moment", ["in transaction", "wal starts", "wal 512 KB", "wal 2 MB"])
def test_killed_import_leaves_all_or_none(tmp_path, sample, big_table, big_parsed, moment):
    db = ledger_with_sample(tmp_path / "ledger.db", sample)
    if moment == "in transaction":
        run_and_kill(db, "import", str(big_table), pause="import")
    else:
        grown = {"wal starts": 1, "wal 512 KB": 512 * 1024, "wal 2 MB": 2 * 1024 * 1024}[moment]
        run_and_kill(db, "import", str(big_table), wal_grown=grown)
    if moment == "in transaction":
        # Killed with uncommitted pages already in the -wal (the cache spilled): really mid-write.
        assert wal_size(db) > 0

    tasks = check(db, BIG_TASKS)
    assert tasks in (0, ROWS)
    if moment == "in transaction":
        assert tasks == 0
    assert check(db, "SELECT count(*) FROM task") == 32 + tasks  # the earlier plan is untouched
    ledger = open_ledger(str(db))
    result = write_table(ledger.engine, big_parsed, PLAN, user="u")
    ledger.close()
    assert (result.added, result.unchanged) == ((ROWS, 0) if tasks == 0 else (0, ROWS))
    assert check(db, BIG_TASKS) == ROWS


@pytest.fixture(scope="module")
def filled_forms(tmp_path_factory) -> tuple[Path, list[Path], int]:
    """A ledger with the sample and the forms of four departments, every task on them answered."""
    from openpyxl import load_workbook

    from ledger_app.exchange.forms.workbook import FORM_SHEET, HEADER_ROW, issue_forms
    from tests.test_excel_forms import DONE, PERCENT, STATUS

    folder = tmp_path_factory.mktemp("forms")
    db = ledger_with_sample(folder / "template.db", SAMPLE)
    ledger = open_ledger(str(db))
    issued = issue_forms(ledger.engine, 2017, 3, folder / "forms", ["行政审批局", "招商局", "财政局", "经济发展局"])
    ledger.close()
    answered = 0
    for form in issued:
        wb = load_workbook(form.path)
        ws = wb[FORM_SHEET]
        for row in range(HEADER_ROW + 1, ws.max_row + 1):
            if ws.cell(row, 1).value:
                ws.cell(row, DONE).value = f"第{row}行任务按计划推进"
                ws.cell(row, PERCENT).value = 75
                ws.cell(row, STATUS).value = "推进中"
                answered += 1
        wb.save(form.path)
    assert answered >= 8
    return db, [f.path for f in issued], answered


@posix_only
@pytest.mark.parametrize("moment", ["in transaction", "wal starts"])
def test_killed_merge_leaves_all_or_none(tmp_path, filled_forms, moment):
    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.exchange.forms.merge import review_forms

    template, forms, answered = filled_forms
    db = tmp_path / "ledger.db"
    with closing(sqlite3.connect(template)) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)  # the same ledger (same ledger id, so the forms belong to it) for each run
    args = ["merge", *map(str, forms), "--accept", "all"]
    run_and_kill(db, *args, pause="merge" if moment == "in transaction" else None)

    reports = check(db, "SELECT count(*) FROM progress_report")
    moved = check(db, "SELECT count(*) FROM task WHERE status = '推进中'")
    assert (reports, moved) in ((0, 0), (answered, answered))
    if moment == "in transaction":
        assert reports == 0
    ledger = open_ledger(str(db))
    review = review_forms(ledger.engine, forms)
    assert apply_answers(ledger.engine, review.answers, user="u") == (answered if reports == 0 else 0)
    ledger.close()
    assert check(db, "SELECT count(*) FROM progress_report") == answered


LOOP = """
import sys
from ledger_app.cli.main import main
db, code, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(1, n + 1):
    assert main(["set", code, "--percent", str(i), "--db", db]) == 0, i
    assert main(["progress", code, "--year", "2017", "--quarter", str(1 + i % 4), "--percent", str(i),
                 "--done", f"第{i}次", "--db", db]) == 0, i
"""


def test_two_processes_write_one_ledger_at_once(tmp_path, sample):
    db = ledger_with_sample(tmp_path / "ledger.db", sample)
    n = 25
    procs = [subprocess.Popen([sys.executable, "-c", LOOP, str(db), code, str(n)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for code in ("1", "2")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert check(db, "SELECT count(*) FROM progress_report") == 8
    for code in ("1", "2"):
        assert check(db, f"SELECT percent FROM task WHERE code = '{code}'") == n
        changes = f"SELECT count(*) FROM change_log WHERE task_code = '{code}' AND field = 'percent'"
        assert check(db, changes) >= n  # every one of its writes landed
