"""Ledger export: a workbook a clerk can forward, that imports back to the same ledger."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from ledger_app.exchange.export import export_ledger
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import add_supervision, edit_task, record_progress
from ledger_app.records.history import list_progress, list_supervision
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import department_names
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from tests.tables import write_table

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")


@pytest.fixture
def filled(ledger, sample):
    import_file(ledger.engine, sample)
    engine = ledger.engine
    # Effective before the day the comparison below reads the ledger on.
    edit_task(engine, find_task_id(engine, "1"), {"status": "已完成", "percent": 100,
                                                    "measures": "召开专题会议\n制定实施方案"}, user="t",
                effective_on=date(2017, 10, 1))
    edit_task(engine, find_task_id(engine, "5"), {"deadline": "2017年11月30日", "co_depts": "环保局、公安分局"},
                user="t", effective_on=date(2017, 10, 1))
    record_progress(engine, find_task_id(engine, "2"), ProgressInput(2017, 2, 30, "完成调研", "数据接口不统一",
                                                                      "对接省平台", "李明", date(2017, 7, 5)), user="t")
    record_progress(engine, find_task_id(engine, "2"), ProgressInput(2017, 3, 60, "上线试运行",
                                                                      effective_on=date(2017, 9, 15)), user="t")
    add_supervision(engine, find_task_id(engine, "4"), SupervisionInput(
        "限期整改", date(2017, 10, 16), "进度滞后", date(2017, 11, 30), "已整改", True, "整改〔2017〕第1号"), user="t")
    return ledger


def _tasks(engine):
    return [{k: v for k, v in t.to_json().items() if k not in ("id", "version")}
            for t in list_tasks(engine, TaskQuery(as_of=date(2017, 10, 15)))]


def _history(engine):
    progress, actions = [], []
    for task in list_tasks(engine, TaskQuery()):
        progress += [(task.code, r.year, r.quarter, r.percent, r.done, r.problems, r.next_steps, r.reporter,
                      r.report_date, r.effective_on) for r in list_progress(engine, task.id)]
        actions += [(task.code, a.kind, a.doc_no, a.action_date, a.content, a.rectify_deadline, a.result, a.closed)
                    for a in list_supervision(engine, task.id)]
    return progress, actions


def test_export_then_import_gives_the_same_ledger(filled, tmp_path, new_db_url):
    out = tmp_path / "台账.xlsx"
    result = export_ledger(filled.engine, out)
    assert (result.tasks, result.progress, result.supervision) == (32, 2, 1)
    copy = open_ledger(new_db_url("copy"))
    imported = import_file(copy.engine, out)
    assert imported.added == 32
    assert _tasks(copy.engine) == _tasks(filled.engine)
    assert department_names(copy.engine) == department_names(filled.engine)
    assert _history(copy.engine) == _history(filled.engine)
    again = import_file(copy.engine, out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 32)
    assert _history(copy.engine) == _history(filled.engine), "re-importing adds no duplicate records"
    copy.close()


def test_workbook_shape(filled, tmp_path):
    out = tmp_path / "t.xlsx"
    export_ledger(filled.engine, out, as_of=date(2017, 10, 15))
    wb = load_workbook(out)
    assert wb.sheetnames == ["台账", "季度进展", "督办记录", "统计"]
    ws = wb["台账"]
    assert ws["A1"].value == "常州经开区2017年改革创新目标任务表" and ws["A2"].font.b
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    assert ws["K3"].is_date and ws["K3"].value.date() == date(2017, 6, 30)
    assert ws["R4"].value == "红灯" and ws["R4"].fill.fgColor.rgb.endswith("F4C7C3")
    assert ws.data_validations.dataValidation[0].formula1 == '"未启动,推进中,已完成,暂缓,已取消"'
    assert ws["D3"].alignment.wrap_text


def test_each_light_cell_alone_carries_its_colour(filled, tmp_path):
    # The export copies one cached style into every cell: colouring one cell must not colour its row,
    # its column or the cells that share its kind.
    from ledger_app.exchange.cells import LIGHT_FILLS
    from ledger_app.messages.labels import LIGHT_LABELS

    out = tmp_path / "t.xlsx"
    export_ledger(filled.engine, out, as_of=date(2017, 10, 15))
    ws = load_workbook(out)["台账"]
    colour = {label: LIGHT_FILLS[light] for light, label in LIGHT_LABELS.items()}
    lights = [row[17] for row in ws.iter_rows(min_row=3)]
    assert len({cell.value for cell in lights}) >= 3, "the sample should show several lights"
    for cell in lights:
        assert cell.fill.fgColor.rgb.endswith(colour[cell.value]), cell.coordinate
    others = [cell for row in ws.iter_rows(min_row=3) for cell in row if cell.column != 18]
    assert {cell.fill.fill_type for cell in others} == {None}
    assert all(cell.border.left.style == "thin" for cell in others)
    assert ws["A2"].fill.fgColor.rgb.endswith("E8EAED") and ws["A3"].font.b is not True


def test_text_that_looks_like_an_error_value_stays_text(ledger, tmp_path):
    import_file(ledger.engine, write_table(tmp_path / "in.xlsx", [[1, "", "项目", "内容", "", "局", "", "", "2017年"]]))
    edit_task(ledger.engine, find_task_id(ledger.engine, "1"), {"title": "#N/A", "content": "#DIV/0!"}, user="t")
    out = tmp_path / "out.xlsx"
    export_ledger(ledger.engine, out)
    ws = load_workbook(out)["台账"]
    assert (ws["C3"].value, ws["C3"].data_type, ws["D3"].value, ws["D3"].data_type) == ("#N/A", "s", "#DIV/0!", "s")


def test_several_plans_need_a_choice(filled, tmp_path):
    from ledger_app.messages.errors import LedgerError

    import_file(filled.engine, write_table(tmp_path / "y.xlsx", [[1, "", "项目", "", "", "局", "", "", "2023年"]],
                                           title="银川经开区2023年改革任务"))
    with pytest.raises(LedgerError, match="多个方案"):
        export_ledger(filled.engine, tmp_path / "x.xlsx")
    assert export_ledger(filled.engine, tmp_path / "x.xlsx", TaskQuery(plan="银川经开区2023年改革任务")).tasks == 1


def test_formula_like_text_stays_text(ledger, tmp_path, new_db_url):
    texts = ["=1+1", "+SUM(1,2)", "@cmd", "-2+3"]
    rows = [[i + 1, "", text, text, "", "局", "", "", "2017年"] for i, text in enumerate(texts)]
    import_file(ledger.engine, write_table(tmp_path / "in.xlsx", rows))
    assert [t.title for t in list_tasks(ledger.engine, TaskQuery())] == texts
    out = tmp_path / "out.xlsx"
    export_ledger(ledger.engine, out)
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert all("<f>" not in xml and "<f " not in xml for xml in sheets)
    copy = open_ledger(new_db_url("copy"))
    import_file(copy.engine, out)
    assert [t.title for t in list_tasks(copy.engine, TaskQuery())] == texts
    assert [t.content for t in list_tasks(copy.engine, TaskQuery())] == texts
    copy.close()


@pytest.mark.parametrize("enabled", [True, False])
def test_an_export_leaves_the_garbage_collector_as_it_found_it_even_when_refused(filled, tmp_path, enabled,
                                                                                   monkeypatch):
    """The collector is paused while the workbook's cells are made (db.bulk.collector_paused), and given
    back as it was: on after an export, and after one refused half-way; still off where it was off."""
    import gc

    from ledger_app.exchange import export
    from ledger_app.messages.errors import LedgerError

    seen = []
    sheet = export._stats_sheet
    monkeypatch.setattr(export, "_stats_sheet", lambda wb, tasks: (seen.append(gc.isenabled()), sheet(wb, tasks)))
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        export_ledger(filled.engine, tmp_path / "台账.xlsx")
        assert seen == [False], "paused while the cells are made"
        assert gc.isenabled() is enabled
        monkeypatch.setattr(export, "_stats_sheet", lambda wb, tasks: (_ for _ in ()).throw(LedgerError("磁盘已满")))
        with pytest.raises(LedgerError, match="磁盘已满"):
            export_ledger(filled.engine, tmp_path / "台账.xlsx")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
