"""The detail pane: every field saved on leaving it, undoable; progress and supervision tabs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from ledger_app.exchange.importing.apply import import_file
from ledger_app.records.history import list_changes, list_progress, list_supervision
from ledger_app.records.supervision import SupervisionInput
from ledger_app.tasks import fields as task_fields
from ledger_app.tasks.queries import find_task_id
from ui.controller import LedgerController


@pytest.fixture
def pane(qtbot, ledger, sample, qapp):
    from ui.detail import DetailPane
    from ui.fonts import ensure_cjk_font

    ensure_cjk_font(qapp)
    import_file(ledger.engine, sample)
    controller = LedgerController(ledger)
    controller.set_as_of(date(2017, 10, 15))
    widget = DetailPane(controller)
    widget.resize(460, 760)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_task(find_task_id(ledger.engine, "2"))
    yield widget
    controller.wait()


def _fields(pane, *keys):
    return task_fields.get_fields(pane.controller.engine, pane.task_id, list(keys))


def test_shows_the_task(pane):
    basic = pane.basic
    assert (basic.lead.text(), basic.co.text(), basic.deadline.text()) == ("行政审批局", "市场监管局", "2017年9月底")
    assert basic.deadline_date.text() == "2017-09-30"
    assert "探索“三证合一”" in basic.content.toPlainText()


def test_edit_title_and_departments_then_undo_and_redo(pane):
    basic, stack, wait = pane.basic, pane.controller.undo_stack, pane.controller.wait
    basic.title.setText("深化行政审批制度改革（修订）")
    basic.title.editingFinished.emit()
    basic.co.setText("市场监管局、税务局")
    basic.co.editingFinished.emit()
    wait()
    pane.tabs.setCurrentWidget(pane.changes)
    assert _fields(pane, "title", "co_depts") == {"title": "深化行政审批制度改革（修订）",
                                                  "co_depts": ["市场监管局", "税务局"]}
    changes = [c.field for c in list_changes(pane.controller.engine, pane.task_id)]
    assert changes[:2] == ["co_depts", "title"]
    assert pane.changes.table.model().rowCount() == len(changes)
    basic.title.editingFinished.emit()  # leaving an unchanged field adds no undo step
    wait()
    assert stack.count() == 2
    stack.undo()
    wait()
    assert _fields(pane, "co_depts")["co_depts"] == ["市场监管局"] and basic.co.text() == "市场监管局"
    stack.undo()
    wait()
    assert basic.title.text() == "深化行政审批制度改革"
    stack.redo()
    wait()
    assert _fields(pane, "title")["title"] == "深化行政审批制度改革（修订）"
    assert basic.title.text() == "深化行政审批制度改革（修订）"


def test_refused_deadline_warns_and_changes_nothing(pane, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    pane.basic.deadline.setText("2017年2月30日")
    pane.basic.deadline.editingFinished.emit()
    pane.controller.wait()
    assert warned and "2月30日" in warned[0]
    assert _fields(pane, "deadline")["deadline"] == date(2017, 9, 30)
    assert pane.basic.deadline.text() == "2017年9月底"
    assert pane.controller.undo_stack.count() == 0


def test_status_and_percent_widgets_commit(pane):
    pane.basic.status.setCurrentText("推进中")
    pane.basic.status.activated.emit(1)
    pane.basic.percent.setValue(45)
    pane.basic.percent.editingFinished.emit()
    pane.controller.wait()
    assert _fields(pane, "status", "percent") == {"status": "推进中", "percent": 45}


def test_progress_form_adds_a_quarter(pane, output_dir):
    tab = pane.progress
    pane.tabs.setCurrentWidget(tab)
    assert tab.year.value() == 2017 and tab.quarter.currentData() == 4
    tab.quarter.setCurrentIndex(2)
    tab.percent.setValue(60)
    tab.done.setPlainText("完成系统对接")
    tab.problems.setPlainText("部门数据接口不统一")
    tab.save.click()
    pane.controller.wait()
    (report,) = list_progress(pane.controller.engine, pane.task_id)
    assert (report.quarter, report.percent, report.problems) == (3, 60, "部门数据接口不统一")
    assert _fields(pane, "percent", "status") == {"percent": 60, "status": "推进中"}
    assert tab.table.model().rowCount() == 1
    pane.grab().save(str(output_dir / "detail_progress.png"))
    pane.controller.undo_stack.undo()
    pane.controller.wait()
    assert tab.table.model().rowCount() == 0
    assert list_progress(pane.controller.engine, pane.task_id) == []
    assert _fields(pane, "percent", "status") == {"percent": 0, "status": "未启动"}


def test_supervision_add_close_delete_and_undo(pane, monkeypatch, output_dir):
    tab, wait = pane.supervision, pane.controller.wait
    pane.tabs.setCurrentWidget(tab)
    tab.add_action(SupervisionInput("限期整改", date(2017, 10, 16), "进度滞后，限期一个月整改", date(2017, 11, 15)))
    wait()
    (action,) = list_supervision(pane.controller.engine, pane.task_id)
    tab.table.selectRow(0)
    tab.close_action()
    wait()
    assert list_supervision(pane.controller.engine, pane.task_id)[0].closed
    pane.grab().save(str(output_dir / "detail_supervision.png"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.table.selectRow(0)
    tab.delete_action()
    wait()
    assert list_supervision(pane.controller.engine, pane.task_id) == []
    pane.controller.undo_stack.undo()
    wait()
    assert tab.table.model().rowCount() == 1
    (restored,) = list_supervision(pane.controller.engine, pane.task_id)
    assert (restored.kind, restored.closed, restored.rectify_deadline) == ("限期整改", True, date(2017, 11, 15))


def test_supervision_dialog_round_trip(qtbot):
    from ui.detail.supervision_tab import SupervisionDialog

    dialog = SupervisionDialog(SupervisionInput("通报批评", date(2017, 10, 1), "通报", None, doc_no="督办〔2017〕第1号"))
    qtbot.addWidget(dialog)
    assert not dialog.deadline.isEnabled()
    dialog.has_deadline.setChecked(True)
    value = dialog.value()
    assert (value.kind, value.doc_no, value.rectify_deadline) == ("通报批评", "督办〔2017〕第1号", date(2017, 10, 1))


def test_deleted_task_empties_the_pane(pane):
    pane.controller.delete_task(pane.task_id)
    pane.controller.wait()
    assert pane.task_id is None and pane.stack.currentIndex() == 0
    pane.controller.undo_stack.undo()
    pane.controller.wait()
