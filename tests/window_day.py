"""What the clerk's-day window tests share (tests/test_window_day*.py): waiting for the
window's background work, 报表 ▸ 督办报表 driven by a test, the import wizard driven to its end."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT
from tests.tables import write_table
from ui import background

INDICATORS = ROOT / "resources" / "samples" / "yinchuan-2025-indicators.xlsx"


def settle(ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        background.wait_all()
        QApplication.processEvents()
        time.sleep(0.01)


def in_report_dialog(window, monkeypatch, act) -> dict:  # noqa: ANN001
    """报表 ▸ 督办报表… with ``act(dialog)`` done in it (instead of the clerk)."""
    from ui.report_dialog import ReportDialog

    seen: dict = {}

    def run(dialog) -> int:  # noqa: ANN001
        import time

        from PySide6.QtCore import QCoreApplication

        dialog.show()
        seen["dialog"] = dialog
        act(dialog)
        # Issuing reports back through the window's runner: wait for it as the clerk would.
        deadline = time.monotonic() + 60
        while not dialog.idle and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        seen["status"] = dialog.status.text()
        return 0

    monkeypatch.setattr(ReportDialog, "exec", run)
    window.actions_.reports.trigger()
    return seen


UNDER_WAY = ["正在开展前期调研", "已启动", "正在推进", "已完成初稿，正在征求意见", "已形成征求意见稿", "稳步实施中"]


def run_wizard(window, qtbot, monkeypatch, path) -> dict:  # noqa: ANN001
    """文件 ▸ 导入任务表 with ``path`` chosen in the file dialog; the review page is read, then 导入."""
    from PySide6.QtWidgets import QFileDialog, QPushButton, QWizard

    from ui.import_wizard import ImportWizard

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    seen: dict = {}

    def drive(wizard) -> int:  # noqa: ANN001
        wizard.show()
        qtbot.mouseClick(wizard.file_page.findChild(QPushButton, "browse"), Qt.MouseButton.LeftButton)  # 浏览…
        wizard.next()
        wizard.next()
        review = wizard.check_page.review
        seen["quarter"] = (review.year.value(), review.quarter_box.currentData())
        seen["note"] = review.progress_note.text()
        seen["outside"] = review.outside_note.isVisible() and review.outside_note.text()
        model = review.inferred.model()
        seen["inferred"] = {model.index(r, 1).data(): model.index(r, 2).data() for r in range(model.rowCount())}
        seen["review"] = review
        if seen.get("pick"):
            review.year.setValue(seen["pick"])
            seen["outside_picked"] = review.outside_note.isVisible() and review.outside_note.text()
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.import_page.isComplete(), timeout=10000)
        seen["cancel_after"] = wizard.button(QWizard.WizardButton.CancelButton).isVisible()
        wizard.accept()
        return 1

    monkeypatch.setattr(ImportWizard, "exec", drive)
    return seen


def plan_2023(tmp_path):  # noqa: ANN001, ANN202
    rows = [[i, "一、深化改革", f"项目{i}", "内容", "重点", "行政审批局", "", "张", f"2023年{3 * (i % 4) + 3}月底",
             UNDER_WAY[i % len(UNDER_WAY)]] for i in range(1, 13)]
    return write_table(tmp_path / "2023年改革任务推进表.xlsx", rows, title="经开区2023年改革任务推进情况",
                       header=["序号", "改革领域", "改革项目", "具体改革内容", "项目类别", "牵头部门", "配合部门", "责任领导",
                               "完成时限", "进展情况"])
