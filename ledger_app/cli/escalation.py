"""`escalation` subcommand: the supervision steps the ledger proposes, accepted or dismissed."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_app.cli.common import opened
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t

if TYPE_CHECKING:
    from ledger_app.store.opening import Ledger

EN.update({
    "任务 {code} 目前没有督办建议": "task {code} has no proposal now",
    "任务 {code} 的建议是“{label}”，不是“{wanted}”": "the proposal for task {code} is '{label}', not '{wanted}'",
    "已采纳：任务 {code} {label}": "accepted: task {code}, {label}",
    "已下发限期整改通知书 {doc_no}（未打印前可撤销）":
        "issued rectification notice {doc_no} (can be undone until it is printed)",
    "已不采纳：任务 {code} {label}（{year} 年第 {quarter} 季度不再提出）":
        "dismissed: task {code}, {label} (not proposed again in {year} Q{quarter})",
    "没有待打印的整改通知书 {doc_no}": "no held rectification notice {doc_no}",
    "已写入 {path}": "wrote {path}",
})


COMMANDS = ('escalation',)


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("escalation", parents=[common],
                       help="待办督办：按任务情况和督办记录提出下一步督办建议（临近提醒→催办→通报批评→限期整改→问责）")
    actions = p.add_subparsers(dest="action", required=True, metavar="操作")
    q = actions.add_parser("list", parents=[common], help="列出督办建议及所依据的规则")
    q.add_argument("--as-of", type=date.fromisoformat, default=None, help="按此日期（默认今天）")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    for name, helptext in (("accept", "采纳一项任务的督办建议（限期整改：编号并下发整改通知书，打印前可撤销）"),
                           ("dismiss", "不采纳一项任务的督办建议（须说明理由，本季度不再提出）")):
        q = actions.add_parser(name, parents=[common], help=helptext)
        q.add_argument("code", help="任务编号")
        q.add_argument("--plan", help="方案名称")
        q.add_argument("--step", choices=("remind", "urge", "criticise", "rectify", "account", "stalled"),
                       help="核对建议的步骤（与当前建议不符则不执行）")
        q.add_argument("--as-of", type=date.fromisoformat, default=None, help="按此日期（默认今天）")
        if name == "accept":
            q.add_argument("--date", dest="signed", type=date.fromisoformat, default=None,
                           help="督办日期、整改通知书成文日期（默认同 --as-of）")
        else:
            q.add_argument("--reason", required=True, help="不采纳的理由")
    q = actions.add_parser("print", parents=[common], help="把已下发、未打印的整改通知书写成 PDF（此后不能撤销）")
    q.add_argument("doc_no", help="发文字号，如 整改〔2017〕1号")
    q.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")


def _find(engine, args, as_of: date):  # noqa: ANN001, ANN202
    from ledger_app.supervision.escalation import LABELS, proposals
    from ledger_app.tasks.queries import find_task_id

    task_id = find_task_id(engine, args.code, args.plan)
    found = next((p for p in proposals(engine, as_of) if p.task_id == task_id), None)
    if found is None:
        raise LedgerError("任务 {code} 目前没有督办建议", code=args.code)
    if args.step and found.step != args.step:
        raise LedgerError("任务 {code} 的建议是“{label}”，不是“{wanted}”", code=args.code, label=found.label,
                          wanted=LABELS[args.step])
    return found


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger: Ledger) -> int:
    from ledger_app.operations import proposals
    from ledger_app.supervision import escalation

    engine = ledger.engine
    as_of = getattr(args, "as_of", None) or date.today()
    if args.action == "list":
        found = escalation.proposals(engine, as_of)
        if args.json:
            json.dump([p.to_json() for p in found], sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            for p in found:
                flag = t(escalation.STALLED_FLAG) if p.stalled and p.step != escalation.STALLED else ""
                print(f"{t(p.label)}{flag}\t{p.code}\t{p.title}\t{p.lead}\t{t(p.rule)}\t{t(p.facts)}")
    elif args.action == "accept":
        proposal = _find(engine, args, as_of)
        accepted = proposals.accept_proposal(engine, proposal, user=ledger.user, as_of=as_of,
                                             signed=args.signed).value
        print(t("已采纳：任务 {code} {label}", code=proposal.code, label=proposal.label))
        if accepted.doc_no:
            print(t("已下发限期整改通知书 {doc_no}（未打印前可撤销）", doc_no=accepted.doc_no))
    elif args.action == "dismiss":
        proposal = _find(engine, args, as_of)
        proposals.dismiss_proposal(engine, proposal, args.reason, user=ledger.user)
        print(t("已不采纳：任务 {code} {label}（{year} 年第 {quarter} 季度不再提出）", code=proposal.code,
                label=proposal.label, year=proposal.year, quarter=proposal.quarter))
    else:
        from ledger_app.operations.issuing import issue
        from ledger_app.system.files import replace_file

        held = next((h for h in proposals.held_notices(engine) if h.doc_no == args.doc_no), None)
        if held is None:
            raise LedgerError("没有待打印的整改通知书 {doc_no}", doc_no=args.doc_no)
        issue(engine, held.options, lambda pdf: replace_file(pdf, args.out), user=ledger.user)
        print(t("已写入 {path}", path=args.out))
    return 0
