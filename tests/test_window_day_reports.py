"""Issue 25, 7–10: printing, closed quarters, file dialogs and suggested names, as a clerk meets
them in 报表 ▸ 督办报表 and the 文件 menu (dialogs answered by monkeypatching)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.window_day import in_report_dialog


def test_printing_without_a_printer_says_so_and_offers_a_pdf(office, qtbot, monkeypatch, tmp_path):
    """With no printer Qt "printed" into ~/print.pdf and the dialog said 已发送到打印机."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ui import printing

    monkeypatch.setattr(printing, "has_printer", lambda: False)  # as on a desk without one (this one has none)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: pytest.fail("no print dialog without a printer"))
    said = []

    def answer(box) -> int:  # noqa: ANN001
        said.append(box.text() or box.informativeText() or repr([b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == "另存为 PDF…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    seen = in_report_dialog(office, monkeypatch, lambda d: (d.kind.setCurrentIndex(d.kind.findData("bulletin")),
                                                          qtbot.mouseClick(d.print_button, Qt.MouseButton.LeftButton)))
    assert said and "没有设置打印机" in said[0]
    assert target.stat().st_size > 1000, "saved as a PDF instead"
    assert "打印机" not in seen["status"] and "已保存" in seen["status"], seen["status"]


def test_a_print_job_is_named_by_title_and_number(office, qtbot, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ui import printing, report_dialog

    monkeypatch.setattr(printing, "has_printer", lambda: True)

    def accept(dialog) -> int:  # noqa: ANN001
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "printed.pdf"))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    names, real = [], printing.print_pdf
    monkeypatch.setattr(report_dialog, "print_pdf",
                        lambda pdf, printer, progress=None: (real(pdf, printer, progress), names.append(printer.docName()))[0])
    in_report_dialog(office, monkeypatch, lambda d: (d.kind.setCurrentIndex(d.kind.findData("bulletin")),
                                                   qtbot.mouseClick(d.print_button, Qt.MouseButton.LeftButton)))
    assert names and "通报" in names[0] and "〔20" in names[0] and "号" in names[0], names


def test_after_closing_a_quarter_the_reports_open_on_the_open_one(office, qtbot, monkeypatch, tmp_path):
    """After 季度封账 the dialog defaulted to the closed quarter and refused only after the file
    name was picked. Now: the open quarter by default, and what a closed one allows said first."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ledger_app.dates.quarters import last_ended_quarter, quarter_of
    from ledger_app.operations import close_quarter

    today = date.today()
    closed = last_ended_quarter(today)
    close_quarter(office.controller.engine, *closed, user="测试员")
    order = []

    def answer(box) -> int:  # noqa: ANN001
        order.append(("message", box.text()))
        box.button(QMessageBox.StandardButton.Cancel).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (order.append(("file", "")), ("", ""))[1]))
    seen = {}

    def act(dialog) -> None:  # noqa: ANN001
        dialog.kind.setCurrentIndex(dialog.kind.findData("bulletin"))
        seen["default"] = (dialog.year.value(), dialog.quarter.currentData())
        seen["note_open"] = dialog.closed_note.isVisible()
        dialog.year.setValue(closed[0])
        dialog.quarter.setCurrentIndex(closed[1] - 1)
        seen["note_closed"] = dialog.closed_note.isVisible() and dialog.closed_note.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_report_dialog(office, monkeypatch, act)
    assert seen["default"] == quarter_of(today) != closed
    assert seen["note_open"] is False
    assert "已封账" in seen["note_closed"] and "重印" in seen["note_closed"] and "预览" in seen["note_closed"]
    assert order and order[0][0] == "message" and "重印" in order[0][1], order
    assert ("file", "") not in order, "cancelled at the message: no file dialog"


def test_file_dialogs_start_in_documents_and_remember_each_kind(office, qtbot, monkeypatch, tmp_path):
    """Save and open dialogs started in the program's working folder and never remembered."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    asked = []
    chosen = {"pdf": tmp_path / "公文" / "a.pdf"}
    chosen["pdf"].parent.mkdir()

    def save(_parent, _title, start, _filters):  # noqa: ANN001, ANN202
        asked.append(("save", start))
        return str(chosen["pdf"]), ""

    def open_(_parent, _title, start, _filters):  # noqa: ANN001, ANN202
        asked.append(("open", start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_))
    office.actions_.import_indicators.trigger()  # 文件 ▸ 导入指标表: cancelled in the file dialog
    save_pdf = lambda d: (d.kind.setCurrentIndex(d.kind.findData("bulletin")),  # noqa: E731
                          qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton))
    in_report_dialog(office, monkeypatch, save_pdf)
    in_report_dialog(office, monkeypatch, save_pdf)
    office.actions_.import_indicators.trigger()
    assert asked[0] == ("open", documents), "the first open starts in Documents"
    assert asked[1][0] == "save" and Path(asked[1][1]).parent == Path(documents)
    assert asked[2][0] == "save" and Path(asked[2][1]).parent == chosen["pdf"].parent, "PDFs: the folder used last"
    assert asked[3] == ("open", documents), "imports keep their own folder"


def test_suggested_names_say_each_word_once_and_name_the_department(office, monkeypatch):
    """"2017年第三季度季度督办单.pdf", and no department on a one-department sheet."""
    names = {}

    def act(dialog) -> None:  # noqa: ANN001
        dialog.year.setValue(2017)
        dialog.quarter.setCurrentIndex(2)
        for kind in ("quarterly-sheet", "bulletin", "annual"):
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
            names[kind] = dialog._suggested_name()
        dialog.kind.setCurrentIndex(dialog.kind.findData("quarterly-sheet"))
        item = dialog.depts.findItems("行政审批局", Qt.MatchFlag.MatchExactly)[0]
        item.setCheckState(Qt.CheckState.Checked)
        names["one"] = dialog._suggested_name()

    in_report_dialog(office, monkeypatch, act)
    assert names["quarterly-sheet"] == "2017年第三季度督办单.pdf"
    assert names["bulletin"] == "2017年第三季度推进情况通报.pdf"
    assert names["annual"] == "2017年度督查报告.pdf"
    assert names["one"] == "行政审批局2017年第三季度督办单.pdf"
