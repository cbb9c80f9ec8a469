"""One rule, every implementation, the same boundary rows (issue 23).

The rules with more than one reading — behind schedule and the lights (Python ``light_for`` and the SQL
``light_expression``), a field as of a day (``timeline.task_columns`` in SQL, ``value_as_of`` in Python, the
frozen snapshot), the latest progress (``report_counts`` in SQL, Python and sqlite3's first page) and
连续两个季度滞后 (the dashboard's SQL, the bulletin's tally) — are run over the rows where they could part:

1  a Q3 report of 60 % effective on the as-of day: exactly ``lag_points`` behind → green, not lagging
2  the same with 59 %: yellow, lagging
3  due on the as-of day itself: yellow, not overdue, due within 0 days
4  暂缓, behind at both quarter ends: not lagging (the decision of issue 23), on the dashboard and in the bulletin
5  its twin 推进中: lagging
6  已完成 effective on the as-of day
7  two changes of 完成% on the as-of day: the later recorded (70) wins
then, with changes effective after the day (which must not leak into it):
8  carried over from 2016 (已结转 effective 2017-01-01): light off, not open, not lagging
9  a change effective on the day entered after a later one (补录): the day reads it

Each reading is asked through its public door: list_tasks, TaskTable, the dashboard's stats, the first
page, the documents' snapshot (live, then frozen by 季度封账), the assessment's facts, escalation and the
整改通知书. On SQLite and, under tools/pg_cluster.py, PostgreSQL (the ``ledger`` fixture switches).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.assessment import facts
from ledger_app.documents.build import prepare
from ledger_app.documents.options import ReportOptions
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.periods import carry_over, closing, tally
from ledger_app.periods.snapshot import take_live
from ledger_app.records.progress import ProgressInput
from ledger_app.supervision.escalation import proposals
from ledger_app.tasks import stats
from ledger_app.tasks.first_page import read_first_page
from ledger_app.tasks.lights import Thresholds
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from ledger_app.tasks.table import TaskTable
from tests.steps import close_quarter, record_progress, update_task
from tests.tables import write_table

# These rules are about dates and percents; 已完成 is set directly, as an office without the evidence rule does.
pytestmark = pytest.mark.usefixtures("evidence_optional")


AS_OF = date(2017, 9, 30)  # a quarter's end, so 季度封账 freezes exactly this day
LATER = date(2017, 10, 10)
DUE = "2017年12月7日"  # 340 days after 1 January: on 30 September 272 days, 80 %, have gone
PLAN_2017, PLAN_2016 = "常州经开区2017年改革任务表", "常州经开区2016年改革任务表"
Q2, Q3 = "二季度：完成调研", "三季度：开展试点"

# row → (status, percent, light, lagging two quarters, document category, latest progress) as of AS_OF
EXPECTED = {
    "1": ("推进中", 60, "green", False, "green", Q3),
    "2": ("推进中", 59, "yellow", True, "yellow", Q3),
    "3": ("推进中", 50, "yellow", True, "yellow", ""),
    "4": ("暂缓", 0, "yellow", False, "paused", ""),
    "5": ("推进中", 0, "yellow", True, "yellow", ""),
    "6": ("已完成", 0, "done", False, "done", ""),
    "7": ("推进中", 70, "green", True, "green", ""),
}
LATER_ROWS = {
    "8": ("已结转", 10, "off", False, "carried", ""),
    "9": ("推进中", 0, "yellow", True, "yellow", ""),
}


def _edit(engine, code: str, day: date, plan: str = PLAN_2017, **changes) -> None:  # noqa: ANN001
    update_task(engine, find_task_id(engine, code, plan), changes, user="测试员", effective_on=day)


def _report(engine, code: str, quarter: int, percent: int, text: str, day: date) -> None:  # noqa: ANN001
    record_progress(engine, find_task_id(engine, code, PLAN_2017),
                    ProgressInput(2017, quarter, percent, text, effective_on=day), user="测试员")


@pytest.fixture
def rows(ledger, tmp_path):
    engine = ledger.engine
    header = ["序号", "改革项目", "牵头部门", "完成时限"]
    table = [[code, f"第{code}行", "发改局", "2017年9月30日" if code == "3" else DUE] for code in EXPECTED]
    import_file(engine, write_table(tmp_path / "2017.xlsx", [*table, ["9", "第9行", "发改局", DUE]],
                                    title=PLAN_2017, header=header))
    import_file(engine, write_table(tmp_path / "2016.xlsx", [["8", "第8行", "发改局", "2016年12月31日"]],
                                    title=PLAN_2016, header=header))
    july = date(2017, 7, 1)
    for code, q3 in (("1", 60), ("2", 59)):
        _report(engine, code, 2, 30, Q2, date(2017, 6, 30))
        _report(engine, code, 3, q3, Q3, AS_OF)
    _edit(engine, "3", july, percent=50)
    _edit(engine, "4", july, status="暂缓")
    _edit(engine, "5", july, status="推进中")
    _edit(engine, "6", july, status="推进中")
    _edit(engine, "6", AS_OF, status="已完成")
    _edit(engine, "7", AS_OF, percent=30)
    _edit(engine, "7", AS_OF, percent=70)
    _edit(engine, "8", date(2016, 7, 1), plan=PLAN_2016, percent=10)
    return ledger


def _later_changes(engine) -> None:  # noqa: ANN001
    """Changes effective after AS_OF: none may change how AS_OF reads."""
    _report(engine, "1", 4, 80, "四季度：全面推开", LATER)
    _edit(engine, "7", LATER, percent=90)
    _edit(engine, "9", LATER, status="已完成")
    _edit(engine, "9", AS_OF, status="推进中")  # entered afterwards, effective on the day (补录)
    carry_over.carry_over(engine, 2016, 2017, user="测试员", plan=PLAN_2016)


def _ids(engine, expected: dict) -> dict[int, str]:  # noqa: ANN001
    plan = {code: PLAN_2016 if code == "8" else PLAN_2017 for code in expected}
    return {find_task_id(engine, code, plan[code]): code for code in expected}


def _readings(engine, db: str, ids: dict[int, str]) -> dict[str, dict[str, tuple]]:  # noqa: ANN001
    """Every implementation's (status, percent, light, lagging, category, latest) of each row as of AS_OF."""
    thresholds = Thresholds()
    views = {v.id: v for v in list_tasks(engine, TaskQuery(as_of=AS_OF))}
    _all_ids, table_rows = TaskTable(engine, thresholds).load(TaskQuery(as_of=AS_OF))
    table = {r.id: r for r in table_rows}
    snap = take_live(engine, AS_OF)
    live = {t.id: t for t in snap.tasks}
    dashboard = {line.id for line in stats.lagging_two_quarters(engine, AS_OF, thresholds)}
    bulletin = {t.id for t in tally.lagging_two_quarters(snap)}
    assessed = {f.id: f for f in facts.take(engine, AS_OF).tasks}
    found = {}
    for task_id, code in ids.items():
        v, r, s = views[task_id], table[task_id], live[task_id]
        found[code] = {
            "list_tasks": (v.status, v.percent, v.light, task_id in dashboard, tally.category(v), v.latest_progress),
            "TaskTable": (r.status, r.percent, r.light, task_id in bulletin, tally.category(v), r.latest),
            "snapshot": (s.status, s.percent, s.light, task_id in bulletin, tally.category(s), s.latest_progress),
        }
        assert (assessed[task_id].status, assessed[task_id].deadline) == (v.status, v.deadline), code
    counts = Counter(v.light for v in views.values())
    assert {k: n for k, n in stats.light_counts(engine, AS_OF, thresholds).items() if n} == dict(counts)
    engine.dispose()  # the last connection closed folds the -wal in: the first page reads only a file without one
    first = read_first_page(db, AS_OF)
    if first is not None:
        page = {r.id: r for r in first.rows}
        for task_id, code in ids.items():
            p = page[task_id]
            found[code]["first_page"] = (p.status, p.percent, p.light, task_id in dashboard,
                                         tally.category(views[task_id]), p.latest)
    return found


