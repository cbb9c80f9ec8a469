"""Dashboard figures, checked against tasks set up through the services (the 32-task sample)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task, record_progress
from ledger_app.records.history import list_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.store.models import DeptRole
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks import stats
from ledger_app.tasks.lights import WATCHED, Thresholds, behind
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

AS_OF = date(2017, 10, 15)
WITH_DEADLINE = {str(n) for n in range(1, 33)} - {"7", "13", "28"}  # 7, 13, 28: 持续推进, no date


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def _id(engine, code: str) -> int:
    return find_task_id(engine, code)


def _set(engine, code: str, **changes) -> None:
    # Effective before the day the figures are read for (业务日期 ≤ AS_OF counts).
    edit_task(engine, _id(engine, code), changes, user="测试员", effective_on=date(2017, 10, 1))


def _report(engine, code: str, quarter: int, percent: int, year: int = 2017) -> None:
    record_progress(engine, _id(engine, code), ProgressInput(year, quarter, percent, f"第{quarter}季度进展"),
                    user="测试员")


DEFAULT = Thresholds()


def _lagging(engine, as_of: date = AS_OF, thresholds: Thresholds = DEFAULT) -> set[str]:
    return {line.code for line in stats.lagging_two_quarters(engine, as_of, thresholds)}


def test_light_counts(engine):
    assert stats.light_counts(engine, AS_OF, Thresholds()) == {"red": 11, "yellow": 18, "green": 3, "done": 0,
                                                                "off": 0, "pending": 0}
    for code in ("1", "2", "30"):  # three overdue tasks completed
        _set(engine, code, status="已完成", percent=100)
    _set(engine, "31", status="已取消")
    assert stats.light_counts(engine, AS_OF, Thresholds()) == {"red": 8, "yellow": 17, "green": 3, "done": 3,
                                                                "off": 1, "pending": 0}
    # Open-ended tasks (no deadline) stay green however wide the warning window.
    assert stats.light_counts(engine, AS_OF, Thresholds(due_days=90)) == {"red": 8, "yellow": 17, "green": 3,
                                                                          "done": 3, "off": 1, "pending": 0}


def test_completion_by_area_in_ledger_order(engine):
    for code in ("1", "2", "30"):
        _set(engine, code, status="已完成", percent=100)
    _set(engine, "31", status="已取消")  # out of the schedule: not counted at all
    areas = stats.completion_by_area(engine)
    assert [(a.name[:2], a.total, a.done) for a in areas] == [
        ("一、", 10, 2), ("二、", 10, 0), ("三、", 4, 0), ("四、", 5, 0), ("五、", 2, 1)]
    assert areas[0].name.startswith("一、深化行政体制改革")
    assert areas[0].rate == pytest.approx(20.0) and areas[4].rate == pytest.approx(50.0)


def test_tasks_without_area_come_last(engine):
    plan_id = task_fields.get_fields(engine, _id(engine, "1"), ["plan_id"])["plan_id"]
    operations.create_task(engine, plan_id, {"title": "新增任务", "status": "已完成"}, user="测试员")
    assert stats.completion_by_area(engine)[-1] == stats.Completion("", 1, 1)
    assert len(stats.completion_by_area(engine)) == 6


def test_completion_by_department_lowest_rate_first(engine):
    for code in ("1", "2", "30"):
        _set(engine, code, status="已完成", percent=100)
    _set(engine, "31", status="已取消")
    depts = stats.completion_by_department(engine)
    by_name = {d.name: (d.total, d.done) for d in depts}
    assert by_name["行政审批局"] == (3, 2) and by_name["社会事业局"] == (2, 1)
    assert depts[0] == stats.Completion("经济发展局", 4, 0)  # nothing done and the most tasks: first to push
    assert [d.name for d in depts[-2:]] == ["社会事业局", "行政审批局"]  # 50 %, then 66.7 %
    co = stats.completion_by_department(engine, role=DeptRole.CO)
    views = [t for t in list_tasks(engine, TaskQuery(as_of=AS_OF)) if t.status != "已取消"]
    # 40 co-operating names, of which 各镇（街道） (twice) and 各产业园区 are collective terms, not departments.
    assert sum(d.total for d in co) == sum(len(t.co_depts) for t in views) == 37
    assert {d.name for d in co} == {name for t in views for name in t.co_depts}
    assert not {d.name for d in co} & {"各镇（街道）", "各产业园区"}


def test_plan_filter_and_areas_merged_across_plans(engine, sample):
    first = task_fields.get_fields(engine, _id(engine, "1"), ["plan_id"])["plan_id"]
    import_file(engine, sample, plan="第二份方案")
    assert sum(stats.light_counts(engine, AS_OF, Thresholds()).values()) == 64
    assert sum(stats.light_counts(engine, AS_OF, Thresholds(), plan_id=first).values()) == 32
    assert [a.total for a in stats.completion_by_area(engine)] == [20, 20, 8, 10, 6]
    assert [a.total for a in stats.completion_by_area(engine, plan_id=first)] == [10, 10, 4, 5, 3]
    assert len(stats.next_deadlines(engine, AS_OF, limit=100, plan_id=first)) == 18


def test_next_deadlines_are_open_and_soonest_first(engine):
    lines = stats.next_deadlines(engine, AS_OF, limit=3)
    assert [line.code for line in lines] == ["12", "27", "8"]
    _set(engine, "12", status="已完成")
    _set(engine, "8", status="已取消")
    lines = stats.next_deadlines(engine, AS_OF, limit=3)
    assert [line.code for line in lines] == ["27", "3", "5"]
    first = lines[0]
    assert (first.deadline, first.lead, first.light, first.status) == (date(2017, 10, 31), "经济发展局", "yellow",
                                                                      "未启动")
    assert len(stats.next_deadlines(engine, AS_OF, limit=100)) == 16  # 18 due from 15 October, minus 12 and 8
    assert all(line.deadline >= AS_OF for line in stats.next_deadlines(engine, AS_OF, limit=100))


def test_quarter_ends_before_a_date():
    assert stats.last_two_quarter_ends(date(2017, 10, 15)) == [date(2017, 6, 30), date(2017, 9, 30)]
    assert stats.last_two_quarter_ends(date(2017, 9, 30)) == [date(2017, 6, 30), date(2017, 9, 30)]
    assert stats.last_two_quarter_ends(date(2017, 9, 29)) == [date(2017, 3, 31), date(2017, 6, 30)]
    assert stats.last_two_quarter_ends(date(2017, 2, 1)) == [date(2017 - 1, 9, 30), date(2016, 12, 31)]
    assert stats.last_two_quarter_ends(date(2018, 4, 1)) == [date(2017, 12, 31), date(2018, 3, 31)]


def test_lagging_two_quarters(engine):
    # Nobody has reported anything: every open task with a deadline is behind at both quarter ends.
    assert _lagging(engine) == WITH_DEADLINE
    assert stats.count_lagging_two_quarters(engine, AS_OF, Thresholds()) == 29

    # Task 3 runs 2017-01-01 → 12-31 (364 days): expected 49.5 % on 30 June, 74.7 % on 30 September.
    _report(engine, "3", 2, 30)  # 19.5 points behind in Q2: within the 20 allowed
    assert "3" not in _lagging(engine)
    _report(engine, "3", 2, 29)  # 20.5 behind in Q2, and Q3 (nothing new) still reads 29 %
    assert "3" in _lagging(engine)

    # Behind in Q2, caught up in Q3: not two quarters running.
    _report(engine, "5", 3, 55)  # 74.7 - 55 = 19.7
    assert "5" not in _lagging(engine)
    # A Q4 report does not rewrite how the task stood at the end of Q2 and Q3.
    _report(engine, "6", 4, 100)
    assert "6" in _lagging(engine)

    # Overdue at a quarter end counts as behind whatever was reported; completed tasks never lag.
    _report(engine, "1", 3, 90)
    assert "1" in _lagging(engine)
    _set(engine, "1", status="已完成")
    _set(engine, "2", status="暂缓")  # paused by decision: not lagging
    _set(engine, "4", status="已取消")
    lagging = _lagging(engine)
    assert "1" not in lagging and "2" not in lagging and "4" not in lagging
    assert lagging == WITH_DEADLINE - {"1", "2", "4", "5"}
    assert stats.count_lagging_two_quarters(engine, AS_OF, Thresholds()) == len(lagging) == 25

    # 60 points of tolerance: only tasks due by 30 September (more than 60 % of their time gone on
    # 30 June, and overdue or 100 % expected on 30 September) are still listed.
    loose = _lagging(engine, thresholds=Thresholds(lag_points=60))
    assert loose == {"9", "14", "17", "19", "22", "23", "25", "30"}


def test_lagging_exact_boundary(engine):
    # 2017-01-01 → 12-27 is 360 days: on 30 June exactly 50 % of the time has gone.
    _set(engine, "10", deadline=date(2017, 12, 27))
    _report(engine, "10", 2, 30)  # exactly 20 points behind: not *more than* 20
    assert "10" not in _lagging(engine)
    _report(engine, "10", 2, 29)
    assert "10" in _lagging(engine)
    assert [line.code for line in stats.lagging_two_quarters(engine, AS_OF, Thresholds(), limit=3)] == ["1", "2", "3"]


def test_sql_rule_matches_the_python_rule(engine):
    """The SQL and :func:`lights.behind` (used by the printed reports) must agree."""
    rng = random.Random(3)
    codes = [str(n) for n in range(1, 33)]
    for code in rng.sample(codes, 20):
        for quarter in sorted(rng.sample([1, 2, 3, 4], rng.randint(1, 3))):
            _report(engine, code, quarter, rng.randrange(0, 101, 5))
    for code in rng.sample(codes, 5):
        _set(engine, code, status=rng.choice(["已完成", "已取消", "暂缓"]))
    for as_of in (AS_OF, date(2017, 9, 30), date(2017, 7, 1), date(2018, 1, 5)):
        thresholds = Thresholds(lag_points=rng.choice([10, 20, 35]))
        ends = stats.last_two_quarter_ends(as_of)
        expected = set()
        for task in list_tasks(engine, TaskQuery(as_of=as_of)):
            if task.status not in WATCHED or task.deadline is None:
                continue
            reports = [(r.year, r.quarter, r.percent) for r in list_progress(engine, task.id)]
            if all(behind(task.deadline, task.start_date, _reported(reports, end), end,
                          thresholds.lag_points) for end in ends):
                expected.add(task.code)
        assert _lagging(engine, as_of, thresholds) == expected, as_of


def _reported(reports: list[tuple[int, int, int]], end: date) -> int:
    up_to = [(y, q, p) for y, q, p in reports if (y, q) <= (end.year, (end.month - 1) // 3 + 1)]
    return max(up_to)[2] if up_to else 0
