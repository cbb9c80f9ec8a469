"""Escalation on its boundaries (issue 23, from the mutation run): each rule's day itself and the day either
side of it — the first day of a quarter, the deadline day, the day a 催办 turns into 通报批评, the quarter's
end a 限期整改 waits for, the 整改 deadline — and the texts a proposal carries (its rule and its facts, kept in
the 督办 record an accepted proposal leaves).

The four tasks of tests/test_escalation.py, imported on 2017-01-05: 1 招商局 due 2017-06-30, 2 财政局 due
2017-12-31, 3 科技局 due 2017-10-31, 4 环保局 due 2017-12-31; each runs from 2017-01-01."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ledger_app import operations
from ledger_app.operations import add_supervision, edit_task, proposals
from ledger_app.records.supervision import SupervisionInput
from ledger_app.supervision import escalation
from ledger_app.tasks.queries import find_task_id
from tests.escalation_year import proposal as _one
from tests.escalation_year import scripted_year
from tests.escalation_year import steps as _steps


@pytest.fixture
def year(ledger, tmp_path, monkeypatch):
    return scripted_year(ledger, tmp_path, monkeypatch)


def _act(engine, code: str, kind: str, day: date, **more) -> None:  # noqa: ANN003
    add_supervision(engine, find_task_id(engine, code), SupervisionInput(kind, day, f"{kind}（测试）", **more),
                    user="督查室")


def _on_schedule_until_q4(report) -> None:  # noqa: ANN001
    """Task 2 on schedule at the ends of the second and third quarters (50 % and 75 % of a year's work)."""
    report(date(2017, 7, 5), 2, {"2": 50})
    report(date(2017, 10, 5), 3, {"2": 75})


@pytest.mark.parametrize("urged, proposed", [(date(2017, 9, 30), "urge"), (date(2017, 10, 1), None)])
def test_a_催办_on_the_quarters_first_day_is_this_quarters(year, urged, proposed):
    """Task 2 falls more than 20 points behind in the fourth quarter: 催办 is proposed unless the task was
    already pressed this quarter, counting the quarter's first day itself."""
    engine, _clock, report = year
    _on_schedule_until_q4(report)
    _act(engine, "2", "催办", urged)
    assert _steps(engine, date(2017, 12, 20)).get("2") == proposed  # 97 % due, 75 % done


def test_behind_on_the_deadline_day_is_behind_schedule_and_overdue_only_the_day_after(year):
    engine, _clock, report = year
    report(date(2017, 4, 5), 1, {"1": 50})
    on_the_day = _one(engine, date(2017, 6, 30), "1")
    assert (on_the_day.step, on_the_day.rule) == ("urge", "落后于时间进度超过20个百分点的，催办")
    assert on_the_day.facts == "按时间进度应完成100%，实际完成50%，落后50个百分点"
    after = _one(engine, date(2017, 7, 1), "1")
    assert (after.step, after.rule) == ("urge", "逾期未完成的，催办")
    assert after.facts == "已超过完成时限（2017年6月30日）1天，完成50%"


@pytest.mark.parametrize("as_of, step", [(date(2017, 7, 14), "urge"), (date(2017, 7, 15), "criticise")])
def test_a_催办_on_the_deadline_day_turns_into_通报批评_exactly_urge_days_later(year, as_of, step):
    """Overdue and still not done 15 days (escalate.urge_days) after a 催办 made once it was due — the
    deadline day itself counts — is proposed for 通报批评."""
    engine, _clock, report = year
    report(date(2017, 4, 5), 1, {"1": 50})  # on schedule at the first quarter's end: no lag of two quarters
    _act(engine, "1", "催办", date(2017, 6, 30))
    found = _one(engine, as_of, "1")
    assert found.step == step
    if step == "criticise":
        assert found.rule == "逾期催办后15天仍未完成的，列为通报批评候选"
        assert found.facts == "2017年6月30日已催办，超过完成时限15天仍未完成"


@pytest.mark.parametrize("stronger_on, step", [(date(2017, 6, 30), "criticise"), (date(2017, 7, 1), "urge")])
def test_two_quarters_behind_is_criticised_unless_pressed_harder_since_the_first_of_them_ended(
        year, stronger_on, step):
    """Task 2 reported nothing: behind at the ends of the second and third quarters. A 问责 on 30 June is
    before those two quarters' lag was complete; one on 1 July answers it already."""
    engine, _clock, _report = year
    _act(engine, "2", "问责", stronger_on)
    found = _one(engine, date(2017, 10, 20), "2")
    assert found.step == step
    if step == "criticise":
        assert found.rule == "连续2个季度进展滞后的，列为通报批评候选"


@pytest.mark.parametrize("as_of, step", [(date(2017, 9, 29), None), (date(2017, 9, 30), "rectify")])
def test_criticised_and_still_behind_at_that_quarters_end_is_proposed_for_限期整改_from_that_day(year, as_of, step):
    engine, _clock, _report = year
    _act(engine, "2", "通报批评", date(2017, 8, 1))
    found = {p.code: p for p in escalation.proposals(engine, as_of)}.get("2")
    assert (found is not None and found.step == "rectify") == (step == "rectify")
    if step:
        assert found.facts == "2017年8月1日通报批评，至2017年9月30日仍滞后（报送进度未报送）"


def test_criticised_but_on_schedule_at_that_quarters_end_is_not_proposed_for_限期整改(year):
    """The percent reported by the quarter's end decides, not the task's percent today."""
    engine, _clock, report = year
    _on_schedule_until_q4(report)  # 75 % by 30 September
    _act(engine, "2", "通报批评", date(2017, 8, 1))
    assert _steps(engine, date(2017, 12, 20)).get("2") != "rectify"


@pytest.mark.parametrize("as_of, step", [(date(2017, 10, 31), None), (date(2017, 11, 1), "account")])
def test_a_限期整改_not_done_by_its_deadline_is_proposed_for_问责_the_day_after(year, as_of, step):
    engine, _clock, _report = year
    _act(engine, "2", "限期整改", date(2017, 10, 10), rectify_deadline=date(2017, 10, 31), doc_no="整改〔2017〕1号")
    found = {p.code: p for p in escalation.proposals(engine, as_of)}.get("2")
    assert (found is not None and found.step == "account") == (step == "account")
    if step:
        assert found.facts == "2017年10月10日下发限期整改通知书整改〔2017〕1号，整改期限2017年10月31日，至今未整改完成"


def test_a_限期整改_closed_or_answered_by_问责_is_not_proposed_for_问责_again(year):
    engine, _clock, _report = year
    _act(engine, "2", "限期整改", date(2017, 10, 10), rectify_deadline=date(2017, 10, 31), closed=True)
    _act(engine, "4", "限期整改", date(2017, 10, 10), rectify_deadline=date(2017, 10, 31))
    _act(engine, "4", "问责", date(2017, 11, 2))
    steps = _steps(engine, date(2017, 11, 5))
    assert steps.get("2") != "account" and steps.get("4") != "account"


def test_a_proposal_names_every_lead_department(year):
    engine, _clock, _report = year
    edit_task(engine, find_task_id(engine, "2"), {"lead_depts": "财政局、招商局"}, user="督查室",
              effective_on=date(2017, 1, 5))
    assert _one(engine, date(2017, 10, 20), "2").lead == "财政局、招商局"


def test_a_限期整改_accepted_gives_the_days_the_ledger_sets(year):
    engine, _clock, _report = year
    operations.set_setting(engine, "escalate.rectify_days", "20")
    _act(engine, "2", "通报批评", date(2017, 8, 1))
    as_of = date(2017, 10, 20)
    proposal = _one(engine, as_of, "2")
    assert proposal.step == "rectify"
    operations.accept_proposal(engine, proposal, user="督查室", as_of=as_of, signed=as_of)
    (held,) = proposals.held_notices(engine)
    assert held.options.rectify_by == as_of + timedelta(days=20)


def _on_schedule_task_3(report) -> None:  # noqa: ANN001
    """Task 3 (due 31 October) within 20 points of its schedule at the quarters' ends and on 20 October."""
    report(date(2017, 7, 5), 2, {"3": 50})
    report(date(2017, 10, 5), 3, {"3": 80})


@pytest.mark.parametrize("reminded, proposed", [(date(2017, 10, 4), "remind"), (date(2017, 10, 5), None)])
def test_a_临近提醒_is_not_proposed_again_within_remind_days_of_the_last(year, reminded, proposed):
    engine, _clock, report = year
    _on_schedule_task_3(report)
    _act(engine, "3", "临近提醒", reminded)
    assert _steps(engine, date(2017, 10, 20)).get("3") == proposed  # 15 days after 5 October


def test_a_临近提醒_says_the_deadline_the_days_left_and_the_percent(year):
    engine, _clock, report = year
    _on_schedule_task_3(report)
    found = _one(engine, date(2017, 10, 20), "3")
    assert (found.step, found.rule) == ("remind", "完成时限前15天内的，临近提醒")
    assert found.facts == "2017年10月31日到期，还有11天，目前完成80%"


def test_a_stall_is_proposed_with_its_two_quarters_unless_the_task_was_pressed_this_quarter(year):
    """Task 4 reported 70 % at the ends of two quarters in a row and no problem: 进展无变化, on schedule
    otherwise. A 临近提醒 this quarter does not answer it; a 催办 does."""
    engine, _clock, report = year
    report(date(2017, 7, 5), 2, {"4": 70})
    report(date(2017, 10, 5), 3, {"4": 70})
    _act(engine, "4", "临近提醒", date(2017, 10, 6))
    found = _one(engine, date(2017, 10, 20), "4")
    assert (found.step, found.rule) == ("stalled", "推进中但连续两个季度进度相同、未反映问题的，提示“进展无变化”")
    assert found.facts == "2017年第二季度、2017年第三季度报送进度均为70%，未反映存在问题"
    _act(engine, "4", "催办", date(2017, 10, 10))
    assert "4" not in _steps(engine, date(2017, 10, 20))


def test_a_task_suspended_early_in_the_ledger_hides_no_proposal_after_it(year):
    engine, _clock, _report = year
    edit_task(engine, find_task_id(engine, "1"), {"status": "暂缓"}, user="督查室", effective_on=date(2017, 5, 1))
    steps = _steps(engine, date(2017, 10, 20))
    assert "1" not in steps and {"2", "3", "4"} <= set(steps)


def test_a_dismissal_holds_for_its_own_quarter_of_its_own_year_only(year):
    engine, _clock, _report = year
    september = _one(engine, date(2017, 9, 20), "2")
    assert september.step == "criticise"
    operations.dismiss_proposal(engine, september, "第三季度已约谈", user="督查室")
    assert _one(engine, date(2017, 10, 20), "2").step == "criticise", "the next quarter: proposed again"
    operations.dismiss_proposal(engine, _one(engine, date(2017, 10, 20), "2"), "第四季度已约谈", user="督查室")
    assert _one(engine, date(2018, 10, 20), "2").step == "criticise", "the same quarter a year later: again"


def test_a_stall_is_not_one_when_either_report_names_a_problem(year):
    """进展无变化 asks for two reports with the same percent and no problem: a problem named in only the later
    one (task 4's report of the third quarter) is enough to say the department explained itself."""
    engine, _clock, report = year
    report(date(2017, 7, 5), 2, {"4": 70})
    report(date(2017, 10, 5), 3, {"4": 70}, problems="资金未到位")
    assert "4" not in _steps(engine, date(2017, 10, 20))
