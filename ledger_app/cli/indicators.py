"""`indicators` subcommand: list the quantified targets, import an indicator table, record a value."""

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
    "已导入到“{plan}”：{count} 项指标（新增 {added}，更新 {updated}，不变 {unchanged}），{values} 个实际值":
        "imported into '{plan}': {count} indicators ({added} new, {updated} updated, {unchanged} unchanged), "
        "{values} actual values",
    "预检：{count} 项指标（新增 {added}，更新 {updated}，不变 {unchanged}），{values} 个实际值（未写入）":
        "dry run: {count} indicators ({added} new, {updated} updated, {unchanged} unchanged), {values} actual "
        "values (nothing written)",
    "已记录“{name}”{period}的实际值 {value}": "recorded {value} for '{name}', {period}",
})


IMPORTED = "已导入到“{plan}”：{count} 项指标（新增 {added}，更新 {updated}，不变 {unchanged}），{values} 个实际值"
DRY_RUN = "预检：{count} 项指标（新增 {added}，更新 {updated}，不变 {unchanged}），{values} 个实际值（未写入）"


COMMANDS = ('indicators',)


def figure(text: str) -> float:
    """A ``--value``: a number the ledger can record (the core checks it again where it writes it)."""
    from ledger_app.indicators.store import check_number
    from ledger_app.messages.errors import LedgerError

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("“{value}”不是数字", value=text)) from None
    try:
        check_number(value)
    except LedgerError as exc:  # said of what was typed: 1e400, not inf
        raise argparse.ArgumentTypeError(t(exc.template, **{**exc.values, "value": text})) from None
    return value


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("indicators", parents=[common], help="量化指标：列出、导入指标表、录入实际值")
    actions = p.add_subparsers(dest="action", required=True, metavar="操作")
    q = actions.add_parser("list", parents=[common], help="列出指标及完成进度、序时进度、预警灯")
    q.add_argument("--plan", help="方案名称")
    q.add_argument("--dept", help="责任单位")
    q.add_argument("--as-of", type=date.fromisoformat, default=None, help="按此日期判断（默认今天）")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q = actions.add_parser("import", parents=[common],
                           help="导入指标表 .xlsx（指标名称、单位、基期值、目标值、目标年份、责任单位…）")
    q.add_argument("file", type=Path, help="指标表文件 .xlsx")
    q.add_argument("--plan", help="导入到哪个方案（默认：表格标题行或文件名）")
    q.add_argument("--sheet", help="工作表名")
    q.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    q = actions.add_parser("set", parents=[common], help="录入一项指标某季度或全年的实际值")
    q.add_argument("indicator", help="指标编号或名称")
    q.add_argument("--plan", help="方案名称")
    q.add_argument("--year", type=int, required=True, help="年份")
    q.add_argument("--quarter", type=int, choices=(0, 1, 2, 3, 4), default=0, help="季度 1–4，0 或不填为全年")
    q.add_argument("--value", type=figure, required=True, help="实际值（有限的数，绝对值小于 10 的 15 次方）")
    q.add_argument("--note", default="", help="说明")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.indicators.measure import format_number, period_label
    from ledger_app.indicators.store import ValueInput, find_indicator_id, list_indicators
    from ledger_app.operations.indicators import import_indicators, record_indicator_value
    from ledger_app.store import settings

    engine = ledger.engine
    if args.action == "import":
        result = import_indicators(engine, args.file, plan=args.plan, sheet=args.sheet, dry_run=args.dry_run,
                                   user=ledger.user).value
        template = DRY_RUN if result.dry_run else IMPORTED
        print(t(template, plan=result.plan, count=result.indicators, added=result.added, updated=result.updated,
                unchanged=result.unchanged, values=result.values))
    elif args.action == "set":
        indicator_id = find_indicator_id(engine, args.indicator, args.plan)
        record_indicator_value(engine, indicator_id, ValueInput(args.year, args.quarter, args.value, args.note),
                               user=ledger.user)
        name = next(v.name for v in list_indicators(engine, date.today()) if v.id == indicator_id)
        print(t("已记录“{name}”{period}的实际值 {value}", name=name,
                period=period_label(args.year, args.quarter), value=format_number(args.value)))
    else:
        views = list_indicators(engine, args.as_of or date.today(), settings.thresholds(engine),
                                                plan=args.plan, dept=args.dept)
        if args.json:
            json.dump([v.to_json() for v in views], sys.stdout, ensure_ascii=False, indent=1)
            print()
        for view in views if not args.json else []:
            a = view.assessment
            latest = f"{format_number(a.latest.value)}（{a.latest.label}）" if a.latest else "—"
            progress = f"{a.progress:.1f}%" if a.progress is not None else "—"
            expected = f"{a.expected:.1f}%" if a.expected is not None else "—"
            print(f"{view.code}\t{view.light}\t{view.name}\t{view.target_text}\t{latest}\t{progress}\t{expected}"
                  f"\t{view.dept}")
    return 0
