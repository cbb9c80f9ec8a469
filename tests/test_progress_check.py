"""What a quarter's report must be to be stored (records.progress.check): each refusal on its edge, in words."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.records.progress import ProgressInput, check


def _refusal(report: ProgressInput) -> str:
    with pytest.raises(LedgerError) as refused:
        check(report)
    return str(refused.value)


@pytest.mark.parametrize("percent", [0, 100])
def test_the_ends_of_the_percent_are_reports(percent):
    check(ProgressInput(2017, 3, percent, "推进中"))


@pytest.mark.parametrize("percent", [-1, 101, "50", 50.0])
def test_a_percent_outside_0_100_or_not_a_whole_number_is_refused(percent):
    assert _refusal(ProgressInput(2017, 3, percent, "推进中")) == "完成百分比必须在 0 到 100 之间"


@pytest.mark.parametrize("quarter", [0, 5])
def test_a_quarter_outside_1_4_is_refused(quarter):
    assert _refusal(ProgressInput(2017, quarter, 10, "推进中")) == "季度必须是 1 到 4"


@pytest.mark.parametrize("field, label", [("done", "本季度完成情况"), ("problems", "存在问题"),
                                          ("next_steps", "下步打算"), ("reporter", "填报人")])
def test_a_text_that_cannot_be_stored_is_refused_by_its_label(field, label):
    values = {"done": "推进中", "problems": "", "next_steps": "", "reporter": "", field: "甲\x00乙"}
    assert _refusal(ProgressInput(2017, 3, 10, **values)) == \
        f"“{label}”含有控制字符（\\x00），导出到 Excel 时会出错，未保存；请删去后重试"


def test_a_report_takes_effect_from_its_quarter_s_first_day_not_before():
    check(ProgressInput(2017, 3, 10, "推进中", effective_on=date(2017, 7, 1)))
    assert _refusal(ProgressInput(2017, 3, 10, "推进中", effective_on=date(2017, 6, 30))) == \
        "业务日期 2017-06-30 早于2017年第三季度：季度进展的业务日期不能早于该季度的第一天"
