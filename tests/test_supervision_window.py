"""The 指标, 待办督办 and 年度考核 views and the 今日提醒 banner, used as a clerk uses them: menu
actions and buttons pressed, file and print dialogs answered, Ctrl+Z."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import add_supervision
from ledger_app.records.history import list_supervision
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store import settings
from ledger_app.tasks.queries import find_task_id
from tests.documents import ORG
from tests.test_indicators import YINCHUAN
from ui import background


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def ledger(ledger, sample):
    """The suite's ledger with the shared sample imported and the office's name set (the
    ``window`` fixture opens it as of 2017-10-15)."""
    import_file(ledger.engine, sample)
    operations.set_setting(ledger.engine, "org.name", ORG)
    return ledger


def _settle(qtbot, window) -> None:
    window.controller.wait()
    background.wait_all()
    qtbot.wait(50)
    background.wait_all()


def _import_reviewed(qtbot, monkeypatch) -> list:
    """文件 ▸ 导入指标表 answers with its review; the clerk presses 导入 there."""
    from ui.indicator_import import IndicatorImportDialog

    seen = []

    def answer(dialog) -> int:
        seen.append(dialog)
        dialog.show()
        if dialog.import_button.isEnabled():
            click(qtbot, dialog.import_button)
            qtbot.waitUntil(lambda: dialog.imported is not None)
        else:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(IndicatorImportDialog, "exec", answer)
    return seen


def test_indicators_imported_recorded_and_undone(qtbot, window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(YINCHUAN), "")))
    _import_reviewed(qtbot, monkeypatch)
    window.actions_.import_indicators.trigger()
    _settle(qtbot, window)
    page = window.pages.extra["indicators"]
    assert window.pages.currentWidget() is page and not window.detail.isVisible(), "the page gets the width"
    window.controller.set_as_of(date(2024, 12, 31))
    qtbot.waitUntil(lambda: page.model.rowCount() == 11 and page.model.rows[0].assessment.latest is not None)
    assert page.model.index(0, 4).data() == "820（2024年）" and page.model.index(0, 5).data() == "40.0%"
    assert "已达标 2" in page.heading.text() and "滞后 5" in page.heading.text()
    window.controller.set_as_of(date(2022, 12, 31))  # nothing reported yet: every one 未报送
    qtbot.waitUntil(lambda: "2022-12-31" in page.heading.text())
    assert "未报送 11" in page.heading.text(), "the parts add up to the whole"
    window.controller.set_as_of(date(2024, 12, 31))
    qtbot.waitUntil(lambda: "2024-12-31" in page.heading.text())
    assert "未报送" not in page.heading.text(), "said only when there are some"
    assert len(page.chart.chart().series()) == 3, "path, actual values and their points"

    from ui.value_dialog import ValueDialog

    def answer(dialog) -> int:
        dialog.show()
        dialog.year.setValue(2024)
        dialog.quarter.setCurrentIndex(dialog.quarter.findData(0))
        dialog.value.setValue(850)
        click(qtbot, dialog.ok_button)
        return dialog.result()

    monkeypatch.setattr(ValueDialog, "exec", answer)
    page.table.selectRow(0)
    click(qtbot, page.value_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.index(0, 4).data() == "850（2024年）")
    assert page.model.index(0, 5).data() == "50.0%"
    window.actions_.undo.trigger()
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.index(0, 4).data() == "820（2024年）")
    window.actions_.indicators.trigger()  # Ctrl+3 comes back to the same page
    assert window.pages.currentWidget() is page
    window.show_table()
    assert window.detail.isVisible(), "the ledger shows the detail pane again"


def test_a_bad_indicator_table_is_refused_in_its_review_and_nothing_is_imported(qtbot, window, monkeypatch,
                                                                               sample):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(sample), "")))
    seen = _import_reviewed(qtbot, monkeypatch)
    window.actions_.import_indicators.trigger()
    _settle(qtbot, window)
    assert "没有找到指标表的表头" in seen[0].problems.model().index(0, 3).data()
    assert not seen[0].import_button.isEnabled()
    assert "indicators" not in window.pages.extra


def _proposal_rows(page) -> dict[str, str]:
    return {p.code: p.step for p in page.proposals}


def _select(page, code: str) -> None:
    model = page.model
    for row in range(model.rowCount()):
        group = model.item(row)
        for child in range(group.rowCount()):
            if group.child(child).data(Qt.ItemDataRole.UserRole + 1).code == code:
                page.tree.setCurrentIndex(group.child(child).index())
                return
    raise AssertionError(f"task {code} not proposed")


def test_supervision_to_do_accept_dismiss_undo_and_print(qtbot, window, monkeypatch, tmp_path):
    engine = window.controller.engine
    add_supervision(engine, find_task_id(engine, "3"), SupervisionInput("通报批评", date(2017, 7, 20), "二季度通报"),
                    user="督查室")
    window.actions_.escalation.trigger()
    page = window.pages.extra["escalation"]
    qtbot.waitUntil(lambda: bool(page.proposals))
    steps = _proposal_rows(page)
    assert steps["3"] == "rectify" and steps["1"] == "criticise" and len(steps) == 29

    _select(page, "1")
    click(qtbot, page.accept_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: "1" not in _proposal_rows(page))
    assert [a.kind for a in list_supervision(engine, find_task_id(engine, "1"))] == ["通报批评"]
    window.actions_.undo.trigger()
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: _proposal_rows(page).get("1") == "criticise")
    assert list_supervision(engine, find_task_id(engine, "1")) == []

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("已约谈行政审批局", True)))
    _select(page, "2")
    click(qtbot, page.dismiss_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: _proposal_rows(page).get("2") == "urge")

    _select(page, "3")
    click(qtbot, page.accept_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: len(page.held) == 1)
    assert page.held[0].doc_no == "整改〔2017〕1号" and page.held_box.isVisible()
    target = tmp_path / "整改通知书.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    click(qtbot, page.save_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: page.held == [])
    assert target.stat().st_size > 10_000
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    window.actions_.undo.trigger()  # the notice has left the office
    _settle(qtbot, window)
    assert warned and "已打印或另存，不能撤销" in warned[0]
    assert [a.kind for a in list_supervision(engine, find_task_id(engine, "3"))] == ["通报批评", "限期整改"]


def test_annual_assessment_view(qtbot, window, monkeypatch, tmp_path):
    window.actions_.assessment.trigger()
    page = window.pages.extra["assessment"]
    page.year.setValue(2017)
    # The units leading a task scored in 2017; the five that only co-operate are named as not ranked.
    qtbot.waitUntil(lambda: page.result is not None and page.ranking_model.rowCount() == 16)
    assert "不参与排名" in page.heading.text() or "Not ranked" in page.heading.text()
    assert "市场监管局、公安分局、审计局、卫计局（未牵头本年度可考核的任务，只作配合单位）" in page.heading.text()
    assert page.ranking_model.index(0, 0).data() == "1（并列）", "three units share the first place"
    assert page.as_of.date().toPython() == date(2017, 10, 15), "the year's January deadline is later than 'today'"
    page.ranking.selectRow(15)
    lines = page.detail_lines()
    dept = page.ranking_model.index(15, 1).data()
    assert lines[0] == ("—", "基础分", "+100") and lines[-1][2] == page.ranking_model.index(15, 2).data()
    total = sum(float(points) for _c, _r, points in lines[:-1])
    assert total == pytest.approx(float(lines[-1][2])), "the lines add up to the total"
    assert page.detail_title.text().startswith(dept)

    target = tmp_path / "考核.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    click(qtbot, page.excel_button)
    assert load_workbook(target).sheetnames == ["考核结果", "不参与排名", "得分明细", "考核办法"]

    from ui.report_dialog import ReportDialog

    opened = []
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: opened.append(
        (dialog.kind.currentData(), dialog.year.value())) or 0)
    click(qtbot, page.document_button)
    assert opened == [("assessment", 2017)]


def test_today_s_reminders_on_opening(qtbot, window):
    qtbot.waitUntil(lambda: window.reminders.isVisible(), timeout=5000)
    assert "今日提醒（2017-10-15）" in window.reminders.text.text()
    assert "通报批评 29" in window.reminders.text.text()
    click(qtbot, window.reminders.open_button)
    assert window.pages.currentWidget() is window.pages.extra["escalation"]
    window.show_table()
    click(qtbot, window.reminders.close_button)
    assert not window.reminders.isVisible()


@pytest.fixture
def elsewhere_only(monkeypatch):
    """Every ledger counts as large: 今日提醒 is worked out in a process of its own. Worked out in the
    window's process (the way back when no process can be started), it would fail."""
    from ledger_app.supervision import reminders

    def not_here(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("worked out in the window's process")

    monkeypatch.setattr(reminders, "ELSEWHERE_FROM", 0)
    monkeypatch.setattr(reminders, "today", not_here)


def test_today_s_reminders_of_a_large_ledger_come_from_a_process_of_their_own(elsewhere_only, qtbot, window):
    """At 100,000 tasks the work held the window's interpreter for seconds and slowed every keystroke
    beside it (bench/bench_window.py): it runs in another process, and the banner is the same."""
    qtbot.waitUntil(lambda: window.reminders.isVisible(), timeout=30_000)
    assert "今日提醒（2017-10-15）" in window.reminders.text.text()
    assert "通报批评 29" in window.reminders.text.text()


def _banner_counts(window) -> str:
    return window.reminders.text.text()


def test_today_s_reminders_follow_the_ledger_without_a_restart(qtbot, window, monkeypatch, tmp_path):
    """今日提醒 is worked out again after the operations that change what it counts: an escalation
    accepted on 待办督办, a task table imported through the wizard."""
    from ledger_app.supervision.reminders import today
    from tests.tables import write_table
    from ui.import_wizard import ImportWizard

    engine, as_of = window.controller.engine, window.controller.as_of
    qtbot.waitUntil(lambda: "通报批评 29" in _banner_counts(window), timeout=5000)

    window.actions_.escalation.trigger()
    page = window.pages.extra["escalation"]
    qtbot.waitUntil(lambda: bool(page.proposals))
    _select(page, "1")
    click(qtbot, page.accept_button)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: "通报批评 28" in _banner_counts(window), timeout=5000)

    overdue = [[n, "营商环境", f"新增任务{n}", "内容", "", "财政局", "", "", "2017年6月底前"] for n in (1, 2, 3)]
    path = write_table(tmp_path / "新增任务.xlsx", overdue, title="常州经开区2017年新增改革任务表")

    def import_it(wizard) -> int:  # the clerk goes through the wizard's pages and imports
        wizard.show()
        for _page in range(3):
            wizard.next()
        qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
        return 1

    monkeypatch.setattr(ImportWizard, "exec", import_it)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.show_table()
    window.file_actions.import_table(str(path))
    _settle(qtbot, window)
    assert today(engine, as_of).proposals["通报批评"] == 31, "the three overdue tasks without progress are proposed"
    qtbot.waitUntil(lambda: "通报批评 31" in _banner_counts(window), timeout=5000)


