"""The import wizard: nothing is written before the clerk confirms; problems are listed by row and column."""

from __future__ import annotations

from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.tables import write_table
from ui.controller import LedgerController


def _wizard(qtbot, ledger, path):
    from ui.import_wizard import ImportWizard

    wizard = ImportWizard(LedgerController(ledger), path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _finish(qtbot, wizard):
    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    return wizard.result


def test_mapping_page_shows_detected_columns(qtbot, ledger, sample, output_dir):
    wizard = _wizard(qtbot, ledger, sample)
    assert wizard.file_page.plan.currentText() == "常州经开区2017年改革创新目标任务表"
    assert wizard.file_page.year.value() == 2017
    wizard.next()
    page = wizard.mapping_page
    assert page.header_row.value() == 2
    assert [c.currentData() for c in page._combos[:4]] == ["code", "area", "title", "content"]
    assert page.preview.model().rowCount() == 15
    wizard.grab().save(str(output_dir / "import_wizard_mapping.png"))


def test_bad_row_is_listed_and_nothing_written(qtbot, ledger, tmp_path, output_dir):
    rows = [[1, "一、领域", "项目", "内容", "", "审批局", "", "", "2017年6月底"],
            [2, "一、领域", "项目二", "内容", "", "审批局", "", "", "2017年2月30日"]]
    wizard = _wizard(qtbot, ledger, write_table(tmp_path / "bad.xlsx", rows))
    wizard.next()
    wizard.next()
    page = wizard.check_page
    model = page.problems.model()
    assert model.rowCount() == 1
    assert [model.item(0, c).text() for c in range(3)] == ["任务表", "4", "I（完成时限）"]
    assert "2月30日" in model.item(0, 3).text()
    assert not page.isComplete() and "1" in page.summary.text()
    wizard.grab().save(str(output_dir / "import_wizard_problems.png"))
    wizard.reject()
    assert list_tasks(ledger.engine, TaskQuery()) == []


def test_corrected_mapping_changes_what_is_imported(qtbot, ledger, sample):
    wizard = _wizard(qtbot, ledger, sample)
    wizard.next()
    page = wizard.mapping_page
    page.set_field(7, None)  # ignore 责任领导
    page.set_field(4, "measures")  # read 项目类别 as 推进措施 (a deliberate mis-mapping)
    wizard.next()
    result = _finish(qtbot, wizard)
    assert result.added == 32
    task = list_tasks(ledger.engine, TaskQuery())[0]
    assert (task.leader, task.measures, task.category) == ("", "重点改革项目", "")


def test_reimport_through_the_wizard_reports_unchanged(qtbot, ledger, sample):
    assert _finish(qtbot, _advance(qtbot, ledger, sample)).added == 32
    result = _finish(qtbot, _advance(qtbot, ledger, sample))
    assert (result.added, result.updated, result.unchanged) == (0, 0, 32)
    assert len(list_tasks(ledger.engine, TaskQuery())) == 32


def _advance(qtbot, ledger, path):
    wizard = _wizard(qtbot, ledger, path)
    wizard.next()
    wizard.next()
    return wizard


def test_cancel_on_the_check_page_writes_nothing(qtbot, ledger, sample):
    wizard = _advance(qtbot, ledger, sample)
    assert wizard.check_page.isComplete()
    wizard.reject()
    assert list_tasks(ledger.engine, TaskQuery()) == []


def test_not_a_workbook_is_refused_on_the_first_page(qtbot, ledger, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("序号,任务\n", encoding="utf-8")
    wizard = _wizard(qtbot, ledger, fake)
    assert not wizard.file_page.isComplete()
    assert "fake.xlsx" in wizard.file_page.error.text()
