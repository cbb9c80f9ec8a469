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
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the tests package is found beside ledger_app

from ledger_app import operations  # noqa: E402
from tests import window_dialog_shots as dialog_shots  # noqa: E402
from tests.shot_tools import fits, rect, settle  # noqa: E402

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


def _overlaps(rects: list[list[int]]) -> list[list[list[int]]]:
    def meet(a: list[int], b: list[int]) -> bool:
        return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]

    return [[a, b] for a, b in combinations(rects, 2) if meet(a, b)]


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
            "widgets": {name: fits(w, window, natural=name.startswith("filter_")) for name, w in key.items()},
            "filter_overlaps": _overlaps([rect(w, window) for w in inline]),
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
    facts["detail_shown_again"] = fits(window.detail, window)

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

    facts["indicator_import"] = dialog_shots.indicator_import(window, app, shot)
    facts["views"] = _supervision_views(window, app, shot)
    facts["detail_tables"] = _detail_tables(window, app, shot)

    facts["wizard"] = dialog_shots.wizard(window, app, tmp, shot)
    facts["report_dialog"] = dialog_shots.report_dialog(window, app, screen, shot)
    facts["periods"] = dialog_shots.period_dialogs(window, app, screen, shot)
    window.close()
    ledger.close()
    return facts


def _page_facts(page, window) -> dict:  # noqa: ANN001
    from PySide6.QtWidgets import QPushButton

    buttons = {button.text(): fits(button, window) for button in page.findChildren(QPushButton)
               if button.isVisible()}
    return {"page": fits(page, window), "buttons": buttons}


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
    facts["reminders"] = {**fits(window.reminders, window), "text": window.reminders.text.text()}
    shot(window, "reminders")
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



if __name__ == "__main__":
    main()
