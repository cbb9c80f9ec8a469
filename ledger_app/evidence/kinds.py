"""What a file offered as evidence is, told from its content, never from its name: the types an
office keeps as 佐证材料 are accepted, everything else refused with the reason, naming the file.

Accepted: PDF, OFD, pictures (PNG, JPEG, GIF, BMP, TIFF), Word and Excel (OOXML .docx/.xlsx and the
old OLE .doc/.xls) and WPS's own .wps/.et. WPS writes .wps/.et in the OLE layout of .doc/.xls, so
the content tells the family and only then does the extension pick the label between the two.

Refused: programs (Windows MZ, Linux ELF, macOS Mach-O), scripts (#!, batch, PowerShell, VBScript,
HTML and JavaScript, SVG), archives (zip, rar, 7z, gzip…: unpack them first; a department's zip of
evidence is unpacked by the forms merge), documents with macros, encrypted documents, and any other
type. An OOXML or OFD file is a zip and is checked as one (ledger_app.evidence.containers.py).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from typing import BinaryIO

from ledger_app.evidence.containers import check_zip
from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.messages.i18n import EN, t
from ledger_app.system.compound_file import OLE_MAGIC, CompoundFile


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # a template of the catalogue: t(kind.label) in the clerk's language
    extension: str  # what a copy handed to the system's viewer is named with
    image: bool = False


KINDS = {k.code: k for k in (
    Kind("pdf", "PDF 文档", ".pdf"),
    Kind("ofd", "OFD 版式文件", ".ofd"),
    Kind("png", "PNG 图片", ".png", True),
    Kind("jpeg", "JPEG 图片", ".jpg", True),
    Kind("gif", "GIF 图片", ".gif", True),
    Kind("bmp", "BMP 图片", ".bmp", True),
    Kind("tiff", "TIFF 图片", ".tif", True),
    Kind("docx", "Word 文档", ".docx"),
    Kind("xlsx", "Excel 工作簿", ".xlsx"),
    Kind("doc", "Word 97–2003 文档", ".doc"),
    Kind("xls", "Excel 97–2003 工作簿", ".xls"),
    Kind("wps", "WPS 文字文档", ".wps"),
    Kind("et", "WPS 表格文档", ".et"),
)}

EXECUTABLE = "是可执行程序（{what}），不能作为佐证材料"
SCRIPT = "是脚本（{what}），不能作为佐证材料"
ARCHIVE = "是压缩包（{what}），请解压后逐个上传其中的佐证材料"
MACROS = "含有宏（VBA 代码），不能作为佐证材料；请另存为不含宏的格式后再上传"
ENCRYPTED_DOC = "设有打开密码（已加密），无法检查其内容；请去掉密码后再上传"
NOT_ACCEPTED = ("的类型（{what}）不是可接受的佐证材料：可上传 PDF、OFD、图片（PNG、JPEG、GIF、BMP、TIFF）、"
                "Word 和 Excel 文档（含 97–2003 格式）、WPS 文字和表格文档")
EN.update({
    **{k.label: e for k, e in zip(KINDS.values(), (
        "PDF document", "OFD document", "PNG picture", "JPEG picture", "GIF picture", "BMP picture", "TIFF picture",
        "Word document", "Excel workbook", "Word 97-2003 document", "Excel 97-2003 workbook", "WPS Writer document",
        "WPS Spreadsheets document"), strict=True)},
    EXECUTABLE: "is a program ({what}) and cannot be kept as evidence",
    SCRIPT: "is a script ({what}) and cannot be kept as evidence",
    ARCHIVE: "is an archive ({what}); unpack it and add the evidence in it one by one",
    MACROS: "contains macros (VBA code) and cannot be kept as evidence; save it in a format without macros and "
            "add it again",
    ENCRYPTED_DOC: "has an open password (it is encrypted), so its content cannot be checked; remove the password "
                   "and add it again",
    NOT_ACCEPTED: "is of a type ({what}) not accepted as evidence: PDF, OFD, pictures (PNG, JPEG, GIF, BMP, TIFF), "
                  "Word and Excel documents (also 97-2003), WPS Writer and Spreadsheets documents are",
})

# What the refused kinds are called in the messages (each registered in the catalogue below).
WINDOWS_PROGRAM, LINUX_PROGRAM, MAC_PROGRAM = "Windows 程序 EXE/DLL", "Linux 程序 ELF", "macOS 程序 Mach-O"
SHEBANG, BATCH, POWERSHELL, VBSCRIPT = "以 #! 开头的脚本", "Windows 批处理 .bat/.cmd", "PowerShell 脚本 .ps1", \
    "VBScript 脚本 .vbs"
HTML, JAVASCRIPT, SVG = "HTML 网页", "JavaScript 脚本", "SVG 图形（可含脚本）"
PLAIN_TEXT, UNKNOWN, POWERPOINT = "纯文本", "未知的二进制数据", "PowerPoint 演示文稿"
OLE_OTHER = "Office 97–2003 复合文档"
EN.update({
    WINDOWS_PROGRAM: "a Windows EXE/DLL program", LINUX_PROGRAM: "a Linux ELF program",
    MAC_PROGRAM: "a macOS Mach-O program", SHEBANG: "a script starting with #!", BATCH: "a Windows batch file",
    POWERSHELL: "a PowerShell script", VBSCRIPT: "a VBScript script", HTML: "an HTML page",
    JAVASCRIPT: "a JavaScript script", SVG: "an SVG drawing (it can hold scripts)", PLAIN_TEXT: "plain text",
    UNKNOWN: "unknown binary data", POWERPOINT: "a PowerPoint presentation",
    OLE_OTHER: "an Office 97-2003 compound document",
})

_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_ARCHIVES = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"),
             (b"\xfd7zXZ\x00", "xz"), (b"MSCF", "CAB"))
_SCRIPTS = (
    (re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|iframe)\b", re.I), HTML),
    (re.compile(rb"<\s*svg\b", re.I), SVG),
    (re.compile(rb"(?im)^\s*@?echo\s+(off|on)\b|^\s*(goto|call|start|del|rd|reg)\s|%~?\d|%\w+%"), BATCH),
    (re.compile(rb"(?i)\b(invoke-\w+|set-executionpolicy|new-object|write-host|start-process)\b|\$env:"), POWERSHELL),
    (re.compile(rb"(?i)\b(createobject|wscript\.\w+|end\s+sub|on\s+error\s+resume)\b"), VBSCRIPT),
    (re.compile(rb"\bfunction\s*\w*\s*\(|\b(var|let|const)\s+\w+\s*=|\bdocument\.\w+|\bwindow\.\w+|\beval\s*\("),
     JAVASCRIPT),
)
_SCRIPT_NAMES = {".bat": BATCH, ".cmd": BATCH, ".ps1": POWERSHELL, ".vbs": VBSCRIPT, ".vbe": VBSCRIPT,
                 ".js": JAVASCRIPT, ".jse": JAVASCRIPT, ".hta": HTML, ".html": HTML, ".htm": HTML, ".sh": SHEBANG,
                 ".wsf": VBSCRIPT}
_TEXT_BYTES = bytes(range(32, 127)) + b"\t\r\n\f"
MAX_DOCUMENT_UNPACKED = 2**30  # a .docx of scans unpacks to about its own size; a bomb to far more


def detect(fh: BinaryIO, size: int, name: str, suffix: str, path: object = None) -> str:
    """The code of the accepted kind of the file open in ``fh`` (offered as ``name``, its extension
    ``suffix`` lower-case), or EvidenceRejected. ``path``: the file, for the zip checks."""
    fh.seek(0)
    head = fh.read(64 * 1024)
    if head.startswith(b"MZ"):
        raise EvidenceRejected(name, EXECUTABLE, what=_P(WINDOWS_PROGRAM))
    if head.startswith(b"\x7fELF"):
        raise EvidenceRejected(name, EXECUTABLE, what=_P(LINUX_PROGRAM))
    if head.startswith(_MACHO):
        raise EvidenceRejected(name, EXECUTABLE, what=_P(MAC_PROGRAM))
    if head.startswith(b"#!"):
        raise EvidenceRejected(name, SCRIPT, what=_P(SHEBANG))
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if image := _image(head):
        return image
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path, name)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(fh, size, name, suffix)
    for magic, what in _ARCHIVES:
        if head.startswith(magic):
            raise EvidenceRejected(name, ARCHIVE, what=what)
    if head[257:262] == b"ustar":
        raise EvidenceRejected(name, ARCHIVE, what="tar")
    if _is_text(head):
        body = head.lstrip(b"\xef\xbb\xbf")
        for pattern, what in _SCRIPTS:
            if pattern.search(body):
                raise EvidenceRejected(name, SCRIPT, what=_P(what))
        if suffix in _SCRIPT_NAMES:
            raise EvidenceRejected(name, SCRIPT, what=_P(_SCRIPT_NAMES[suffix]))
        raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(PLAIN_TEXT))
    raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(UNKNOWN))


class _P(str):
    """A kind's name, translated when it is put into the message."""

    def __format__(self, spec: str) -> str:
        return format(t(str(self)), spec)


