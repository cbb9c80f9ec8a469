"""Issue 25, 3–6: a clerk's day in the window — the dashboard, importing indicators and task
tables — pressing the real menu items and buttons (dialogs answered by monkeypatching).
7–10 are in test_window_day_reports.py, 11 in test_window_day_small.py."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt

from ledger_app.exchange.importing.apply import import_file
from tests.conftest import OUTPUT, SAMPLE
from tests.tables import write_table
from tests.window_day import INDICATORS, plan_2023, run_wizard, settle

SAMPLE_TASKS = SAMPLE

LONG_LEADS = ["常州经济开发区经济发展局", "常州经济开发区社会事业局（教育文体局）", "区发展改革委、区财政局",
              "常州经济开发区行政审批局", "经开区党政办公室", "区市场监督管理局", "组织人事部", "综合执法局"]


def _dashboard(window):  # noqa: ANN001, ANN202
    window.actions_.dashboard.trigger()  # 视图 ▸ 看板
    dashboard = window.pages.dashboard
    deadline = time.monotonic() + 10
    while dashboard.refresh_pending() and time.monotonic() < deadline:
        settle(50)
    settle(200)
    return dashboard


@pytest.mark.parametrize("width", [1024, 1366, 1900])
def test_department_chart_shows_the_names(window, tmp_path, width):
    """各牵头部门完成率 showed every department as "…" (QtCharts truncates a label that does not
    fit its slot); the names must be readable at any window width."""
    rows = [[i, "一、深化行政体制改革", f"改革项目{i}", "内容", "重点", LONG_LEADS[i % len(LONG_LEADS)], "", "张",
             "2017年12月底"] for i in range(1, 25)]
    import_file(window.controller.engine, write_table(tmp_path / "长名.xlsx", rows))
    window.controller.ledger_replaced()
    window.resize(width, 740)
    dashboard = _dashboard(window)
    axis = dashboard.dept_chart.categories()
    labels = [label.rstrip("\u200b") for label in axis.categories()]
    assert not axis.labelsTruncated(), labels
    assert len(labels) == 9  # 区发展改革委、区财政局 leads as two departments
    names = [label.rsplit(" (", 1)[0].replace("…", "") for label in labels]
    assert all(len(name) >= 4 for name in names), labels
    assert len(set(labels)) == len(labels), "each department tells itself apart"



def _workbook_with_tasks_and_indicators(tmp_path):  # noqa: ANN001, ANN202
    """The sample's task sheet and, beside it, the Yinchuan indicator sheet: one office workbook."""
    from openpyxl import load_workbook

    book = load_workbook(SAMPLE)
    source = load_workbook(INDICATORS).active
    sheet = book.create_sheet("主要指标")
    for row in source.iter_rows(values_only=True):
        sheet.append(list(row))
    path = tmp_path / "任务和指标.xlsx"
    book.save(path)
    return path


def test_indicator_import_is_reviewed_and_attached_to_the_chosen_plan(window, qtbot, monkeypatch, tmp_path):
    """导入指标表 imported at once into a new plan named after the file. Now: a review (which plan,
    what is added and changed, refusals) and the plan of the same workbook by default."""
    from PySide6.QtWidgets import QFileDialog

    from ledger_app.indicators.store import list_indicators
    from ledger_app.tasks.queries import plan_titles
    from ui.indicator_import import IndicatorImportDialog

    engine = window.controller.engine
    path = _workbook_with_tasks_and_indicators(tmp_path)
    import_file(engine, path)  # the workbook's task sheet: its plan
    window.controller.ledger_replaced()
    task_plan = plan_titles(engine)[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    seen = {}

    def review(dialog) -> int:  # noqa: ANN001
        dialog.show()
        seen["default"] = dialog.plan_title()
        seen["plans"] = [dialog.plan.itemText(i) for i in range(dialog.plan.count())]
        seen["summary"] = dialog.summary.text()
        seen["written_before"] = len(plan_titles(engine))
        OUTPUT.mkdir(exist_ok=True)
        dialog.grab().save(str(OUTPUT / "indicator-import-review.png"))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.imported is not None)
        return dialog.result()

    monkeypatch.setattr(IndicatorImportDialog, "exec", review)
    window.actions_.import_indicators.trigger()  # 文件 ▸ 导入指标表
    window.controller.wait()
    assert seen["default"] == task_plan, seen["plans"]
    assert "新方案" in seen["plans"][-1], "a new plan is offered, not made unasked"
    assert "11" in seen["summary"] and task_plan in seen["summary"] and "新增 11" in seen["summary"], seen["summary"]
    assert seen["written_before"] == 1, "the review writes nothing"
    assert plan_titles(engine) == [task_plan], "attached to the plan of the same workbook, no new plan"
    assert len(list_indicators(engine, date(2025, 12, 31), plan=task_plan)) == 11


def test_indicator_import_into_another_plan_says_what_changes(window, qtbot, monkeypatch, tmp_path):
    from ledger_app.exchange.importing.indicators import import_indicators
    from ui.indicator_import import IndicatorImportDialog

    engine = window.controller.engine
    import_file(engine, SAMPLE_TASKS)
    import_indicators(engine, INDICATORS)  # once already: a second import changes nothing
    dialog = IndicatorImportDialog(window.controller, str(INDICATORS), window)
    qtbot.addWidget(dialog)
    assert dialog.plan.currentData().startswith("银川"), "the plan named like the table, already there"
    assert "0 项新增" not in dialog.summary.text() and "未变 11" in dialog.summary.text(), dialog.summary.text()
    dialog.plan.setCurrentIndex(dialog.plan.findData(next(
        dialog.plan.itemData(i) for i in range(dialog.plan.count()) if dialog.plan.itemData(i).startswith("常州"))))
    assert "新增 11" in dialog.summary.text(), "into another plan: every indicator is new there"


def test_progress_goes_to_the_plans_own_quarter_and_says_why(window, qtbot, monkeypatch, tmp_path):
    """The wizard filed the 进展情况 of a 2023 plan in the quarter of the workbook's save date
    (2026 Q4). Now the plan's own quarter, the reason on the review page, a warning outside."""
    seen = run_wizard(window, qtbot, monkeypatch, plan_2023(tmp_path))
    seen["pick"] = 2026
    window.actions_.import_.trigger()  # 文件 ▸ 导入任务表
    window.controller.wait()
    assert seen["quarter"] == (2023, 4), seen["note"]
    assert "方案自身的期间" in seen["note"]
    assert seen["outside"] is False
    assert "2026年第4季度" in seen["outside_picked"] or "2026年" in seen["outside_picked"], seen
    assert "2023" in seen["outside_picked"]
    assert seen["cancel_after"] is False, "no 取消 once the import is done"


def test_under_way_wording_makes_the_task_under_way(window, qtbot, monkeypatch, tmp_path):
    """正在开展…, 已启动, 正在推进, 已完成初稿… left the task 未启动 0 %."""
    from ledger_app.tasks import fields as task_fields
    from ledger_app.tasks.queries import find_task_id

    seen = run_wizard(window, qtbot, monkeypatch, plan_2023(tmp_path))
    window.actions_.import_.trigger()
    window.controller.wait()
    assert set(seen["inferred"].values()) == {"推进中"} and len(seen["inferred"]) == 12, seen["inferred"]
    engine = window.controller.engine
    statuses = {task_fields.get_fields(engine, find_task_id(engine, str(i)), ["status"])["status"] for i in range(1, 13)}
    assert statuses == {"推进中"}