def _check(found: dict[str, dict[str, tuple]], expected: dict) -> None:
    for code, want in expected.items():
        for reading, got in found[code].items():
            assert got == want, f"row {code}, {reading}: {got} ≠ {want}"


def test_every_reading_agrees_on_every_boundary_row(rows, db_url):
    engine = rows.engine
    found = _readings(engine, db_url, _ids(engine, EXPECTED))
    _check(found, EXPECTED)
    # Here nothing is effective later: the first page (read with sqlite3 or psycopg) is among the readings.
    assert all("first_page" in readings for readings in found.values())

    _later_changes(engine)
    everything = {**EXPECTED, **LATER_ROWS}
    found = _readings(engine, db_url, _ids(engine, everything))
    _check(found, everything)
    engine.dispose()
    assert read_first_page(db_url, AS_OF) is None, "a later change: the first page leaves the day to the SQL"
    assert read_first_page(db_url, date.today()) is not None  # nothing later than today


def test_a_closed_quarter_reads_the_same_and_filters_the_same(rows, db_url):
    engine = rows.engine
    _later_changes(engine)
    close_quarter(engine, 2017, 3, user="测试员")
    ids = _ids(engine, {**EXPECTED, **LATER_ROWS})
    frozen = {t.id: t for t in closing.frozen(engine, AS_OF).tasks}
    for task_id, code in ids.items():
        status, percent, light, _lagging, category, latest = ({**EXPECTED, **LATER_ROWS})[code]
        t = frozen[task_id]
        assert (t.status, t.percent, t.light, tally.category(t), t.latest_progress) == \
            (status, percent, light, category, latest), code
    bulletin = {t.id for t in tally.lagging_two_quarters(closing.frozen(engine, AS_OF))}
    assert bulletin == {i for i, c in ids.items() if ({**EXPECTED, **LATER_ROWS})[c][3]}
    # The frozen snapshot filters as the database does (closing.matches, the twin of queries.apply_filters).
    for query in (TaskQuery(overdue=True), TaskQuery(due_within=0), TaskQuery(open_only=True),
                  TaskQuery(status="暂缓"), TaskQuery(light="yellow"), TaskQuery(light="off"),
                  TaskQuery(deadline_to=AS_OF), TaskQuery(deadline_from=AS_OF)):
        query.as_of = AS_OF
        live = {v.id for v in list_tasks(engine, query)} & set(ids)
        assert {t.id for t in closing.frozen(engine, AS_OF, query).tasks} & set(ids) == live, query
        assert set(TaskTable(engine).find_ids(query)) & set(ids) == live, query


