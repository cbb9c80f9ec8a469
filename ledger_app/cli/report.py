"""`report` subcommand: write a supervision document as PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from ledger_app.cli.common import opened
from ledger_app.documents.options import KINDS, TITLES, ReportOptions
from ledger_app.documents.words import cn_date
from ledger_app.messages.i18n import EN, t
from ledger_app.system.files import out_path

if TYPE_CHECKING:
    from ledger_app.documents.build import ReportResult
    from ledger_app.store.opening import Ledger

EN.update({
    "报表类型必须是：{allowed}": "the report kind must be one of: {allowed}",
    "请指定季度（1–4）": "give the quarter (1-4)",
    "限期整改通知书需要指定任务编号（--task）": "a rectification notice needs the task number (--task)",
    "以下部门没有牵头的任务：{depts}": "these departments lead no task: {depts}",
    "已生成 {path}：{title}，共 {pages} 页": "wrote {path}: {title}, {pages} page(s)",
    "编号：{numbers}": "document numbers: {numbers}",
    "请先在“设置”中填写单位名称（公文落款和版头用），再生成公文；命令行：config org.name 单位全称":
        "set the office's name first (used for the letterhead and signature): config org.name NAME",
    "所选部门牵头的任务均已完成或取消，无需督办":
        "every task the chosen departments lead is completed or cancelled: no sheet to issue",
    "任务“{code} {title}”{reason}，不需要下发限期整改通知书":
        "task '{code} {title}': {reason}; no rectification notice is needed",
    "整改期限（{when}）应晚于截至日期和成文日期":
        "the rectification deadline ({when}) must be after the as-of date and the date of issue",
    "文件被其他程序占用，请关闭后重试：{path}": "the file is open in another program; close it and try again: {path}",
    "{path} 是文件夹，请选择一个文件名": "{path} is a folder; choose a file name",
    "文件夹不存在：{path}": "the folder does not exist: {path}",
    "磁盘空间不足，未能写入 {path}": "the disk is full; {path} was not written",
    "发文字号前缀不能为空": "the document number prefix cannot be empty",
    "发文字号前缀“{value}”已用于{other}，每类公文须用不同的前缀":
        "the prefix '{value}' is already used for {other}; each kind of document needs its own prefix",
    "（预览，未编号登记）{path}：{title}，共 {pages} 页": "(preview, not numbered or recorded) {path}: {title}, "
                                                    "{pages} page(s)",
})


REPRINTED = "重印 {path}：{title}，共 {pages} 页，与已印发的文本相同（成文日期{signed}，截至{as_of}）"
ORIGINAL = "重印 {path}：{title}，共 {pages} 页，为印发时保存的原件（成文日期{signed}，截至{as_of}）"
RETYPESET = ("（此件印发时台账尚未保存原件，或所选的只是同一次印发的一部分，重印件按登记的日期从台账重新排版；"
             "要得到原件，请一次重印同一次印发的全部文书）")
CORRECTED = "（该季度已封账，印发后录入了更正：重印件按更正后的情况重新排版，落款前列出更正说明）"
LATE = ("台账在本文印发后有 {count} 条补录（生效日期不晚于截至日期），重印件为原件，不含这些补录；"
        "补录的情况在下一期文书中反映，确需更正本文的，请另行发文（新的文号）说明")
EN.update({REPRINTED: "reprinted {path}: {title}, {pages} page(s), the same text as issued (dated {signed}, as of "
                      "{as_of})", "（重印）": " (reprint)",
           ORIGINAL: "reprinted {path}: {title}, {pages} page(s), the original kept when it was issued (dated "
                     "{signed}, as of {as_of})",
           RETYPESET: " (no original was kept when this was issued, or only part of one issue was asked for: the "
                      "reprint is typeset again from the ledger with the registered dates; reprint everything "
                      "issued together to get the original)",
           CORRECTED: " (the quarter is closed and corrections were entered since: the reprint is typeset again "
                      "as corrected, listing the corrections before the signature)",
           LATE: "{count} late entries (补录) were made after this was issued, taking effect by its as-of day; the "
                 "reprint is the original without them. They show in the next period's documents; to correct "
                 "this document issue another one (a new number) saying so"})
# What the help says each kind is: every kind the command accepts, named as its title says.
KIND_NAMES = {kind: TITLES[kind].removeprefix("改革任务") for kind in KINDS}

COMMANDS = ('report',)


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("report", parents=[common], help="生成督办报表 PDF（督办单、通报、年度督查报告、整改通知书、"
                                                          "工作台账、考核结果、办结销号审批表）")
    p.add_argument("kind", choices=KINDS, help=" | ".join(f"{k} {KIND_NAMES[k]}" for k in KINDS))
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="季度（督办单、通报必填）")
    p.add_argument("--dept", action="append", default=[], help="只为这些牵头部门生成督办单（可重复）")
    p.add_argument("--task", dest="task_code", help="任务编号（整改通知书）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--as-of", type=date.fromisoformat, default=None,
                   help="按此日期的台账生成（默认：季度末或年末；已印发的公文重印时沿用登记的截至日期，"
                        "指定不同的日期会被拒绝）")
    p.add_argument("--deadline", dest="rectify_by", type=date.fromisoformat, default=None,
                   help="整改期限（整改通知书，默认截至日期后 30 天）")
    p.add_argument("--date", dest="signed", type=date.fromisoformat, default=None,
                   help="成文日期（默认今天；已印发的公文重印时沿用登记的日期和编号，指定不同的日期会被拒绝）")
    p.add_argument("--no-record", dest="record", action="store_false",
                   help="只生成样稿：不编号、不登记（默认：督办单、通报、年度报告、整改通知书编号并登记）")
    p.add_argument("--out", type=out_path, required=True, help="输出 PDF 文件")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        _run(args, ledger)
    return 0


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.operations.issuing import build_report

    options = ReportOptions(args.kind, args.year, args.quarter, args.as_of, args.dept, args.task_code, args.plan,
                            args.rectify_by, record=args.record, signed=args.signed)
    warn_fonts(args.kind)
    result = build_report(ledger.engine, options, args.out, user=ledger.user)
    done = "已生成 {path}：{title}，共 {pages} 页"
    if not result.issued:
        done = "（预览，未编号登记）{path}：{title}，共 {pages} 页"
    elif result.reprinted and result.reprinted == set(result.numbers):
        done = ORIGINAL if result.original else REPRINTED
    signed, as_of = (cn_date(day) if day else "" for day in (result.signed, result.as_of))
    said = t(done, path=result.path, title=result.title, pages=result.pages, signed=signed, as_of=as_of)
    if result.reprinted and not result.original:
        said += t(CORRECTED if result.corrected else RETYPESET)
    print(said)
    if result.late:
        print(t(LATE, count=result.late))
    if result.numbers:
        print(t("编号：{numbers}", numbers=numbers_text(result)))


def numbers_text(result: ReportResult) -> str:
    """"通报〔2017〕1号", or "招商局 督办〔2017〕1号（重印）；财政局 督办〔2017〕3号" — no label, no space."""
    return "；".join(" ".join(p for p in (label, number) if p) + (t("（重印）") if label in result.reprinted else "")
                    for label, number in result.numbers.items())


def warn_fonts(kind: str) -> None:
    """A 公文 about to be set in substitute faces: said on stderr before it is issued, never silently."""
    from ledger_app.documents.fonts import font_warning
    from ledger_app.documents.options import NUMBERED

    if kind in NUMBERED and (warning := font_warning()):
        print(warning, file=sys.stderr)
