"""A copy of an evidence file for the system's viewer (opening a file in the window, ``evidence open``
on the command line): written from the ledger's bytes, proved whole by its hash on the way, named
with the extension of its detected type (never a name that would make the system run it), and
read-only, so the viewer cannot change the record. Nothing is run here: the window hands the copy's
address to the system (QDesktopServices.openUrl), which opens it in the program registered for
that type. Copies older than a day are deleted as new ones are made."""

from __future__ import annotations

import os
import shutil
import stat
import time
from contextlib import suppress
from pathlib import Path

from sqlalchemy import Engine, select

from ledger_app.evidence import readback
from ledger_app.evidence.register import get_file
from ledger_app.store.schema import task
from ledger_app.system.file_names import safe_file_name
from ledger_app.system.paths import viewing_dir

KEEP_S = 24 * 3600


def viewing_copy(engine: Engine, file_id: int, folder: Path | None = None) -> Path:
    """A read-only copy of the evidence file ``file_id``; LedgerError naming it if its bytes are damaged."""
    folder = folder or viewing_dir()
    folder.mkdir(parents=True, exist_ok=True)
    clear_old(folder)
    with engine.connect() as conn:
        view = get_file(conn, file_id)
        code = conn.execute(select(task.c.code).where(task.c.id == view.task_id)).scalar() or "—"
        # One folder per copy: two files of one name (合同.pdf of two tasks) never meet.
        place = folder / f"{view.id}-{view.sha256[:8]}-{time.time_ns()}"
        place.mkdir()
        target = place / safe_file_name(Path(view.name).stem, view.extension, folder=place)
        readback.copy_to(conn, view.blob_id, target, view.name, code)
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP)
    return target


def clear_old(folder: Path) -> None:
    for place in folder.iterdir():
        with suppress(OSError):
            if place.stat().st_mtime < time.time() - KEEP_S:
                for child in place.iterdir():
                    os.chmod(child, stat.S_IWUSR | stat.S_IRUSR)
                shutil.rmtree(place)
