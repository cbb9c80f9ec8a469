"""季度封账 on its edges (issue 23, from the mutation run): what a 更正 changes in a closed quarter's
snapshot and what it leaves as frozen, the 更正 list itself (entered on the clerk's own day), the closed
quarters in order with who closed them, and one plan's trend."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import add_supervision, edit_task, record_progress
from ledger_app.periods import closing
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks.queries import find_task_id
from tests.documents import make, sample_with_progress
from tests.tables import write_table

Q3_END = date(2017, 9, 30)


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    operations.set_setting(ledger.engine, "evidence.required", "0")  # 已完成 set directly
    return ledger.engine


def _views(snap) -> dict[str, object]:  # noqa: ANN001
    return {t.code: t for t in snap.tasks}


def test_a_correction_reads_its_own_task_again_and_leaves_every_other_as_frozen(engine):
    """After the close the warning thresholds change (a task's light as of the quarter's end would now be
    another) and task 30 is corrected: only task 30 is read from the ledger again, with its progress and
    督办 of the quarter; the others, their reports and their 督办 stay as frozen, the 督办 in date order."""
    add_supervision(engine, find_task_id(engine, "4"), SupervisionInput("催办", date(2017, 9, 10), "电话催办"),
                    user="督查室")
    operations.close_quarter(engine, 2017, 3, user="督查室")
    operations.set_setting(engine, "warn.due_days", "200")
    before = closing.frozen(engine, Q3_END)
    task = find_task_id(engine, "30")
    edit_task(engine, task, {"status": "已完成", "percent": 100}, user="u", effective_on=date(2017, 9, 1),
              reason="学校9月1日已开学，漏报")
    record_progress(engine, task, ProgressInput(2017, 3, 100, "9月1日开学", report_date=date(2017, 9, 30)),
                    user="u", reason="漏报")
    add_supervision(engine, task, SupervisionInput("专项督查", date(2017, 9, 5), "开学检查"), user="u", reason="漏记")
    after = closing.frozen(engine, Q3_END)
    assert _views(after)["30"].status == "已完成" and _views(before)["30"].status != "已完成"
    assert {c: v for c, v in _views(after).items() if c != "30"} == \
        {c: v for c, v in _views(before).items() if c != "30"}, "the others as frozen, lights and all"
    assert [r.done for r in after.progress[task]] == ["9月1日开学"]
    assert {k: v for k, v in after.progress.items() if k != task} == \
        {k: v for k, v in before.progress.items() if k != task}
    assert [(a.task_id, a.kind) for a in after.supervision] == \
        [(task, "专项督查"), (find_task_id(engine, "4"), "催办")], "both, by date: 5 and 10 September"
    assert [a.action_date for a in after.supervision] == sorted(a.action_date for a in after.supervision)


def test_the_correction_list_names_the_task_the_field_the_reason_and_who_entered_it_on_their_day(
        engine, monkeypatch):
    """Entered at 20:00 UTC on 9 October, which is already 10 October in Beijing, where the clerk sits."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        monkeypatch.setattr("ledger_app.operations.periods.utcnow", lambda: datetime(2017, 10, 8, 2, tzinfo=UTC))
        operations.close_quarter(engine, 2017, 3, user="督查室")
        monkeypatch.setattr("ledger_app.tasks.editing.utcnow", lambda: datetime(2017, 10, 9, 20, tzinfo=UTC))
        edit_task(engine, find_task_id(engine, "30"), {"status": "已完成"}, user="王科员", effective_on=date(2017, 9, 1),
                  reason="漏报")
        (correction,) = closing.frozen(engine, Q3_END).corrections
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    title = task_fields.get_fields(engine, find_task_id(engine, "30"), ["title"])["title"]
    assert (correction.code, correction.title, correction.field, correction.old, correction.new) == \
        ("30", title, "状态", "未启动", "已完成")
    assert (correction.effective_on, correction.reason, correction.entered_on, correction.by) == \
        (date(2017, 9, 1), "漏报", date(2017, 10, 10), "王科员")


def test_closed_quarters_are_listed_oldest_first_with_who_closed_them_and_their_documents(engine, tmp_path):
    make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END)
    for year, quarter in ((2018, 1), (2017, 3), (2017, 1)):  # closed out of order
        operations.close_quarter(engine, year, quarter, user=f"督查室{quarter}")
    listed = closing.closed_quarters(engine)
    assert [(c.year, c.quarter, c.closed_by) for c in listed] == \
        [(2017, 1, "督查室1"), (2017, 3, "督查室3"), (2018, 1, "督查室1")]
    assert all(isinstance(c.closed_at, datetime) for c in listed)
    third = listed[1]
    assert (third.figures.year, third.figures.quarter, third.figures.total) == (2017, 3, 32)
    assert [d.kind for d in third.documents] == ["bulletin"] and listed[0].documents == []


