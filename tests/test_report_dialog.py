"""The report dialog as a clerk uses it: the real buttons pressed, the file and print dialogs
answered by monkeypatching them, and what the ledger recorded afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from ledger_app.exchange.importing.apply import import_file
from ledger_app.records import numbering
from ledger_app.records.history import list_supervision
from ledger_app.store import settings
from tests.documents import ORG, sample_with_progress, squeezed
from ui import printing


@pytest.fixture
def dialog(qtbot, ledger, sample, qapp):
    from ui.controller import LedgerController
    from ui.report_dialog import ReportDialog

    sample_with_progress(ledger.engine, sample)
    widget = ReportDialog(LedgerController(ledger), today=date(2017, 11, 3))
    qtbot.addWidget(widget)
    widget.signed.setDate(QDate(2017, 10, 15))
    widget.show()
    return widget


def choose(dialog, kind: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def tick(dialog, *names: str) -> None:
    for i in range(dialog.depts.count()):
        item = dialog.depts.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)


def click(qtbot, button) -> None:
    """Press ``button`` and wait for what it started (typesetting, issuing on the window's runner)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.window()
    qtbot.waitUntil(lambda: dialog.idle, timeout=60_000)


def answer_save(monkeypatch, path) -> list:
    asked = []

    def save(*args, **kwargs):
        asked.append(args)
        return (str(path), "PDF") if path else ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return asked


def answer_print(monkeypatch, path, accept: bool = True, resolution: int = 1200) -> None:
    def run(self) -> int:
        printer = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(resolution)
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", run)
    monkeypatch.setattr(printing, "has_printer", lambda: True)  # a desk with a printer (this machine has none)


def test_defaults_to_the_last_finished_quarter(dialog):
    assert (dialog.year.value(), dialog.quarter.currentData()) == (2017, 3)
    assert dialog.as_of.date() == QDate(2017, 9, 30)
    assert dialog.as_of.maximumDate() == QDate(2017, 11, 3), "never a date that has not happened"


def test_save_button_writes_the_pdf_and_records_the_issue(qtbot, dialog, ledger, tmp_path, monkeypatch):
    choose(dialog, "quarterly-sheet")
    tick(dialog, "招商局", "科技局")
    asked = answer_save(monkeypatch, tmp_path / "督办单.pdf")
    click(qtbot, dialog.save_button)
    assert asked, "the file dialog was shown"
    reader = PdfReader(tmp_path / "督办单.pdf")
    assert len(reader.pages) == 2
    issued = {d.doc_no for d in numbering.issued(ledger.engine)}
    assert issued == {"督办〔2017〕1号", "督办〔2017〕2号"}
    assert {a.doc_no for a in list_supervision(ledger.engine)} == issued
    assert "督办〔2017〕1号" in dialog.status.text()


def test_cancelled_save_dialog_records_nothing(qtbot, dialog, ledger, monkeypatch):
    choose(dialog, "bulletin")
    answer_save(monkeypatch, None)
    click(qtbot, dialog.save_button)
    assert numbering.issued(ledger.engine) == [] and list_supervision(ledger.engine) == []


def test_locked_target_is_a_message_and_records_nothing(qtbot, dialog, ledger, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from ledger_app.system import files

    def locked(*_args, **_kw):
        raise PermissionError(13, "being used by another process")

    monkeypatch.setattr(files, "os", SimpleNamespace(replace=locked))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    choose(dialog, "notice")
    dialog.task.setText("4")
    answer_save(monkeypatch, tmp_path / "notice.pdf")
    click(qtbot, dialog.save_button)
    assert warned and "文件被其他程序占用" in warned[0]
    assert numbering.issued(ledger.engine) == [] and list_supervision(ledger.engine) == []


def test_print_button_prints_at_a_bounded_resolution_and_records(qtbot, dialog, ledger, tmp_path, monkeypatch):
    choose(dialog, "quarterly-sheet")
    tick(dialog, "招商局")
    answer_print(monkeypatch, tmp_path / "printed.pdf", resolution=1200)
    click(qtbot, dialog.print_button)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 1
    (image,) = printed.pages[0].images
    assert image.image.width <= 3508 + 1, "a page image at no more than 300 dpi (A4 landscape: 3508 px wide)"
    assert [d.doc_no for d in numbering.issued(ledger.engine)] == ["督办〔2017〕1号"]


def test_cancelled_print_dialog_records_nothing(qtbot, dialog, ledger, tmp_path, monkeypatch):
    choose(dialog, "bulletin")
    answer_print(monkeypatch, tmp_path / "printed.pdf", accept=False)
    click(qtbot, dialog.print_button)
    assert not (tmp_path / "printed.pdf").exists()
    assert numbering.issued(ledger.engine) == []


def test_a_printer_that_will_not_start_records_nothing(qtbot, dialog, ledger, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    choose(dialog, "bulletin")
    answer_print(monkeypatch, tmp_path / "no such folder" / "printed.pdf")
    click(qtbot, dialog.print_button)
    assert warned and "打印机" in warned[0]
    assert numbering.issued(ledger.engine) == []
    answer_print(monkeypatch, tmp_path / "printed.pdf")
    click(qtbot, dialog.print_button)
    assert [d.doc_no for d in numbering.issued(ledger.engine)] == ["通报〔2017〕1号"], "the number was not used up"


def test_preview_twice_is_a_draft_in_a_new_file_each_time(qtbot, dialog, ledger, output_dir):
    choose(dialog, "bulletin")
    click(qtbot, dialog.preview_button)
    first = dialog.preview_path
    click(qtbot, dialog.preview_button)
    second = dialog.preview_path
    assert first != second and not first.exists() and second.exists()
    text = squeezed(PdfReader(second))
    assert "样稿" in text and "通报〔2017〕号" in text
    assert numbering.issued(ledger.engine) == [] and list_supervision(ledger.engine) == []
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 1)
    dialog.resize(1366 - 40, 768 - 80)
    qtbot.wait(300)  # QPdfView renders its pages in the background
    dialog.grab().save(str(output_dir / "report_dialog.png"))


def test_asks_for_the_office_name_rather_than_invent_one(qtbot, ledger, sample, tmp_path, monkeypatch):
    from ui.controller import LedgerController
    from ui.report_dialog import ReportDialog

    import_file(ledger.engine, sample)
    widget = ReportDialog(LedgerController(ledger), today=date(2017, 11, 3))
    qtbot.addWidget(widget)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (ORG, True)))
    choose(widget, "bulletin")
    click(qtbot, widget.preview_button)
    assert settings.get_all(ledger.engine)["org.name"] == ORG
    assert widget.preview_path is not None and widget.preview_path.exists()


