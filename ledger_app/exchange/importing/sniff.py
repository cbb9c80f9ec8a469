"""What a file that is not an .xlsx really is, told from its first bytes, so that a clerk
hears "this is an HTML page" or "this workbook has a password" instead of "bad zip file"."""

from __future__ import annotations

import codecs

from ledger_app.messages.i18n import t

# The OLE reader serves the evidence files too (ledger_app/evidence/kinds.py); it lives below both.
from ledger_app.system.compound_file import OLE_MAGIC, ole_streams

__all__ = ["OLE_MAGIC", "Phrase", "content_kind", "ole_streams", "zip_kind"]


class Phrase(str):
    """A message fragment (a file kind) that is translated when it is put into a message."""

    def __format__(self, spec: str) -> str:
        return format(t(str(self)), spec)


HTML = Phrase("HTML 网页")
MHT = Phrase("网页存档（MHT）")
SPREADSHEET_2003 = Phrase("Excel 2003 XML 表格")
XML = Phrase("XML 文本")
PDF = Phrase("PDF 文档")
TEXT = Phrase("纯文本（如 CSV）")
BINARY = Phrase("未知的二进制数据")
ZIP = Phrase("ZIP 压缩包")
DOCX = Phrase("Word 文档（.docx）")
PPTX = Phrase("PowerPoint 演示文稿（.pptx）")
ODS = Phrase("OpenDocument 表格（.ods）")
XLSB = Phrase("Excel 二进制工作簿（.xlsb）")
OLE_DOC = Phrase("Word 97–2003 文档（.doc）")
OLE_PPT = Phrase("PowerPoint 97–2003 演示文稿（.ppt）")
OLE_OTHER = Phrase("Office 97–2003 复合文档")

# Text encodings a Chinese office's CSV or TXT export comes in; UTF-16 is Excel's "Unicode text".
_TEXT_ENCODINGS = ("utf-8", "gb18030")


def _is_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\0" in head:
        return False
    for encoding in _TEXT_ENCODINGS:
        try:
            # Not final: the sniffed head may end in the middle of a multi-byte character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def content_kind(head: bytes) -> Phrase:
    """The kind of a file that does not start like a zip archive."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore").lstrip(" \t\r\n").lower().encode("utf-8", "ignore")
    start = text[:1024]
    if start.startswith(b"mime-version") or b"multipart/related" in start:
        return MHT
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return SPREADSHEET_2003
    if start.startswith((b"<!doctype html", b"<html", b"<meta", b"<table", b"<head", b"<body")) \
            or b"<html" in start or b"<table" in start:
        return HTML
    if start.startswith(b"<?xml"):
        return XML
    if start.startswith(b"%pdf"):
        return PDF
    return TEXT if _is_text(head) else BINARY


def zip_kind(names: set[str]) -> Phrase:
    """The kind of a zip archive that has no ``xl/workbook.xml``."""
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    if "xl/workbook.bin" in names:
        return XLSB
    if "content.xml" in names and "mimetype" in names:
        return ODS
    return ZIP
