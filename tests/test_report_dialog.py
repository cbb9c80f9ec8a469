"""The report dialog: preview in the window, print to a (PDF) printer, save as PDF."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

from ledger_app.importing import import_file
from ledger_app.records import list_supervision


@pytest.fixture
def dialog(qtbot, ledger, sample):
    from ui.report_dialog import ReportDialog

    import_file(ledger.engine, sample)
    widget = ReportDialog(ledger)
    qtbot.addWidget(widget)
    widget.year.setValue(2017)
    widget.quarter.setCurrentIndex(2)
    widget.as_of.setDate(QDate(2017, 10, 15))
    widget.show()
    return widget


def test_preview_records_nothing(qtbot, dialog, ledger, output_dir):
    dialog.kind.setCurrentIndex(dialog.kind.findData("bulletin"))
    assert dialog.preview()
    qtbot.wait(800)  # QPdfView renders pages in the background
    assert dialog.document.pageCount() == PdfReader(dialog.preview_path).get_num_pages() > 1
    assert list_supervision(ledger.engine) == []
    dialog.grab().save(str(output_dir / "report_dialog.png"))


def test_print_sheets_to_a_pdf_printer(dialog, ledger, tmp_path):
    for i in range(dialog.depts.count()):
        if dialog.depts.item(i).text() in ("招商局", "科技局"):
            dialog.depts.item(i).setCheckState(dialog.depts.item(i).checkState().Checked)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_document(printer)
    assert PdfReader(tmp_path / "printed.pdf").get_num_pages() == 2  # one sheet per chosen department
    issued = {a.doc_no for a in list_supervision(ledger.engine)}
    assert issued == {"督办〔2017〕第1号", "督办〔2017〕第2号"}


def test_save_notice_as_pdf(dialog, ledger, tmp_path):
    dialog.kind.setCurrentIndex(dialog.kind.findData("notice"))
    assert dialog.task.isEnabled() and not dialog.depts.isEnabled()
    dialog.task.setText("4")
    saved = dialog.save_pdf(str(tmp_path / "notice.pdf"))
    text = PdfReader(saved).pages[0].extract_text()
    assert "限期整改通知书" in text.replace(" ", "")
    (action,) = list_supervision(ledger.engine)
    assert action.kind == "限期整改" and action.action_date == date(2017, 10, 15)


def test_refusal_is_a_message(dialog, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    dialog.kind.setCurrentIndex(dialog.kind.findData("notice"))
    dialog.task.setText("999")
    assert not dialog.preview()
    assert warned and "999" in warned[0]
