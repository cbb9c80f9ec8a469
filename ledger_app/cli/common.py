"""What every command group shares: argument types (a day, a quarter, a 业务日期 with its 更正
reason) and opening the ledger a command works on, saying first when it is damaged."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_app.messages.i18n import EN, t

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger

EN.update({
    "{label}为空：请写明内容": "{label} is empty: write what it says",
    "最近一份完好的备份：{path}；恢复：task-ledger restore \"{path}\"":
        "the newest sound backup: {path}; to restore it: task-ledger restore \"{path}\"",
})


def day(value: str) -> date:
    """A ``YYYY-MM-DD`` argument."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("日期格式应为 YYYY-MM-DD：{value}", value=value)) from None


def quarter(value: str) -> tuple[int, int]:
    """A quarter argument: 2017Q3, 2017-3, 2017年第3季度."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[Qq]|-|年第?)\s*([1-4])\s*(?:季度)?\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(t("季度格式应为 2017Q3"))
    return int(match.group(1)), int(match.group(2))


def written(label: str) -> Callable[[str], str]:
    """An argument that must say something: ``--done ""`` is a slip, not a report."""
    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(t("{label}为空：请写明内容", label=label))
        return value
    return check


def effective_arguments(p: argparse.ArgumentParser, on_help: str) -> None:
    """``--on`` (the 业务日期) and ``--correction`` (the reason, in a closed quarter)."""
    p.add_argument("--on", dest="effective_on", type=day, default=None, metavar="YYYY-MM-DD", help=on_help)
    p.add_argument("--correction", dest="reason", default="", metavar="原因",
                   help="业务日期在已封账的季度内时，作为“更正”录入并写明原因")


_hinted: set[str] = set()


def restore_hint(path: object) -> None:
    """After a message that the ledger at ``path`` is damaged: which backup to restore, and how."""
    from ledger_app.store.backup import newest_sound_backup

    if str(path) in _hinted:
        return
    _hinted.add(str(path))
    backup = newest_sound_backup(Path(str(path)))
    if backup is not None:
        print(t("最近一份完好的备份：{path}；恢复：task-ledger restore \"{path}\"", path=backup), file=sys.stderr)


def warn_damaged(ledger) -> None:  # noqa: ANN001 - ledger_app.store.opening.Ledger
    """A reading command goes on with a damaged ledger (opened read-only), but says so first."""
    from db.engine import sqlite_path
    from ledger_app.store.opening import DAMAGED

    path = sqlite_path(ledger.url)
    print(t(DAMAGED, path=path, detail=ledger.damage), file=sys.stderr)
    restore_hint(path)


def say_notices(ledger) -> None:  # noqa: ANN001 - ledger_app.store.opening.Ledger
    """What opening the ledger did that the clerk must hear of (a stray -wal set aside …), on stderr."""
    for notice in ledger.notices:
        print(notice, file=sys.stderr)


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False) -> Iterator[Ledger]:
    """The ledger named by ``--db`` (or the default), closed afterwards. Only an import may make a
    new one (``create``): a mistyped --db must not leave an empty ledger behind."""
    from ledger_app.store.opening import open_ledger

    ledger = open_ledger(getattr(args, "db", None), create=create)
    say_notices(ledger)
    if ledger.damage is not None:
        warn_damaged(ledger)
    try:
        yield ledger
    finally:
        ledger.close()
