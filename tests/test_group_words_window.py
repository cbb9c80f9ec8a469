"""统称 in the window, pressed as a clerk would: the import's review page shows what each name of
the 牵头/配合 cells was taken for and why, 修改统称词… changes the rule and the page checks the table
again, the import writes by it; 设置 → 统称 saves the same settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWizard

from ledger_app.store import settings
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.tables import write_table
from ui.controller import LedgerController


def _decisions(review) -> dict[str, tuple[str, str]]:
    model = review.decisions.model()
    return {model.item(r, 0).text(): (model.item(r, 1).text(), model.item(r, 2).text())
            for r in range(model.rowCount())}


def _press(qtbot, wizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _press_ok(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_review_page_shows_each_decision_and_the_words_are_changed_from_it(qtbot, ledger, tmp_path, output_dir):
    from ui.import_wizard import ImportWizard

    rows = [[1, "一、领域", "项目一", "内容", "", "经发局、区委组织部", "成员单位、有关企业", "", "2017年6月底"],
            [2, "一、领域", "项目二", "内容", "", "区属国企", "镇街、社会组织、园区", "", "2017年9月底"]]
    path = write_table(tmp_path / "任务表.xlsx", rows)
    controller = LedgerController(ledger)
    wizard = ImportWizard(controller, path=str(path))
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)  # the file → the columns
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)  # the columns → the check
    page = wizard.check_page
    assert wizard.currentPage() is page and page.isComplete()
    review = page.review
    shown = _decisions(review)
    assert shown["成员单位"] == ("统称（不作为部门）", "统称词“成员单位”")
    assert shown["有关企业"] == ("统称（不作为部门）", "以“有关”开头")
    assert shown["区属国企"] == ("统称（不作为部门）", "统称词“国企”")
    assert shown["镇街"][0] == shown["园区"][0] == "统称（不作为部门）"
    assert shown["区委组织部"] == shown["经发局"] == shown["社会组织"] == ("单位", "单位名称")
    order = list(shown)
    assert max(order.index(n) for n in ("成员单位", "有关企业", "区属国企", "镇街", "园区")) < order.index("经发局")
    assert "成员单位" in review.groups_note.text() and "经发局" not in review.groups_note.text()
    page.grab().save(str(output_dir / "import_review_groups.png"))

    # 修改统称词…: 社会组织 becomes a class word, 园区 (one office here) a unit.
    qtbot.mouseClick(review.edit_groups, Qt.MouseButton.LeftButton)
    dialog = page.groups_dialog
    assert dialog.isVisible()
    dialog.panel.words.setPlainText("社会组织")
    dialog.panel.units.setPlainText("园区")
    dialog.grab().save(str(output_dir / "import_group_words_dialog.png"))
    _press_ok(qtbot, dialog)
    controller.wait()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    saved = settings.get_all(ledger.engine)
    assert (saved[settings.GROUP_WORDS_KEY], saved[settings.GROUP_UNITS_KEY]) == ("社会组织", "园区")
    shown = _decisions(review)
    assert shown["社会组织"] == ("统称（不作为部门）", "设置中的统称词“社会组织”")
    assert shown["园区"] == ("单位", "设置中列为单位（例外）")

    _press(qtbot, wizard, QWizard.WizardButton.CommitButton)  # 导入
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    tasks = {t.code: t for t in list_tasks(ledger.engine, TaskQuery())}
    assert (tasks["1"].lead_depts, tasks["1"].co_depts, tasks["1"].co_groups) == \
        (["经发局", "区委组织部"], [], ["成员单位", "有关企业"])
    assert (tasks["2"].lead_depts, tasks["2"].lead_groups) == ([], ["区属国企"])
    assert (tasks["2"].co_depts, tasks["2"].co_groups) == (["园区"], ["镇街", "社会组织"])


def test_a_table_without_classes_says_so(qtbot, ledger, tmp_path):
    from ui.import_wizard import ImportWizard

    path = write_table(tmp_path / "t.xlsx", [[1, "一、领域", "项目", "内容", "", "经发局", "", "", "2017年6月底"]])
    wizard = ImportWizard(LedgerController(ledger), path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    review = wizard.check_page.review
    assert _decisions(review) == {"经发局": ("单位", "单位名称")}
    assert "没有统称" in review.groups_note.text()


def test_settings_dialog_edits_the_class_words(qtbot, ledger, output_dir):
    from ui.preferences import Preferences
    from ui.settings_dialog import SettingsDialog

    controller = LedgerController(ledger)
    dialog = SettingsDialog(controller, Preferences())
    qtbot.addWidget(dialog)
    dialog.resize(1366 // 2, 600)
    dialog.show()
    tab = dialog.tabs.indexOf(dialog.groups)
    assert dialog.tabs.tabText(tab) == "统称"
    dialog.tabs.setCurrentIndex(tab)
    dialog.groups.words.setPlainText("社会组织\n商协会；社会组织")
    dialog.groups.units.setPlainText("园区")
    dialog.grab().save(str(output_dir / "settings_group_words.png"))
    _press_ok(qtbot, dialog)
    controller.wait()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    saved = settings.get_all(ledger.engine)
    assert (saved[settings.GROUP_WORDS_KEY], saved[settings.GROUP_UNITS_KEY]) == ("社会组织、商协会", "园区")

    again = SettingsDialog(controller, Preferences())  # shown again as saved, one a line
    qtbot.addWidget(again)
    assert (again.groups.words.toPlainText(), again.groups.units.toPlainText()) == ("社会组织\n商协会", "园区")


def test_a_class_word_set_in_the_window_leaves_the_filter_and_navigation(qtbot, window, tmp_path, monkeypatch):
    """文件 → 设置 → 统称: a department row the old rule made of 社会组织 leaves the department filter and
    the navigation's departments as soon as the setting is saved."""
    from ledger_app.exchange.importing.apply import import_file
    from ui.settings_dialog import SettingsDialog

    rows = [[1, "一、领域", "项目", "内容", "", "经发局、社会组织", "区委组织部", "", "2017年12月底"]]
    import_file(window.controller.engine, write_table(tmp_path / "t.xlsx", rows))
    window.controller.ledger_replaced()

    def departments() -> set[str]:
        nav = window.nav.model()
        group = next(nav.item(r) for r in range(nav.rowCount()) if nav.item(r).rowCount()
                     and nav.item(r).text().startswith("部门"))
        return {group.child(r).data(Qt.ItemDataRole.UserRole + 2) for r in range(group.rowCount())}

    qtbot.waitUntil(lambda: window.filter_bar.dept.findText("社会组织") >= 0, timeout=10000)
    assert "社会组织" in departments()

    def fill_in_and_press_ok(dialog: SettingsDialog) -> int:
        dialog.tabs.setCurrentWidget(dialog.groups)
        dialog.groups.words.setPlainText("社会组织")
        _press_ok(qtbot, dialog)
        window.controller.wait()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill_in_and_press_ok)
    window.actions_.settings.trigger()
    qtbot.waitUntil(lambda: window.filter_bar.dept.findText("社会组织") == -1, timeout=10000)
    qtbot.waitUntil(lambda: "社会组织" not in departments() and {"经发局", "区委组织部"} <= departments(), timeout=10000)
    assert window.filter_bar.dept.findText("经发局") >= 0
