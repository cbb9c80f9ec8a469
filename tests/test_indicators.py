"""Quantified targets: the Yinchuan 2025 indicators judged against hand-worked figures, values by
quarter and year, the indicator-table import (messy tables, clear refusals that change nothing)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import Workbook

from ledger_app import operations
from ledger_app.cli.main import main as cli_main
from ledger_app.exchange.importing.apply import import_file
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.indicators.measure import Definition, Reading, judge
from ledger_app.indicators.recording import IndicatorStaleError
from ledger_app.indicators.store import ValueInput, count_indicators, find_indicator_id, list_indicators
from ledger_app.messages.errors import ImportRejected
from ledger_app.tasks.lights import Thresholds
from tests.conftest import ROOT
from tests.tables import write_table

YINCHUAN = ROOT / "resources" / "samples" / "yinchuan-2025-indicators.xlsx"
PLAN = "银川经济技术开发区推进体制机制改革促进高质量发展主要指标表"
# 2022-12-31 → 2025-12-31 is 1,096 days; by 2024-12-31, 731 of them have passed: 66.70 %.
ELAPSED = 731 / 1096 * 100


@pytest.fixture
def yinchuan(ledger):
    import_indicators(ledger.engine, YINCHUAN)
    return ledger.engine


def _by_name(engine, as_of: date) -> dict:
    return {v.name: v for v in list_indicators(engine, as_of, Thresholds())}


def test_the_yinchuan_targets_are_judged_as_worked_out_by_hand(yinchuan):
    views = _by_name(yinchuan, date(2024, 12, 31))
    assert len(views) == 11
    # (baseline, 2024 value, target): progress = (value − baseline) / (target − baseline)
    hand = {"园区工业产值": ((820 - 700) / 300 * 100, "yellow"),  # 40.0 % against 66.7 %: 26.7 points behind
            "工业企业R&D经费投入强度": ((2.9 - 2.2) / 0.8 * 100, "green"),  # 87.5 %
            "自治区级及以上科技创新平台": ((131 - 95) / 55 * 100, "green"),  # 65.5 %: 1.2 behind
            "实际利用外资额": ((3500 - 2800) / 2200 * 100, "yellow"),  # 31.8 %
            "高端装备制造产业集群规模": ((160 - 120) / 80 * 100, "green"),  # 50.0 %: 16.7 behind, within 20
            "大健康产业集群规模": ((61 - 50) / 30 * 100, "yellow"),  # 36.7 %
            "数字经济产业主营业务收入": ((78 - 45) / 55 * 100, "green"),
            "现代物流产业主营业务收入": ((70 - 55) / 45 * 100, "yellow")}
    for name, (progress, light) in hand.items():
        view = views[name]
        assert view.assessment.progress == pytest.approx(progress), name
        assert view.assessment.expected == pytest.approx(ELAPSED), name
        assert view.light == light, name
    # 新材料: the yearly targets (2023:650；2024:800) make the schedule 73.7 %, not 66.7 %: yellow.
    materials = views["新材料产业集群规模"]
    assert materials.assessment.expected == pytest.approx((800 - 520) / 380 * 100)
    assert materials.assessment.progress == pytest.approx((700 - 520) / 380 * 100)
    assert materials.light == "yellow"
    straight = judge(Definition(">=", 520, 2022, 900, 2025), materials.readings, date(2024, 12, 31))
    assert straight.expected == pytest.approx(ELAPSED) and straight.light == "green", "19.3 behind on a straight path"
    # Reached already: 12 green factories (≥ 12), 46 posts (≤ 50: a cap, no baseline)
    assert views["自治区级以上绿色工厂"].light == "done" and views["员额数量"].light == "done"
    assert views["员额数量"].assessment.progress is None


def test_lights_through_the_years(yinchuan):
    start = _by_name(yinchuan, date(2022, 12, 31))
    # Nothing reported yet: 未报送, never 正常 — and no progress to draw (not 0 % from the baseline).
    assert {v.light for v in start.values()} == {"unreported"}
    assert start["园区工业产值"].assessment.latest is None and start["园区工业产值"].assessment.progress is None
    due = _by_name(yinchuan, date(2025, 12, 10))  # the target year ends within 30 days
    assert {n for n, v in due.items() if v.light == "yellow"} == {n for n, v in due.items() if not v.assessment.met}
    late = _by_name(yinchuan, date(2026, 1, 1))
    assert {v.light for v in late.values()} == {"red", "done"}
    assert late["园区工业产值"].light == "red" and late["自治区级以上绿色工厂"].light == "done"


def test_a_path_that_bends_and_a_target_to_stay_under():
    path = Definition(">=", 100, 2020, 200, 2023, [(2021, 110), (2022, 190)])
    assert path.expected_value(date(2021, 12, 31)) == 110
    assert path.expected_value(date(2022, 7, 2)) == pytest.approx(110 + 80 * 183 / 365)
    assert path.expected_value(date(2030, 1, 1)) == 200 and path.expected_value(date(2019, 1, 1)) == 100
    cap = Definition("<=", 80, 2020, 60, 2023)  # 能耗 down from 80 to 60
    assert cap.share(70) == pytest.approx(50.0) and cap.meets(60) and not cap.meets(61)
    verdict = judge(cap, [Reading(2021, 0, 78)], date(2022, 12, 31), Thresholds(30, 20))
    assert verdict.progress == pytest.approx(10.0) and verdict.expected == pytest.approx(730 / 1095 * 100)
    assert verdict.light == "yellow"


def test_values_by_quarter_and_year_on_the_command_line(yinchuan, db_url, capsys):
    assert cli_main(["--db", db_url, "indicators", "set", "园区工业产值", "--year", "2025", "--quarter", "2",
                     "--value", "900"]) == 0
    assert "已记录“园区工业产值”2025年第二季度的实际值 900" in capsys.readouterr().out

    def listed(as_of: str) -> dict:
        assert cli_main(["--db", db_url, "indicators", "list", "--as-of", as_of, "--json"]) == 0
        return {i["name"]: i for i in json.loads(capsys.readouterr().out)}

    assert listed("2025-06-29")["园区工业产值"]["latest"] == {"year": 2024, "quarter": 0, "value": 820.0}
    mid = listed("2025-06-30")["园区工业产值"]
    assert mid["latest"] == {"year": 2025, "quarter": 2, "value": 900.0}
    assert mid["progress"] == pytest.approx(66.7) and mid["light"] == "green"  # 913 of 1,096 days: 83.3 %
    assert cli_main(["--db", db_url, "indicators", "set", "1", "--year", "2025", "--quarter", "4", "--value",
                     "990"]) == 0
    assert cli_main(["--db", db_url, "indicators", "set", "1", "--year", "2025", "--value", "1010"]) == 0
    capsys.readouterr()
    final = listed("2026-03-01")["园区工业产值"]
    assert final["latest"]["quarter"] == 0 and final["light"] == "done", "the year's figure wins over its Q4"
    assert cli_main(["--db", db_url, "indicators", "set", "不存在的指标", "--year", "2025", "--value", "1"]) == 2
    assert "台账中没有指标“不存在的指标”" in capsys.readouterr().err


def test_recording_a_value_is_undoable_and_versioned(yinchuan):
    indicator = find_indicator_id(yinchuan, "园区工业产值")
    version = next(v.version for v in list_indicators(yinchuan, date(2025, 1, 1)) if v.id == indicator)
    result = operations.record_indicator_value(yinchuan, indicator, ValueInput(2024, 0, 850), user="张三",
                                               expected_version=version)
    assert result.changes.indicators
    assert _by_name(yinchuan, date(2025, 1, 1))["园区工业产值"].assessment.latest.value == 850
    with pytest.raises(IndicatorStaleError, match="已被他人修改"):
        operations.record_indicator_value(yinchuan, indicator, ValueInput(2024, 0, 860), user="李四",
                                          expected_version=version)
    result.undo()
    assert _by_name(yinchuan, date(2025, 1, 1))["园区工业产值"].assessment.latest.value == 820


def test_reimporting_changes_only_what_changed(yinchuan, tmp_path):
    again = import_indicators(yinchuan, YINCHUAN)
    assert (again.added, again.updated, again.unchanged, again.values) == (0, 0, 11, 0)
    rows = [[1, "园区工业产值", "亿元", 700, "≥1100", "经济发展局", 830]]
    path = _table(tmp_path / "改.xlsx", ["序号", "指标名称", "单位", "2022年基数", "2025年目标", "责任单位", "2024年"],
                  rows)
    changed = import_indicators(yinchuan, path, plan=PLAN)
    assert (changed.added, changed.updated, changed.unchanged, changed.values) == (0, 1, 0, 1)
    view = _by_name(yinchuan, date(2024, 12, 31))["园区工业产值"]
    assert view.target == 1100 and view.assessment.latest.value == 830


def _table(path, header, rows, title="经开区主要指标表", notes=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for note in notes:
        ws.append([note])
    wb.save(path)
    return path


def test_a_messy_table_with_synonyms_sections_and_a_year_in_the_header(ledger, tmp_path, sample):
    import_file(ledger.engine, sample)
    plan = "常州经开区2017年改革创新目标任务表"
    header = ["编号", "主要指标", "计量单位", "基准值", "基准年", "目标值（2019年）", "指标属性", "牵头单位", "关联任务",
              "2018年第三季度", "2018Q4实际", "备注"]
    rows = [["一、开放型经济", None, None, None, None, None, None, None, None, None, None, None],
            ["A1", "实际利用外资", "亿美元", "3.5", "2016年", "≥5", None, "招商局、商务局", "14、15", 4.1, "4.3", ""],
            ["A2", "万元工业产值能耗", "吨标煤", 0.5, 2016, 0.4, "约束性", "经济发展局", None, None, None, "下降"],
            ["A3", "新增市场主体", "户", 1000, 2016, "2000户以上", "", "各部门", "", "", "", ""]]
    path = _table(tmp_path / "指标.xlsx", header, rows, notes=["注：数据来源于统计局。"])
    result = import_indicators(ledger.engine, path, plan=plan)
    assert (result.indicators, result.added, result.values) == (3, 3, 2)
    views = {v.code: v for v in list_indicators(ledger.engine, date(2018, 12, 31), plan=plan)}
    foreign = views["A1"]
    assert (foreign.area, foreign.target, foreign.target_year, foreign.baseline_year) == ("一、开放型经济", 5, 2019, 2016)
    assert foreign.dept == "招商局" and foreign.co_depts == "商务局" and foreign.tasks == ["14", "15"]
    assert foreign.assessment.latest == Reading(2018, 4, 4.3)
    assert views["A2"].direction == "<=" and views["A3"].direction == ">="
    assert views["A3"].dept == "" and views["A3"].co_depts == "各部门"


def test_a_bad_table_is_refused_whole_naming_file_sheet_row_and_column(ledger, tmp_path):
    header = ["序号", "指标名称", "单位", "基期值", "基期年份", "目标值", "目标年份", "方向", "分年度目标"]
    rows = [[1, "园区工业产值", "亿元", 700, 2022, "突破千亿", 2025, "≥", ""],
            [2, "", "个", 1, 2022, 5, 2025, "≥", ""],
            [3, "科技平台", "个", 95, 2022, 150, "", "≥", ""],
            [4, "科技平台", "个", 95, 2022, 150, 2025, "差不多", "2023年很多"]]
    path = _table(tmp_path / "坏的指标表.xlsx", header, rows)
    with pytest.raises(ImportRejected) as caught:
        import_indicators(ledger.engine, path)
    text = str(caught.value)
    for expected in ("坏的指标表.xlsx：工作表“指标”第 3 行，第 F 列（目标值）：“突破千亿”不是数字",
                     "第 4 行，第 B 列（指标名称）：指标名称为空",
                     "第 5 行，第 G 列（目标年份）：目标年份为空",
                     "第 6 行，第 B 列（指标名称）：指标“科技平台”与第 5 行重复",
                     "第 6 行，第 H 列（方向）：方向“差不多”无法识别",
                     "第 6 行，第 I 列（分年度目标）：分年度目标“2023年很多”无法识别"):
        assert expected in text, text
    assert count_indicators(ledger.engine) == 0


def test_links_to_tasks_must_exist_in_the_plan(ledger, tmp_path):
    import_file(ledger.engine, write_table(tmp_path / "任务.xlsx", [[1, "一、领域", "项目", "内容", "", "招商局", "", "",
                                                                    "2017年12月31日"]]))
    path = _table(tmp_path / "指标.xlsx", ["指标名称", "目标值", "目标年份", "关联任务"], [["外资", 5, 2019, "1、9"]])
    with pytest.raises(ImportRejected, match="没有编号为“9”的任务"):
        import_indicators(ledger.engine, path, plan="常州经开区2017年改革创新目标任务表")
    assert count_indicators(ledger.engine) == 0


def test_a_file_that_is_not_an_indicator_table(ledger, tmp_path, sample):
    with pytest.raises(ImportRejected, match="没有找到指标表的表头"):
        import_indicators(ledger.engine, sample)
    (tmp_path / "x.xlsx").write_text("序号,指标名称\n1,外资\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="不是有效的 .xlsx 工作簿"):
        import_indicators(ledger.engine, tmp_path / "x.xlsx")
