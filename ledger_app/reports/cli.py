"""`report` subcommand: write a supervision document as PDF."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ledger_app.i18n import EN, t
from ledger_app.reports.options import KINDS, ReportOptions

EN.update({
    "报表类型必须是：{allowed}": "the report kind must be one of: {allowed}",
    "请指定季度（1–4）": "give the quarter (1-4)",
    "限期整改通知书需要指定任务编号（--task）": "a rectification notice needs the task number (--task)",
    "以下部门没有牵头的任务：{depts}": "these departments lead no task: {depts}",
    "已生成 {path}：{title}，共 {pages} 页": "wrote {path}: {title}, {pages} page(s)",
    "编号：{numbers}": "document numbers: {numbers}",
})


def add_parser(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("report", parents=[common], help="生成督办报表 PDF（督办单、通报、年度报告、整改通知书、台账）")
    p.add_argument("kind", choices=KINDS,
                   help="quarterly-sheet 季度督办单 | bulletin 季度通报 | annual 年度督查报告 | "
                        "notice 限期整改通知书 | ledger 工作台账")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="季度（督办单、通报必填）")
    p.add_argument("--dept", action="append", default=[], help="只为这些牵头部门生成督办单（可重复）")
    p.add_argument("--task", dest="task_code", help="任务编号（整改通知书）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--as-of", type=date.fromisoformat, default=None,
                   help="按此日期的台账生成（默认：季度末或年末），重印往期得到相同文件")
    p.add_argument("--deadline", dest="rectify_by", type=date.fromisoformat, default=None,
                   help="整改期限（整改通知书，默认截至日期后 30 天）")
    p.add_argument("--no-record", dest="record", action="store_false",
                   help="不编号登记（仅预览）；默认督办单和整改通知书会登记为督办记录")
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")


def run(args: argparse.Namespace, ledger) -> None:  # noqa: ANN001
    from ledger_app.reports.build import build_report

    options = ReportOptions(args.kind, args.year, args.quarter, args.as_of, args.dept, args.task_code, args.plan,
                            args.rectify_by, record=args.record)
    result = build_report(ledger.engine, options, args.out, user=ledger.user)
    print(t("已生成 {path}：{title}，共 {pages} 页", path=result.path, title=result.title, pages=result.pages))
    if result.numbers:
        print(t("编号：{numbers}", numbers="；".join(f"{k} {v}" for k, v in result.numbers.items())))
