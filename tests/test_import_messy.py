"""Tables built here exercise every shape the importer must read without configuration."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.exchange.importing import analyse
from ledger_app.exchange.importing.apply import import_file
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.tables import write_table


def _tasks(ledger):
    return {v.code: v for v in list_tasks(ledger.engine, TaskQuery())}


def test_title_and_subtitle_rows_above_header(ledger, tmp_path):
    path = write_table(tmp_path / "t.xlsx", [[1, "一、领域", "项目甲", "内容甲", "重点改革项目", "审批局", "", "张", "2017年6月底"]],
                       subtitle="（2017年3月印发）")
    result = import_file(ledger.engine, path)
    assert result.header_row == 3
    assert _tasks(ledger)["1"].title == "项目甲"


@pytest.mark.parametrize("names", [
    ["序号", "改革领域", "重点任务", "具体工作内容", "类别", "牵头单位", "配合单位", "分管领导", "时间节点"],
    ["编号", "领域", "任务名称", "主要内容", "项目类别", "责任单位", "协同单位", "责任领导", "完成时间"],
    ["序 号", "改革\n领域", "改革项目", "具体改革内容", "项目类别", "牵头部门（单位）", "配合部门", "责任领导", "完成时限"],
])
def test_header_synonyms(ledger, tmp_path, names):
    path = write_table(tmp_path / "t.xlsx", [[1, "一、领域", "项目甲", "内容甲", "专项改革项目", "审批局", "财政局", "张", "2017年9月底"]],
                       header=names)
    import_file(ledger.engine, path)
    task = _tasks(ledger)["1"]
    assert (task.title, task.content, task.category) == ("项目甲", "内容甲", "专项改革项目")
    assert (task.lead_depts, task.co_depts, task.leader) == (["审批局"], ["财政局"], "张")
    assert task.deadline == date(2017, 9, 30)


def test_measures_column_is_read(ledger, tmp_path):
    header = ["序号", "重点任务", "推进措施", "牵头单位", "完成时限"]
    path = write_table(tmp_path / "t.xlsx", [[1, "任务", "召开专题会议\n制定实施方案", "审批局", "2023年"]],
                       header=header, title="银川经开区2023年改革任务清单")
    import_file(ledger.engine, path)
    task = _tasks(ledger)["1"]
    assert task.measures == "召开专题会议\n制定实施方案"
    assert task.deadline == date(2023, 12, 31)


def test_section_rows_become_areas_and_blank_and_note_rows_are_skipped(ledger, tmp_path):
    header = ["序号", "重点任务", "具体工作内容", "牵头单位", "配合单位", "完成时限"]
    rows = [
        ["一、持续深化改革", None, None, None, None, None],
        [1, "任务一", "内容一", "审批局", "财政局", "6月底前"],
        [None] * 6,
        [2, "任务二", "内容二", "财政局", None, "2017年底前"],
        ["二、加快转型升级", None, None, None, None, None],
        [3, "任务三", "内容三", "科技局", None, "持续推进"],
        [None] * 6,
    ]
    # The first section row is merged across the table; the second is a lone cell.
    path = write_table(tmp_path / "t.xlsx", rows, header=header, merges=["A3:F3"],
                       notes=["注：1. 完成时限为最终完成时间。", "2. 各单位每季度末报送进展。"])
    result = import_file(ledger.engine, path)
    assert result.added == 3 and result.areas == 2
    tasks = _tasks(ledger)
    assert [tasks[c].area for c in "123"] == ["一、持续深化改革", "一、持续深化改革", "二、加快转型升级"]
    assert tasks["1"].deadline == date(2017, 6, 30)  # year from the title row


def test_merged_area_and_project_apply_to_each_row(ledger, tmp_path):
    rows = [
        [1, "一、领域", "项目甲", "内容一", "", "审批局", "", "", "2017年6月"],
        [2, None, None, "内容二", "", "审批局", "", "", "2017年7月"],
        [3, None, "项目乙", "内容三", "", "审批局", "", "", "2017年8月"],
    ]
    path = write_table(tmp_path / "t.xlsx", rows, merges=["B3:B5", "C3:C4"])
    import_file(ledger.engine, path)
    tasks = _tasks(ledger)
    assert [tasks[c].title for c in "123"] == ["项目甲", "项目甲", "项目乙"]
    assert {tasks[c].area for c in "123"} == {"一、领域"}


def test_table_not_starting_in_column_a_with_two_row_header(ledger, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["B1"] = "2017年改革任务表"
    for col, name in zip("BCDEF", ["序号", "改革项目", "牵头部门", "完成时限", "季度节点目标"], strict=True):
        ws[f"{col}2"] = name
    for col, name in zip("FGHI", ["一季度", "二季度", "三季度", "四季度"], strict=True):
        ws[f"{col}3"] = name
    for rng in ("B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:I2"):
        ws.merge_cells(rng)
    ws.append([None, 1.0, "项目", "审批局；财政局", "2017年第三季度", "调研", "方案", "实施", "验收"])
    wb.save(tmp_path / "t.xlsx")
    import_file(ledger.engine, tmp_path / "t.xlsx")
    task = _tasks(ledger)["1"]  # 1.0 from the sheet becomes code "1"
    assert task.lead_depts == ["审批局", "财政局"]
    assert task.deadline == date(2017, 9, 30)
    assert task.milestones == ["调研", "方案", "实施", "验收"]


@pytest.mark.parametrize("cell, expected", [
    ("财政局、经济发展局", ["财政局", "经济发展局"]),
    ("财政局，经济发展局", ["财政局", "经济发展局"]),
    ("财政局,经济发展局", ["财政局", "经济发展局"]),
    ("财政局;经济发展局；科技局", ["财政局", "经济发展局", "科技局"]),
    ("财政局/经济发展局", ["财政局", "经济发展局"]),
    ("财政局\n经济发展局", ["财政局", "经济发展局"]),
    ("\u3000财政局 、 财 政 局", ["财政局"]),
])
def test_department_separators_and_normalisation(ledger, tmp_path, cell, expected):
    path = write_table(tmp_path / "t.xlsx", [[1, "", "项目", "", "", "审批局", cell, "", "2017年底"]])
    import_file(ledger.engine, path)
    assert _tasks(ledger)["1"].co_depts == expected


def test_excel_dates_and_text_deadlines(ledger, tmp_path):
    rows = [
        [1, "", "项目", "", "", "局", "", "", date(2017, 5, 20)],
        [2, "", "项目", "", "", "局", "", "", "2017.12"],
        [3, "", "项目", "", "", "局", "", "", "2017年上半年"],
        [4, "", "项目", "", "", "局", "", "", "长期坚持"],
        [5, "", "项目", "", "", "局", "", "", "按季度"],
    ]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    tasks = _tasks(ledger)
    assert [tasks[c].deadline for c in "12345"] == [date(2017, 5, 20), date(2017, 12, 31), date(2017, 6, 30), None, None]
    assert tasks["4"].deadline_text == "长期坚持"


def test_year_option_overrides_title(ledger, tmp_path):
    path = write_table(tmp_path / "t.xlsx", [[1, "", "项目", "", "", "局", "", "", "6月底前"]], title="改革任务表")
    import_file(ledger.engine, path, year=2023)
    assert _tasks(ledger)["1"].deadline == date(2023, 6, 30)


def test_plan_named_from_title_else_file_name(ledger, tmp_path):
    with_title = analyse(write_table(tmp_path / "a.xlsx", [[1, "", "项目", "", "", "局", "", "", "2017年"]]))
    without = analyse(write_table(tmp_path / "银川任务清单.xlsx", [[1, "", "项目", "", "", "局", "", "", "2017年"]],
                                  title=None))
    from ledger_app.exchange.importing import plan_title_for

    assert plan_title_for(with_title, None) == "常州经开区2017年改革创新目标任务表"
    assert plan_title_for(without, None) == "银川任务清单"
    assert plan_title_for(without, "银川2023") == "银川2023"


def test_reimport_of_changed_table_updates_and_logs(ledger, tmp_path):
    rows = [[1, "", "项目", "内容", "", "审批局", "", "", "2017年6月底"], [2, "", "项目二", "", "", "局", "", "", "2017年"]]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    rows[0][8] = "2017年9月底"
    rows[0][5] = "审批局、财政局"
    rows.append([3, "", "项目三", "", "", "局", "", "", "2017年"])
    result = import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    task = _tasks(ledger)["1"]
    assert task.deadline == date(2017, 9, 30) and task.lead_depts == ["审批局", "财政局"]
    assert task.version == 2


def test_reimport_keeps_status_when_file_has_no_status_column(ledger, tmp_path):
    from ledger_app.operations import edit_task
    from ledger_app.tasks.queries import find_task_id

    path = write_table(tmp_path / "t.xlsx", [[1, "", "项目", "", "", "局", "", "", "2017年"]])
    import_file(ledger.engine, path)
    edit_task(ledger.engine, find_task_id(ledger.engine, "1"), {"status": "推进中", "percent": 40}, user="u")
    assert import_file(ledger.engine, path).unchanged == 1
    assert (_tasks(ledger)["1"].status, _tasks(ledger)["1"].percent) == ("推进中", 40)


def test_status_and_percent_columns(ledger, tmp_path):
    header = ["序号", "改革项目", "牵头部门", "完成时限", "推进状态", "完成进度"]
    rows = [[1, "甲", "局", "2017年", "已完成", "100%"], [2, "乙", "局", "2017年", "进行中", 0.5]]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows, header=header))
    tasks = _tasks(ledger)
    assert (tasks["1"].status, tasks["1"].percent) == ("已完成", 100)
    assert (tasks["2"].status, tasks["2"].percent) == ("推进中", 50)
