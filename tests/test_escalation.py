"""Escalation driven by the ledger, over a scripted year of progress (a clock stamps every change
with the day of the script): 临近提醒 → 催办 → 通报批评 → 限期整改 → 问责, 进展无变化, dismissals
that hold for their quarter, and a notice that can be taken back until it is printed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.cli.main import main as cli_main
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import proposals
from ledger_app.records import numbering
from ledger_app.records.history import list_changes, list_supervision
from ledger_app.supervision import escalation
from ledger_app.tasks.queries import find_task_id
from tests.escalation_year import proposal as _find
from tests.escalation_year import scripted_year
from tests.escalation_year import steps as _steps


@pytest.fixture
def year(ledger, tmp_path, monkeypatch):
    return scripted_year(ledger, tmp_path, monkeypatch)


def test_a_scripted_year_walks_up_the_steps(year, tmp_path):
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"1": 40, "2": 28, "3": 50, "4": 40})
    # 4-10: task 1 should be at 55 % (99 of 180 days), has 40: 15 points behind, within the 20 allowed.
    assert _steps(engine, date(2017, 4, 10)) == {}

    # 6-20: task 1 is due in 10 days (临近提醒) but 94 % of its time has gone at 40 %: 催办 is stronger.
    urge = _find(engine, date(2017, 6, 20), "1")
    assert urge.step == "urge" and "落后于时间进度超过20个百分点" in urge.rule and "落后54个百分点" in urge.facts
    clock.set(date(2017, 6, 20))
    operations.accept_proposal(engine, urge, user="督查室", as_of=date(2017, 6, 20))
    assert _steps(engine, date(2017, 6, 21)) == {}, "urged this quarter: nothing more until something changes"

    report(date(2017, 7, 5), 2, {"1": 60, "2": 28, "3": 70, "4": 40})
    steps = _steps(engine, date(2017, 7, 10))
    assert steps == {"1": "urge", "2": "urge", "4": "stalled"}
    assert _find(engine, date(2017, 7, 10), "2").stalled, "进展无变化 flagged on a stronger proposal too"
    assert "逾期未完成" in _find(engine, date(2017, 7, 10), "1").rule
    stalled = _find(engine, date(2017, 7, 10), "4")
    assert "第一季度、2017年第二季度报送进度均为40%，未反映存在问题" in stalled.facts
    clock.set(date(2017, 7, 10))
    operations.accept_proposal(engine, _find(engine, date(2017, 7, 10), "1"), user="督查室", as_of=date(2017, 7, 10))
    operations.dismiss_proposal(engine, _find(engine, date(2017, 7, 10), "2"), "已电话督促，财政局说明了原因",
                                user="督查室")
    # The 催办 of task 2 was dismissed for the quarter: what is left is its 进展无变化.
    assert _steps(engine, date(2017, 7, 20)) == {"2": "stalled", "4": "stalled"}

    # 7-30: 20 days after the 催办 made once task 1 was overdue, still not done → 通报批评
    criticise = _find(engine, date(2017, 7, 30), "1")
    assert criticise.step == "criticise" and "逾期催办后15天仍未完成" in criticise.rule
    clock.set(date(2017, 7, 30))
    operations.accept_proposal(engine, criticise, user="督查室", as_of=date(2017, 7, 30))

    report(date(2017, 10, 5), 3, {"1": 65, "2": 30, "3": 80, "4": 65}, problems="资金尚未到位")
    steps = _steps(engine, date(2017, 10, 20))
    assert steps == {"1": "rectify", "2": "criticise", "3": "remind"}
    assert "至2017年9月30日仍滞后（报送进度65%）" in _find(engine, date(2017, 10, 20), "1").facts
    assert "2017年第二季度末28%、2017年第三季度末30%" in _find(engine, date(2017, 10, 20), "2").facts
    assert "2017年10月31日到期，还有11天" in _find(engine, date(2017, 10, 20), "3").facts

    # 限期整改: the notice is numbered, recorded and held; taking it back gives the number back.
    clock.set(date(2017, 10, 20))
    rectify = operations.accept_proposal(engine, _find(engine, date(2017, 10, 20), "1"), user="督查室",
                                         as_of=date(2017, 10, 20))
    assert rectify.value.doc_no == "整改〔2017〕1号"
    held = proposals.held_notices(engine)
    assert [(h.doc_no, h.code) for h in held] == [("整改〔2017〕1号", "1")]
    action = [a for a in list_supervision(engine, find_task_id(engine, "1")) if a.kind == "限期整改"]
    assert [(a.doc_no, a.rectify_deadline) for a in action] == [("整改〔2017〕1号", date(2017, 11, 19))]
    redo = rectify.undo()
    assert proposals.held_notices(engine) == [] and numbering.issued(engine, "notice") == []
    assert not any(a.kind == "限期整改" for a in list_supervision(engine, find_task_id(engine, "1")))
    again = redo.undo()
    assert again.value.doc_no == "整改〔2017〕1号", "the number given back is used again: no gap"
    assert "1" not in _steps(engine, date(2017, 10, 21)), "under rectification: nothing more until its deadline"

    # Printed (saved) once, it has left the office and can no longer be taken back.
    assert cli_main(["--db", str(engine.url.render_as_string(hide_password=False)), "escalation", "print",
                     "整改〔2017〕1号", "--out", str(tmp_path / "notice.pdf")]) == 0
    assert proposals.held_notices(engine) == []
    with pytest.raises(LedgerError, match="已打印或另存，不能撤销"):
        again.undo()

    # 问责: the 整改期限 (11-19) has passed without the rectification being closed.
    account = _find(engine, date(2017, 11, 25), "1")
    assert account.step == "account" and "整改期限2017年11月19日，至今未整改完成" in account.facts


def test_dismissed_with_a_reason_and_not_proposed_again_that_quarter(year):
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"2": 20})
    report(date(2017, 7, 5), 2, {"2": 20})
    report(date(2017, 10, 5), 3, {"2": 25})
    criticise = _find(engine, date(2017, 10, 20), "2")
    assert criticise.step == "criticise"
    with pytest.raises(LedgerError, match="请填写不采纳的理由"):
        operations.dismiss_proposal(engine, criticise, "  ", user="督查室")
    operations.dismiss_proposal(engine, criticise, "年底前集中推进，已约谈", user="督查室")
    assert _find(engine, date(2017, 10, 25), "2").step == "urge", "the next step down is still proposed"
    kept = escalation.dismissals(engine, find_task_id(engine, "2"))
    assert [(d.step, d.year, d.quarter, d.reason, d.dismissed_by) for d in kept] == \
        [("criticise", 2017, 4, "年底前集中推进，已约谈", "督查室")]
    logged = [c.new for c in list_changes(engine, find_task_id(engine, "2")) if c.field == "督办"]
    assert logged[0] == "不采纳“通报批评”建议：年底前集中推进，已约谈"
    with pytest.raises(LedgerError, match="本季度已不采纳过"):
        operations.dismiss_proposal(engine, criticise, "再次", user="督查室")
    assert _find(engine, date(2018, 1, 15), "2").step == "criticise", "a new quarter: proposed again"


def test_thresholds_come_from_the_ledger_settings(year, db_url, capsys):
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"3": 50})
    report(date(2017, 7, 5), 2, {"3": 70})
    report(date(2017, 10, 5), 3, {"3": 80})
    assert _find(engine, date(2017, 10, 20), "3").step == "remind"
    assert cli_main(["--db", db_url, "config", "escalate.remind_days", "5"]) == 0
    assert "3" not in _steps(engine, date(2017, 10, 20))
    assert _find(engine, date(2017, 10, 27), "3").rule == "完成时限前5天内的，临近提醒"
    assert cli_main(["--db", db_url, "config", "warn.lag_points", "10"]) == 0
    assert _find(engine, date(2017, 10, 20), "3").step == "urge", "16 points behind now counts at 10 allowed"
    capsys.readouterr()
    assert cli_main(["--db", db_url, "escalation", "list", "--as-of", "2017-10-20", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {p["task"]: p["label"] for p in listed}["3"] == "催办"
    assert cli_main(["--db", db_url, "config", "escalate.lag_quarters", "9"]) == 2


def test_accept_and_dismiss_on_the_command_line(year, db_url, capsys):
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"1": 10})
    assert cli_main(["--db", db_url, "escalation", "accept", "1", "--step", "criticise", "--as-of",
                     "2017-06-20"]) == 2
    assert "任务 1 的建议是“催办”，不是“通报批评”" in capsys.readouterr().err
    assert cli_main(["--db", db_url, "escalation", "accept", "1", "--as-of", "2017-06-20"]) == 0
    assert "已采纳：任务 1 催办" in capsys.readouterr().out
    assert [a.kind for a in list_supervision(engine, find_task_id(engine, "1"))] == ["催办"]
    assert cli_main(["--db", db_url, "escalation", "accept", "1", "--as-of", "2017-06-20"]) == 2
    assert "没有督办建议" in capsys.readouterr().err
    assert cli_main(["--db", db_url, "escalation", "dismiss", "2", "--as-of", "2017-06-20", "--reason",
                     "财政局已说明"]) == 0
    assert "2017 年第 2 季度不再提出" in capsys.readouterr().out


def test_the_command_line_lists_a_proposal_whole_as_json(year, db_url, capsys):
    """``escalation list --json``: every field of a proposal, as a script reading it would rely on."""
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"3": 50})
    capsys.readouterr()
    assert cli_main(["--db", db_url, "escalation", "list", "--as-of", "2017-10-20", "--json"]) == 0
    listed = {p["task"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["3"] == {
        "task": "3", "plan": "常州经开区2017年改革创新目标任务表", "title": "推进科技管理体制改革", "lead": "科技局",
        "step": "urge", "label": "催办", "rule": "落后于时间进度超过20个百分点的，催办",
        "facts": "按时间进度应完成96%，实际完成50%，落后46个百分点", "year": 2017, "quarter": 4, "stalled": False}
    assert listed["1"]["step"] == "criticise" and listed["1"]["facts"] == \
        "报送进度：2017年第二季度末未报送、2017年第三季度末未报送"


def test_dismissals_of_one_task_or_of_all_in_the_order_they_were_made(year):
    """A clerk's dismissals read back for one task alone, or for all of them oldest first (by when each
    was made, not the order they were stored: here the later one is stored first)."""
    engine, clock, report = year
    as_of = date(2017, 10, 20)
    clock.set(date(2017, 10, 22))
    operations.dismiss_proposal(engine, _find(engine, as_of, "2"), "财政局已说明", user="督查室")
    clock.set(date(2017, 10, 21))
    operations.dismiss_proposal(engine, _find(engine, as_of, "1"), "招商局已说明", user="督查室")
    assert [d.reason for d in escalation.dismissals(engine)] == ["招商局已说明", "财政局已说明"]
    assert [d.reason for d in escalation.dismissals(engine, find_task_id(engine, "2"))] == ["财政局已说明"]


def test_a_quarter_not_reported_says_so_and_what_was_reported_before(year):
    """A quarter nobody reported reads 未报送 (never "0%", as if the department had said so), with the
    percent of the latest earlier report when there is one; a reported quarter reads its percent."""
    engine, clock, report = year
    report(date(2017, 4, 5), 1, {"2": 5, "4": 5})
    report(date(2017, 7, 5), 2, {"2": 10, "4": 10})
    report(date(2017, 10, 5), 3, {"4": 15})
    october = {p.code: p.facts for p in escalation.proposals(engine, date(2017, 10, 20))}
    assert october["2"] == "报送进度：2017年第二季度末10%、2017年第三季度末未报送（此前报送10%）"
    assert october["4"] == "报送进度：2017年第二季度末10%、2017年第三季度末15%"
    assert october["1"] == "报送进度：2017年第二季度末未报送、2017年第三季度末未报送"
    january = {p.code: p.facts for p in escalation.proposals(engine, date(2018, 1, 20))}
    assert january["4"] == "报送进度：2017年第三季度末15%、2017年第四季度末未报送（此前报送15%）"  # the latest of three