def test_the_trend_of_one_plan_counts_its_own_tasks(engine, tmp_path):
    other = write_table(tmp_path / "专项.xlsx", [[1, "一、领域", "推进科技体制改革", "建成科创中心", "专项改革项目",
                                                "科技局", "", "", "2017年8月31日"]], title="常州经开区2017年科技专项任务表")
    import_file(engine, other)
    operations.close_quarter(engine, 2017, 3, user="督查室")
    plan = task_fields.get_fields(engine, find_task_id(engine, "30"), ["plan_id"])["plan_id"]
    assert [f.total for f in closing.trend(engine)] == [33]
    assert [f.total for f in closing.trend(engine, plan)] == [32]


def test_督办_of_one_day_keep_the_order_they_were_recorded_in_when_one_task_is_corrected(engine):
    """Two 督办 on 10 September: task 30's recorded first. Task 30 is corrected, so its 督办 is read from the
    ledger again and joins the frozen ones of the others; the day's two keep the order they were recorded in."""
    add_supervision(engine, find_task_id(engine, "30"), SupervisionInput("催办", date(2017, 9, 10), "一"), user="u")
    add_supervision(engine, find_task_id(engine, "4"), SupervisionInput("催办", date(2017, 9, 10), "二"), user="u")
    operations.close_quarter(engine, 2017, 3, user="督查室")
    edit_task(engine, find_task_id(engine, "30"), {"percent": 10}, user="u", effective_on=date(2017, 9, 1),
              reason="漏报")
    assert [a.content for a in closing.frozen(engine, Q3_END).supervision] == ["一", "二"]


def test_a_frozen_quarter_finds_a_search_across_two_collective_terms_as_the_ledger_does(engine):
    """The collective terms a task names (各部门、相关单位) are searched as one text, joined as the ledger keeps
    them, in a closed quarter's snapshot as in the ledger's own query."""
    from ledger_app.periods.snapshot import take_live
    from ledger_app.tasks.queries import TaskQuery

    edit_task(engine, find_task_id(engine, "5"), {"lead_depts": "发改局、各部门、相关单位",
                                                  "co_depts": "财政局、各镇、各街道"}, user="u",
              effective_on=date(2017, 1, 5))
    operations.close_quarter(engine, 2017, 3, user="督查室")
    for text in ("各部门、相关单位", "各镇、各街道"):
        query = TaskQuery(search=text)
        assert [t.code for t in closing.frozen(engine, Q3_END, query).tasks] == \
            [t.code for t in take_live(engine, Q3_END, query).tasks] == ["5"], text


def test_a_closed_quarters_snapshot_keeps_its_register_and_its_corrections_in_their_order(engine, tmp_path):
    """Thawed, the snapshot says which quarter it froze and keeps the documents' times as registered. Its
    更正 are those entered after the close, effective by its end, applied and on a task still in the
    ledger, listed by 业务日期 (whatever the order they were entered in)."""
    from ledger_app.records import numbering
    from ledger_app.tasks.editing import StaleEditError

    make(engine, tmp_path, "bulletin", quarter=3, as_of=Q3_END)
    for quarter in (3, 4):
        operations.close_quarter(engine, 2017, quarter, user="督查室")
    snap = closing.frozen(engine, Q3_END)
    assert snap.closed == (2017, 3)
    ((kept,), (registered,)) = snap.documents, numbering.issued(engine, "bulletin")
    assert (kept.issued_at, kept.delivered_at) == (registered.issued_at, registered.delivered_at)
    thirty, thirty_one, two = (find_task_id(engine, code) for code in ("30", "31", "2"))
    edit_task(engine, thirty, {"percent": 50}, user="u", effective_on=date(2017, 9, 20), reason="晚的先录")
    edit_task(engine, thirty_one, {"percent": 40}, user="u", effective_on=date(2017, 9, 1), reason="早的后录")
    edit_task(engine, thirty, {"percent": 60}, user="u", effective_on=date(2017, 11, 1), reason="第四季度的")
    with pytest.raises(StaleEditError):
        edit_task(engine, two, {"percent": 90}, user="u", effective_on=date(2017, 9, 5), reason="被拒的",
                  expected_version=0)
    edit_task(engine, two, {"percent": 70}, user="u", effective_on=date(2017, 9, 6), reason="任务后来删了")
    operations.delete_task(engine, two, user="u")

    def reasons(day: date) -> list[str]:  # a change of percent may start the task too: one reason, two lines
        return list(dict.fromkeys(c.reason for c in closing.frozen(engine, day).corrections))

    assert reasons(Q3_END) == ["早的后录", "晚的先录"]
    assert reasons(date(2017, 12, 31)) == ["早的后录", "晚的先录", "第四季度的"]


