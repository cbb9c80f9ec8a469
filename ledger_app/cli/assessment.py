"""`assess` subcommand: the annual department assessment, line by line; `assess-targets`: who is
assessed (考核对象, the setting ``assess.targets``), listed, set, added to, removed from or reset."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_app.cli.common import opened
from ledger_app.messages.i18n import EN, t

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger

EN.update({
    "{year} 年度考核（截至 {as_of}）：{count} 个单位": "{year} assessment (as of {as_of}): {count} departments",
    "已写入 {path}": "wrote {path}",
    "不参与排名：{dept}（{reason}）": "not ranked: {dept} ({reason})",
    "考核对象（已设置，{count} 个）：": "units assessed (set, {count}):",
    "考核对象（未设置，按默认：{year} 年度牵头可考核任务的单位，{count} 个）：":
        "units assessed (not set; by default the units leading a scoreable task in {year}, {count}):",
    "考核对象已改为默认（年度内牵头可考核任务的单位）":
        "units assessed: back to the default (units leading a scoreable task)",
    "考核对象已保存：{count} 个单位": "units assessed saved: {count}",
    "“{name}”不在考核对象中": "'{name}' is not on the list of units assessed",
})


COMMANDS = ('assess', 'assess-targets')


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("assess", parents=[common],
                       help="年度部门考核：按台账中的考核办法（config assess.*）计算各单位得分、逐项明细和名次")
    p.add_argument("--year", type=int, required=True, help="考核年度")
    p.add_argument("--as-of", type=date.fromisoformat, default=None,
                   help="按此日期的台账计算（默认：次年1月反馈时限日或今天），同一日期重算结果相同")
    p.add_argument("--plan", help="只考核该方案的任务")
    p.add_argument("--dept", action="append", default=[], help="只显示这些单位的明细（可重复）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--xlsx", type=Path, help="同时写入 Excel 工作簿（考核结果、得分明细、考核办法）")
    p = sub.add_parser("assess-targets", parents=[common],
                       help="考核对象：参加排名的单位（未设置时为年度内牵头可考核任务的单位；区外单位和统称不参加排名）")
    actions = p.add_subparsers(dest="action", required=True, metavar="操作")
    q = actions.add_parser("list", parents=[common], help="列出考核对象（未设置时列出该年度的默认对象）")
    q.add_argument("--year", type=int, default=None, help="年度（默认今年），用于列出默认对象")
    for name, helptext in (("set", "设置考核对象（替换原有名单）"), ("add", "增加考核对象"),
                           ("remove", "移出考核对象")):
        q = actions.add_parser(name, parents=[common], help=helptext)
        q.add_argument("names", nargs="+", help="单位名称（可写多个，或用“、”分隔）")
        if name != "set":
            q.add_argument("--year", type=int, default=None,
                           help="尚未设置名单时，先按该年度（默认今年）的默认对象建立名单再增减")
    actions.add_parser("default", parents=[common], help="清除名单，恢复默认（年度内牵头可考核任务的单位）")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        if args.command == "assess-targets":
            return _targets(args, ledger)
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.assessment.scoring import assess, points_text
    from ledger_app.exchange.assessment_book import write_assessment

    result = assess(ledger.engine, args.year, args.as_of, args.plan)
    if args.xlsx:
        write_assessment(result, args.xlsx)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(t("{year} 年度考核（截至 {as_of}）：{count} 个单位", year=result.year, as_of=result.as_of,
                count=len(result.departments)))
        for dept in result.departments:
            print(f"{t(dept.place)}\t{dept.dept}\t{points_text(dept.total)}")
            if dept.dept in args.dept:
                for line in dept.lines:
                    sign = "+" if line.points > 0 else ""
                    print(f"\t\t{sign}{points_text(line.points)}\t{line.code}\t{t(line.rule)}\t{line.task}")
        for unit in [*result.unranked, *result.others]:
            print(t("不参与排名：{dept}（{reason}）", dept=unit.dept, reason=unit.reason))
    if args.xlsx:
        print(t("已写入 {path}", path=args.xlsx), file=sys.stderr if args.json else sys.stdout)
    return 0


def _targets(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app import operations
    from ledger_app.assessment import scope
    from ledger_app.assessment.scoring import default_targets
    from ledger_app.messages.errors import LedgerError
    from ledger_app.store import settings

    engine = ledger.engine
    stored = scope.parse_targets(settings.get_all(engine)["assess.targets"])
    year = getattr(args, "year", None) or date.today().year
    if args.action == "list":
        if stored:
            print(t("考核对象（已设置，{count} 个）：", count=len(stored)))
            names = stored
        else:
            names = default_targets(engine, year)
            print(t("考核对象（未设置，按默认：{year} 年度牵头可考核任务的单位，{count} 个）：", year=year,
                    count=len(names)))
        for name in names:
            print(name)
        return 0
    if args.action == "default":
        operations.set_setting(engine, "assess.targets", "")
        print(t("考核对象已改为默认（年度内牵头可考核任务的单位）"))
        return 0
    given = [n for text in args.names for n in scope.parse_targets(text)]
    if args.action == "set":
        names = given
    else:  # add or remove: to the list set, else to the year's default one
        base = stored or default_targets(engine, year)
        missing = next((n for n in given if n not in base), None)
        if args.action == "remove" and missing is not None:
            raise LedgerError("“{name}”不在考核对象中", name=missing)
        names = list(dict.fromkeys([*base, *given])) if args.action == "add" else [n for n in base if n not in given]
    operations.set_setting(engine, "assess.targets", scope.format_targets(names))
    print(t("考核对象已保存：{count} 个单位", count=len(names)))
    return 0
