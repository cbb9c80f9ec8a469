"""What the documents say about indicators and stalled tasks: the bulletin's count of the targets
and its 主要指标完成情况表, the annual report's section and chart, the bulletin's 进展无变化."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.operations import record_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.documents import breaking_rule_violations, make, png, sample_with_progress, squeezed
from tests.test_indicators import YINCHUAN

PLAN = "常州经开区2017年改革创新目标任务表"


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    return ledger.engine


def test_the_bulletin_counts_the_targets_and_attaches_their_table(engine, tmp_path, output_dir):
    import_indicators(engine, YINCHUAN, plan=PLAN)
    result, reader = make(engine, tmp_path, "bulletin", quarter=4, year=2024, as_of=date(2024, 12, 31))
    text = squeezed(reader)
    assert "主要指标共11项，其中已达标2项、序时推进4项、滞后5项。" in text
    assert "详见附件3" in text and "附件3主要指标完成情况表" in text  # no task done: no 销号清单
    assert "园区工业产值（亿元）≥1000亿元（2025年）700（2022年）820（2024年）40.0%66.7%●滞后" in text
    assert breaking_rule_violations(reader) == []
    png(result.path, output_dir, "report_bulletin_indicators", len(reader.pages))


def test_another_plan_s_targets_stay_out(engine, tmp_path):
    import_indicators(engine, YINCHUAN)  # into the Yinchuan plan, which has no tasks here
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=date(2017, 10, 15))
    assert "主要指标" not in squeezed(reader)


def test_the_annual_report_has_a_section_and_a_chart_of_actual_against_path(engine, tmp_path, output_dir):
    import_indicators(engine, YINCHUAN, plan=PLAN)
    result, reader = make(engine, tmp_path, "annual", year=2024, as_of=date(2024, 12, 31))
    text = squeezed(reader)
    for heading in ("五、主要指标完成情况", "六、督查工作开展情况", "七、存在的问题", "八、下步工作建议"):
        assert heading in text
    assert "完成进度序时进度" in text, "the chart's legend"
    assert "新材料产业集群规模" in text and "73.7%" in text, "the yearly targets make the schedule"
    assert breaking_rule_violations(reader) == []
    page = next(i for i, p in enumerate(reader.pages, start=1) if "主要指标完成情况" in p.extract_text())
    png(result.path, output_dir, "report_annual_indicators", page, page + 1)


def test_the_bulletin_names_tasks_whose_progress_did_not_change(engine, tmp_path, monkeypatch):
    clock = Clock(monkeypatch)
    for code in ("8", "24"):  # 30 % at the end of Q2 and Q3, no problem stated
        for quarter, day in ((2, date(2017, 7, 5)), (3, date(2017, 10, 5))):
            clock.set(day)
            record_progress(engine, find_task_id(engine, code), ProgressInput(2017, quarter, 30, "按计划推进",
                                                                              report_date=day), user="督查室")
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=date(2017, 10, 15))
    text = squeezed(reader)
    listed = re.search(r"（[一二三四五六]）进展无变化的任务。以下(\d+)项任务状态为“推进中”，但连续两个季度报送的完成进度相同，"
                       r"且未反映存在问题：(.*?)。请相关单位", text)
    assert listed and int(listed[1]) == len(listed[2].split("；")) >= 2, "the count is the tasks listed"
    assert "（组织人事部，30%）" in text and "（党群工作部，30%）" in text
