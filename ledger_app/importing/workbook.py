"""Open an .xlsx safely and hand back one sheet as a grid of values.

Reading uses python-calamine (about ten times faster than openpyxl, and it
reports merged ranges). Before the reader sees a file we check that it really is
an .xlsx and not a renamed CSV, an encrypted workbook or an XML bomb, so every
refusal is a clear message instead of a library traceback.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException
from python_calamine import CalamineError, CalamineWorkbook

from ledger_app.errors import ImportRejected, Problem

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Real task tables unpack to a few MB; anything near this is a zip bomb.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
_SNIFF_BYTES = 4096


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # from A1, 0-based; '' for empty cells
    merged: list[tuple[tuple[int, int], tuple[int, int]]]  # ((row, col), (row, col)) inclusive


def _refuse(path: Path, template: str, **values: object) -> ImportRejected:
    return ImportRejected([Problem(file=path.name, template=template, values=values)])


def _content_kind(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text[:512]:
        return "HTML 网页"
    if text.startswith(b"<?xml"):
        return "XML 文本"
    if text.startswith(b"%pdf"):
        return "PDF 文档"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("gb18030")
        except UnicodeDecodeError:
            return "未知的二进制数据"
    return "纯文本（如 CSV）"


def check_xlsx(path: Path) -> None:
    """Raise :class:`ImportRejected` unless ``path`` is a plausible, safe .xlsx."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise _refuse(path, "文件不存在") from None
    except OSError as exc:
        raise _refuse(path, "无法读取文件：{reason}", reason=exc.strerror or exc) from None
    if size == 0:
        raise _refuse(path, "文件为空（0 字节）")
    if head.startswith(_OLE_MAGIC):
        raise _refuse(path, "工作簿已加密或为旧版 .xls 格式，请在 Excel/WPS 中取消密码并另存为 .xlsx")
    if not head.startswith(b"PK"):
        raise _refuse(path, "不是有效的 .xlsx 工作簿（文件内容是 {kind}，可能只是改了扩展名）",
                      kind=_content_kind(head))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise _refuse(path, "不是有效的 .xlsx 工作簿（文件内容是 {kind}，可能只是改了扩展名）",
                              kind="ZIP 压缩包")
            total = sum(info.file_size for info in infos)
            if total > MAX_UNPACKED_BYTES:
                raise _refuse(path, "工作簿解压后过大（{size} MB），已拒绝", size=total // 2**20)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_xml_member(path, archive, info)
    except zipfile.BadZipFile as exc:
        raise _refuse(path, "工作簿已损坏，无法解压：{reason}", reason=exc) from None


def _check_xml_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with archive.open(info) as member:
        head = member.read(_SNIFF_BYTES)
    # Office never writes a DTD; only a crafted file has one. Confirm with
    # defusedxml so the refusal names the real reason.
    if b"<!DOCTYPE" not in head and b"<!ENTITY" not in head:
        return
    try:
        safe_xml.fromstring(archive.read(info) if info.file_size < 2**20 else head)
    except DefusedXmlException:
        raise _refuse(path, "工作簿含有不安全的 XML（实体定义），已拒绝") from None
    except safe_xml.ParseError:
        pass


class Workbook:
    """A checked .xlsx whose sheets are read on demand."""

    def __init__(self, path: Path) -> None:
        check_xlsx(path)
        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except (CalamineError, ValueError, OSError) as exc:
            raise _refuse(path, "工作簿已损坏，无法解压：{reason}", reason=exc) from None
        self.sheet_names: list[str] = list(self._book.sheet_names)

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheet_names:
            raise _refuse(self.path, "工作簿中没有名为“{sheet}”的工作表（现有：{sheets}）",
                          sheet=name, sheets="、".join(self.sheet_names))
        try:
            data = self._book.get_sheet_by_name(name)
            rows = data.to_python(skip_empty_area=False)
            merged = list(data.merged_cell_ranges or [])
        except (CalamineError, ValueError, OSError) as exc:
            raise _refuse(self.path, "工作簿已损坏，无法解压：{reason}", reason=exc) from None
        return Sheet(name, rows, merged)
