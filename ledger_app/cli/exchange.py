"""`export`, `forms` and `merge` subcommands."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_app.cli.common import opened
from ledger_app.messages.i18n import EN, t
from ledger_app.system.files import out_path

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger

EN.update({
    "已导出 {tasks} 项任务、{progress} 条季度进展、{supervision} 条督办记录到 {path}":
        "exported {tasks} tasks, {progress} progress reports and {supervision} supervision records to {path}",
    "已生成 {count} 份填报表到 {folder}": "wrote {count} fill-in form(s) to {folder}",
    "未写入任何内容：加 --accept all 合并全部无冲突的答复，或 --accept 编号,编号 只合并这些任务":
        "nothing written: add --accept all to merge every answer without conflict, or --accept CODE,CODE",
    "已合并 {count} 项任务的答复": "merged the answers of {count} task(s)",
})


COMMANDS = ('export', 'forms', 'merge')


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("export", parents=[common], help="导出台账为 Excel（台账、季度进展、督办记录、统计）")
    p.add_argument("--out", type=out_path, required=True, help="输出 .xlsx 文件")
    p.add_argument("--plan", help="方案名称（台账中有多个方案时必填）")
    p.add_argument("--status", help="只导出此状态的任务")
    p.add_argument("--dept", help="只导出此部门的任务")
    p.add_argument("--as-of", type=date.fromisoformat, default=None, help="按此日期计算预警灯")

    p = sub.add_parser("forms", parents=[common], help="为各牵头部门生成季度进展填报表")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), help="季度")
    p.add_argument("--dept", action="append", default=[], help="只为这些部门生成（可重复）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--out", type=out_path, required=True, help="输出文件夹")

    p = sub.add_parser("merge", parents=[common], help="合并各部门交回的填报表（先显示变动，确认后才写入）")
    p.add_argument("files", type=Path, nargs="+", help="交回的填报表 .xlsx")
    p.add_argument("--accept", help="all = 合并全部无冲突的答复；或用逗号分隔的任务编号")
    p.add_argument("--year", type=int, help="只接受该年度的填报表")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="只接受该季度的填报表")
    p.add_argument("--evidence", type=Path, action="append", default=[], metavar="文件夹或.zip",
                   help="随表交回的佐证材料（可重复）：每项任务一个以序号命名的子文件夹，或文件名以“序号-”开头")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    engine = ledger.engine
    if args.command == "export":
        from ledger_app.exchange.export import export_ledger
        from ledger_app.tasks.queries import TaskQuery

        result = export_ledger(engine, args.out, TaskQuery(plan=args.plan, status=args.status, dept=args.dept),
                               args.as_of)
        print(t("已导出 {tasks} 项任务、{progress} 条季度进展、{supervision} 条督办记录到 {path}",
                tasks=result.tasks, progress=result.progress, supervision=result.supervision, path=result.path))
        return 0
    if args.command == "forms":
        from ledger_app.operations.excel import issue_forms

        issued = issue_forms(engine, args.year, args.quarter, args.out, args.dept or None, args.plan).value
        for form in issued:
            print(f"{form.dept}\t{form.tasks}\t{form.path.name}")
        print(t("已生成 {count} 份填报表到 {folder}", count=len(issued), folder=args.out))
        return 0
    from ledger_app.exchange.forms.merge import review_forms
    from ledger_app.operations.excel import merge_forms

    expect = (args.year, args.quarter) if args.year and args.quarter else None
    review = review_forms(engine, args.files, expect, args.evidence)
    for problem in review.problems:  # a form refused as a whole: said on stderr, and the exit code is not 0
        print(problem, file=sys.stderr)
    for answer in review.answers:
        if not answer.changes and not answer.conflicts:
            continue
        changes = "；".join(f"{k}：{'' if a is None else a} → {b}" for k, (a, b) in answer.changes.items())
        changes += "".join(f"（{note}）" for note in getattr(answer, "notes", ()))
        mark = "✗ " + "；".join(answer.conflicts) if answer.conflicts else "✓"
        print(f"{answer.dept}\t{answer.code}\t{answer.title}\t{changes}\t{mark}")
    for line in review.unassigned:  # files sent that belong to no claim: listed, never guessed
        print(line)
    if not args.accept:
        print(t("未写入任何内容：加 --accept all 合并全部无冲突的答复，或 --accept 编号,编号 只合并这些任务"))
        return 0 if not review.problems else 2
    wanted = None if args.accept == "all" else {c.strip() for c in args.accept.split(",")}
    chosen = [a for a in review.answers if wanted is None or a.code in wanted]
    count = merge_forms(engine, chosen, user=ledger.user).value
    print(t("已合并 {count} 项任务的答复", count=count))
    return 0 if not review.problems else 2
