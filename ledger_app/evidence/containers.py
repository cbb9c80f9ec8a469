"""Zip containers checked before anything in them is used: the OOXML (.docx/.xlsx) and OFD files
offered as evidence, and the zip a department sends its evidence in.

Refused, naming the file: a member whose path leaves its folder (``../``, an absolute path, a drive
letter), an encrypted member, a directory too large to list, a member that unpacks far larger than
it is stored or all of them more than the limit (a zip bomb), and a member that does not unpack to
what the archive says (damaged). Every member is inflated once, in bounded pieces, by zipfile's
reader, which stops at the size the directory declares and checks the CRC: nothing unpacks beyond
what was checked.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.messages.i18n import EN

MAX_MEMBERS = 10_000
MAX_RATIO = 200  # deflate of real documents stays far below; only crafted members of zeros reach it
RATIO_FLOOR = 16 * 2**20  # smaller members may be as repetitive as they like
_PIECE = 2**20

OUTSIDE = "是含有指向文件夹之外路径（{member}）的压缩包，疑为恶意文件"
ENCRYPTED = "是加密（设有密码）的压缩包或文档，无法检查其内容；请去掉密码后再上传"
BOMB = "解压后异常庞大（{member} 压缩比 {ratio} 倍），疑似压缩炸弹"
TOO_BIG = "解压后过大（{size} MB，上限 {limit} MB）"
TOO_MANY = "含有过多的文件（{count} 个，上限 {limit} 个）"
DAMAGED = "已损坏，无法解压（{reason}）"
EN.update({
    OUTSIDE: "is an archive with a path outside its folder ({member}), likely hostile",
    ENCRYPTED: "is an encrypted (password-protected) archive or document whose content cannot be checked; remove "
               "the password and add it again",
    BOMB: "unpacks to an abnormal size ({member} is {ratio} times its stored size), like a zip bomb",
    TOO_BIG: "is too large unpacked ({size} MB; at most {limit} MB)",
    TOO_MANY: "holds too many files ({count}; at most {limit})",
    DAMAGED: "is damaged and cannot be unpacked ({reason})",
})

_DRIVE = re.compile(r"^[A-Za-z]:")


def outside(member: str) -> bool:
    """A member name that would land outside the folder it is unpacked into."""
    name = member.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        return True
    return any(part == ".." for part in name.split("/"))


def check_zip(path: Path, name: str, max_unpacked: int) -> list[zipfile.ZipInfo]:
    """The members of the zip ``path`` (offered as ``name``), refused with EvidenceRejected for
    any of the reasons above; every member inflated once to prove it."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise EvidenceRejected(name, TOO_MANY, count=len(infos), limit=MAX_MEMBERS)
            for info in infos:
                if outside(info.filename):
                    raise EvidenceRejected(name, OUTSIDE, member=info.filename[:80])
                if info.flag_bits & 0x1:
                    raise EvidenceRejected(name, ENCRYPTED)
            total = sum(info.file_size for info in infos)
            if total > max_unpacked:
                raise EvidenceRejected(name, TOO_BIG, size=total // 2**20, limit=max_unpacked // 2**20)
            for info in infos:
                ratio = info.file_size // max(info.compress_size, 1)
                if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    raise EvidenceRejected(name, BOMB, member=info.filename[:80], ratio=ratio)
            for info in infos:
                if not info.is_dir():
                    for _piece in _inflate(archive, info):
                        pass
            return infos
    except zipfile.BadZipFile as exc:
        raise EvidenceRejected(name, DAMAGED, reason=exc) from None
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise EvidenceRejected(name, DAMAGED, reason=exc) from None


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with archive.open(info) as member:
        while piece := member.read(_PIECE):
            yield piece


def unpack(path: Path, name: str, folder: Path, max_unpacked: int) -> list[tuple[str, Path]]:
    """Unpack the checked zip ``path`` into ``folder``: (the member's path inside the archive, the
    file written) for every file, in archive order. Names written are the members' own, made safe;
    the member path is what the clerk sees and what a file is matched to a task by."""
    infos = check_zip(path, name, max_unpacked)
    found: list[tuple[str, Path]] = []
    with zipfile.ZipFile(path) as archive:
        for n, info in enumerate(i for i in infos if not i.is_dir()):
            member = _decoded(info)
            target = folder / f"{n:05d}" / _leaf(member)
            target.parent.mkdir(parents=True)
            with archive.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, _PIECE)
            found.append((member, target))
    return found


def _decoded(info: zipfile.ZipInfo) -> str:
    """The member's name as the sender saw it: zips made on Chinese Windows (the built-in 压缩
    and WinRAR's default) write GBK names without the UTF-8 flag, which zipfile reads as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _leaf(member: str) -> str:
    leaf = posixpath.basename(member.rstrip("/")) or "_"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", leaf)[:120]
