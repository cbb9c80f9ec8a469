"""Excel out and back from the window: export, generate forms, review and merge returned forms."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from ledger_app.exchange.importing.apply import import_file
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_excel_forms import DONE, PERCENT, STATUS, fill
from ui.controller import LedgerController


def test_export_from_the_menu(qtbot, ledger, sample, tmp_path, monkeypatch):
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    import_file(ledger.engine, sample)
    window = MainWindow(ledger, Preferences())
    qtbot.addWidget(window)
    window.model.wait()
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_.export.trigger()
    assert load_workbook(target)["台账"].max_row == 34
    window.model.wait()


def test_forms_then_merge_review_dialog(qtbot, ledger, sample, tmp_path, output_dir):
    from ui.forms_dialogs import FormsDialog, MergeDialog

    import_file(ledger.engine, sample)
    controller = LedgerController(ledger)
    controller.set_as_of(date(2017, 10, 15))
    forms = FormsDialog(controller)
    qtbot.addWidget(forms)
    forms.folder.setText(str(tmp_path / "forms"))
    qtbot.mouseClick(forms.ok_button, Qt.MouseButton.LeftButton)
    controller.wait()  # written and registered on the window's runner
    assert forms.result() == QDialog.DialogCode.Accepted
    assert len(forms.issued) == 16 and forms.issued[0].path.exists()
    form = next(f.path for f in forms.issued if f.dept == "行政审批局")
    fill(form, {"1": {DONE: "完成清单", PERCENT: 150}, "2": {DONE: "全面实施", PERCENT: 100, STATUS: "已完成"},
                "3": {DONE: "平台上线", PERCENT: 70}})
    dialog = MergeDialog(controller, [form])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 3
    assert not dialog.model.item(0, 0).isCheckable()  # 150 %: a conflict cannot be ticked
    assert "0–100" in dialog.model.item(0, 5).text()
    dialog.model.item(2, 0).setCheckState(Qt.CheckState.Unchecked)  # the clerk keeps task 3 out
    dialog.grab().save(str(output_dir / "merge_dialog.png"))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    controller.wait()
    assert dialog.merged == 1 and dialog.result() == QDialog.DialogCode.Accepted
    # A department's 已完成 is not taken: a task is done by 销号 (issue 26); the review said so.
    assert "须经申请销号" in dialog.model.item(1, 4).text()
    assert get_fields(ledger.engine, find_task_id(ledger.engine, "2"), ["status", "percent"]) == \
        {"status": "推进中", "percent": 100}
    assert get_fields(ledger.engine, find_task_id(ledger.engine, "3"), ["percent"])["percent"] == 0


def test_merge_with_the_evidence_folder_the_department_sent(qtbot, ledger, sample, tmp_path, monkeypatch, output_dir):
    """The clerk presses 佐证材料文件夹… and picks the folder sent with the form: the claims and their files
    show in the review, a stray file is listed, and merging stores the claim with its files."""
    from PySide6.QtWidgets import QFileDialog

    from ledger_app.evidence.register import claims_of, list_files
    from tests.test_forms_claims import FLAG, SUMMARY, claim_rows, evidence
    from ui.forms_dialogs import FormsDialog, MergeDialog

    import_file(ledger.engine, sample)
    controller = LedgerController(ledger)
    forms = FormsDialog(controller)
    qtbot.addWidget(forms)
    forms.folder.setText(str(tmp_path / "forms"))
    qtbot.mouseClick(forms.ok_button, Qt.MouseButton.LeftButton)
    controller.wait()  # written and registered on the window's runner
    form = claim_rows(next(f.path for f in forms.issued if f.dept == "行政审批局"),
                      {"3": {FLAG: "是", SUMMARY: "权力清单已公布"}})
    folder = evidence(tmp_path / "交回")
    dialog = MergeDialog(controller, [form])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1 and "没有随表交回的佐证材料" in dialog.model.item(0, 5).text()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    qtbot.mouseClick(dialog.evidence_folder, Qt.MouseButton.LeftButton)
    assert dialog.model.item(0, 0).isCheckable() and "印发文件.pdf、现场照片.jpg" in dialog.model.item(0, 4).text()
    assert "说明.pdf" in dialog.unassigned.text() and dialog.unassigned.isVisible()
    dialog.resize(1366, 700)
    dialog.grab().save(str(output_dir / "merge-with-evidence.png"))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    controller.wait()
    task = find_task_id(ledger.engine, "3")
    assert dialog.merged == 1 and claims_of(ledger.engine, task)[0].waiting
    assert sorted(f.name for f in list_files(ledger.engine, task)) == ["印发文件.pdf", "现场照片.jpg"]
