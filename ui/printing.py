"""Sending a finished PDF to a printer, one page image at a time at a bounded resolution.

A printer may report 1,200 dpi; one A4 page rendered at that resolution is ~560 MB of pixels.
Pages are rendered at no more than ``MAX_DPI`` and scaled onto the page by the printer's paint
engine, so printing a long document holds one page image (~35 MB at 300 dpi) at a time.
Qt supports painting on a QPrinter outside the GUI thread, so this runs in the issuing job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

MAX_DPI = 300


class PrinterRefused(LedgerError):
    def __init__(self) -> None:
        super().__init__("打印机未能开始打印（可能未连接、缺纸或被占用），未编号登记，请检查打印机后重试")


def has_printer() -> bool:
    """Whether the computer has a printer set up. Without one Qt quietly "prints" into a PDF
    file (~/print.pdf) and the window said 已发送到打印机."""
    return bool(QPrinterInfo.availablePrinterNames())


def no_printer(parent: QWidget) -> bool:
    """Say that no printer is set up; True if the clerk takes 另存为 PDF instead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    box.setText(QCoreApplication.translate(
        "Printing", "No printer is set up on this computer, so nothing can be printed. Save the document as a PDF "
        "and print it from another computer, or set up a printer in Windows (Settings ▸ Printers) and print again."))
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    save = box.addButton(QCoreApplication.translate("Printing", "Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(save)
    box.exec()
    return box.clickedButton() is save


def job_name(document: QPdfDocument, fallback: str) -> str:
    """The print queue's name of the job: the document's title and its 文号 (the PDF's keywords)."""
    title = document.metaData(QPdfDocument.MetaDataField.Title) or fallback
    numbers = document.metaData(QPdfDocument.MetaDataField.Keywords) or ""
    return f"{title} {numbers}".strip()


def page_pixels(points_width: float, points_height: float, printer_dpi: int) -> QSize:
    """The size a page is rendered at: the printer's resolution, at most ``MAX_DPI``."""
    dpi = min(printer_dpi, MAX_DPI)
    return QSize(round(points_width / 72 * dpi), round(points_height / 72 * dpi))


def print_pdf(pdf: Path, printer: QPrinter, progress: Callable[[int, int], None] | None = None) -> int:
    """Print every page of ``pdf``; returns the page count. Raises PrinterRefused if the printer
    would not start or finish the job, so that nothing is recorded as issued."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise LedgerError("无法读取生成的文件：{path}", path=pdf)
    printer.setDocName(job_name(document, pdf.stem))  # set before begin(): the job is named when it starts
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise PrinterRefused
        count = document.pageCount()
        for index in range(count):
            if index and not printer.newPage():
                raise PrinterRefused
            size = document.pagePointSize(index)
            image = document.render(index, page_pixels(size.width(), size.height(), printer.resolution()))
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
            del image
            if progress is not None:
                progress(index + 1, count)
        if not painter.end():
            raise PrinterRefused
        return count
    finally:
        if painter.isActive():
            painter.end()
        document.close()


EN.update({
    "打印机未能开始打印（可能未连接、缺纸或被占用），未编号登记，请检查打印机后重试":
        "the printer did not start printing (not connected, out of paper or busy); nothing was numbered or "
        "recorded, check the printer and try again",
    "无法读取生成的文件：{path}": "cannot read the generated file: {path}",
})
