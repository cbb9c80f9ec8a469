"""The assessment's rules on their edges (issue 23, from the mutation run), scored from the lean read of the
ledger built by hand (assessment.facts.Facts): which quarters a lead owes a report for (a task started on a
quarter's last day, one finished on a quarter's first day), rounding half up, the kinds of lines, 已取消 and
暂缓 tasks, a blank category; the dates a task was completed (the latest, by 业务日期, of applied status
changes); the result's groupings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ledger_app.assessment.facts import Facts, TaskFacts, completion_dates
from ledger_app.assessment.scoring import Method, Result, Unranked, score
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.store.settings import with_defaults
from ledger_app.tasks.editing import StaleEditError
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.tables import write_table

YEAR = 2017
AS_OF = date(2018, 1, 10)  # the fourth quarter's reports were due on 10 January
METHOD = Method.from_settings(with_defaults({}))


def _task(task_id: int, *, status: str = "推进中", deadline: date | None = date(2017, 12, 31),
          start: date | None = date(2017, 1, 1), category: str = "专项改革项目", content: str = "具体内容",
          lead: tuple[str, ...] = ("发改局",), co: tuple[str, ...] = ()) -> TaskFacts:
    return TaskFacts(task_id, str(task_id), f"任务{task_id}", content, category, status, deadline, start,
                     list(lead), list(co))


def _scored(tasks: list[TaskFacts], *, filed: dict | None = None, supervision: list | None = None,
            done_on: dict | None = None, method: Method = METHOD, as_of: date = AS_OF) -> Result:
    every_quarter = {(YEAR, q): date(YEAR, q * 3, 20) for q in (1, 2, 3, 4)}  # all filed in time
    filed = filed if filed is not None else {t.id: dict(every_quarter) for t in tasks}
    return score(Facts(as_of, tasks, filed, supervision or [], []), YEAR, method, done_on or {})


def _lines(result: Result, dept: str = "发改局") -> list[tuple[str, str, str, Decimal]]:
    found = result.of(dept)
    return [(line.code, line.kind, str(line.rule), line.points) for line in found.lines] if found else []


def test_the_base_line_and_a_task_without_content_named_by_its_title():
    result = _scored([_task(1, content="", deadline=date(2017, 6, 30))], done_on={})
    base, *rest = result.of("发改局").lines
    assert (base.code, base.task, str(base.rule), base.points, base.kind) == ("", "", "基础分", Decimal(100), "base")
    assert rest[0].task == "任务1" and rest[0].kind == "not_done"
    assert result.of("发改局").points("base") == Decimal(100)


@pytest.mark.parametrize("start, owes_q3", [(date(2017, 9, 30), True), (date(2017, 10, 1), False)])
def test_a_task_started_on_a_quarters_last_day_owes_that_quarters_report(start, owes_q3):
    result = _scored([_task(1, start=start)], filed={1: {}})
    missing = [rule for _code, kind, rule, _points in _lines(result) if kind == "report_missing"]
    assert ("2017年第三季度进展未报送" in missing) == owes_q3
    assert "2017年第四季度进展未报送" in missing and "2017年第二季度进展未报送" not in missing


def test_a_task_without_a_start_owes_every_quarter_of_the_year_from_the_first():
    result = _scored([_task(1, start=None)], filed={1: {}})
    assert [rule for _c, kind, rule, _p in _lines(result) if kind == "report_missing"] == \
        [f"2017年第{q}季度进展未报送" for q in "一二三四"]


@pytest.mark.parametrize("done, owes_q2", [(date(2017, 3, 31), False), (date(2017, 4, 1), True)])
def test_a_task_finished_on_a_quarters_first_day_owes_that_quarters_report(done, owes_q2):
    result = _scored([_task(1, status="已完成")], filed={1: {}}, done_on={1: done})
    missing = [rule for _code, kind, rule, _points in _lines(result) if kind == "report_missing"]
    assert ("2017年第二季度进展未报送" in missing) == owes_q2
    assert "2017年第一季度进展未报送" in missing and "2017年第三季度进展未报送" not in missing


def test_a_report_filed_after_its_day_is_a_late_report():
    result = _scored([_task(1)], filed={1: {(YEAR, q): date(YEAR, q * 3, 20) for q in (1, 2, 3)}
                                        | {(YEAR, 4): date(2018, 1, 9)}})
    assert [(kind, rule) for _c, kind, rule, _p in _lines(result) if kind.startswith("report")] == []
    late = _scored([_task(1)], filed={1: {(YEAR, q): date(YEAR, q * 3 + 1, 11) for q in (1, 2, 3)}
                                      | {(YEAR, 4): date(2018, 1, 10)}})
    assert [(kind, points) for _c, kind, _r, points in _lines(late) if kind.startswith("report")] == \
        [("report_late", Decimal("-0.5"))] * 3


def test_points_are_rounded_half_up():
    """Half a point for finishing early, weighted ×0.25: 0.125 is 0.13 (half up), not 0.12 (half even)."""
    method = replace(METHOD, early=Decimal("0.5"), weights={"专项改革项目": Decimal("0.25")})
    result = _scored([_task(1, status="已完成")], done_on={1: date(2017, 6, 30)}, method=method)
    early = [points for _c, kind, _r, points in _lines(result) if kind == "early"]
    assert early == [Decimal("0.13")]


def test_问责_is_its_own_kind_of_line():
    action = SimpleNamespace(task_id=1, kind="问责", action_date=date(2017, 8, 1), doc_no="", id=1,
                             created_at=datetime(2017, 8, 1, tzinfo=UTC))
    result = _scored([_task(1)], supervision=[action])
    assert [(kind, points) for _c, kind, _r, points in _lines(result) if kind == "accountability"] == \
        [("accountability", Decimal(-5))]


def test_a_cancelled_task_early_in_the_ledger_hides_no_task_after_it_and_a_suspended_one_is_not_scored():
    result = _scored([_task(1, status="已取消", deadline=date(2017, 3, 31)),
                      _task(2, status="暂缓", deadline=date(2017, 3, 31)),
                      _task(3, deadline=date(2017, 3, 31), category="  ")], filed={})
    lines = _lines(result)
    assert {code for code, *_ in lines} == {"", "3"}, "only task 3 scores: 1 is cancelled, 2 suspended"
    # Overdue and not done, it still owes every quarter's report.
    assert [rule for code, kind, rule, _p in lines if kind == "report_missing"] == \
        [f"2017年第{q}季度进展未报送" for q in "一二三四"]
    (not_done,) = [rule for code, kind, rule, _p in lines if kind == "not_done"]
    assert not_done == "到期未完成（完成时限3月31日），其他×1", "a blank category is 其他"


def test_score_refuses_to_count_criticisms_without_the_register_of_bulletins(ledger):
    from ledger_app.periods.as_of import ledger_as_of

    with pytest.raises(ValueError, match=r"^score\(\) needs the register of bulletins: a criticism counts once published$"):
        score(ledger_as_of(ledger.engine, AS_OF), YEAR, METHOD, {})


def test_units_not_ranked_are_grouped_by_their_reason_and_the_first_places_are_three():
    result = Result(YEAR, AS_OF, None, METHOD, [], [Unranked("甲", "理由一"), Unranked("乙", "理由二")],
                    [Unranked("丙", "理由一")])
    assert result.not_ranked() == [("理由一", ["甲", "丙"]), ("理由二", ["乙"])]
    ranked = _scored([_task(i, lead=(f"单位{i}",), deadline=date(2017, 3, i)) for i in range(1, 5)],
                     done_on={}).departments
    for place, unit in enumerate(ranked, start=1):
        unit.rank = place  # four distinct places
    assert [[d.rank for d in held] for held in replace(result, departments=ranked).places()] == [[1], [2], [3]]


@pytest.fixture
def done_twice(ledger, tmp_path, monkeypatch, evidence_optional):
    """Task 1 completed on 30 June, reopened on 15 July, completed again on 20 September (entered latest first);
    task 2's 备注 reads
    已完成 and a save of it as 已完成 was refused; task 3 was completed on 5 January 2018."""
    Clock(monkeypatch).set(date(2017, 1, 5))
    rows = [[n, "一、领域", f"任务{n}", "内容", "专项改革项目", "发改局", "", "", "2017年12月31日"] for n in (1, 2, 3)]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    engine = ledger.engine
    one = find_task_id(engine, "1")
    # Entered out of order: the latest first, then the two before it (补录); the log's order is not the days'.
    for day, status in ((date(2017, 9, 20), "已完成"), (date(2017, 6, 30), "已完成"), (date(2017, 7, 15), "推进中")):
        edit_task(engine, one, {"status": status}, user="督查室", effective_on=day)
    edit_task(engine, find_task_id(engine, "2"), {"note": "已完成"}, user="督查室", effective_on=date(2017, 5, 1))
    edit_task(engine, find_task_id(engine, "3"), {"status": "已完成"}, user="督查室", effective_on=date(2018, 1, 5))
    # Task 2 is saved 已完成 on 1 December from a form another desk's edit had replaced: refused, logged as such.
    with pytest.raises(StaleEditError):
        edit_task(engine, find_task_id(engine, "2"), {"status": "已完成"}, user="甲", expected_version=0,
                  effective_on=date(2017, 12, 1))
    return engine


def test_a_task_is_completed_on_the_latest_day_it_became_已完成_as_of_the_day(done_twice):
    engine = done_twice
    ids = {code: find_task_id(engine, code) for code in "123"}
    assert completion_dates(engine, date(2017, 12, 31)) == {ids["1"]: date(2017, 9, 20)}
    assert completion_dates(engine, date(2017, 8, 1)) == {ids["1"]: date(2017, 6, 30)}
    assert completion_dates(engine, date(2018, 1, 5))[ids["3"]] == date(2018, 1, 5)
    assert ids["2"] not in completion_dates(engine, date.today()), "a refused save completed nothing"


def _bulletin(plan: str, quarter: int, doc_no: str = "通报〔2017〕1号") -> SimpleNamespace:
    """A 季度推进情况通报 of ``plan`` ("" for all) for ``quarter`` of 2017, numbered and sent out on 10 October."""
    sent = datetime(2017, 10, 10, 12, tzinfo=UTC)
    return SimpleNamespace(kind="bulletin", subject=f"{plan}|2017Q{quarter}", as_of=date(2017, 9, 30), issued_at=sent,
                           delivered_at=sent, doc_no=doc_no)


def _criticism(day: date, task_id: int = 1, doc_no: str = "") -> SimpleNamespace:
    return SimpleNamespace(task_id=task_id, kind="通报批评", action_date=day, doc_no=doc_no, id=1,
                           created_at=datetime(day.year, day.month, day.day, tzinfo=UTC))


def test_a_criticism_costs_points_once_its_plans_bulletin_names_it_and_is_listed_with_its_quarter_until_then():
    task = replace(_task(1), plan="甲方案")
    facts = Facts(AS_OF, [task], {1: {(YEAR, q): date(YEAR, q * 3, 20) for q in (1, 2, 3, 4)}},
                  [_criticism(date(2017, 7, 1))], [_bulletin("甲方案", 3)])
    published = score(facts, YEAR, METHOD, {})
    assert [(kind, rule, points) for _c, kind, rule, points in _lines(published) if kind.startswith("criticism")] == \
        [("criticism", "通报批评（7月1日，通报〔2017〕1号）", Decimal(-2))]
    assert published.of("发改局").lines[-1].task == "任务1：具体内容"
    elsewhere = score(replace(facts, documents=[_bulletin("乙方案", 3)]), YEAR, METHOD, {})
    assert [(kind, rule, points) for _c, kind, rule, points in _lines(elsewhere) if kind.startswith("criticism")] == \
        [("criticism_unpublished", "通报批评（7月1日，未在2017年第三季度通报中印发，不扣分）", Decimal(0))]


def test_a_supervision_line_without_a_number_says_only_the_day():
    action = SimpleNamespace(task_id=1, kind="限期整改", action_date=date(2017, 8, 1), doc_no="", id=1,
                             created_at=datetime(2017, 8, 1, tzinfo=UTC))
    assert [rule for _c, kind, rule, _p in _lines(_scored([_task(1)], supervision=[action])) if kind == "rectify"] == \
        ["限期整改（8月1日）"]


def test_only_a_scoreable_task_of_the_year_makes_its_lead_a_ranked_unit():
    """A unit leading only a 暂缓 task, or only a task due next year that owed no report yet, is not ranked."""
    result = _scored([_task(1), _task(2, status="暂缓", lead=("财政局",)),
                      _task(3, deadline=date(2018, 6, 30), start=date(2018, 1, 1), lead=("科技局",))],
                     as_of=date(2017, 12, 31))
    assert [d.dept for d in result.departments] == ["发改局"]


@pytest.mark.parametrize("done, kind", [(date(2017, 6, 30), "on_time"), (date(2017, 7, 1), "late")])
def test_finished_on_the_deadline_day_is_on_time_and_the_day_after_late(done, kind):
    result = _scored([_task(1, status="已完成", deadline=date(2017, 6, 30))], done_on={1: done})
    assert [k for _c, k, _r, _p in _lines(result) if k in ("on_time", "late", "early")] == [kind]


@pytest.mark.parametrize("as_of, not_done", [(date(2017, 6, 30), False), (date(2017, 7, 1), True)])
def test_not_done_counts_from_the_day_after_the_deadline(as_of, not_done):
    result = _scored([_task(1, deadline=date(2017, 6, 30))], as_of=as_of)
    assert ("not_done" in [k for _c, k, _r, _p in _lines(result)]) == not_done


def test_tasks_due_on_one_day_share_an_outcome_only_when_done_on_the_same_day_and_in_the_same_state():
    """Outcomes are worked out once for each (done or not, deadline, done on): tasks that differ in any of
    the three are scored each by its own, in the order given."""
    due = date(2017, 6, 30)
    tasks = [_task(1, status="已完成", deadline=due), _task(2, status="已完成", deadline=due),
             _task(3, status="已完成", deadline=due), _task(4, deadline=due), _task(5, status="已完成", deadline=due),
             _task(6, deadline=due), _task(7, deadline=date(2017, 7, 1))]
    done_on = {1: date(2017, 6, 30), 2: date(2017, 7, 1), 3: date(2017, 6, 30), 4: date(2017, 6, 30),
               5: date(2017, 5, 1)}
    kinds = [(code, kind, rule) for code, kind, rule, _points in _lines(_scored(tasks, done_on=done_on))
             if kind != "base"]
    weighed = "，专项改革项目×1"
    assert kinds == [("1", "on_time", "按期完成" + weighed),
                     ("2", "late", "逾期完成（完成时限6月30日，7月1日完成）" + weighed),  # a day later: late
                     ("3", "on_time", "按期完成" + weighed),  # as task 1
                     ("4", "not_done", "到期未完成（完成时限6月30日）" + weighed),  # the same day, not done
                     ("5", "on_time", "按期完成" + weighed), ("5", "early", "提前60天完成" + weighed),
                     ("6", "not_done", "到期未完成（完成时限6月30日）" + weighed),
                     ("7", "not_done", "到期未完成（完成时限7月1日）" + weighed)]  # a day's later deadline


def test_a_line_reads_as_its_rule_whether_written_out_at_once_or_when_first_read():
    from ledger_app.assessment.scoring import Line
    from ledger_app.messages.i18n import Message, Messages, t

    said = Messages()
    late = said("逾期完成（完成时限{due_month}月{due_day}日，{done_month}月{done_day}日完成）", due_month=6, due_day=30,
                done_month=7, done_day=1)
    assert late is said("逾期完成（完成时限{due_month}月{due_day}日，{done_month}月{done_day}日完成）", due_month=6,
                        due_day=30, done_month=7, done_day=1), "the same words: the same object, to key a dict by"
    nested = said("{words}，{category}×{weight}", words=late, category="重点改革项目", weight="1.5")
    lazy = Line("1", "任务1", nested, Decimal(-3), "late")
    eager = Line("1", "任务1", Message("{words}，{category}×{weight}", words=Message(
        "逾期完成（完成时限{due_month}月{due_day}日，{done_month}月{done_day}日完成）", due_month=6, due_day=30,
        done_month=7, done_day=1), category="重点改革项目", weight="1.5"), Decimal(-3), "late")
    assert lazy.rule == "逾期完成（完成时限6月30日，7月1日完成），重点改革项目×1.5"
    assert lazy.rule is lazy.rule, "written out once"
    assert lazy == eager and t(lazy.rule) == t(eager.rule)
    assert lazy != Line("1", "任务1", nested, Decimal(-2), "late")
    # A Message and a plain text that read the same are different values (they may read differently in English).
    assert said("{kind}", kind=Message("通报批评")) is not said("{kind}", kind="通报批评")


def test_tasks_with_one_outcome_are_weighed_each_by_its_own_category():
    """The lines' words and points are worked out once per outcome and category: two tasks not done by the
    same day, of two categories, are weighed ×1.5 and ×1."""
    due = date(2017, 6, 30)
    lines = _lines(_scored([_task(1, deadline=due, category="重点改革项目"), _task(2, deadline=due)]))
    assert [(code, rule, points) for code, kind, rule, points in lines if kind == "not_done"] == [
        ("1", "到期未完成（完成时限6月30日），重点改革项目×1.5", Decimal("-4.5")),
        ("2", "到期未完成（完成时限6月30日），专项改革项目×1", Decimal("-3"))]
