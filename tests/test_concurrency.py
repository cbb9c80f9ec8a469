"""Two desks, one task: a save based on a version another desk has replaced is refused,
says who changed what, and is logged; no update is ever lost. Runs on SQLite and, under
tools/pg_cluster.py, on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import StaleEditError, edit_task
from ledger_app.records.history import list_changes
from ledger_app.store.models import OUTCOME_APPLIED, OUTCOME_REFUSED
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.conftest import ROOT


@pytest.fixture
def shared(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger


def test_stale_save_is_refused_naming_who_changed_what(shared):
    task = find_task_id(shared.engine, "3")
    seen = get_fields(shared.engine, task, ["version", "status", "percent"])["version"]

    edit_task(shared.engine, task, {"status": "推进中"}, user="张三", expected_version=seen)
    with pytest.raises(StaleEditError) as refused:
        edit_task(shared.engine, task, {"percent": 40}, user="李四", expected_version=seen)

    message = str(refused.value)
    assert "张三" in message and "状态" in message and "推进中" in message and "未保存" in message
    now = get_fields(shared.engine, task, ["version", "status", "percent"])
    assert now["status"] == "推进中" and now["percent"] == 0 and now["version"] == seen + 1
    log = [(c.changed_by, c.field, c.outcome, c.version) for c in list_changes(shared.engine, task)]
    assert ("张三", "status", OUTCOME_APPLIED, seen + 1) in log
    assert ("李四", "percent", OUTCOME_REFUSED, seen) in log


def test_save_on_the_current_version_goes_through_and_moves_it_on(shared):
    task = find_task_id(shared.engine, "5")
    seen = get_fields(shared.engine, task, ["version"])["version"]
    edit_task(shared.engine, task, {"percent": 10}, user="张三", expected_version=seen)
    edit_task(shared.engine, task, {"percent": 20}, user="张三", expected_version=seen + 1)
    assert get_fields(shared.engine, task, ["percent", "version"]) == {"percent": 20, "version": seen + 2}


def test_cli_expect_version_refuses_a_stale_save(shared, db_url, run_cli):
    first = run_cli("王五", "--db", db_url, "set", "7", "--status", "推进中", "--expect-version", "1")
    second = run_cli("赵六", "--db", db_url, "set", "7", "--percent", "30", "--expect-version", "1")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 2
    assert "王五" in second.stderr and "未保存" in second.stderr
    assert get_fields(shared.engine, find_task_id(shared.engine, "7"), ["percent"])["percent"] == 0


DESK = r"""
import json, sys, time
from pathlib import Path
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.operations import StaleEditError, edit_task

