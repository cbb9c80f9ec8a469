"""The command line: ``task-ledger`` / ``python main.py SUBCOMMAND``. The parser and the way every
error ends (a message and an exit code, never a traceback); each command group lives in its own
module (``GROUPS``), with its parsers and its ``run``. Never imports Qt."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from sqlalchemy.exc import DatabaseError

from ledger_app.cli import assessment as cli_assessment
from ledger_app.cli import backup as cli_backup
from ledger_app.cli import escalation as cli_escalation
from ledger_app.cli import evidence as cli_evidence
from ledger_app.cli import exchange as cli_exchange
from ledger_app.cli import indicators as cli_indicators
from ledger_app.cli import ledger as cli_ledger
from ledger_app.cli import periods as cli_periods
from ledger_app.cli import report as cli_report
from ledger_app.cli import tasks as cli_tasks
from ledger_app.cli.argparse_zh import use_chinese
from ledger_app.cli.common import restore_hint
from ledger_app.cli.console import configure_streams
from ledger_app.messages import i18n
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import t

# In the order ``--help`` lists them. Imported by name, not through importlib: a frozen bundle
# (PyInstaller) carries only the modules it can see imported, and the import contracts see them too.
GROUPS: tuple[ModuleType, ...] = (
    cli_tasks, cli_ledger, cli_report, cli_exchange, cli_backup, cli_periods, cli_indicators, cli_escalation,
    cli_assessment, cli_evidence,
)


def _groups() -> tuple[ModuleType, ...]:
    return GROUPS


def build_parser() -> argparse.ArgumentParser:
    # --db and --lang are accepted before or after the subcommand; SUPPRESS keeps a later default
    # from overwriting a value given earlier.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS,
        help="台账数据库文件或 SQLAlchemy URL（默认：用户数据目录下的 ledger.db；环境变量 TASK_LEDGER_DB）",
    )
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="消息语言 / message language")
    parser = argparse.ArgumentParser(
        prog="task-ledger", parents=[common],
        description="改革任务台账：导入任务表、查询、更新进度。桌面程序是 task-ledger-gui。",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for group in _groups():
        group.add_parsers(sub, common)
    return parser


def _run(args: argparse.Namespace) -> int:
    group = next(g for g in _groups() if args.command in g.COMMANDS)
    return group.run(args)


def _damage_templates() -> tuple[str, ...]:
    from ledger_app.store.backup import DAMAGED_SOURCE, UNREADABLE_SOURCE
    from ledger_app.store.opening import DAMAGED

    return DAMAGED, DAMAGED_SOURCE, UNREADABLE_SOURCE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv and argv.index("--lang") + 1 < len(argv):
        i18n.set_language(argv[argv.index("--lang") + 1])
    use_chinese(i18n.language() == "zh")
    configure_streams()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except LedgerError as exc:
        print(str(exc), file=sys.stderr)
        if exc.template in _damage_templates():
            restore_hint(exc.values["path"])
        return 2
    except DatabaseError as exc:
        # Locked by another desk, a read-only share: the environment, not a bug.
        print(t("数据库忙或只读：{reason}", reason=exc.orig), file=sys.stderr)
        return 3
    except BrokenPipeError:  # before OSError, which it is one of
        # The reader went away (``| head``): stop quietly, as other command-line tools do, and keep
        # the interpreter's last flush from complaining about the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        # A folder that cannot be written, a file that vanished: the clerk's to fix, not a bug.
        print(t("无法读写文件：{reason}", reason=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
