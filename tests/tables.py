"""Build messy task tables the way offices really write them (openpyxl, in the test)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADER = ["序号", "改革领域", "改革项目", "具体改革内容", "项目类别", "牵头部门", "配合部门", "责任领导", "完成时限"]


def write_table(path: Path, rows: list[list[object]], *, title: str | None = "常州经开区2017年改革创新目标任务表",
                subtitle: str | None = None, header: list[str] = HEADER, merges: list[str] = (),
                notes: list[str] = (), sheet: str = "任务表", start_col: int = 1) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for line in (title, subtitle):
        if line is not None:
            ws.append([None] * (start_col - 1) + [line])
    ws.append([None] * (start_col - 1) + header)
    for row in rows:
        ws.append([None] * (start_col - 1) + list(row))
    for note in notes:
        ws.append([None] * (start_col - 1) + [note])
    for rng in merges:
        ws.merge_cells(rng)
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed with a leading apostrophe: text, not a formula

    wb.save(path)
    return path
