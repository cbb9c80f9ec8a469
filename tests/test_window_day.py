"""Issue 25, 3–11: a clerk's day in the window, pressing the real menu items and buttons
(dialogs answered by monkeypatching QFileDialog / QMessageBox)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from ledger_app.exchange.importing import import_file
from tests.tables import write_table
from ui import background

LONG_LEADS = ["常州经济开发区经济发展局", "常州经济开发区社会事业局（教育文体局）", "区发展改革委、区财政局",
              "常州经济开发区行政审批局", "经开区党政办公室", "区市场监督管理局", "组织人事部", "综合执法局"]


def settle(ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        background.wait_all()
        QApplication.processEvents()
        time.sleep(0.01)


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