def test_due_on_the_day_is_neither_overdue_nor_out_of_the_window(rows):
    engine = rows.engine
    due = find_task_id(engine, "3", PLAN_2017)
    assert due not in {v.id for v in list_tasks(engine, TaskQuery(as_of=AS_OF, overdue=True))}
    assert due in {v.id for v in list_tasks(engine, TaskQuery(as_of=AS_OF, due_within=0))}
    assert due in {v.id for v in list_tasks(engine, TaskQuery(as_of=date(2017, 10, 1), overdue=True))}
    assert [v.light for v in list_tasks(engine, TaskQuery(as_of=date(2017, 10, 1), task_ids=[due]))] == ["red"]


def test_escalation_and_the_notice_take_the_same_boundary(rows):
    engine = rows.engine
    operations.set_settings(engine, {"org.name": "常州经开区改革办"})
    proposed = {p.code for p in proposals(engine, AS_OF)}
    assert "1" not in proposed and "2" in proposed, "exactly lag_points behind is not behind"
    with pytest.raises(LedgerError, match="进度正常"):
        prepare(engine, ReportOptions(kind="notice", year=2017, as_of=AS_OF, task_code="1", plan=PLAN_2017))
    assert prepare(engine, ReportOptions(kind="notice", year=2017, as_of=AS_OF, task_code="2",
                                         plan=PLAN_2017)).task.code == "2"


def test_the_latest_progress_of_a_quarter_still_running_counts_once_effective(rows):
    """The one definition (tasks.queries.report_counts): a report counts once its 业务日期 has come, its
    quarter ended or not; the day before, the previous quarter's report is the latest."""
    engine = rows.engine
    task_id = find_task_id(engine, "1", PLAN_2017)
    for day, text in ((date(2017, 9, 29), Q2), (AS_OF, Q3)):
        query = TaskQuery(as_of=day, task_ids=[task_id])
        assert [v.latest_progress for v in list_tasks(engine, query)] == [text], day
        assert [r.latest for r in TaskTable(engine).load(query)[1]] == [text], day
        assert [t.latest_progress for t in take_live(engine, day, query).tasks] == [text], day
    # Q4 still running on 20 November: its report, effective 15 November, is the latest progress everywhere.
    running = find_task_id(engine, "5", PLAN_2017)
    _report(engine, "5", 4, 10, "四季度：已启动", date(2017, 11, 15))
    query = TaskQuery(as_of=date(2017, 11, 20), task_ids=[running])
    assert [v.latest_progress for v in list_tasks(engine, query)] == ["四季度：已启动"]
    assert [r.latest for r in TaskTable(engine).load(query)[1]] == ["四季度：已启动"]
    assert [t.latest_progress for t in take_live(engine, query.as_of, query).tasks] == ["四季度：已启动"]
