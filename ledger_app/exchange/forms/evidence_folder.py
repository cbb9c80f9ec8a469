"""The evidence a department sends back beside its form: a folder, or a zip (checked before anything is
unpacked: ledger_app/evidence/containers.py), holding one subfolder per task named by its 序号 (at any
depth: ``3``, ``3 推行权力清单``), or files named with the 序号 and a dash (``3-印发文件.pdf``). Each
file gets the 序号 its place names, or none; nothing is guessed from a file's content or a near name."""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ledger_app.evidence.containers import unpack
from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.messages.i18n import EN, t

_CODE = r"[0-9A-Za-z]+(?:[.．][0-9A-Za-z]+)*"
_FOLDER = re.compile(rf"^\s*({_CODE})(?=$|[\s\-_－—、．(（])")
_FILE = re.compile(rf"^\s*({_CODE})\s*[-_－—]")
_SKIPPED = {"thumbs.db", "desktop.ini", ".ds_store"}
NOT_FOUND = "佐证材料的位置 {path} 不存在"
UNASSIGNED = "“{shown}”不属于任何申请销号的任务（{why}），未保存"
NO_CODE = "位置和文件名都没有任务序号"
NOT_CLAIMED = "序号 {code} 没有在填报表上申请销号"
EN.update({
    NOT_FOUND: "the evidence location {path} does not exist",
    UNASSIGNED: "'{shown}' belongs to no task claimed finished ({why}); not stored",
    NO_CODE: "neither its folder nor its name carries a task number",
    NOT_CLAIMED: "task {code} is not claimed finished on the form",
})


@dataclass(frozen=True)
class Offered:
    path: Path  # the file on disk (unpacked from a zip into a scratch folder)
    name: str  # the name it is kept under: its own
    shown: str  # where it came from, as the clerk knows it: 证据.zip/3/印发文件.pdf
    code: str | None  # the task 序号 its place names


def code_of(relative: PurePosixPath) -> str | None:
    """The 序号 a file's place names: the innermost folder named by one, else its own name's prefix."""
    for folder in reversed(relative.parts[:-1]):
        if match := _FOLDER.match(folder):
            return match.group(1)
    match = _FILE.match(relative.name)
    return match.group(1) if match else None


@dataclass
class EvidenceSources:
    """The files of every folder or zip given, each with its 序号; zips refused as a whole in ``problems``."""

    items: list[Offered] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _scratch: Path | None = None  # where zips are unpacked; deleted with this object, or by close()

    @classmethod
    def read(cls, sources: list[Path], skip: set[Path], max_unpacked: int) -> EvidenceSources:
        found = cls()
        skip = {p.resolve() for p in skip}
        for source in sources:
            source = Path(source)
            if source.is_dir():
                for path in sorted(source.rglob("*")):
                    relative = PurePosixPath(path.relative_to(source).as_posix())
                    if path.is_file() and path.resolve() not in skip and not _ignored(relative):
                        found.items.append(Offered(path, path.name, f"{source.name}/{relative}", code_of(relative)))
            elif source.is_file():
                found._unzip(source, max_unpacked)
            else:
                found.problems.append(t(NOT_FOUND, path=source))
        return found

    def _unzip(self, source: Path, max_unpacked: int) -> None:
        if self._scratch is None:
            # Kept until the merge has stored the files (the review holds this object), then deleted.
            self._scratch = Path(tempfile.mkdtemp(prefix="ledger-evidence-"))
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._scratch, True)
        folder = self._scratch / str(len(list(self._scratch.iterdir())))
        folder.mkdir()
        try:
            members = unpack(source, source.name, folder, max_unpacked)
        except EvidenceRejected as exc:
            self.problems.append(str(exc))
            return
        for member, path in members:
            relative = PurePosixPath(member)
            if not _ignored(relative):
                self.items.append(Offered(path, relative.name, f"{source.name}/{member}", code_of(relative)))

    def by_code(self) -> dict[str, list[Offered]]:
        grouped: dict[str, list[Offered]] = {}
        for item in self.items:
            if item.code is not None:
                grouped.setdefault(item.code, []).append(item)
        return grouped

    def without_code(self) -> list[str]:
        return [t(UNASSIGNED, shown=i.shown, why=t(NO_CODE)) for i in self.items if i.code is None]

    def close(self) -> None:
        if self._scratch is not None:
            self._cleanup()
            self._scratch = None


def not_claimed(left: dict[str, list[Offered]]) -> list[str]:
    """What to say of the files named for tasks nobody claimed on the forms."""
    return [t(UNASSIGNED, shown=i.shown, why=t(NOT_CLAIMED, code=code)) for code, items in left.items() for i in items]


def _ignored(relative: PurePosixPath) -> bool:
    return (relative.name.lower() in _SKIPPED or relative.name.startswith(("~$", "._"))
            or any(part.startswith(".") or part == "__MACOSX" for part in relative.parts))
