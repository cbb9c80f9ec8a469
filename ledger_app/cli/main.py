"""Command line: ``task-ledger`` / ``python main.py SUBCOMMAND``. Never imports Qt."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from ledger_app.cli.argparse_zh import use_chinese
from ledger_app.cli.console import configure_streams
from ledger_app.messages import i18n
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t

EN.update({
    "完成时限为空；要清除完成时限请用 --clear-deadline": "the deadline is empty; to clear it use --clear-deadline",
    "{flag} 不能与 --{option} 同时使用": "{flag} cannot be combined with --{option}",
    "最近一份完好的备份：{path}；恢复：python main.py restore \"{path}\"":
        "the newest sound backup: {path}; to restore it: python main.py restore \"{path}\"",
})

COMMANDS = ("import", "list", "show", "set", "progress", "config", "report", "export", "forms", "merge",
            "backup", "restore", "migrate-db", "close-quarter", "reopen-quarter", "quarters", "carry-over",
            "indicators", "escalation", "assess")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("日期格式应为 YYYY-MM-DD：{value}", value=value)) from None


def _quarter(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[Qq]|-|年第?)\s*([1-4])\s*(?:季度)?\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(t("季度格式应为 2017Q3"))
    return int(match.group(1)), int(match.group(2))


def _common() -> argparse.ArgumentParser:
    # Accepted before or after the subcommand; SUPPRESS keeps a later default
    # from overwriting a value given earlier.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS,
        help="台账数据库文件或 SQLAlchemy URL（默认：用户数据目录下的 ledger.db；环境变量 TASK_LEDGER_DB）",
    )
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="消息语言 / message language")
    return common


def _effective_arguments(p: argparse.ArgumentParser, on_help: str) -> None:
    p.add_argument("--on", dest="effective_on", type=_date, default=None, metavar="YYYY-MM-DD", help=on_help)
    p.add_argument("--correction", dest="reason", default="", metavar="原因",
                   help="业务日期在已封账的季度内时，作为“更正”录入并写明原因")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="task-ledger", parents=[common],
        description="改革任务台账：导入任务表、查询、更新进度。不带参数运行 main.py 打开桌面程序。",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("import", parents=[common], help="导入 Excel 任务表 (.xlsx)")
    p.add_argument("file", type=Path, help="任务表文件 .xlsx")
    p.add_argument("--sheet", help="工作表名（默认：第一个含任务表的工作表）")
    p.add_argument("--plan", help="导入到哪个方案（默认：表格标题行或文件名）")
    p.add_argument("--year", type=int,
                   help="方案年度：未写年份的完成时限所属年份、新任务开始日期（该年 1 月 1 日）"
                        "（默认：标题行中的年份，否则最早的完成时限的年份）")
    p.add_argument("--quarter", type=_quarter, metavar="2017Q3",
                   help="进展情况记入哪个季度（默认：表格标题中的日期，否则工作簿保存日期所在季度）")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将导入的内容，不写入")

    p = sub.add_parser("list", parents=[common], help="列出任务")
    p.add_argument("--plan", help="只列出该方案的任务")
    p.add_argument("--status", help="状态：未启动/推进中/已完成/暂缓/已取消")
    p.add_argument("--dept", help="部门（牵头或配合，名称包含即可）")
    p.add_argument("--area", help="改革领域（包含即可）")
    p.add_argument("--search", help="在名称、内容、措施、部门和进展中搜索")
    p.add_argument("--light", choices=("red", "yellow", "green", "done", "off"), help="预警灯")
    p.add_argument("--overdue", action="store_true", help="只列出逾期未完成的任务")
    p.add_argument("--due-within", type=int, metavar="DAYS", help="只列出 DAYS 天内到期的未完成任务")
    p.add_argument("--as-of", type=_date, default=None, help="以该日期为“今天”计算预警灯 (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="输出 JSON 数组")

    p = sub.add_parser("show", parents=[common], help="显示一项任务的全部信息")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称（编号在多个方案中重复时需要）")
    p.add_argument("--as-of", type=_date, default=None, help="计算预警灯的日期")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = sub.add_parser("set", parents=[common], help="修改一项任务")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--status", help="状态：未启动/推进中/已完成/暂缓/已取消")
    p.add_argument("--percent", type=int, help="完成百分比 0–100")
    p.add_argument("--deadline", help="完成时限，如 2017-09-30、2017年9月底、持续推进")
    p.add_argument("--clear-deadline", action="store_true", help="清除完成时限")
    for name, label in (("title", "改革项目"), ("content", "具体改革内容"), ("measures", "推进措施"),
                        ("category", "项目类别"), ("leader", "责任领导"), ("note", "备注")):
        p.add_argument(f"--{name}", help=label)
    p.add_argument("--lead", dest="lead_depts", help="牵头部门（多个用、分隔）")
    p.add_argument("--co", dest="co_depts", help="配合部门（多个用、分隔）")
    p.add_argument("--clear-co", action="store_true", help="清除配合部门")
    p.add_argument("--expect-version", type=int, default=None,
                   help="只在任务仍是此版本时保存（版本见 show）；他人已改过则拒绝并说明")
    _effective_arguments(p, "修改生效的日期（业务日期，默认今天），如 2017-09-01：早于今天的记为“补录”")

    p = sub.add_parser("progress", parents=[common], help="记录一项任务的季度进展")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), help="季度 1–4")
    p.add_argument("--percent", type=int, required=True, help="完成百分比 0–100")
    p.add_argument("--done", required=True, help="本季度完成情况")
    p.add_argument("--problems", default="", help="存在问题")
    p.add_argument("--next", dest="next_steps", default="", help="下步打算")
    p.add_argument("--reporter", default="", help="填报人（默认：当前用户）")
    p.add_argument("--date", dest="report_date", type=_date, default=None, help="填报日期")
    _effective_arguments(p, "进展所述情况的日期（业务日期，默认该季度末；季度未结束时为今天）")

    p = sub.add_parser("config", parents=[common], help="查看或修改台账设置（预警阈值、单位名称）")
    p.add_argument("key", nargs="?", help="设置项，如 warn.due_days")
    p.add_argument("value", nargs="?", help="新值")

    p = sub.add_parser(
        "migrate-db", help="把整个台账复制到另一个数据库（如本机文件 → 共享服务器），逐表核对行数和校验和")
    p.add_argument("--from", dest="source", required=True, help="源台账：文件路径或 URL")
    p.add_argument("--to", dest="target", required=True,
                   help="目标台账（必须为空）：如 postgresql+psycopg://用户@服务器/库名，或文件路径")

    from ledger_app.cli.report import add_parser as add_report_parser

    add_report_parser(sub, common)
    from ledger_app.cli.exchange import add_parsers as add_excel_parsers

    add_excel_parsers(sub, common)
    from ledger_app.cli.backup import add_parsers as add_backup_parsers

    add_backup_parsers(sub, common)
    from ledger_app.cli.periods import add_parsers as add_period_parsers

    add_period_parsers(sub, common, _date)
    from ledger_app.cli import assessment as assessment_cli
    from ledger_app.cli import escalation as escalation_cli
    from ledger_app.cli import indicators as indicator_cli

    for module in (indicator_cli, escalation_cli, assessment_cli):
        module.add_parser(sub, common)
    return parser


def _print_table(views) -> None:
    for v in views:
        lead = "、".join(v.lead_depts)
        deadline = v.deadline.isoformat() if v.deadline else (v.deadline_text or "—")
        print(f"{v.code}\t{v.light}\t{v.status}\t{v.percent}%\t{deadline}\t{v.title}｜{v.content}\t{lead}")


def _print_task(v) -> None:
    labels = [("编号", v.code), ("方案", v.plan), ("改革领域", v.area), ("改革项目", v.title),
              ("具体改革内容", v.content), ("推进措施", v.measures), ("项目类别", v.category),
              ("牵头部门", "、".join(v.lead_depts + v.lead_groups)), ("配合部门", "、".join(v.co_depts + v.co_groups)),
              ("责任领导", v.leader),
              ("完成时限", f"{v.deadline or '—'}（{v.deadline_text}）"), ("状态", v.status),
              ("完成%", v.percent), ("预警灯", v.light), ("最新进展", v.latest_progress), ("备注", v.note)]
    labels += [(f"{q}季度节点", m) for q, m in zip("一二三四", v.milestones, strict=True)]
    for label, value in labels:
        print(f"{label}：{value}")


def _migrate(args: argparse.Namespace) -> int:
    from ledger_app.store.opening import open_ledger
    from ledger_app.store.transfer import copy_ledger

    source = open_ledger(args.source, create=False)
    try:
        target = open_ledger(args.target)
    except BaseException:
        source.close()
        raise
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


def _clearing(args: argparse.Namespace) -> dict[str, object]:
    """``--clear-deadline`` / ``--clear-co``: clearing is said, never inferred from empty input."""
    if args.deadline is not None and not args.deadline.strip():
        raise LedgerError("完成时限为空；要清除完成时限请用 --clear-deadline")
    cleared: dict[str, object] = {}
    for wanted, flag, key, given in ((args.clear_deadline, "--clear-deadline", "deadline", args.deadline),
                                     (args.clear_co, "--clear-co", "co_depts", args.co_depts)):
        if wanted:
            if given is not None:
                raise LedgerError("{flag} 不能与 --{option} 同时使用", flag=flag, option=flag.split("-")[-1])
            cleared[key] = None if key == "deadline" else []
    return cleared


_hinted: set[str] = set()


def _restore_hint(path: object) -> None:
    """After a message that the ledger at ``path`` is damaged: which backup to restore, and how."""
    from ledger_app.store.backup import newest_sound_backup

    if str(path) in _hinted:
        return
    _hinted.add(str(path))
    backup = newest_sound_backup(Path(str(path)))
    if backup is not None:
        print(t("最近一份完好的备份：{path}；恢复：python main.py restore \"{path}\"", path=backup), file=sys.stderr)


def _warn_damaged(ledger) -> None:  # noqa: ANN001 - ledger_app.store.opening.Ledger
    """A reading command goes on with a damaged ledger (opened read-only), but says so first."""
    from db.engine import sqlite_path
    from ledger_app.store.opening import DAMAGED

    path = sqlite_path(ledger.url)
    print(t(DAMAGED, path=path, detail=ledger.damage), file=sys.stderr)
    _restore_hint(path)


def _run(args: argparse.Namespace) -> int:
    from ledger_app.store.opening import open_ledger

    if args.command == "migrate-db":
        return _migrate(args)
    if args.command in ("backup", "restore"):  # on the file: a ledger too damaged to open can be restored
        from ledger_app.cli.backup import run as run_backup

        return run_backup(args)
    table = None
    if args.command == "import":  # the file is read and checked before a new ledger is made for it
        from ledger_app.exchange.importing import read_table

        table = read_table(args.file, sheet=args.sheet, plan=args.plan, year=args.year, quarter=args.quarter)
    # Only an import may make a new ledger: a mistyped --db must not leave an empty one behind.
    ledger = open_ledger(getattr(args, "db", None), create=args.command == "import")
    if ledger.damage is not None:
        _warn_damaged(ledger)
    try:
        engine = ledger.engine
        if args.command == "import":
            from ledger_app.exchange.importing.apply import write_table

            result = write_table(engine, *table, dry_run=args.dry_run, user=ledger.user)
            print(t("工作表“{sheet}”，表头在第 {row} 行；{tasks} 项任务，{areas} 个改革领域",
                    sheet=result.sheet, row=result.header_row, tasks=result.tasks, areas=result.areas))
            if result.year_source == "deadlines":
                print(t("标题中没有年份：方案年度取最早的完成时限的年份 {year}（可用 --year 指定）", year=result.year))
            if result.quarter:
                print(t("{reports} 项任务的进展情况记入 {year} 年第 {quarter} 季度（可用 --quarter 指定），"
                        "其中 {inferred} 项按进展情况推断了状态", reports=result.reports, year=result.quarter[0],
                        quarter=result.quarter[1], inferred=result.inferred))
            if result.effective_on is not None and result.effective_on != date.today():
                print(t("表格所述日期 {day} 为这次修改的业务日期", day=result.effective_on.isoformat()))
            template = ("预检：将新增 {added} 项，更新 {updated} 项，{unchanged} 项不变（未写入）" if result.dry_run
                        else "已导入到“{plan}”：新增 {added} 项，更新 {updated} 项，{unchanged} 项不变")
            print(t(template, plan=result.plan, added=result.added, updated=result.updated,
                    unchanged=result.unchanged))
        elif args.command == "list":
            from ledger_app.store import settings
            from ledger_app.tasks import queries

            query = queries.TaskQuery(plan=args.plan, status=args.status, dept=args.dept, area=args.area,
                                      search=args.search, light=args.light, overdue=args.overdue,
                                      due_within=args.due_within, as_of=args.as_of or date.today())
            views = queries.list_tasks(engine, query, settings.thresholds(engine))
            if args.json:
                json.dump([v.to_json() for v in views], sys.stdout, ensure_ascii=False, indent=1)
                print()
            else:
                _print_table(views)
        elif args.command == "show":
            from ledger_app.store import settings
            from ledger_app.tasks import editing, queries

            task_id = editing.find_task_id(engine, args.code, args.plan)
            query = queries.TaskQuery(plan=args.plan, as_of=args.as_of or date.today())
            view = next(v for v in queries.list_tasks(engine, query, settings.thresholds(engine)) if v.id == task_id)
            if args.json:
                print(json.dumps(view.to_json(), ensure_ascii=False, indent=1))
            else:
                _print_task(view)
        elif args.command == "set":
            from ledger_app.tasks import editing

            task_id = editing.find_task_id(engine, args.code, args.plan)
            fields = ("status", "percent", "deadline", "title", "content", "measures", "category", "leader",
                      "lead_depts", "co_depts", "note")
            changes = {f: getattr(args, f) for f in fields if getattr(args, f) is not None}
            changes.update(_clearing(args))
            changed = editing.update_task(engine, task_id, changes, user=ledger.user,
                                        expected_version=args.expect_version, effective_on=args.effective_on,
                                        reason=args.reason)
            print(t("已更新任务 {code}：{fields}", code=args.code, fields="、".join(changed)) if changed
                  else t("任务 {code} 没有变化", code=args.code))
        elif args.command == "progress":
            from ledger_app.records import progress
            from ledger_app.tasks import editing

            task_id = editing.find_task_id(engine, args.code, args.plan)
            report = progress.ProgressInput(args.year, args.quarter, args.percent, args.done, args.problems,
                                            args.next_steps, args.reporter, args.report_date, args.effective_on)
            progress.record_progress(engine, task_id, report, user=ledger.user, reason=args.reason)
            print(t("已记录任务 {code} 的 {year} 年第 {quarter} 季度进展", code=args.code, year=args.year,
                    quarter=args.quarter))
        elif args.command == "config":
            from ledger_app.store import settings

            if args.key and args.value is not None:
                settings.set_value(engine, args.key, args.value)
            values = settings.get_all(engine)
            for key, spec in settings.SPECS.items():
                if not args.key or args.key == key:
                    print(f"{key}={values[key]}\t# {spec.label}")
        elif args.command in ("export", "forms", "merge"):
            from ledger_app.cli.exchange import run as run_excel

            return run_excel(args, ledger)
        elif args.command == "report":
            from ledger_app.cli.report import run as run_report

            run_report(args, ledger)
        elif args.command in ("close-quarter", "reopen-quarter", "quarters", "carry-over"):
            from ledger_app.cli.periods import run as run_period

            return run_period(args, ledger)
        elif args.command in ("indicators", "escalation", "assess"):
            from ledger_app.cli import (
                assessment as assessment_cli,
            )
            from ledger_app.cli import (
                escalation as escalation_cli,
            )
            from ledger_app.cli import (
                indicators as indicator_cli,
            )

            module = {"indicators": indicator_cli, "escalation": escalation_cli, "assess": assessment_cli}
            return module[args.command].run(args, ledger)
        return 0
    finally:
        ledger.close()


def _damage_templates() -> tuple[str, ...]:
    from ledger_app.store.backup import DAMAGED_SOURCE
    from ledger_app.store.opening import DAMAGED

    return DAMAGED, DAMAGED_SOURCE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv and argv.index("--lang") + 1 < len(argv):
        i18n.set_language(argv[argv.index("--lang") + 1])
    use_chinese(i18n.language() == "zh")
    configure_streams()
    args = build_parser().parse_args(argv)
    # Imported here: main.py reads COMMANDS from this module on every start of the window too.

    try:
        return _run(args)
    except LedgerError as exc:
        print(str(exc), file=sys.stderr)
        if exc.template in _damage_templates():
            _restore_hint(exc.values["path"])
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
