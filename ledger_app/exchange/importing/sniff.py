"""What a file that is not an .xlsx really is, told from its first bytes, so that a clerk
hears "this is an HTML page" or "this workbook has a password" instead of "bad zip file"."""

from __future__ import annotations

import codecs
import struct
from typing import BinaryIO

from ledger_app.messages.i18n import t

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE = 0xFFFFFFFA  # sector ids from here up mark free, end of chain and FAT/DIFAT sectors
_DIR_ENTRY = 128


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


def ole_streams(fh: BinaryIO, size: int) -> set[str] | None:
    """Names in an OLE compound file's directory (Excel's encrypted .xlsx, old .xls, .doc…);
    None when the directory cannot be read. Reads a handful of sectors, never the whole file."""
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512 or not header.startswith(OLE_MAGIC):
        return None
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        return None
    sector = 1 << shift
    sectors = max(size // sector, 1)
    dir_start, = struct.unpack_from("<I", header, 48)
    difat_next, difat_count = struct.unpack_from("<II", header, 68)
    fat_sectors = list(struct.unpack_from("<109I", header, 76))
    per_sector = sector // 4

    def read_sector(sid: int) -> bytes:
        if sid >= sectors:
            raise ValueError(sid)
        fh.seek((sid + 1) * sector)
        data = fh.read(sector)
        if len(data) < sector:
            raise ValueError(sid)
        return data

    def next_sector(sid: int) -> int:
        index, slot = divmod(sid, per_sector)
        nonlocal difat_next, difat_count
        while index >= len(fat_sectors) and difat_next < _FREE and difat_count > 0:
            ids = struct.unpack(f"<{per_sector}I", read_sector(difat_next))
            fat_sectors.extend(ids[:-1])
            difat_next, difat_count = ids[-1], difat_count - 1
        if index >= len(fat_sectors) or fat_sectors[index] >= _FREE:
            raise ValueError(sid)
        return struct.unpack_from("<I", read_sector(fat_sectors[index]), slot * 4)[0]

    names: set[str] = set()
    sid, steps = dir_start, 0
    try:
        # A crafted chain may loop; a real directory is a few sectors long.
        while sid < _FREE and steps < min(sectors, 4096):
            data = read_sector(sid)
            for offset in range(0, sector, _DIR_ENTRY):
                entry = data[offset : offset + _DIR_ENTRY]
                length = min(struct.unpack_from("<H", entry, 64)[0], 64)
                if entry[66] in (1, 2) and length >= 2:  # storage or stream
                    names.add(entry[: length - 2].decode("utf-16-le", errors="replace"))
            sid, steps = next_sector(sid), steps + 1
    except (ValueError, struct.error):
        return names or None
    return names
