"""`claim`, `close-claim`, `return-claim` and `evidence`: 办结销号 and the evidence files kept in the
ledger, through the same operations as the window (ledger_app/operations/closure.py)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ledger_app.cli.common import day, effective_arguments, opened, written
from ledger_app.messages.i18n import EN, t

PAGES = "{pages} 页"
EN.update({
    PAGES: "{pages} pages",
    "已申请销号：任务 {code}，{day}，佐证材料 {count} 份（待销号）":
        "claimed finished: task {code}, {day}, {count} evidence file(s) (awaiting 销号)",
    "已销号：任务 {code}，{day} 起为已完成": "closed (销号): task {code} is done from {day}",
    "已退回：任务 {code}（{reason}）": "returned (退回): task {code} ({reason})",
    "任务 {code} 没有待销号的申请": "task {code} has no claim waiting for 销号",
    "已添加 {count} 份佐证材料到任务 {code}": "added {count} evidence file(s) to task {code}",
    "已移除 {count} 份佐证材料（可用 evidence restore 恢复）":
        "removed {count} evidence file(s) (evidence restore puts them back)",
    "已恢复 {count} 份佐证材料": "put back {count} evidence file(s)",
    "已清理 {count} 份不再被引用的佐证材料内容": "purged {count} evidence content(s) no file refers to any more",
    "只读副本：{path}": "read-only copy: {path}",
    "（已移除）": "(removed)",
})

COMMANDS = ("claim", "close-claim", "return-claim", "evidence")


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("claim", parents=[common], help="申请销号：任务已办结，附佐证材料，待督查室复核销号")
    p.add_argument("code", help="任务编号")
    p.add_argument("files", nargs="+", type=Path, help="佐证材料文件（PDF、OFD、图片、Word/Excel/WPS 文档）")
    p.add_argument("--plan", help="方案名称（编号在多个方案中存在时）")
    p.add_argument("--summary", required=True, type=written("办结情况"), help="办结情况")
    p.add_argument("--unit", default="", help="申报单位（默认牵头单位）")
    effective_arguments(p, "办结的日期（业务日期，默认今天）")
    p = sub.add_parser("close-claim", parents=[common], help="销号：复核佐证材料后，任务记为已完成")
    p.add_argument("code", help="任务编号")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--opinion", default="", help="复核意见")
    effective_arguments(p, "销号的日期（业务日期，默认今天）")
    p = sub.add_parser("return-claim", parents=[common], help="退回：佐证材料不足或不符合要求，任务仍未完成")
    p.add_argument("code", help="任务编号")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--why", required=True, type=written("退回原因"), help="退回原因")
    p.add_argument("--missing", default="", help="缺少的材料（写进下一份督办单）")
    effective_arguments(p, "退回的日期（业务日期，默认今天）")
    p = sub.add_parser("evidence", parents=[common], help="佐证材料：列出、添加、移除、恢复、打开、导出、清理")
    actions = p.add_subparsers(dest="action", required=True, metavar="操作")
    q = actions.add_parser("list", parents=[common], help="列出一项任务的佐证材料")
    q.add_argument("code", help="任务编号")
    q.add_argument("--plan", help="方案名称")
    q.add_argument("--all", action="store_true", help="也列出已移除的")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q = actions.add_parser("add", parents=[common], help="给任务添加佐证材料")
    q.add_argument("code", help="任务编号")
    q.add_argument("files", nargs="+", type=Path)
    q.add_argument("--plan", help="方案名称")
    for name, helptext in (("remove", "移除佐证材料（记入变更记录，可恢复）"), ("restore", "恢复移除的佐证材料")):
        q = actions.add_parser(name, parents=[common], help=helptext)
        q.add_argument("code", help="任务编号")
        q.add_argument("ids", nargs="+", type=int, help="佐证材料编号（evidence list 所列）")
        q.add_argument("--plan", help="方案名称")
    q = actions.add_parser("open", parents=[common], help="把一份佐证材料写成只读副本，打印其路径")
    q.add_argument("id", type=int, help="佐证材料编号")
    q.add_argument("--out", type=Path, default=None, help="副本所在的文件夹（默认本机的查看文件夹）")
    q = actions.add_parser("export", parents=[common], help="导出一段时间或一个单位的佐证材料：一个 zip，附索引表")
    q.add_argument("--out", type=Path, required=True, help="输出的 .zip 文件")
    q.add_argument("--from", dest="start", type=day, default=None, help="销号或申请的日期从（含）")
    q.add_argument("--to", dest="end", type=day, default=None, help="到（含）")
    q.add_argument("--dept", default=None, help="只导出这个牵头单位的任务")
    q.add_argument("--force", action="store_true", help="覆盖已有的文件")
    actions.add_parser("purge", parents=[common], help="清理已没有任何记录引用的佐证材料内容（删除任务后）")


def run(args: argparse.Namespace) -> int:
    with opened(args) as ledger:
        return _run(args, ledger)


def _run(args: argparse.Namespace, ledger) -> int:  # noqa: ANN001, C901 - one branch per command
    from ledger_app.evidence import register
    from ledger_app.operations import closure
    from ledger_app.tasks.queries import find_task_id

    engine, user = ledger.engine, ledger.user
    on = getattr(args, "effective_on", None) or date.today()
    if args.command == "claim":
        from ledger_app.operations.closure import ClaimInput

        task_id = find_task_id(engine, args.code, args.plan)
        closure.claim_finished(engine, task_id, ClaimInput(on, args.summary, args.unit), list(args.files), user=user,
                               source="命令行", reason=args.reason)
        print(t("已申请销号：任务 {code}，{day}，佐证材料 {count} 份（待销号）", code=args.code, day=on.isoformat(),
                count=len(args.files)))
        return 0
    if args.command in ("close-claim", "return-claim"):
        task_id = find_task_id(engine, args.code, args.plan)
        with engine.connect() as conn:
            waiting = register.waiting_claim(conn, task_id)
        if waiting is None:
            from ledger_app.messages.errors import LedgerError

            raise LedgerError("任务 {code} 没有待销号的申请", code=args.code)
        if args.command == "close-claim":
            closure.close_claim(engine, task_id, waiting.id, on, opinion=args.opinion, user=user, reason=args.reason)
            print(t("已销号：任务 {code}，{day} 起为已完成", code=args.code, day=on.isoformat()))
        else:
            closure.return_claim(engine, task_id, waiting.id, on, opinion=args.why, missing=args.missing, user=user,
                                 reason=args.reason)
            print(t("已退回：任务 {code}（{reason}）", code=args.code, reason=args.why))
        return 0
    return _evidence(args, ledger, find_task_id)


def _evidence(args: argparse.Namespace, ledger, find_task_id) -> int:  # noqa: ANN001
    from ledger_app.evidence import register
    from ledger_app.operations import closure

    engine, user = ledger.engine, ledger.user
    if args.action == "list":
        views = register.list_files(engine, find_task_id(engine, args.code, args.plan), removed=args.all)
        if args.json:
            print(json.dumps([{"id": v.id, "name": v.name, "kind": v.kind, "size": v.size, "pages": v.pages,
                               "sha256": v.sha256, "added_by": v.added_by, "added_at": v.added_at.isoformat(),
                               "claim_id": v.claim_id, "removed": v.removed_at is not None} for v in views],
                             ensure_ascii=False, indent=1))
            return 0
        for v in views:
            removed = t("（已移除）") if v.removed_at else ""
            pages = t(PAGES, pages=v.pages) + "\t" if v.pages else ""
            print(f"{v.id}\t{v.name}{removed}\t{v.kind_label}\t{pages}{v.size_label}\t{v.sha256[:12]}\t"
                  f"{v.added_by}\t{v.added_at.astimezone():%Y-%m-%d %H:%M}")
        return 0
    if args.action == "add":
        task_id = find_task_id(engine, args.code, args.plan)
        result = closure.attach_evidence(engine, task_id, list(args.files), user=user, source="命令行")
        print(t("已添加 {count} 份佐证材料到任务 {code}", count=len(result.value), code=args.code))
        return 0
    if args.action in ("remove", "restore"):
        task_id = find_task_id(engine, args.code, args.plan)
        if args.action == "remove":
            result = closure.remove_evidence(engine, task_id, args.ids, user=user)
            print(t("已移除 {count} 份佐证材料（可用 evidence restore 恢复）", count=len(result.value)))
        else:
            result = closure.restore_evidence(engine, task_id, args.ids, user=user)
            print(t("已恢复 {count} 份佐证材料", count=len(result.value)))
        return 0
    if args.action == "open":
        from ledger_app.evidence.copies import viewing_copy

        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
        print(t("只读副本：{path}", path=viewing_copy(engine, args.id, args.out)))
        return 0
    if args.action == "export":
        from ledger_app.exchange.evidence_export import ExportScope, export_evidence

        path = export_evidence(engine, ExportScope(args.start, args.end, args.dept), args.out, force=args.force)
        print(t("已写入 {path}", path=path))
        return 0
    count = closure.purge_evidence(engine).value
    print(t("已清理 {count} 份不再被引用的佐证材料内容", count=count))
    return 0