def _image(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 18 and struct.unpack_from("<I", head, 14)[0] in (12, 40, 52, 56, 64,
                                                                                                  108, 124):
        return "bmp"
    return None


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    sample = head[:4096]
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(sample) - 4:  # cut in the middle of a character
                return True
    return sum(b in _TEXT_BYTES for b in sample) > 0.95 * len(sample)


def _zip_kind(path: object, name: str) -> str:
    from pathlib import Path

    infos = check_zip(Path(str(path)), name, MAX_DOCUMENT_UNPACKED)
    names = {info.filename for info in infos}
    lowered = {n.lower() for n in names}
    if any(n.endswith("vbaproject.bin") for n in lowered):
        raise EvidenceRejected(name, MACROS)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ofd.xml" in lowered:
        return "ofd"
    if "ppt/presentation.xml" in names:
        raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(POWERPOINT))
    raise EvidenceRejected(name, ARCHIVE, what="ZIP")


def _ole_kind(fh: BinaryIO, size: int, name: str, suffix: str) -> str:
    try:
        ole = CompoundFile(fh, size)
    except (ValueError, struct.error):
        raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(OLE_OTHER)) from None
    entries = {e.name: e for e in ole.entries()}
    if "EncryptionInfo" in entries or "EncryptedPackage" in entries:
        raise EvidenceRejected(name, ENCRYPTED_DOC)
    if {"Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"} & entries.keys():
        raise EvidenceRejected(name, MACROS)
    if "WordDocument" in entries:
        fib = ole.head(entries["WordDocument"], 32)
        if len(fib) >= 12 and struct.unpack_from("<H", fib, 10)[0] & 0x0100:  # FIB fEncrypted
            raise EvidenceRejected(name, ENCRYPTED_DOC)
        return "wps" if suffix == ".wps" else "doc"
    book = entries.get("Workbook") or entries.get("Book")
    if book is not None:
        if _has_filepass(ole.head(book, 8192)):
            raise EvidenceRejected(name, ENCRYPTED_DOC)
        return "et" if suffix == ".et" else "xls"
    if "PowerPoint Document" in entries:
        raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(POWERPOINT))
    raise EvidenceRejected(name, NOT_ACCEPTED, what=_P(OLE_OTHER))


def _has_filepass(stream: bytes) -> bool:
    """A FILEPASS record (the workbook is encrypted) among the first records of the workbook globals."""
    offset = 0
    for _ in range(64):
        if offset + 4 > len(stream):
            return False
        record, length = struct.unpack_from("<HH", stream, offset)
        if record == 0x002F:
            return True
        if record == 0x0085:  # BOUNDSHEET: FILEPASS, when present, comes before the sheets
            return False
        offset += 4 + length
    return False
