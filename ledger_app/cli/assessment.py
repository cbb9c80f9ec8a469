"""`assess` subcommand: the annual department assessment, line by line."""

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
})


COMMANDS = ('assess',)


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


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.assessment.scoring import assess
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
            print(f"{dept.rank}\t{dept.dept}\t{dept.total}")
            if dept.dept in args.dept:
                for line in dept.lines:
                    print(f"\t\t{line.points:+}\t{line.code}\t{t(line.rule)}\t{line.task}")
    if args.xlsx:
        print(t("已写入 {path}", path=args.xlsx), file=sys.stderr if args.json else sys.stdout)
    return 0
