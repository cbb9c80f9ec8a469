"""Per-user folders, in one place. ``TASK_LEDGER_HOME`` moves them all (tests, portable installs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

from db.location import APP_AUTHOR, APP_NAME, HOME_ENV


def _dir(kind: str, default: str) -> Path:
    home = os.environ.get(HOME_ENV)
    path = Path(home) / kind if home else Path(default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("data", user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def log_dir() -> Path:
    return _dir("logs", user_log_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return _dir("config", user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))


def backup_dir() -> Path:
    """Automatic and manual backups of the ledger (see ledger_app/store/backup.py)."""
    path = data_dir() / "backups"
    path.mkdir(exist_ok=True)
    return path


def viewing_dir() -> Path:
    """Read-only copies of evidence files handed to the system's viewer (ledger_app/evidence/copies.py):
    under the per-user data folder, not the shared temporary one, so other users of the computer do
    not read them; old copies are cleared as new ones are made."""
    path = data_dir() / "viewing"
    path.mkdir(exist_ok=True)
    return path
