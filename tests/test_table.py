"""The window's task table service: SQL lights agree with Python, filters, sorting, paging."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.tasks.lights import Thresholds, light_for
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from ledger_app.tasks.table import PAGE, TaskTable


@pytest.fixture
def loaded(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger


def test_sql_light_matches_python_light_on_random_states(loaded, tmp_path):
    from ledger_app.evidence.claims import ClaimInput
    from ledger_app.operations import closure
    from ledger_app.operations.settings import set_setting
    from ledger_app.tasks.closure import pending_ids
    from tests import evidence_files

    rng = random.Random(3)
    views = list_tasks(loaded.engine, TaskQuery())
    # Claims (待销号) made on random days, some decided: the light of an open claim on the day.
    evidence = evidence_files.pdf(tmp_path / "佐证.pdf")
    for view in views[::3]:
        claim = closure.claim_finished(loaded.engine, view.id, ClaimInput(date(2017, rng.randrange(1, 12), 15), "办结"),
                                       [evidence], user="t").value
        if rng.random() < 0.5:
            closure.return_claim(loaded.engine, view.id, claim, date(2017, 12, 20), opinion="补充", user="t")
    set_setting(loaded.engine, "evidence.required", "0")  # 已完成 set directly below, as an office may
    for view in views:
        edit_task(loaded.engine, view.id, {"status": rng.choice(["未启动", "推进中", "已完成", "暂缓", "已取消"]),
                                             "percent": rng.randrange(0, 101)}, user="t")
    thresholds = Thresholds(due_days=45, lag_points=15)
    table = TaskTable(loaded.engine, thresholds)
    seen = set()
    for as_of in (date(2017, 3, 1), date(2017, 7, 1), date(2017, 10, 15), date(2017, 12, 31), date(2018, 2, 1)):
        query = TaskQuery(as_of=as_of)
        table.reset(query, table.find_ids(query))
        with loaded.engine.connect() as conn:
            pending = pending_ids(conn, as_of)
        for position in range(len(table.ids)):
            row = table.row(position)
            view = next(v for v in list_tasks(loaded.engine, TaskQuery(as_of=as_of)) if v.id == row.id)
            assert row.light == light_for(view.status, view.percent, view.deadline, view.start_date, as_of,
                                          thresholds, view.id in pending), (row.code, as_of)
            seen.add(row.light)
    assert "pending" in seen, "the states drawn include 待销号"


def test_filters_and_light_counts(loaded):
    table = TaskTable(loaded.engine)
    as_of = date(2017, 10, 15)
    red = table.find_ids(TaskQuery(as_of=as_of, light="red"))
    assert len(red) == 11
    counts = table.light_counts(TaskQuery(as_of=as_of))
    assert sum(counts.values()) == 32 and counts["red"] == 11
    quarter = table.find_ids(TaskQuery(as_of=as_of, deadline_from=date(2017, 10, 1),
                                       deadline_to=date(2017, 12, 31), open_only=True))
    assert len(quarter) == 18
    # 投资 in a title, a content or a cooperating department (投资发展公司), among 财政局 tasks
    assert len(table.find_ids(TaskQuery(as_of=as_of, dept="财政局", search="投资"))) == 4


@pytest.mark.parametrize("column", ["code", "light", "area", "title", "content", "lead", "co", "leader",
                                    "deadline", "status", "percent", "latest"])
def test_sorting_by_every_column(loaded, column):
    table = TaskTable(loaded.engine)
    query = TaskQuery(as_of=date(2017, 10, 15))
    up, down = table.find_ids(query, column), table.find_ids(query, column, descending=True)
    assert sorted(up) == sorted(down) == sorted(table.find_ids(query))
    if column == "code":
        table.reset(query, up)
        assert [table.row(i).code for i in range(5)] == ["1", "2", "3", "4", "5"]
    if column == "deadline":
        table.reset(query, down)
        assert table.row(0).deadline == date(2017, 12, 31)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", ["", "code", "light", "area", "lead", "deadline", "status", "latest"])
def test_the_whole_list_starts_with_the_first_page_in_the_same_order(loaded, column, descending):
    """The whole id list (on SQLite one text in one step, see TaskTable._ids) and the first page (a
    plain LIMIT) are two readings of one order: the rows on screen never jump when the rest comes in."""
    table = TaskTable(loaded.engine)
    for query in (TaskQuery(as_of=date(2017, 10, 15)), TaskQuery(as_of=date(2017, 10, 15), search="改革"),
                  TaskQuery(as_of=date(2017, 10, 15), search="no such words")):
        whole = table.find_ids(query, column, descending)
        assert whole[:7] == table.find_ids(query, column, descending, limit=7)
        assert len(whole) == len(set(whole)) == sum(table.light_counts(query).values())


def test_rows_are_fetched_lazily_and_refreshed_after_invalidate(loaded):
    table = TaskTable(loaded.engine)
    query = TaskQuery()
    table.reset(query, table.find_ids(query))
    assert table.row(1).code == "2" and len(table._pages) == 1
    edit_task(loaded.engine, find_task_id(loaded.engine, "2"), {"percent": 55}, user="t")
    assert table.row(1).percent == 0  # cached page
    table.invalidate()
    assert table.row(1).percent == 55
    assert PAGE >= 100


def test_due_soon_uses_thresholds(loaded):
    as_of = date(2017, 12, 31) - timedelta(days=20)
    near = TaskTable(loaded.engine, Thresholds(due_days=10, lag_points=100)).find_ids(TaskQuery(as_of=as_of, light="yellow"))
    far = TaskTable(loaded.engine, Thresholds(due_days=30, lag_points=100)).find_ids(TaskQuery(as_of=as_of, light="yellow"))
    assert near == [] and len(far) > 10
