"""Sending a finished PDF to a printer, one page image at a time at a bounded resolution.

A printer may report 1,200 dpi; one A4 page rendered at that resolution is ~560 MB of pixels.
Pages are rendered at no more than ``MAX_DPI`` and scaled onto the page by the printer's paint
engine, so printing a long document holds one page image (~35 MB at 300 dpi) at a time.
Qt supports painting on a QPrinter outside the GUI thread, so this runs in the issuing job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

MAX_DPI = 300


class PrinterRefused(LedgerError):
    def __init__(self) -> None:
        super().__init__("打印机未能开始打印（可能未连接、缺纸或被占用），未编号登记，请检查打印机后重试")


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
