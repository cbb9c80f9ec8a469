"""Dashboard figures, checked against tasks set up through the services."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app import stats
from ledger_app.importing import import_file
from ledger_app.lights import Thresholds
from ledger_app.tasks import ProgressInput, find_task_id, record_progress, update_task

AS_OF = date(2017, 10, 15)


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def _id(engine, code):
    return find_task_id(engine, code)


def test_light_counts_and_completion(engine):
    for code in ("1", "2", "30"):
        update_task(engine, _id(engine, code), {"status": "已完成", "percent": 100}, user="t")
    counts = stats.light_counts(engine, AS_OF, Thresholds())
    assert counts["done"] == 3 and sum(counts.values()) == 32 and counts["red"] == 8  # 1, 2 and 30 were overdue
    areas = stats.completion_by_area(engine)
    assert [(a.name[:2], a.total, a.done) for a in areas] == [("一、", 10, 2), ("二、", 10, 0), ("三、", 4, 0),
                                                             ("四、", 5, 0), ("五、", 3, 1)]
    depts = {d.name: (d.total, d.done) for d in stats.completion_by_department(engine)}
    assert depts["行政审批局"] == (3, 2) and depts["社会事业局"] == (3, 1)
    assert stats.completion_by_department(engine)[-1].name == "行政审批局"  # the best rate comes last


def test_next_deadlines_are_open_and_soonest_first(engine):
    update_task(engine, _id(engine, "12"), {"status": "已完成"}, user="t")
    lines = stats.next_deadlines(engine, AS_OF, limit=3)
    assert [line.code for line in lines] == ["27", "8", "3"]
    assert all(line.deadline >= AS_OF for line in lines)


def test_quarter_ends_before_a_date():
    assert stats.last_two_quarter_ends(date(2017, 10, 15)) == [date(2017, 6, 30), date(2017, 9, 30)]
    assert stats.last_two_quarter_ends(date(2017, 9, 30)) == [date(2017, 6, 30), date(2017, 9, 30)]
    assert stats.last_two_quarter_ends(date(2017, 2, 1)) == [date(2016, 9, 30), date(2016, 12, 31)]


def test_lagging_two_quarters(engine):
    lagging = {line.code for line in stats.lagging_two_quarters(engine, AS_OF, Thresholds())}
    # Task 3 (deadline 2017-12-31, nothing reported) is behind at both quarter ends.
    assert "3" in lagging
    # Reporting enough progress for Q2 and Q3 takes it off the list.
    task = _id(engine, "3")
    record_progress(engine, task, ProgressInput(2017, 2, 50, "方案完成"), user="t")
    record_progress(engine, task, ProgressInput(2017, 3, 75, "平台上线试运行"), user="t")
    assert "3" not in {line.code for line in stats.lagging_two_quarters(engine, AS_OF, Thresholds())}
    # Behind in Q2 only (caught up in Q3) is not "two quarters running".
    task = _id(engine, "5")
    record_progress(engine, task, ProgressInput(2017, 3, 80, "十个领域全部启动"), user="t")
    assert "5" not in {line.code for line in stats.lagging_two_quarters(engine, AS_OF, Thresholds())}
    # Open-ended tasks are never lagging; completed ones neither.
    assert not lagging & {"7", "13", "28"}
