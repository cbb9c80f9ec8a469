"""Hostile files, made cheaply from the sample workbook: cut, corrupted, bombed, renamed, encrypted."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from tests.conftest import SAMPLE

SHEET = "xl/worksheets/sheet1.xml"
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
BILLION_LAUGHS = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)) + b"]>\n"


def rewrite(path: Path, changes: dict[str, bytes], source: Path = SAMPLE) -> Path:
    """The sample workbook with some members replaced (by name: ZipInfo objects are mutated by writestr)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, changes.get(name, src.read(name)))
        for name, data in changes.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return path


def truncated(path: Path) -> Path:
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def flipped_byte(path: Path) -> Path:
    """One byte flipped in the middle of the sheet's compressed data (the CRC no longer matches)."""
    data = bytearray(SAMPLE.read_bytes())
    with zipfile.ZipFile(SAMPLE) as archive:
        info = archive.getinfo(SHEET)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x55
    path.write_bytes(bytes(data))
    return path


def entity_bomb(path: Path, in_sheet: bool = False) -> Path:
    """Billion laughs in the sheet itself, or in a shared-strings part as Excel writes one."""
    with zipfile.ZipFile(SAMPLE) as src:
        sheet = src.read(SHEET).split(b"?>", 1)[-1]
        rels = src.read("xl/_rels/workbook.xml.rels")
    cell = b'<row r="999"><c r="A999" t="%s"><%s>%s</%s></c></row></sheetData>'
    if in_sheet:
        sheet = sheet.replace(b"</sheetData>", cell % (b"inlineStr", b"is", b"<t>&lol9;</t>", b"is"))
        return rewrite(path, {SHEET: BILLION_LAUGHS + sheet})
    rel = (b'<Relationship Id="rIdSst" Target="sharedStrings.xml" '
           b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>')
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
               b"<si><t>&lol9;</t></si></sst>")
    return rewrite(path, {SHEET: sheet.replace(b"</sheetData>", cell % (b"s", b"v", b"0", b"v")),
                          "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", rel + b"</Relationships>"),
                          "xl/sharedStrings.xml": BILLION_LAUGHS + strings})


def shared_string_copies(path: Path) -> Path:
    """One shared string of 30,000 characters named by 20,000 cells: a 40 KB file of which the reader
    would make 20,000 copies (1.8 GB)."""
    with zipfile.ZipFile(SAMPLE) as src:
        sheet = src.read(SHEET)
        rels = src.read("xl/_rels/workbook.xml.rels")
    rel = (b'<Relationship Id="rIdSst" Target="sharedStrings.xml" '
           b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>')
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
               b"<si><t>" + "改".encode() * 30_000 + b"</t></si></sst>")
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%c%d" t="s"><v>0</v></c>' % (c, r) for c in b"ABCDEFGHIJ")
                    + b"</row>" for r in range(100, 2100))
    return rewrite(path, {SHEET: sheet.replace(b"</sheetData>", rows + b"</sheetData>"),
                          "xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", rel + b"</Relationships>"),
                          "xl/sharedStrings.xml": strings})


def declared_zip_bomb(path: Path) -> Path:
    """A member whose central directory entry claims 4 GB unpacked (nothing real to inflate)."""
    rewrite(path, {"xl/media/image1.bin": b"\0" * 1000})
    data = bytearray(path.read_bytes())
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/media/image1.bin"))
    struct.pack_into("<I", data, entry + 24, 0xFFFFFFF0)  # uncompressed size
    path.write_bytes(bytes(data))
    return path


def ratio_zip_bomb(path: Path) -> Path:
    """20 MB of zeros that deflate to about 20 KB: a real, if small, zip bomb."""
    return rewrite(path, {"xl/media/image1.bin": bytes(20 * 2**20)})


def lying_zip_bomb(path: Path) -> Path:
    """A member that claims 1 KB but inflates to 50 MB (the reader must not believe the header)."""
    big = bytes(50 * 2**20)
    rewrite(path, {"xl/media/image1.bin": big[:1024]})
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/media/image1.bin")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = packer.compress(big) + packer.flush()
    # Same declared sizes in the headers; the data that follows is the bomb.
    fixed = bytearray(data[:start] + stream + data[start + info.compress_size :])
    shift = len(stream) - info.compress_size
    struct.pack_into("<I", fixed, info.header_offset + 18, len(stream))
    central = fixed.rfind(b"PK\x01\x02", 0, fixed.rfind(b"xl/media/image1.bin"))
    struct.pack_into("<I", fixed, central + 20, len(stream))
    end = fixed.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", fixed, end + 16)[0]
    struct.pack_into("<I", fixed, end + 16, cd_offset + shift)
    for offset in _central_entries(fixed, cd_offset + shift):
        local = struct.unpack_from("<I", fixed, offset + 42)[0]
        if local > info.header_offset:
            struct.pack_into("<I", fixed, offset + 42, local + shift)
    path.write_bytes(bytes(fixed))
    return path