def test_the_method_and_thresholds_in_the_settings_dialog(qtbot, window):
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.controller, window.preferences, window)
    qtbot.addWidget(dialog)
    dialog.method.fields["escalate.remind_days"].setValue(10)
    dialog.method.fields["assess.co_share"].setValue(0.25)
    dialog.method.fields["assess.weights"].setText("重点改革项目=2；其他=1")
    dialog.accept()
    _settle(qtbot, window)
    values = settings.get_all(window.controller.engine)
    assert (values["escalate.remind_days"], values["assess.co_share"], values["assess.weights"]) == \
        ("10", "0.25", "重点改革项目=2；其他=1")


def test_the_units_assessed_edited_in_the_settings_dialog(qtbot, window, monkeypatch):
    """设置 ▸ 督办与考核: 按默认填入 writes out the units leading a task scored this year; the clerk
    takes one off and adds one that leads nothing, presses OK; the 年度考核 page ranks the list, and
    names the unit without a task as not ranked. A municipal bureau typed in is refused with why."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.settings_dialog import SettingsDialog

    window.actions_.assessment.trigger()
    page = window.pages.extra["assessment"]
    page.year.setValue(2017)
    qtbot.waitUntil(lambda: page.result is not None and page.ranking_model.rowCount() == 16)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    typed = {"first": True}

    def edit(dialog) -> int:
        dialog.show()
        dialog.tabs.setCurrentIndex(2)
        targets = dialog.method.fields["assess.targets"]
        assert targets.text.toPlainText() == "", "nothing set: the default applies"
        click(qtbot, targets.fill_button)
        qtbot.waitUntil(lambda: targets.fill_button.isEnabled() and bool(targets.text.toPlainText()))
        names = targets.text.toPlainText().splitlines()
        assert len(names) == 16 and "行政审批局" in names
        if typed["first"]:  # a municipal bureau: refused, the dialog stays open
            targets.text.setPlainText("\n".join([*names, "常州市财政局"]))
            click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
            qtbot.waitUntil(lambda: bool(warned))
            assert dialog.isVisible()
            typed["first"] = False
        targets.text.setPlainText("\n".join([n for n in names if n != "行政审批局"] + ["审计局", "档案馆"]))
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
        qtbot.waitUntil(lambda: not dialog.isVisible())
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", edit)
    window.actions_.settings.trigger()
    assert "“常州市财政局”不能列为考核对象：市级部门，属区外单位，不参加本级考核" in warned[0]
    stored = settings.get_all(window.controller.engine)["assess.targets"]
    assert "行政审批局" not in stored and stored.endswith("审计局、档案馆")
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: page.result is not None and page.ranking_model.rowCount() == 16)
    ranked = [page.ranking_model.index(r, 1).data() for r in range(page.ranking_model.rowCount())]
    assert "行政审批局" not in ranked and "审计局" in ranked, "a co-operating unit listed is ranked"
    assert "档案馆（本年度没有牵头或配合的可考核任务）" in page.heading.text()
    assert "行政审批局、法制办、市场监管局、公安分局、卫计局（未列入考核对象）" in page.heading.text()