url, user, task, percent, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
ledger = open_ledger(url, user=user)
seen = get_fields(ledger.engine, task, ["version"])["version"]  # what this desk's window shows
(folder / f"ready-{user}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
try:
    edit_task(ledger.engine, task, {"percent": percent}, user=user, expected_version=seen)
    print(json.dumps({"user": user, "saved": True, "seen": seen}))
except StaleEditError as exc:
    print(json.dumps({"user": user, "saved": False, "seen": seen, "message": str(exc)}))
ledger.close()
"""


def test_two_processes_editing_one_task_one_wins_the_other_is_told(shared, db_url, tmp_path):
    task = find_task_id(shared.engine, "9")
    shared.engine.dispose()
    desks = {"张三": 30, "李四": 60}
    procs = [subprocess.Popen([sys.executable, "-c", DESK, db_url, user, str(task), str(percent), str(tmp_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for user, percent in desks.items()]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{u}").exists() for u in desks):
        assert time.monotonic() < deadline, [p.stderr.read() for p in procs if p.poll() is not None]
        time.sleep(0.01)
    (tmp_path / "go").touch()  # both desks press save together, each on the version it read
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(json.loads(out))

    saved = [r for r in results if r["saved"]]
    refused = [r for r in results if not r["saved"]]
    assert len(saved) == 1 and len(refused) == 1, results
    assert saved[0]["seen"] == refused[0]["seen"]
    winner, loser = saved[0]["user"], refused[0]["user"]
    assert winner in refused[0]["message"] and "完成%" in refused[0]["message"]

    now = get_fields(shared.engine, task, ["percent", "version"])
    assert now["percent"] == desks[winner]  # the winner's value, not overwritten by the loser
    assert now["version"] == saved[0]["seen"] + 1
    log = {(c.changed_by, c.outcome) for c in list_changes(shared.engine, task) if c.field == "percent"}
    assert log == {(winner, OUTCOME_APPLIED), (loser, OUTCOME_REFUSED)}


def test_refused_attempt_is_logged_even_after_many_saves(shared):
    """The message lists the other desk's changes since the version the editor showed."""
    task = find_task_id(shared.engine, "11")
    seen = get_fields(shared.engine, task, ["version"])["version"]
    edit_task(shared.engine, task, {"leader": "甲"}, user="张三", expected_version=seen)
    edit_task(shared.engine, task, {"deadline": "2017年9月底"}, user="王五", expected_version=seen + 1)
    with pytest.raises(StaleEditError) as refused:
        edit_task(shared.engine, task, {"leader": "乙"}, user="李四", expected_version=seen)
    message = str(refused.value)
    assert "张三" in message and "王五" in message and "责任领导" in message and "完成时限" in message
    assert get_fields(shared.engine, task, ["leader"])["leader"] == "甲"


def test_without_an_expected_version_saves_as_before(shared):
    task = find_task_id(shared.engine, "2")
    edit_task(shared.engine, task, {"percent": 5}, user="张三")
    edit_task(shared.engine, task, {"percent": 6}, user="李四")
    assert get_fields(shared.engine, task, ["percent"])["percent"] == 6


@pytest.fixture
def run_cli(run_main):
    def run(user: str, *args: str) -> subprocess.CompletedProcess:
        # The command line records the signed-in account as the user of a change.
        return run_main(*args, env={"LOGNAME": user, "USER": user, "USERNAME": user})

    return run


def test_progress_report_over_another_desks_change_is_refused(shared):
    from ledger_app.operations import record_progress
    from ledger_app.records.progress import ProgressInput

    task = find_task_id(shared.engine, "12")
    seen = get_fields(shared.engine, task, ["version"])["version"]
    record_progress(shared.engine, task, ProgressInput(2017, 3, 50, "完成方案"), user="张三", expected_version=seen)
    with pytest.raises(StaleEditError) as refused:
        record_progress(shared.engine, task, ProgressInput(2017, 3, 20, "开始调研"), user="李四",
                        expected_version=seen)
    assert "张三" in str(refused.value)
    from ledger_app.records.history import get_progress

    kept = get_progress(shared.engine, task, 2017, 3)
    assert (kept.percent, kept.done, kept.reporter) == (50, "完成方案", "张三")
    assert get_fields(shared.engine, task, ["percent"])["percent"] == 50
    assert ("李四", OUTCOME_REFUSED) in {(c.changed_by, c.outcome) for c in list_changes(shared.engine, task)}


def test_replacing_a_quarters_report_with_the_same_percent_still_moves_the_version(shared):
    from ledger_app.operations import record_progress
    from ledger_app.records.history import get_progress
    from ledger_app.records.progress import ProgressInput

    task = find_task_id(shared.engine, "13")
    record_progress(shared.engine, task, ProgressInput(2017, 3, 40, "完成调研"), user="张三")
    seen = get_fields(shared.engine, task, ["version"])["version"]
    record_progress(shared.engine, task, ProgressInput(2017, 3, 40, "完成调研和方案"), user="张三",
                    expected_version=seen)
    with pytest.raises(StaleEditError) as refused:
        record_progress(shared.engine, task, ProgressInput(2017, 3, 40, "仅完成调研"), user="李四",
                        expected_version=seen)
    assert "张三" in str(refused.value) and "季度进展" in str(refused.value)
    assert get_progress(shared.engine, task, 2017, 3).done == "完成调研和方案"


def test_a_refused_attempt_is_not_rolled_back_in_a_reprint_of_the_past(shared):
    """Reports as of an earlier date undo later changes from the change log; a refused
    attempt changed nothing, so it must not be undone into the past either."""
    from datetime import date, timedelta

    from ledger_app.periods.as_of import ledger_as_of

    task = find_task_id(shared.engine, "14")
    seen = get_fields(shared.engine, task, ["version"])["version"]
    edit_task(shared.engine, task, {"percent": 30}, user="张三", expected_version=seen)
    with pytest.raises(StaleEditError):
        edit_task(shared.engine, task, {"status": "已完成"}, user="李四", expected_version=seen)
    (before,) = [t for t in ledger_as_of(shared.engine, date.today() - timedelta(days=1)).tasks if t.id == task]
    assert (before.status, before.percent) == ("未启动", 0)


ISSUE_SHEETS = """
import sys
from datetime import date
from pathlib import Path
from ledger_app.store.opening import open_ledger
from ledger_app.operations.issuing import build_report
from ledger_app.documents.options import ReportOptions
ledger = open_ledger(sys.argv[1], user=sys.argv[2])
for dept in sys.argv[4:]:
    options = ReportOptions("quarterly-sheet", 2017, 3, date(2017, 10, 15), [dept], signed=date(2017, 10, 15))
    build_report(ledger.engine, options, Path(sys.argv[3]) / f"{dept}.pdf", user=sys.argv[2])
"""


def test_two_desks_issuing_at_once_get_different_numbers(shared, db_url, tmp_path):
    from ledger_app.periods.as_of import ledger_as_of
    from ledger_app.records import numbering

    operations.set_setting(shared.engine, "org.name", "常州经开区改革办")
    depts = ledger_as_of(shared.engine, date(2017, 10, 15)).lead_departments()
    halves = [depts[0::2], depts[1::2]]
    desks = [subprocess.Popen([sys.executable, "-c", ISSUE_SHEETS, db_url, user, str(tmp_path), *names], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for user, names in zip(("张三", "李四"), halves, strict=True)]
    for desk in desks:
        _out, err = desk.communicate(timeout=180)
        assert desk.returncode == 0, err
    issued = numbering.issued(shared.engine, "quarterly-sheet")
    assert sorted(d.serial for d in issued) == list(range(1, len(depts) + 1))
    assert len({d.doc_no for d in issued}) == len(depts) == len({d.subject for d in issued})
    assert {d.issued_by for d in issued} == {"张三", "李四"}