def test_refusal_is_a_message(qtbot, dialog, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    choose(dialog, "notice")
    dialog.task.setText("999")
    click(qtbot, dialog.preview_button)
    assert warned and "999" in warned[0]


def test_a_document_cut_off_before_it_was_recorded_is_named_until_it_goes_out(qtbot, dialog, ledger, tmp_path,
                                                                              monkeypatch):
    """An issue cut off between numbering and recording (a crash) leaves the number held: the dialog
    names it, and saving the document again delivers it with that number."""
    from ledger_app.documents.options import ReportOptions
    from ledger_app.operations import issuing

    options = ReportOptions("bulletin", 2017, 3, date(2017, 9, 30), signed=date(2017, 10, 15))
    with monkeypatch.context() as patched, pytest.raises(SystemExit):
        patched.setattr(issuing, "_record", lambda *a, **k: (_ for _ in ()).throw(SystemExit("power cut")))
        issuing.issue(ledger.engine, options, lambda _pdf: None, user="张三")
    choose(dialog, "bulletin")
    click(qtbot, dialog.preview_button)
    assert "通报〔2017〕1号" in dialog.status.text() and "尚未送达" in dialog.status.text()
    answer_save(monkeypatch, tmp_path / "通报.pdf")
    click(qtbot, dialog.save_button)
    assert "通报〔2017〕1号" in dialog.status.text() and numbering.held(ledger.engine) == []
    click(qtbot, dialog.preview_button)
    assert "尚未送达" not in dialog.status.text()
