"""Open the window as a clerk would on a given screen and report how it fits (run as its own
process by tests/test_window_fit.py: QT_SCALE_FACTOR and the screen size must be set before Qt
starts). Saves screenshots to tests/output/<label>-*.png and prints the facts as JSON.

    python tests/window_shots.py LABEL WIDTH HEIGHT SCALE
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from itertools import combinations
from pathlib import Path

from ledger_app import operations

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tests" / "output"
SAMPLE = ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx"
INDICATORS = ROOT / "resources" / "samples" / "yinchuan-2025-indicators.xlsx"
# The Windows taskbar (48 px at any scale) and a title bar (about 31 px) take this much height.
TASKBAR, TITLE_BAR = 48, 31


def _setup(label: str, width: int, height: int, scale: float, tmp: Path) -> None:
    config = tmp / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": label, "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    if scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    os.environ["TASK_LEDGER_HOME"] = str(tmp / "home")
    os.environ["TASK_LEDGER_LANG"] = "zh"
    os.environ.pop("TASK_LEDGER_DB", None)
    sys.path.insert(0, str(ROOT))


def _rect(widget, window) -> list[int]:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    top_left = widget.mapTo(window, QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _fits(widget, window, natural: bool = False) -> dict:  # noqa: ANN001
    """Where ``widget`` is, whether it is inside the window, and whether it got less than its
    minimum size (``natural``: less than its size hint, e.g. a date box too narrow for its date)."""
    x, y, w, h = _rect(widget, window)
    wanted = widget.sizeHint() if natural else widget.minimumSizeHint()
    return {"visible": widget.isVisible(), "rect": [x, y, w, h],
            "inside": x >= 0 and y >= 0 and x + w <= window.width() and y + h <= window.height(),
            "squeezed": w + 1 < wanted.width() or h + 1 < min(wanted.height(), widget.minimumSizeHint().height())}


def _overlaps(rects: list[list[int]]) -> list[list[list[int]]]:
    def meet(a: list[int], b: list[int]) -> bool:
        return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]

    return [[a, b] for a, b in combinations(rects, 2) if meet(a, b)]


def settle(app, ms: int = 300) -> None:  # noqa: ANN001
    """Let background answers (navigation, light counts, charts) arrive and be painted."""
    import time

    from ui import background

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        background.wait_all()
        app.processEvents()
        time.sleep(0.01)


def _layout_facts(window, app) -> dict:  # noqa: ANN001
    from ledger_app.tasks.rows import COLUMNS

    settle(app, 100)
    bar = window.filter_bar
    inline = [w for w in (bar.search, *bar.groups.values(), bar.more, bar.clear, bar.count) if w.isVisible()]
    status = window.statusBar()
    key = {"search": bar.search, "clear": bar.clear, "count": bar.count, "table": window.view, "nav": window.nav,
           "detail": window.detail, "status_bar": status, "lights": window.status_line.lights, "as_of": window.status_line.as_of}
    key.update({f"filter_{name}": group for name, group in bar.groups.items() if name not in bar.folded})
    if "dates" not in bar.folded:
        key.update({"filter_date_from": bar.date_from, "filter_date_to": bar.date_to})
    if bar.folded:
        key["more"] = bar.more
    view, header = window.view, window.view.horizontalHeader()
    columns = {key: {"shown": not view.isColumnHidden(i),
                     "in_view": header.sectionViewportPosition(i) + header.sectionSize(i) <= view.viewport().width()}
               for i, key in enumerate(COLUMNS)}
    menu = window.actions_.columns
    menu.aboutToShow.emit()
    checked = [a.isChecked() for a in menu.actions() if a.isCheckable()]
    return {"window": [window.width(), window.height()], "folded": list(bar.folded),
            "columns": columns, "sideways": header.length() > view.viewport().width(), "menu_checked": checked,
            "widgets": {name: _fits(w, window, natural=name.startswith("filter_")) for name, w in key.items()},
            "filter_overlaps": _overlaps([_rect(w, window) for w in inline]),
            "table_share": window.view.width() / window.width()}


def main() -> None:
    label, width, height, scale = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    with tempfile.TemporaryDirectory() as tmp:
        _setup(label, width, height, scale, Path(tmp))
        print(json.dumps(run(label, Path(tmp))))


def run(label: str, tmp: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.store.opening import open_ledger
    from ui import fonts, translations
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    app = QApplication([sys.argv[0]])
    translations.install(app, "zh_CN")
    fonts.ensure_cjk_font(app)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = lambda widget, name: widget.grab().save(str(OUTPUT / f"{label}-{name}.png"))  # noqa: E731

    ledger = open_ledger(str(tmp / "ledger.db"), user="测试员")
    import_file(ledger.engine, SAMPLE)
    screen = app.primaryScreen().availableGeometry()
    window = MainWindow(ledger, Preferences())
    window.controller.set_as_of(date(2017, 10, 15))
    window.show()
    window.model.wait()
    settle(app, 600)
    window.view.selectRow(1)
    settle(app)
    facts: dict = {"label": label, "screen": [screen.width(), screen.height()],
                   "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                   "frame": [window.frameGeometry().x(), window.frameGeometry().y(), window.frameGeometry().width(),
                             window.frameGeometry().height()],
                   "taskbar_and_title": TASKBAR + TITLE_BAR}
    facts["first_start"] = _layout_facts(window, app)
    shot(window, "main-window")
    shot(window.detail, "detail-pane")

    window.actions_.detail.trigger()
    app.processEvents()
    facts["detail_hidden"] = {"visible": window.detail.isVisible(), "table_share": window.view.width() / window.width(),
                              "remembered": window.preferences.detail_visible}
    facts["detail_hidden_layout"] = _layout_facts(window, app)
    del facts["detail_hidden_layout"]["widgets"]["detail"]
    shot(window, "detail-hidden")
    window.actions_.detail.trigger()
    app.processEvents()
    facts["detail_shown_again"] = _fits(window.detail, window)

    window.resize(window.minimumSizeHint().width(), window.minimumSizeHint().height())
    facts["narrowest"] = _layout_facts(window, app)
    shot(window, "narrowest")
    if window.filter_bar.folded:
        window.filter_bar.more.click()
        app.processEvents()
        popup = window.filter_bar.popup
        facts["more_popup"] = {"visible": popup.isVisible(), "area_inside": window.filter_bar.area.isVisible()
                               and popup.isAncestorOf(window.filter_bar.area)}
        shot(popup, "more-filters")
        popup.hide()
    window.resize(facts["frame"][2], facts["frame"][3])

    window.show_dashboard()
    settle(app, 1500)
    shot(window, "dashboard")
    window.show_table()

    facts["indicator_import"] = _indicator_import(window, app, shot)
    facts["views"] = _supervision_views(window, app, shot)
    facts["detail_tables"] = _detail_tables(window, app, shot)

    facts["wizard"] = _wizard(window, app, tmp, shot)
    facts["report_dialog"] = _report_dialog(window, app, screen, shot)
    facts["periods"] = _period_dialogs(window, app, screen, shot)
    window.close()
    ledger.close()
    return facts


def _page_facts(page, window) -> dict:  # noqa: ANN001
    from PySide6.QtWidgets import QPushButton

    buttons = {button.text(): _fits(button, window) for button in page.findChildren(QPushButton)
               if button.isVisible()}
    return {"page": _fits(page, window), "buttons": buttons}


def _a_year_of_supervision(engine) -> None:  # noqa: ANN001
    """Progress and supervision dated in 2017 (the clock says so), so that 待办督办 has every step."""
    from ledger_app.operations import add_supervision, proposals, record_progress
    from ledger_app.records.progress import ProgressInput
    from ledger_app.records.supervision import SupervisionInput
    from ledger_app.supervision import escalation
    from ledger_app.tasks.queries import find_task_id
    from tests.clock import stamped

    task = {code: find_task_id(engine, code) for code in ("1", "6", "9", "12", "19", "20", "29")}
    for day, quarter, percents in ((date(2017, 7, 5), 2, {"6": 40, "12": 60, "20": 50, "29": 40}),
                                   (date(2017, 10, 5), 3, {"6": 70, "12": 85, "20": 50, "29": 65})):
        with stamped(day):
            for code, percent in percents.items():
                record_progress(engine, task[code], ProgressInput(2017, quarter, percent, "按计划推进",
                                                                  report_date=day), user="督查室")
    with stamped(date(2017, 9, 20)):
        add_supervision(engine, task["1"], SupervisionInput("通报批评", date(2017, 7, 20), "二季度通报"), user="督查室")
        add_supervision(engine, task["9"], SupervisionInput("限期整改", date(2017, 8, 1), "限期整改通知书",
                                                            date(2017, 9, 15)), user="督查室")
        add_supervision(engine, task["19"], SupervisionInput("催办", date(2017, 9, 10), "电话催办"), user="督查室")
    operations.set_setting(engine, "escalate.remind_days", "20")
    with stamped(date(2017, 10, 15)):
        rectify = next(p for p in escalation.proposals(engine, date(2017, 10, 15)) if p.code == "1")
        proposals.accept_proposal(engine, rectify, user="督查室", as_of=date(2017, 10, 15))


def _supervision_views(window, app, shot) -> dict:  # noqa: ANN001
    """指标 (the Yinchuan targets as of 2024-12-31), 待办督办 and 年度考核 (the sample, 2017)."""
    from ledger_app.exchange.importing.indicators import import_indicators

    engine = window.controller.engine
    import_indicators(engine, INDICATORS)
    operations.set_setting(engine, "org.name", "常州经开区改革创新工作领导小组办公室")
    _a_year_of_supervision(engine)
    facts = {}
    window.controller.set_as_of(date(2024, 12, 31))
    window.actions_.indicators.trigger()
    settle(app, 1200)
    page = window.pages.extra["indicators"]
    facts["indicators"] = {**_page_facts(page, window), "rows": page.model.rowCount(),
                           "chart_series": len(page.chart.chart().series())}
    shot(window, "indicators")
    window.show_dashboard()
    settle(app, 1500)
    facts["dashboard_tiles"] = len(window.pages.dashboard.indicator_strip.tiles)
    shot(window, "dashboard-indicators")
    window.controller.set_as_of(date(2017, 10, 15))
    window.actions_.escalation.trigger()
    settle(app, 1200)
    page = window.pages.extra["escalation"]
    facts["escalation"] = {**_page_facts(page, window), "proposals": len(page.proposals), "held": len(page.held)}
    shot(window, "escalation")
    window.actions_.assessment.trigger()
    page = window.pages.extra["assessment"]
    page.year.setValue(2017)
    settle(app, 1200)
    page.ranking.selectRow(page.ranking_model.rowCount() - 1)
    settle(app, 200)
    facts["assessment"] = {**_page_facts(page, window), "departments": page.ranking_model.rowCount(),
                           "lines": page.detail_model.rowCount()}
    shot(window, "assessment")
    window.show_table()
    settle(app, 200)
    facts["reminders"] = {**_fits(window.reminders, window), "text": window.reminders.text.text()}
    shot(window, "reminders")
    return facts


def _indicator_import(window, app, shot) -> dict:  # noqa: ANN001
    """文件 ▸ 导入指标表's review of the Yinchuan table, before anything is written."""
    from ui.indicator_import import IndicatorImportDialog

    dialog = IndicatorImportDialog(window.controller, str(INDICATORS), window)
    dialog.show()
    settle(app, 100)
    facts = {"rows": dialog.problems.model().rowCount(), "import": dialog.import_button.isEnabled(),
             "buttons": {"import": _fits(dialog.import_button, dialog)}}
    shot(dialog, "indicator-import-review")
    dialog.reject()
    return facts


