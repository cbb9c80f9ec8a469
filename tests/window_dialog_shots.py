"""The dialogs the window opens, shot and measured on the screen tests/window_shots.py was started with:
文件 ▸ 导入指标表, the import wizard, 报表 ▸ 督办报表, 季度封账 and 结转 (and the dashboard's trend once quarters are
closed)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from ledger_app import operations
from tests.shot_tools import fits, settle

ROOT = Path(__file__).resolve().parents[1]
INDICATORS = ROOT / "resources" / "samples" / "yinchuan-2025-indicators.xlsx"


def indicator_import(window, app, shot) -> dict:  # noqa: ANN001
    """文件 ▸ 导入指标表's review of the Yinchuan table, before anything is written."""
    from ui.indicator_import import IndicatorImportDialog

    dialog = IndicatorImportDialog(window.controller, str(INDICATORS), window)
    dialog.show()
    settle(app, 100)
    facts = {"rows": dialog.problems.model().rowCount(), "import": dialog.import_button.isEnabled(),
             "buttons": {"import": fits(dialog.import_button, dialog)}}
    shot(dialog, "indicator-import-review")
    dialog.reject()
    return facts


def wizard(window, app, tmp: Path, shot) -> dict:  # noqa: ANN001
    from tests.tables import write_table
    from ui.import_wizard import ImportWizard

    header = ["序号", "改革领域", "改革项目", "具体改革内容", "牵头部门", "配合部门", "完成时限", "进展情况", "存在问题",
              "备注", "责任领导", "项目类别", "一季度", "二季度", "三季度", "四季度"]
    rows = [[i, "一、深化行政体制改革，实现管理运行高效能", f"改革项目{i}", "具体改革内容" * 3, "行政审批局", "各部门",
             "2018年6月底", "已完成。" if i % 3 == 0 else "正在推进，已完成调研", "", "试点", "张", "重点", "", "", "", ""]
            for i in range(1, 21)]
    path = write_table(tmp / "进展表.xlsx", rows, title="经开区改革任务推进情况表", subtitle="（截至2018年9月30日）",
                       header=header)
    wizard = ImportWizard(window.controller, window, path=str(path))
    wizard.show()
    settle(app, 100)
    shot(wizard, "import-wizard-file")
    wizard.next()
    settle(app, 100)
    page = wizard.mapping_page
    facts = {"size": [wizard.width(), wizard.height()], "screen_fit": wizard.frameGeometry().height()}
    header_view = page.preview.horizontalHeader()

    def aligned() -> list[int]:
        app.processEvents()
        offsets = []
        for column, box in enumerate(page._combos):
            if not box.isVisible():
                continue
            box_x = box.mapToGlobal(box.rect().topLeft()).x()
            column_x = header_view.mapToGlobal(header_view.rect().topLeft()).x() + header_view.sectionViewportPosition(column)
            offsets.append(box_x - column_x)
        return offsets

    facts["offsets"] = aligned()
    shot(wizard, "import-wizard-columns")
    page.preview.horizontalScrollBar().setValue(page.preview.horizontalScrollBar().maximum())
    facts["offsets_scrolled"] = aligned()
    facts["scrolled_by"] = page.preview.horizontalScrollBar().value()
    shot(wizard, "import-wizard-columns-scrolled")
    wizard.next()
    settle(app, 100)
    facts["inferred_rows"] = wizard.check_page.review.inferred.model().rowCount()
    shot(wizard, "import-wizard-review")
    wizard.reject()
    return facts


def report_dialog(window, app, screen, shot) -> dict:  # noqa: ANN001
    """报表 → 督办报表 on this screen: a bulletin previewed, as the clerk would look at it."""
    from ui.report_dialog import ReportDialog

    operations.set_setting(window.controller.engine, "org.name", "常州经开区改革创新工作领导小组办公室")
    dialog = ReportDialog(window.controller, window, today=date(2017, 11, 3))
    dialog.kind.setCurrentIndex(dialog.kind.findData("bulletin"))
    dialog.show()
    settle(app, 100)
    dialog.preview_button.click()
    settle(app, 300)  # the preview is typeset in the background
    while not dialog.idle:
        settle(app, 100)
    settle(app, 1500)  # QPdfView renders its pages in the background
    facts = {"minimum": [dialog.minimumSizeHint().width(), dialog.minimumSizeHint().height()],
             "frame": [dialog.frameGeometry().width(), dialog.frameGeometry().height()],
             "screen": [screen.width(), screen.height()], "pages": dialog.document.pageCount(),
             "buttons": {name: fits(button, dialog) for name, button in (
                 ("preview", dialog.preview_button), ("print", dialog.print_button), ("save", dialog.save_button))}}
    shot(dialog, "report-dialog")
    dialog.reject()
    return facts


def period_dialogs(window, app, screen, shot) -> dict:  # noqa: ANN001
    """报表 → 季度封账, 文件 → 结转到下一年度, and the dashboard with closed quarters, on this screen."""
    from ui.carry_over_dialog import CarryOverDialog
    from ui.quarter_dialogs import CloseQuarterDialog

    facts: dict = {}
    for name, dialog, buttons in (("close_quarter", CloseQuarterDialog(window.controller, window), ("close_button",)),
                                  ("carry_over", CarryOverDialog(window.controller, window), ("carry",))):
        dialog.show()
        settle(app, 100)
        facts[name] = {"frame": [dialog.frameGeometry().width(), dialog.frameGeometry().height()],
                       "minimum": [dialog.minimumSizeHint().width(), dialog.minimumSizeHint().height()],
                       "screen": [screen.width(), screen.height()],
                       "buttons": {b: fits(getattr(dialog, b), dialog) for b in buttons}}
        shot(dialog, name.replace("_", "-"))
        dialog.reject()
    for quarter in (1, 2, 3):
        operations.close_quarter(window.controller.engine, 2017, quarter, user="测试员")
    window.controller.ledger_replaced()
    window.show_dashboard()
    settle(app, 300)
    deadline = time.monotonic() + 30  # a loaded machine computes the figures slower than 1.5 s
    while window.pages.dashboard.refresh_pending() and time.monotonic() < deadline:
        settle(app, 100)
    settle(app, 300)  # and lays the charts out once they are filled
    facts["trend"] = {"box": fits(window.pages.dashboard.trend_box, window),
                      "columns": window.pages.dashboard.trend.model().columnCount(),
                      "area_chart": fits(window.pages.dashboard.area_box, window)}
    shot(window, "dashboard-trend")
    window.show_table()
    return facts
