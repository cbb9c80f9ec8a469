"""What reading a backup whole found, kept beside it (``<backup>.json``): its rows per table and the digest
of its bytes, or the problem; and whether it passes SQLite's quick check now (split from
ledger_app/store/backup.py, which decides what to keep and what to restore from)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from db.engine import connect_read_only
from ledger_app.store.integrity import Unreadable, quick_check, read_whole

RECORD = ".json"  # <backup>.json: what reading the backup whole found


def record_path(backup: Path) -> Path:
    return backup.with_name(backup.name + RECORD)


def read_record(backup: Path) -> dict | None:
    try:
        record = json.loads(record_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("whole"), bool) else None


def write_record(backup: Path, record: dict) -> None:
    path = record_path(backup)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(part, path)


def examine(file: Path) -> dict:
    """What reading ``file`` whole finds: its rows per table and the digest of the file, or the problem."""
    try:
        with closing(connect_read_only(file)) as conn:
            tables = read_whole(conn)
    except (Unreadable, sqlite3.Error) as exc:
        return {"whole": False, "problem": str(exc)}
    return {"whole": True, "tables": tables, "digest": digest(file)}


def digest(file: Path) -> str:
    with open(file, "rb") as f:
        return f"sha256:{hashlib.file_digest(f, 'sha256').hexdigest()}"


def sound(backup: Path) -> bool:
    try:
        with closing(connect_read_only(backup)) as conn:
            return quick_check(conn, skip_evidence=True) is None
    except sqlite3.Error:
        return False