def test_a_correction_taken_into_a_quarter_closed_again_is_no_longer_listed_as_one(engine):
    operations.close_quarter(engine, 2017, 3, user="督查室")
    edit_task(engine, find_task_id(engine, "30"), {"percent": 50}, user="u", effective_on=date(2017, 9, 20),
              reason="漏报")
    operations.reopen_quarter(engine, 2017, 3, allowed_by="王主任", reason="核对", user="u")
    operations.close_quarter(engine, 2017, 3, user="督查室")
    frozen = closing.frozen(engine, Q3_END)
    assert frozen.corrections == [] and _views(frozen)["30"].percent == 50, "in the new snapshot itself"


def test_a_quarter_is_one_to_four_and_its_figures_are_the_frozen_tallies(engine, tmp_path):
    from ledger_app.messages.errors import LedgerError
    from ledger_app.periods.tally import tally

    with pytest.raises(LedgerError, match="^季度必须是 1 到 4$"):
        operations.close_quarter(engine, 2017, 5, user="督查室")
    make(engine, tmp_path, "bulletin", quarter=3, as_of=date(2017, 7, 1))  # as of the quarter's first day
    operations.close_quarter(engine, 2017, 3, user="督查室")
    (figures,) = closing.trend(engine)
    counted = tally("", closing.frozen(engine, Q3_END).tasks)
    assert (figures.total, figures.done, figures.green, figures.yellow, figures.red, figures.paused) == \
        (counted.total, counted.done, counted.green, counted.yellow, counted.red, counted.paused)
    assert figures.green and figures.red, "not all zeros"
    (closed,) = closing.closed_quarters(engine)
    assert [d.as_of for d in closed.documents] == [date(2017, 7, 1)]


def test_a_table_dated_in_a_closed_quarter_is_refused_whole(engine, tmp_path):
    """An import carries no 更正 reason: a progress table 截至 the end of a closed quarter changes nothing,
    whether it brings new progress or only a field (its progress read already, before the close)."""
    from ledger_app.dates.business import ClosedQuarterError
    from ledger_app.records.history import list_progress

    header = ["序号", "改革项目", "牵头部门", "完成时限", "进展情况"]

    def table(name: str, title: str, progress: str):  # noqa: ANN202
        return write_table(tmp_path / f"{name}.xlsx", [[1, title, "行政审批局", "2017年6月30日", progress]],
                           subtitle="（截至2017年9月30日）", header=header)

    task = find_task_id(engine, "1")
    title = task_fields.get_fields(engine, task, ["title"])["title"]
    import_file(engine, table("三季度", title, "已完成调研"))  # read before the close
    operations.close_quarter(engine, 2017, 3, user="督查室")
    before = task_fields.get_fields(engine, task, ["title", "version"]), list_progress(engine, task)
    for name, changed, progress in (("改名", "改名的项目", "已完成调研"), ("新进展", title, "已印发方案")):
        with pytest.raises(ClosedQuarterError, match="2017年第三季度已封账"):
            import_file(engine, table(name, changed, progress))
    assert (task_fields.get_fields(engine, task, ["title", "version"]), list_progress(engine, task)) == before


def test_the_frozen_ledger_of_a_quarter_is_that_year_s(engine):
    """The third quarters of 2017 and of 2018 are both closed: each end reads its own year's frozen ledger."""
    edit_task(engine, find_task_id(engine, "1"), {"percent": 30}, user="u", effective_on=date(2017, 9, 1))
    operations.close_quarter(engine, 2017, 3, user="督查室")
    edit_task(engine, find_task_id(engine, "1"), {"percent": 80}, user="u", effective_on=date(2018, 9, 1))
    operations.close_quarter(engine, 2018, 3, user="督查室")
    for end, percent in ((date(2017, 9, 30), 30), (date(2018, 9, 30), 80)):
        snap = closing.frozen(engine, end)
        assert snap.as_of == end
        assert {t.code: t.percent for t in snap.tasks}["1"] == percent


def test_a_frozen_ledger_read_for_some_tasks_brings_only_their_supervision_and_corrections(engine):
    from ledger_app.tasks.queries import TaskQuery

    one, two = find_task_id(engine, "1"), find_task_id(engine, "2")
    for task in (one, two):
        add_supervision(engine, task, SupervisionInput("催办", date(2017, 8, 1), "电话催办"), user="u")
    operations.close_quarter(engine, 2017, 3, user="督查室")
    for task in (one, two):
        edit_task(engine, task, {"percent": 55}, user="u", effective_on=date(2017, 9, 15), reason="核实后更正")
    whole = closing.frozen(engine, date(2017, 9, 30))
    assert {a.task_id for a in whole.supervision} >= {one, two} and {c.task_id for c in whole.corrections} == {one, two}
    part = closing.frozen(engine, date(2017, 9, 30), TaskQuery(task_ids=[one]))
    assert [t.id for t in part.tasks] == [one]
    assert {a.task_id for a in part.supervision} == {one} and {c.task_id for c in part.corrections} == {one}
