"""`config` and `migrate-db`: the ledger as a whole — its settings, and moving it to another
database (a desk's file ⇄ the office's PostgreSQL server)."""

from __future__ import annotations

import argparse
import sys

from ledger_app.cli.common import opened, say_notices
from ledger_app.messages.i18n import t

COMMANDS = ("config", "migrate-db")


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("config", parents=[common], help="查看或修改台账设置（预警阈值、单位名称）")
    p.add_argument("key", nargs="?", help="设置项，如 warn.due_days")
    p.add_argument("value", nargs="?", help="新值")

    p = sub.add_parser(
        "migrate-db", help="把整个台账复制到另一个数据库（如本机文件 → 共享服务器），逐表核对行数和校验和")
    p.add_argument("--from", dest="source", required=True, help="源台账：文件路径或 URL")
    p.add_argument("--to", dest="target", required=True,
                   help="目标台账（必须为空）：如 postgresql+psycopg://用户@服务器/库名，或文件路径")


def run(args: argparse.Namespace) -> int:
    if args.command == "migrate-db":
        return _migrate(args)
    from ledger_app.operations.settings import set_setting
    from ledger_app.store import settings

    with opened(args) as ledger:
        if args.key and args.value is not None:
            set_setting(ledger.engine, args.key, args.value)
        values = settings.get_all(ledger.engine)
    for key, spec in settings.SPECS.items():
        if not args.key or args.key == key:
            print(f"{key}={values[key]}\t# {spec.label}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from ledger_app.store.opening import open_ledger
    from ledger_app.store.transfer import copy_ledger

    source = open_ledger(args.source, create=False)
    try:
        target = open_ledger(args.target)
    except BaseException:
        source.close()
        raise
    for ledger in (source, target):
        say_notices(ledger)
    try:
        digests = copy_ledger(source.engine, target.engine,
                              lambda table, n: print(f"\r{table}: {n}", end="", file=sys.stderr, flush=True))
        print(file=sys.stderr)
        for name, digest in digests.items():
            print(f"{name}\t{digest.rows}\t{digest.sha256[:16]}")
        print(t("已把 {source} 复制到 {target}：{tasks} 项任务，{tables} 张表的行数和校验和全部一致",
                source=source.display_name, target=target.display_name, tasks=digests["task"].rows,
                tables=len(digests)))
        return 0
    finally:
        source.close()
        target.close()
