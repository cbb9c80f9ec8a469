"""Next year's table: unfinished tasks become new tasks of next year's plan, linked to the task
they carry on; completed ones stay; the clerk sees the list first; a multi-year plan keeps its
tasks in one plan, year by year."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task
from ledger_app.periods import carry_over, carry_plan
from ledger_app.records.history import list_changes
from ledger_app.system.pause_hook import PAUSE_ENV
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks import overview
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks, plan_titles
from tests.conftest import ROOT
from tests.tables import write_table

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

PLAN_2017 = "常州经开区2017年改革创新目标任务表"
PLAN_2018 = "常州经开区2018年改革创新目标任务表"


@pytest.fixture
def engine(ledger, sample):
    from ledger_app.exchange.importing.apply import import_file

    import_file(ledger.engine, sample)
    engine = ledger.engine
    for code in ("1", "2", "3"):
        edit_task(engine, find_task_id(engine, code, PLAN_2017), {"status": "已完成", "percent": 100}, user="u",
                    effective_on=date(2017, 11, 1))
    edit_task(engine, find_task_id(engine, "4", PLAN_2017), {"status": "已取消"}, user="u",
                effective_on=date(2017, 11, 1))
    edit_task(engine, find_task_id(engine, "5", PLAN_2017), {"status": "推进中", "percent": 60}, user="u",
                effective_on=date(2017, 11, 1))
    return engine


def test_the_clerk_reviews_the_list_and_nothing_is_written_before(engine, db_url, command):
    items = carry_plan.review(engine, 2017, 2018)
    assert len(items) == 28 and {i.code for i in items}.isdisjoint({"1", "2", "3", "4"})
    assert {(i.target_plan, i.new_plan) for i in items} == {(PLAN_2018, True)}
    out = command("carry-over", "--from", "2017", "--to", "2018", db=db_url).stdout
    assert "将结转 28 项未完成任务" in out and PLAN_2018 in out
    assert plan_titles(engine) == [PLAN_2017], "the review writes nothing"


def test_unfinished_tasks_move_into_next_years_plan_linked_to_their_origin(engine, db_url, command):
    out = command("carry-over", "--from", "2017", "--to", "2018", "--yes", db=db_url).stdout
    assert "已结转 28 项" in out
    assert plan_titles(engine) == [PLAN_2017, PLAN_2018]
    new = {v.code: v for v in list_tasks(engine, TaskQuery(plan=PLAN_2018))}
    assert len(new) == 28 and "1" not in new
    five = new["5"]
    origin = find_task_id(engine, "5", PLAN_2017)
    assert (five.carried_from, five.year, five.status, five.percent) == (origin, 2018, "推进中", 60)
    assert (five.deadline, five.start_date, five.area) == (date(2018, 12, 31), date(2018, 1, 1),
                                                           list_tasks(engine, TaskQuery(plan=PLAN_2017))[4].area)
    assert five.lead_depts and five.title == list_tasks(engine, TaskQuery(plan=PLAN_2017))[4].title

    old = {v.code: v for v in list_tasks(engine, TaskQuery(plan=PLAN_2017, as_of=date(2018, 3, 1)))}
    assert old["5"].status == "已结转" and old["5"].light == "off"
    assert (old["1"].status, old["4"].status) == ("已完成", "已取消"), "completed and cancelled ones stay"
    year_end = {v.code: v for v in list_tasks(engine, TaskQuery(plan=PLAN_2017, as_of=date(2017, 12, 31)))}
    assert year_end["5"].status == "推进中", "2017's own documents still show it as it stood"

    # History from both sides: the link, and each side's change log.
    assert carry_plan.lineage(engine, five.id).origins[0][:2] == (origin, "5")
    assert carry_plan.lineage(engine, origin).successors[0][:2] == (five.id, "5")
    assert any(c.field == "结转" and PLAN_2018 in c.new for c in list_changes(engine, origin))
    assert any(c.field == "结转" and PLAN_2017 in c.old for c in list_changes(engine, five.id))

    again = command("carry-over", "--from", "2017", "--to", "2018", db=db_url).stdout
    assert "没有需要结转的未完成任务" in again, "a task is carried over once"
    with pytest.raises(LedgerError, match="没有需要结转"):
        carry_over.carry_over(engine, 2017, 2018, user="u")


def test_only_the_chosen_tasks_are_carried(engine):
    chosen = [find_task_id(engine, c, PLAN_2017) for c in ("5", "6")]
    created = carry_over.carry_over(engine, 2017, 2018, user="u", task_ids=chosen)
    assert sorted(v.code for v in list_tasks(engine, TaskQuery(plan=PLAN_2018))) == ["5", "6"]
    assert len(created) == 2


def test_a_multi_year_plan_keeps_its_tasks_year_by_year(ledger, tmp_path):
    from ledger_app.exchange.importing.apply import import_file

    rows = [[1, "一、行政体制", "审批改革", "三证合一", "", "审批局", "", "", "2017年12月底"],
            [2, "一、行政体制", "执法改革", "综合执法平台", "", "执法局", "", "", "2017年9月底"],
            [3, "二、经济体制", "国资改革", "混合所有制", "", "财政局", "", "", "2017年底前"],
            [4, "二、经济体制", "财税改革", "预算绩效", "", "财政局", "", "", "2018年底前"]]
    book = write_table(tmp_path / "plan.xlsx", rows, title="常州经开区改革创新三年行动计划（2017—2019年）")
    engine = ledger.engine
    result = import_file(engine, book, year=2017)
    edit_task(engine, find_task_id(engine, "3"), {"status": "已完成", "percent": 100}, user="u",
                effective_on=date(2017, 12, 1))
    (plan,) = plan_titles(engine)
    assert plan == result.plan
    items = carry_plan.review(engine, 2017, 2018)
    assert [(i.code, i.new_code, i.target_plan, i.new_plan) for i in items] == [
        ("1", "2018-1", plan, False), ("2", "2018-2", plan, False)], "task 4 is 2018's already"
    carry_over.carry_over(engine, 2017, 2018, user="u")
    assert plan_titles(engine) == [plan], "the same plan, its 2018 part"
    whole = list_tasks(engine, TaskQuery(plan=plan))
    assert len(whole) == 6
    assert [v.code for v in list_tasks(engine, TaskQuery(plan=plan, year=2018))] == ["4", "2018-1", "2018-2"]
    assert [v.code for v in list_tasks(engine, TaskQuery(plan=plan, year=2017))] == ["1", "2", "3"]
    assert [(e.name, e.count) for e in overview.plan_years(engine)] == [("2017", 3), ("2018", 3)]
    new_one = task_fields.get_fields(engine, find_task_id(engine, "2018-1"), ["area_id", "carried_from"])
    assert new_one["carried_from"] == find_task_id(engine, "1")


def _carry_over_paused(db_url: str, marker) -> subprocess.Popen:  # noqa: ANN001
    """`carry-over --from 2017 --yes` in its own process, stopped at its pause point: it has read
    the year and worked out what it will write (tests/test_crash_safety.py kills such processes)."""
    env = {**os.environ, PAUSE_ENV: f"carry-over:{marker}"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", db_url, "carry-over", "--from", "2017",
                             "--yes"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the carry-over never reached its pause point"
        time.sleep(0.01)
    return proc


def test_another_desk_saves_an_edit_while_the_year_is_carried_over(engine, db_url, tmp_path):
    """Carrying a year over holds no lock while it reads the year and works out what to write: an
    edit from another desk meanwhile is saved (on SQLite it would otherwise wait for the whole
    carry-over and then fail with "database is locked"), and the carry-over carries the tasks as
    they stand when it writes — the edited percent, not the completed task — losing no update."""
    five, six = find_task_id(engine, "5", PLAN_2017), find_task_id(engine, "6", PLAN_2017)
    seen = task_fields.get_fields(engine, five, ["version"])["version"]
    marker = tmp_path / "paused"
    proc = _carry_over_paused(db_url, marker)
    try:
        # Another desk (its own connection), while the carry-over is under way.
        edit_task(engine, five, {"percent": 70}, user="李四", expected_version=seen)
        edit_task(engine, six, {"status": "已完成", "percent": 100}, user="李四", effective_on=date(2017, 12, 20))
    finally:
        marker.unlink()  # let the carry-over go on
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "已结转 27 项" in out, out

    new = {v.code: v for v in list_tasks(engine, TaskQuery(plan=PLAN_2018))}
    assert "6" not in new, "completed meanwhile: not carried over"
    assert (new["5"].percent, new["5"].status, new["5"].carried_from) == (70, "推进中", five)
    origin = task_fields.get_fields(engine, five, ["percent", "version"])
    assert origin == {"percent": 70, "version": seen + 2}, "the other desk's version, then the carry-over's"
    log = [(c.changed_by, c.field, c.new, c.version) for c in list_changes(engine, five)]
    assert ("李四", "percent", "70", seen + 1) in log
    assert any(who != "李四" and field == "status" and value == "已结转" and version == seen + 2
               for who, field, value, version in log)


def test_a_carry_over_that_fails_while_writing_leaves_nothing_half_done(engine, monkeypatch):
    """All or nothing: a failure after the new plan, tasks and change log are written (before the
    origins are marked 已结转) leaves the ledger as it was."""
    before = {v.code: (v.status, v.version) for v in list_tasks(engine, TaskQuery(plan=PLAN_2017))}
    log_before = len(list_changes(engine, find_task_id(engine, "5", PLAN_2017)))

    def broken(*_args: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(carry_over, "_update_origins", broken)
    with pytest.raises(RuntimeError, match="disk is full"):
        carry_over.carry_over(engine, 2017, 2018, user="u")
    assert plan_titles(engine) == [PLAN_2017]
    assert {v.code: (v.status, v.version) for v in list_tasks(engine, TaskQuery(plan=PLAN_2017))} == before
    assert len(list_changes(engine, find_task_id(engine, "5", PLAN_2017))) == log_before
    monkeypatch.undo()
    assert len(carry_over.carry_over(engine, 2017, 2018, user="u")) == 28, "and it can be done again"
