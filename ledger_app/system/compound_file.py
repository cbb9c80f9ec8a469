"""What an OLE compound file holds (the container of Office 97–2003 files, WPS's .wps/.et, and of a
password-protected .xlsx): the names in its directory and the first bytes of a stream, read a
handful of sectors at a time, never the whole file. A crafted file (chains that loop, sectors past
the end) gives what could be read, never a hang."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE = 0xFFFFFFFA  # sector ids from here up mark free, end of chain and FAT/DIFAT sectors
_DIR_ENTRY = 128
_MINI_CUTOFF = 4096  # smaller streams live in the mini stream


@dataclass(frozen=True)
class Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


class CompoundFile:
    """The directory and stream heads of an OLE compound file; ValueError if ``fh`` is not one."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        fh.seek(0)
        header = fh.read(512)
        if len(header) < 512 or not header.startswith(OLE_MAGIC):
            raise ValueError("not a compound file")
        shift = struct.unpack_from("<H", header, 30)[0]
        if shift not in (9, 12):
            raise ValueError("sector size")
        self.fh, self.sector = fh, 1 << shift
        self.sectors = max(size // self.sector, 1)
        self.dir_start, = struct.unpack_from("<I", header, 48)
        self.difat_next, self.difat_count = struct.unpack_from("<II", header, 68)
        self.fat_sectors = list(struct.unpack_from("<109I", header, 76))
        self.per_sector = self.sector // 4

    def read_sector(self, sid: int) -> bytes:
        if sid >= self.sectors:
            raise ValueError(sid)
        self.fh.seek((sid + 1) * self.sector)
        data = self.fh.read(self.sector)
        if len(data) < self.sector:
            raise ValueError(sid)
        return data

    def next_sector(self, sid: int) -> int:
        index, slot = divmod(sid, self.per_sector)
        while index >= len(self.fat_sectors) and self.difat_next < _FREE and self.difat_count > 0:
            ids = struct.unpack(f"<{self.per_sector}I", self.read_sector(self.difat_next))
            self.fat_sectors.extend(ids[:-1])
            self.difat_next, self.difat_count = ids[-1], self.difat_count - 1
        if index >= len(self.fat_sectors) or self.fat_sectors[index] >= _FREE:
            raise ValueError(sid)
        return struct.unpack_from("<I", self.read_sector(self.fat_sectors[index]), slot * 4)[0]

    def entries(self) -> list[Entry]:
        """The storages and streams named in the directory (as many as could be read)."""
        found: list[Entry] = []
        sid, steps = self.dir_start, 0
        try:
            # A crafted chain may loop; a real directory is a few sectors long.
            while sid < _FREE and steps < min(self.sectors, 4096):
                data = self.read_sector(sid)
                for offset in range(0, self.sector, _DIR_ENTRY):
                    entry = data[offset : offset + _DIR_ENTRY]
                    length = min(struct.unpack_from("<H", entry, 64)[0], 64)
                    if entry[66] in (1, 2, 5) and length >= 2:
                        start, stream_size = struct.unpack_from("<II", entry, 116)
                        found.append(Entry(entry[: length - 2].decode("utf-16-le", errors="replace"), entry[66],
                                           start, stream_size))
                sid, steps = self.next_sector(sid), steps + 1
        except (ValueError, struct.error):
            pass
        return found

    def head(self, entry: Entry, limit: int) -> bytes:
        """The first ``limit`` bytes of a stream of at least 4 KB (b"" for a small one, kept in the
        mini stream, or one whose chain cannot be followed)."""
        if entry.size < _MINI_CUTOFF:
            return b""
        out, sid = bytearray(), entry.start
        try:
            while len(out) < min(limit, entry.size) and sid < _FREE:
                out += self.read_sector(sid)
                sid = self.next_sector(sid)
        except (ValueError, struct.error):
            return bytes(out)
        return bytes(out[: min(limit, entry.size)])


def ole_streams(fh: BinaryIO, size: int) -> set[str] | None:
    """Names in an OLE compound file's directory (Excel's encrypted .xlsx, old .xls, .doc…);
    None when the directory cannot be read."""
    try:
        names = {e.name for e in CompoundFile(fh, size).entries() if e.kind in (1, 2)}
    except (ValueError, struct.error):
        return None
    return names or None
