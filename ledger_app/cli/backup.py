"""`backup` and `restore` subcommands (see ledger_app/store/backup.py for when and where)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ledger_app.messages.i18n import EN, t
from ledger_app.system.files import out_path

EN.update({
    "已备份台账到 {path}（{size} KB）": "backed up the ledger to {path} ({size} KB)",
    "已从 {path} 恢复台账（结构版本 {revision}）": "restored the ledger from {path} (schema {revision})",
    "原台账已另存为 {path}": "the replaced ledger was kept as {path}",
    "备份文件夹：{path}": "backup folder: {path}",
})


COMMANDS = ("backup", "restore")


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("backup", parents=[common],
                       help="立即备份本机台账文件（默认存入备份文件夹并按 backup.keep 轮换）")
    p.add_argument("--out", type=out_path, help="备份到此文件（不参与轮换）；已有的文件不覆盖，除非加 --force")
    p.add_argument("--force", action="store_true", help="--out 的文件已存在时覆盖它（从不通过符号链接写入）")

    p = sub.add_parser("restore", parents=[common],
                       help="用备份文件替换台账：先检查备份完整，原台账另存为 *.replaced-日期-时间.db")
    p.add_argument("file", type=Path, help="备份文件 .db")


def run(args: argparse.Namespace) -> int:
    """Run ``backup`` / ``restore``. They work on the file, not through an opened ledger, so that
    a ledger too damaged to open can still be restored."""
    from ledger_app.store.backup import backup_folder, backup_ledger, require_file
    from ledger_app.store.restore import restore_ledger
    from ledger_app.store.stray_wal import set_aside_stray_wal

    db = getattr(args, "db", None)
    if (moved := set_aside_stray_wal(require_file(db))) is not None:
        print(moved, file=sys.stderr)
    if args.command == "backup":
        # absolute(), not resolve(): a symbolic link must be seen (and refused), not followed.
        out = args.out.absolute() if args.out else None
        path = backup_ledger(db, "manual", out=out, force=args.force)
        assert path is not None  # a manual backup raises instead
        print(t("已备份台账到 {path}（{size} KB）", path=path, size=max(1, path.stat().st_size // 1024)))
        if out is None:
            print(t("备份文件夹：{path}", path=backup_folder(require_file(db))))
        return 0
    restored = restore_ledger(args.file, db)
    print(t("已从 {path} 恢复台账（结构版本 {revision}）", path=args.file.resolve(), revision=restored.revision))
    if restored.aside is not None:
        print(t("原台账已另存为 {path}", path=restored.aside))
    return 0