def _central_entries(data: bytes | bytearray, offset: int) -> list[int]:
    entries = []
    while data[offset : offset + 4] == b"PK\x01\x02":
        entries.append(offset)
        name, extra, comment = struct.unpack_from("<HHH", data, offset + 28)
        offset += 46 + name + extra + comment
    return entries


def compound_file(path: Path, stream: str, size: int = 8192) -> Path:
    """A minimal OLE compound file (512-byte sectors) holding one stream, as old Office files are."""
    sectors = -(-size // 512)
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<I", header, 76, 0)
    for slot in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * slot, _FREE)
    fat = [_FAT, _END, *range(3, 2 + sectors), _END]
    fat += [_FREE] * (128 - len(fat))
    directory = bytearray(512)
    _entry(directory, 0, "Root Entry", 5, _END, 0, child=1)
    _entry(directory, 1, stream, 2, 2, size)
    body = bytes(size) + bytes(sectors * 512 - size)
    path.write_bytes(bytes(header) + struct.pack("<128I", *fat) + bytes(directory) + body)
    return path


def _entry(directory: bytearray, index: int, name: str, kind: int, start: int, size: int, child: int = _NONE) -> None:
    base = index * 128
    encoded = name.encode("utf-16-le") + b"\0\0"
    directory[base : base + len(encoded)] = encoded
    struct.pack_into("<HBB", directory, base + 64, len(encoded), kind, 1)
    struct.pack_into("<III", directory, base + 68, _NONE, _NONE, child)
    struct.pack_into("<II", directory, base + 116, start, size)


def encrypted(path: Path) -> Path:
    """The sample workbook with an open password, as Excel writes it (Agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with SAMPLE.open("rb") as plain, path.open("wb") as locked:
        OOXMLFile(plain).encrypt("密码123", locked)
    return path


def _with_rows(path: Path, rows: bytes, after: bytes = b"") -> Path:
    """The sample with ``rows`` appended to its sheet data (and ``after`` it, e.g. merged ranges)."""
    with zipfile.ZipFile(SAMPLE) as src:
        sheet = src.read(SHEET)
    sheet = sheet.replace(b"</sheetData>", rows + b"</sheetData>" + after)
    return rewrite(path, {SHEET: sheet})


def far_cell(path: Path, hidden: bool = False) -> Path:
    """One cell at XFD1048576: the reader would allocate all 17 billion cells up to it (and abort).
    ``hidden``: behind a harmless address, as a second attribute in other quotes (the reader takes the last)."""
    cell = b"""<c r="A99" r='XFD1048576'>""" if hidden else b'<c r="XFD1048576" t="inlineStr">'
    return _with_rows(path, b'<row r="99">' + cell + b"<is><t>x</t></is></c></row>")


def bad_reference(path: Path) -> Path:
    return _with_rows(path, b'<row r="99"><c r="A99999999999"><v>1</v></c></row>')


def unaddressed_grid(path: Path) -> Path:
    """Cells without addresses, which the reader places one after another: 400 rows by 20,000 columns."""
    rows = b"<row><c><v>1</v></c></row>" * 399 + b"<row>" + b"<c/>" * 20_000 + b"<c><v>1</v></c></row>"
    return _with_rows(path, rows)


def overlapping_merges(path: Path) -> Path:
    """Thousands of merged ranges over the same cells (filling them would take minutes)."""
    merges = b"".join(b'<mergeCell ref="A1:Z%d"/>' % (200 + i) for i in range(5000))
    return _with_rows(path, b"", b'<mergeCells count="5000">' + merges + b"</mergeCells>")


def many_parts(path: Path, count: int = 50_000) -> Path:
    """An archive of 50,000 empty parts (written by hand: zipfile takes a second for this)."""
    local, central = bytearray(), bytearray()
    for name in [b"xl/workbook.xml", *(b"x/%06d" % i for i in range(count))]:
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0,
                               0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path