def _detail_tables(window, app, shot) -> dict:  # noqa: ANN001
    """季度进展, 督办记录 and 变更记录 of tasks that have them (after _a_year_of_supervision), at
    the pane's width on this screen: every column read without scrolling sideways."""
    from ledger_app.tasks.queries import find_task_id

    engine, pane, facts = window.controller.engine, window.detail, {}
    for code, tab, name in (("6", pane.progress, "progress"), ("9", pane.supervision, "supervision"),
                            ("1", pane.changes, "changes")):
        window.show_task(find_task_id(engine, code))
        settle(app, 300)
        pane.tabs.setCurrentWidget(tab)
        settle(app, 200)
        table = tab.table
        header = table.horizontalHeader()
        shown = [c for c in range(header.count()) if not table.isColumnHidden(c)]
        facts[name] = {"rows": table.model().rowCount(), "shown": len(shown),
                       "sideways": header.length() > table.viewport().width() + 1,
                       "cut": [c for c in shown if header.sectionViewportPosition(c) + header.sectionSize(c)
                               > table.viewport().width() + 1]}
        shot(pane, f"detail-{name}")
    pane.tabs.setCurrentIndex(0)
    return facts


def _wizard(window, app, tmp: Path, shot) -> dict:  # noqa: ANN001
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


def _report_dialog(window, app, screen, shot) -> dict:  # noqa: ANN001
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
             "buttons": {name: _fits(button, dialog) for name, button in (
                 ("preview", dialog.preview_button), ("print", dialog.print_button), ("save", dialog.save_button))}}
    shot(dialog, "report-dialog")
    dialog.reject()
    return facts


def _period_dialogs(window, app, screen, shot) -> dict:  # noqa: ANN001
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
                       "buttons": {b: _fits(getattr(dialog, b), dialog) for b in buttons}}
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
    facts["trend"] = {"box": _fits(window.pages.dashboard.trend_box, window),
                      "columns": window.pages.dashboard.trend.model().columnCount(),
                      "area_chart": _fits(window.pages.dashboard.area_box, window)}
    shot(window, "dashboard-trend")
    window.show_table()
    return facts


if __name__ == "__main__":
    main()
