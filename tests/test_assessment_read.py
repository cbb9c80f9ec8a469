"""The assessment's lean read (ledger_app/assessment/facts.py) against the full snapshot the documents use,
on the shapes the scripted year of test_assessment.py lacks: two plans; tasks moved by a re-import; two
lead units in their written order; a task without units; a task begun mid-year; a 通报批评 published by
its own plan's bulletin and one by no bulletin; 督办 entered out of date order and one dated on the
as-of day; a closed quarter assessed for one plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ledger_app.assessment import facts
from ledger_app.assessment.facts import completion_dates
from ledger_app.assessment.scoring import Method, assess, score
from ledger_app.documents.options import ReportOptions
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import (
    add_supervision,
    close_quarter,
    create_task,
    edit_task,
    record_progress,
    set_setting,
)
from ledger_app.operations.issuing import build_report
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.records import numbering
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store import settings
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.clock import Clock
from tests.documents import ORG
from tests.tables import write_table

pytestmark = pytest.mark.usefixtures("evidence_optional")

PLAN_A = "常州经开区2017年改革创新目标任务表"
PLAN_B = "常州经开区2017年改革创新专项任务表"
ROWS_A = [[1, "一、领域", "项目甲", "内容甲", "重点改革项目", "招商局", "", "", "2017年6月30日"],
          [2, "一、领域", "项目乙", "内容乙", "专项改革项目", "招商局", "", "", "2017年9月30日"],
          # Two lead units, written out of their names' order (环 sorts after 国).
          [3, "一、领域", "项目丙", "内容丙", "重点改革项目", "环保局、国土局", "", "", "2017年12月31日"]]
ROWS_B = [[11, "一、领域", "项目丁", "内容丁", "重点改革项目", "招商局", "财政局", "", "2017年6月30日"],
          [12, "一、领域", "项目戊", "内容戊", "专项改革项目", "财政局", "", "", "2017年12月31日"]]
TARGETS = ("招商局", "财政局")  # 环保局 and 国土局 are listed as not assessed, in the order met


@pytest.fixture
def two_plans(ledger, tmp_path, monkeypatch):
    engine = ledger.engine
    clock = Clock(monkeypatch)
    clock.set(date(2017, 1, 5))
    set_setting(engine, "org.name", ORG)
    import_file(engine, write_table(tmp_path / "甲.xlsx", ROWS_A, title=PLAN_A))
    import_file(engine, write_table(tmp_path / "乙.xlsx", ROWS_B, title=PLAN_B))
    # The clerk turned plan A's rows upside down and revised each text: positions no longer follow the ids.
    moved = [[*row[:3], f"{row[3]}（修订）", *row[4:]] for row in reversed(ROWS_A)]
    import_file(engine, write_table(tmp_path / "甲.xlsx", moved, title=PLAN_A))
    tasks = {t.code: t for t in list_tasks(engine, TaskQuery())}
    assert [t.code for t in tasks.values()] == ["3", "2", "1", "11", "12"]
    plan_a = task_fields.get_fields(engine, tasks["1"].id, ["plan_id"])["plan_id"]
    lone = create_task(engine, plan_a, {"title": "无牵头单位的任务", "deadline": date(2017, 6, 30)}, user="t").value
    task = {code: t.id for code, t in tasks.items()} | {"lone": lone}
    edit_task(engine, task["2"], {"start_date": date(2017, 7, 1)}, user="t",
              effective_on=date(2017, 1, 5))  # begun in Q3: no Q1, Q2 reports
    clock.set(date(2017, 4, 8))
    record_progress(engine, task["1"], ProgressInput(2017, 1, 50, "推进中"), user="t")
    clock.set(date(2017, 8, 1))
    add_supervision(engine, task["2"], SupervisionInput("通报批评", date(2017, 8, 1), "三季度通报"), user="t")
    clock.set(date(2017, 9, 30))
    build_report(engine, ReportOptions("bulletin", 2017, 3, plan=PLAN_A, signed=date(2017, 9, 30)),
                 tmp_path / "三季度通报.pdf", user="t")
    clock.set(date(2017, 10, 20))
    add_supervision(engine, task["1"], SupervisionInput("通报批评", date(2017, 10, 20), "甲方案的通报"), user="t")
    add_supervision(engine, task["11"], SupervisionInput("通报批评", date(2017, 10, 21), "无人通报"), user="t")
    clock.set(date(2017, 11, 15))
    # Entered out of date order: the lines follow the dates.
    add_supervision(engine, task["12"], SupervisionInput("限期整改", date(2017, 11, 15), "整改通知",
                                                         date(2017, 12, 15)), user="t")
    add_supervision(engine, task["12"], SupervisionInput("问责", date(2017, 11, 1), "问责"), user="t")
    clock.set(date(2018, 1, 9))
    build_report(engine, ReportOptions("bulletin", 2017, 4, plan=PLAN_A, signed=date(2018, 1, 9)),
                 tmp_path / "通报.pdf", user="t")
    return engine, clock, task


def _full(engine, year: int, as_of: date, method: Method) -> dict:
    done = completion_dates(engine, as_of)
    return score(ledger_as_of(engine, as_of), year, method, done, register=numbering.issued(engine)).to_json()


def _lines(result: dict, dept: str) -> list[tuple[str, str]]:
    (found,) = [d for d in result["departments"] if d["dept"] == dept]
    return [(line["task"], line["kind"]) for line in found["lines"]]


@pytest.mark.parametrize("as_of", [date(2017, 11, 14), date(2017, 11, 15), date(2018, 1, 10)])
def test_the_lean_read_scores_two_plans_like_the_full_snapshot(two_plans, as_of):
    engine, _clock, task = two_plans
    method = replace(Method.from_settings(settings.get_all(engine)), targets=TARGETS)
    full = _full(engine, 2017, as_of, method)
    lean = score(facts.take(engine, as_of), 2017, method, completion_dates(engine, as_of)).to_json()
    assert lean == full
    assert assess(engine, 2017, as_of, targets=TARGETS).to_json() == full
    # What the comparison rests on, read from the result itself:
    lines = _lines(lean, "招商局")
    assert [code for code, _kind in lines if code] == sorted((code for code, _kind in lines if code),
                                                             key=["3", "2", "1", "11", "12"].index)
    assert all("第一季度" not in line["rule"] and "第二季度" not in line["rule"] for d in lean["departments"]
               for line in d["lines"] if line["task"] == "2")  # begun in Q3
    assert [d["dept"] for d in lean["others"]] == ["环保局", "国土局"]
    rectify = ("12", "rectify") in _lines(lean, "财政局")
    assert rectify == (as_of >= date(2017, 11, 15))  # a 督办 dated on the as-of day counts that day


def test_the_lean_read_follows_each_task_s_own_plan(two_plans):
    engine, _clock, _task = two_plans
    result = assess(engine, 2017, date(2018, 1, 10), targets=TARGETS).to_json()
    # Plan A's bulletin published plan A's criticism, not plan B's.
    assert ("1", "criticism") in _lines(result, "招商局")
    assert ("11", "criticism_unpublished") in _lines(result, "招商局")
    # 问责 of 1 November before the 限期整改 of 15 November, though entered after it.
    kinds = [kind for code, kind in _lines(result, "财政局") if code == "12"]
    assert kinds.index("accountability") < kinds.index("rectify")
    # Task 2 began in Q3: its lead owed the third and fourth quarters' reports, not the first two.
    missing = [line["rule"] for d in result["departments"] if d["dept"] == "招商局" for line in d["lines"]
               if line["task"] == "2" and line["kind"] == "report_missing"]
    assert len(missing) == 2 and all("第一季度" not in rule and "第二季度" not in rule for rule in missing)


def test_a_closed_quarter_is_assessed_for_one_plan_as_before_the_close(two_plans):
    """As of a closed quarter's end the lean read takes the frozen ledger: for one plan it is that plan's
    tasks, with their start dates, as the live ledger gave them before the close."""
    engine, clock, _task = two_plans
    end = date(2017, 9, 30)
    before = assess(engine, 2017, end, plan=PLAN_A, targets=TARGETS).to_json()
    clock.set(date(2018, 1, 10))
    close_quarter(engine, 2017, 3, user="t")
    after = assess(engine, 2017, end, plan=PLAN_A, targets=TARGETS).to_json()
    assert after == before
    assert {d["dept"] for d in after["departments"]} == {"招商局"}  # 财政局 leads only plan B's tasks
    assert ("2", "criticism") in _lines(after, "招商局")  # the plan travels with the frozen tasks too
    assert not any(line["task"] == "2" and line["kind"] == "report_missing" and "第一季度" in line["rule"]
                   for line in after["departments"][0]["lines"])
