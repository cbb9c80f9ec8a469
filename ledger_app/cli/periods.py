"""`close-quarter`, `reopen-quarter`, `quarters` and `carry-over`: the operations of
ledger_app/operations/periods.py, and reading closed quarters (ledger_app/periods/closing.py) and
what a carry-over would do (ledger_app/periods/carry_plan.py ``review``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ledger_app.cli.common import opened
from ledger_app.messages.i18n import EN, t

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger

EN.update({
    "已封账：{quarter}，{tasks} 项任务（完成 {done} 项，完成率 {rate}），红灯 {red} 项，黄灯 {yellow} 项":
        "closed {quarter}: {tasks} tasks ({done} done, {rate}), {red} red, {yellow} yellow",
    "该季度已印发的文书：{docs}": "documents issued for the quarter: {docs}",
    "该季度没有印发编号的文书": "no numbered document was issued for the quarter",
    "已重新打开 {quarter}（批准人：{who}，原因：{reason}）": "reopened {quarter} (allowed by {who}; reason: {reason})",
    "还没有封账的季度": "no quarter is closed",
    "{year}年没有需要结转的未完成任务": "no unfinished task of {year} to carry over",
    "将结转 {count} 项未完成任务（未写入；加 --yes 执行）：":
        "{count} unfinished tasks would be carried over (nothing written; add --yes to do it):",
    "已结转 {count} 项未完成任务到 {year} 年": "carried {count} unfinished tasks over into {year}",
    "（新建方案）": " (new plan)",
})


COMMANDS = ('close-quarter', 'reopen-quarter', 'quarters', 'carry-over')


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("close-quarter", parents=[common],
                       help="季度封账：冻结季末时每项任务的情况和已印发的文书及文号，此后该季度的修改须作为“更正”录入")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), help="季度 1–4")

    p = sub.add_parser("reopen-quarter", parents=[common], help="重新打开已封账的季度（须写明批准人和原因，记入日志）")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), help="季度 1–4")
    p.add_argument("--by", dest="allowed_by", required=True, help="批准重新打开的负责人姓名")
    p.add_argument("--reason", required=True, help="原因")

    sub.add_parser("quarters", parents=[common], help="列出已封账的季度（各季度的完成率、红黄灯）和封账日志")

    p = sub.add_parser("carry-over", parents=[common],
                       help="把一个年度未完成的任务结转为下一年度方案中的新任务（先列出，加 --yes 才执行）")
    p.add_argument("--from", dest="from_year", type=int, required=True, help="原年度，如 2017")
    p.add_argument("--to", dest="to_year", type=int, default=None, help="目标年度（默认下一年）")
    p.add_argument("--plan", help="只结转该方案的任务")
    p.add_argument("--yes", action="store_true", help="确认执行（不加时只列出将要结转的任务）")


def _quarter_line(figures) -> str:  # noqa: ANN001
    return (f"{figures.name}\t{figures.total}\t{figures.done}\t{figures.rate:.1f}%\t"
            f"{figures.red}\t{figures.yellow}")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.dates.quarters import quarter_name
    from ledger_app.operations import periods as operations
    from ledger_app.periods import carry_plan, closing

    engine = ledger.engine
    if args.command == "close-quarter":
        closed = operations.close_quarter(engine, args.year, args.quarter, user=ledger.user).value
        f = closed.figures
        print(t("已封账：{quarter}，{tasks} 项任务（完成 {done} 项，完成率 {rate}），红灯 {red} 项，黄灯 {yellow} 项",
                quarter=f.name, tasks=f.total, done=f.done, rate=f"{f.rate:.1f}%", red=f.red, yellow=f.yellow))
        docs = "；".join(f"{d.doc_no} {d.title}" for d in closed.documents)
        print(t("该季度已印发的文书：{docs}", docs=docs) if docs else t("该季度没有印发编号的文书"))
    elif args.command == "reopen-quarter":
        operations.reopen_quarter(engine, args.year, args.quarter, allowed_by=args.allowed_by, reason=args.reason,
                                  user=ledger.user)
        print(t("已重新打开 {quarter}（批准人：{who}，原因：{reason}）", quarter=quarter_name(args.year, args.quarter),
                who=args.allowed_by, reason=args.reason))
    elif args.command == "quarters":
        figures = closing.trend(engine)  # with the 更正 entered since each close
        if not figures:
            print(t("还没有封账的季度"))
        for quarter in figures:
            print(_quarter_line(quarter))
        for event in closing.events(engine):
            print(f"{event.at.astimezone().strftime('%Y-%m-%d %H:%M')}\t{quarter_name(event.year, event.quarter)}"
                  f"\t{event.action}\t{event.by}\t{event.reason}".rstrip())
    else:
        to_year = args.to_year or args.from_year + 1
        if not args.yes:
            items = carry_plan.review(engine, args.from_year, to_year, args.plan)
            if not items:
                print(t("{year}年没有需要结转的未完成任务", year=args.from_year))
                return 0
            print(t("将结转 {count} 项未完成任务（未写入；加 --yes 执行）：", count=len(items)))
            for item in items:
                made = t("（新建方案）") if item.new_plan else ""
                print(f"{item.code}\t{item.status}\t{item.percent}%\t{item.title}\t→ {item.target_plan}{made}"
                      f"\t{item.new_code}")
            return 0
        created = operations.carry_over(engine, args.from_year, to_year, user=ledger.user, plan=args.plan).value
        print(t("已结转 {count} 项未完成任务到 {year} 年", count=len(created), year=to_year))
    return 0
