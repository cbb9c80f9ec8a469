"""One 文号, one text in the window (issue 24): the report dialog fills in the registered dates of a
document issued already and says so; pressing 另存为 PDF… with them reprints it exactly, with other
dates it is refused in a Chinese message and nothing is written. With the fourth quarter closed the
year's report is issued from the dialog as of 12月31日."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from ledger_app import operations
from ledger_app.records import numbering
from tests.documents import sample_with_progress
from tests.pdf_check import page_texts
from tests.test_report_dialog import answer_save, choose, click, dialog  # noqa: F401 - the fixture


def test_the_window_reprints_an_issued_number_or_refuses_other_dates(qtbot, dialog, ledger, tmp_path,  # noqa: F811
                                                                     monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    choose(dialog, "bulletin")
    assert not dialog.issued_note.isVisible()
    first = tmp_path / "first.pdf"
    answer_save(monkeypatch, first)
    click(qtbot, dialog.save_button)
    assert "通报〔2017〕1号" in dialog.status.text() and not warned
    assert dialog.issued_note.isVisible() and "通报〔2017〕1号" in dialog.issued_note.text()
    assert "重印" in dialog.issued_note.text() and "成文日期" in dialog.issued_note.text(), "said in Chinese"

    dialog.signed.setDate(QDate(2017, 11, 1))  # the clerk asks for another date
    other = tmp_path / "other.pdf"
    answer_save(monkeypatch, other)
    click(qtbot, dialog.save_button)
    assert warned, "refused in a message"
    assert "通报〔2017〕1号" in warned[-1] and "成文日期2017年11月1日" in warned[-1]
    assert "重印" in warned[-1] and "更正" in warned[-1] and "新的文号" in warned[-1], warned[-1]
    assert not other.exists() and [d.doc_no for d in numbering.issued(ledger.engine)] == ["通报〔2017〕1号"]

    # Chosen again, the dialog fills in the registered dates: the same text comes out, said to be a 重印.
    choose(dialog, "quarterly-sheet")
    choose(dialog, "bulletin")
    assert dialog.signed.date() == QDate(2017, 10, 15) and dialog.as_of.date() == QDate(2017, 9, 30)
    again = tmp_path / "again.pdf"
    answer_save(monkeypatch, again)
    click(qtbot, dialog.save_button)
    assert len(warned) == 1
    assert "重印" in dialog.status.text() and "通报〔2017〕1号" in dialog.status.text()
    assert dialog.last_result.reprinted == {""}
    assert page_texts(again) == page_texts(first), "the registered text, exactly"
    dialog.quarter.setCurrentIndex(1)  # the second quarter: nothing issued
    assert not dialog.issued_note.isVisible()
    dialog.signed.setDate(QDate(2017, 11, 2))
    dialog.quarter.setCurrentIndex(2)
    assert dialog.signed.date() == QDate(2017, 10, 15), "the third quarter's registered date"
    dialog.quarter.setCurrentIndex(1)
    assert dialog.signed.date() == QDate(2017, 11, 2), "the clerk's own date comes back"


def test_the_window_issues_the_year_report_with_the_fourth_quarter_closed(qtbot, ledger, sample, qapp, tmp_path,
                                                                           monkeypatch):
    from ui.controller import LedgerController
    from ui.report_dialog import ReportDialog

    sample_with_progress(ledger.engine, sample)
    for quarter in (1, 2, 3, 4):
        operations.close_quarter(ledger.engine, 2017, quarter, user="督查室")
    reports = ReportDialog(LedgerController(ledger), today=date(2018, 1, 20))
    qtbot.addWidget(reports)
    reports.show()
    choose(reports, "annual")
    assert reports.year.value() == 2017 and reports.as_of.date() == QDate(2017, 12, 31)
    assert not reports.closed_note.isVisible(), "a closed Q4 does not restrict the year's report"
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    out = tmp_path / "annual.pdf"
    answer_save(monkeypatch, out)
    click(qtbot, reports.save_button)
    assert not warned, warned
    (issued,) = numbering.issued(ledger.engine)
    assert (issued.kind, issued.as_of, issued.signed_on) == ("annual", date(2017, 12, 31), date(2018, 1, 20))
    assert "第四季度末" in "".join(page_texts(out)), "as of 12月31日"


def test_the_window_saves_and_prints_the_kept_original_after_a_late_entry(qtbot, dialog, ledger, tmp_path,  # noqa: F811
                                                                            monkeypatch):
    from ledger_app.records.progress import ProgressInput
    from ledger_app.tasks.queries import find_task_id
    from tests.test_report_dialog import answer_print
    from ui import report_dialog

    choose(dialog, "bulletin")
    first = tmp_path / "first.pdf"
    answer_save(monkeypatch, first)
    click(qtbot, dialog.save_button)
    assert "通报〔2017〕1号" in dialog.status.text()
    # A 补录 in the open third quarter, effective before the 截至日期: typeset again, the figures would differ.
    operations.record_progress(ledger.engine, find_task_id(ledger.engine, "4"),
                               ProgressInput(2017, 3, 100, "九月已完成，补录", effective_on=date(2017, 9, 20)),
                               user="督查室")
    choose(dialog, "quarterly-sheet")
    choose(dialog, "bulletin")
    again = tmp_path / "again.pdf"
    answer_save(monkeypatch, again)
    click(qtbot, dialog.save_button)
    assert again.read_bytes() == first.read_bytes(), "Save writes the kept original"
    status = dialog.status.text()
    assert "重印" in status and "原件" in status and "1 条补录" in status, status
    assert dialog.last_result.original

    printed: list[bytes] = []
    answer_print(monkeypatch, tmp_path / "printer.pdf")
    monkeypatch.setattr(report_dialog, "print_pdf", lambda pdf, printer, report=None: printed.append(pdf.read_bytes()))
    click(qtbot, dialog.print_button)
    assert printed == [first.read_bytes()], "the printer is sent the kept original"
    assert "重印" in dialog.status.text()
    assert [d.doc_no for d in numbering.issued(ledger.engine)] == ["通报〔2017〕1号"]
