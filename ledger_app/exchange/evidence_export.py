"""The evidence of a period or a department as one zip, for the annual 考核 inspection: a folder
per task (``<编号> <任务名称>``) holding its files under their original names, and 索引.xlsx listing
every file with its task, type, size, pages, SHA-256, the claim and the decision. File names are
made safe for Windows (ledger_app/system/file_names.py); the bytes are streamed from the ledger a
chunk at a time and proved by their hash on the way (a damaged file stops the export, named)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine

from ledger_app.evidence import readback
from ledger_app.evidence.register import EvidenceView, claims_of, evidence_by_task
from ledger_app.exchange.cells import header, put, title
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.system.file_names import safe_file_name
from ledger_app.system.files import check_target, save_to
from ledger_app.tasks.queries import TaskQuery, list_tasks

INDEX = "索引.xlsx"
COLUMNS = ["序号", "任务编号", "任务名称", "牵头单位", "文件名", "类型", "大小（字节）", "页数", "SHA-256",
           "申请销号日期", "办结情况", "决定", "决定日期", "添加人", "添加时间", "包内位置"]
WIDTHS = [6, 8, 36, 16, 30, 16, 12, 6, 20, 12, 36, 8, 12, 10, 17, 40]
NOTHING = "所选范围内没有佐证材料，未写入文件"
EXISTS = "{path} 已存在，未覆盖；确要覆盖请加 --force"
EN.update({NOTHING: "there is no evidence in the chosen range; no file was written",
           EXISTS: "{path} exists and was not overwritten; add --force to overwrite it"})
# Pictures, PDFs and OOXML are compressed already: stored as they are, the zip is written at disk speed.
_DEFLATED = {"bmp", "tiff", "doc", "xls", "wps", "et"}


@dataclass(frozen=True)
class ExportScope:
    start: date | None = None  # the file's day (its claim's 业务日期, else the day it was added) from …
    end: date | None = None  # … to, both included
    dept: str | None = None  # only tasks this department leads


def export_evidence(engine: Engine, scope: ExportScope, out: Path, *, force: bool = False) -> Path:
    out = check_target(Path(out))
    if out.exists() and not force:
        raise LedgerError(EXISTS, path=out)
    tasks = [v for v in list_tasks(engine, TaskQuery(dept=scope.dept)) if not scope.dept or
             any(scope.dept in d for d in v.lead_depts)]
    files = evidence_by_task(engine, [v.id for v in tasks])
    rows: list[tuple] = []
    for view in tasks:
        claims = {c.id: c for c in claims_of(engine, view.id)}
        for file in files.get(view.id, []):
            claim = claims.get(file.claim_id) if file.claim_id is not None else None
            day = claim.claimed_on if claim is not None else file.added_at.astimezone().date()
            if (scope.start and day < scope.start) or (scope.end and day > scope.end):
                continue
            rows.append((view, file, claim))
    if not rows:
        raise LedgerError(NOTHING)

    def write(part: Path) -> None:
        with zipfile.ZipFile(part, "w", allowZip64=True) as archive, engine.connect() as conn:
            index: list[tuple] = []
            folders: dict[int, str] = {}
            taken_folders: set[str] = set()
            taken: dict[int, set[str]] = {}
            for view, file, claim in rows:
                if view.id not in folders:
                    folders[view.id] = safe_file_name(f"{view.code} {view.title}"[:60], "", taken=taken_folders)
                    taken_folders.add(folders[view.id].casefold())
                names = taken.setdefault(view.id, set())
                name = safe_file_name(Path(file.name).stem, Path(file.name).suffix or file.extension, taken=names)
                names.add(name.casefold())
                inside = f"{folders[view.id]}/{name}"
                _copy(archive, conn, file, inside, view.code)
                index.append((view, file, claim, inside))
            archive.writestr(INDEX, _index(index))

    save_to(out, write)
    return out


def _copy(archive: zipfile.ZipFile, conn, file: EvidenceView, inside: str, code: str) -> None:  # noqa: ANN001
    info = zipfile.ZipInfo(inside, date_time=file.added_at.astimezone().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if file.kind in _DEFLATED else zipfile.ZIP_STORED
    with archive.open(info, "w", force_zip64=file.size > 2**31) as member:
        for piece in readback.read(conn, file.blob_id, file.name, code):
            member.write(piece)


def _index(rows: list[tuple]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "佐证材料索引"
    title(ws, "佐证材料索引", len(COLUMNS))
    header(ws, 2, COLUMNS, WIDTHS)
    for n, (view, file, claim, inside) in enumerate(rows, start=1):
        values = [n, view.code, view.title, "、".join(view.lead_depts), file.name, file.kind_label, file.size,
                  file.pages or "", file.sha256, claim.claimed_on if claim else "", claim.summary if claim else "",
                  (claim.outcome or "待销号") if claim else "", claim.decided_on or "" if claim else "",
                  file.added_by, file.added_at.astimezone().strftime("%Y-%m-%d %H:%M"), inside]
        for column, value in enumerate(values, start=1):
            put(ws, n + 2, column, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
