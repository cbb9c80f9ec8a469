"""`import`, `list`, `show`, `set` and `progress`: the task table in, tasks out, one task changed."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ledger_app.cli.common import day, effective_arguments, opened, quarter, written
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t
from ledger_app.messages.labels import FIELD_LABELS, field_label, light_label, status_label
from ledger_app.store.enums import SETTABLE_STATUSES, Status

GROUPS_KEPT = "作为统称照原样保留、不作为部门（不生成填报表，不进入部门筛选和考核排名）：{names}；" \
              "判定不对时用 config groups.words / groups.units 修改"
EN.update({
    "完成时限为空；要清除完成时限请用 --clear-deadline": "the deadline is empty; to clear it use --clear-deadline",
    "{flag} 不能与 --{option} 同时使用": "{flag} cannot be combined with --{option}",
    GROUPS_KEPT: "kept as written but not as departments (classes of units: no fill-in form, no filter entry, "
                 "no ranking): {names}; change with config groups.words / groups.units",
})

COMMANDS = ("import", "list", "show", "set", "progress")
STATUS_HELP = "状态：{statuses}"
EN.update({STATUS_HELP: "status: {statuses}", "{label}：{value}": "{label}: {value}", "编号": "No.", "方案": "plan",
           "预警灯": "light", "最新进展": "latest progress"})


def add_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("import", parents=[common], help="导入 Excel 任务表 (.xlsx)")
    p.add_argument("file", type=Path, help="任务表文件 .xlsx")
    p.add_argument("--sheet", help="工作表名（默认：第一个含任务表的工作表）")
    p.add_argument("--plan", help="导入到哪个方案（默认：表格标题行或文件名）")
    p.add_argument("--year", type=int,
                   help="方案年度：未写年份的完成时限所属年份、新任务开始日期（该年 1 月 1 日）"
                        "（默认：标题行中的年份，否则最早的完成时限的年份）")
    p.add_argument("--quarter", type=quarter, metavar="2017Q3",
                   help="进展情况记入哪个季度（默认：表格标题中的日期，否则工作簿保存日期所在季度）")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将导入的内容，不写入")

    p = sub.add_parser("list", parents=[common], help="列出任务")
    p.add_argument("--plan", help="只列出该方案的任务")
    p.add_argument("--status", help=t(STATUS_HELP, statuses="/".join(Status)))
    p.add_argument("--dept", help="部门（牵头或配合，名称包含即可）")
    p.add_argument("--area", help="改革领域（包含即可）")
    p.add_argument("--search", help="在名称、内容、措施、部门和进展中搜索")
    p.add_argument("--light", choices=("red", "yellow", "green", "done", "off", "pending"),
                   help="预警灯（pending：待销号，已申请销号、等待督查室复核）")
    p.add_argument("--overdue", action="store_true", help="只列出逾期未完成的任务")
    p.add_argument("--due-within", type=int, metavar="DAYS", help="只列出 DAYS 天内到期的未完成任务")
    p.add_argument("--as-of", type=day, default=None, help="以该日期为“今天”计算预警灯 (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="输出 JSON 数组")

    p = sub.add_parser("show", parents=[common], help="显示一项任务的全部信息")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称（编号在多个方案中重复时需要）")
    p.add_argument("--as-of", type=day, default=None, help="计算预警灯的日期")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = sub.add_parser("set", parents=[common], help="修改一项任务")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--status", help=t(STATUS_HELP, statuses="/".join(SETTABLE_STATUSES)))
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
    effective_arguments(p, "修改生效的日期（业务日期，默认今天），如 2017-09-01：早于今天的记为“补录”")

    p = sub.add_parser("progress", parents=[common], help="记录一项任务的季度进展")
    p.add_argument("code", help="任务编号（序号）")
    p.add_argument("--plan", help="方案名称")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--quarter", type=int, required=True, choices=(1, 2, 3, 4), help="季度 1–4")
    p.add_argument("--percent", type=int, required=True, help="完成百分比 0–100")
    p.add_argument("--done", required=True, type=written("本季度完成情况"), help="本季度完成情况")
    p.add_argument("--problems", default="", help="存在问题")
    p.add_argument("--next", dest="next_steps", default="", help="下步打算")
    p.add_argument("--reporter", default="", help="填报人（默认：当前用户）")
    p.add_argument("--date", dest="report_date", type=day, default=None, help="填报日期")
    effective_arguments(p, "进展所述情况的日期（业务日期，默认该季度末；季度未结束时为今天）")


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return _import(args)
    with opened(args) as ledger:
        engine = ledger.engine
        if args.command == "list":
            from ledger_app.store import settings
            from ledger_app.tasks import queries

            query = queries.TaskQuery(plan=args.plan, status=args.status, dept=args.dept, area=args.area,
                                      search=args.search, light=args.light, overdue=args.overdue,
                                      due_within=args.due_within, as_of=args.as_of or date.today())
            views = queries.list_tasks(engine, query, settings.thresholds(engine))
            if not views:
                queries.check_names_exist(engine, query)
            if args.json:
                json.dump([v.to_json() for v in views], sys.stdout, ensure_ascii=False, indent=1)
                print()
            else:
                _print_table(views)
        elif args.command == "show":
            from ledger_app.store import settings
            from ledger_app.tasks import queries

            task_id = queries.find_task_id(engine, args.code, args.plan)
            query = queries.TaskQuery(plan=args.plan, as_of=args.as_of or date.today())
            view = next(v for v in queries.list_tasks(engine, query, settings.thresholds(engine)) if v.id == task_id)
            if args.json:
                print(json.dumps(view.to_json(), ensure_ascii=False, indent=1))
            else:
                _print_task(view)
        elif args.command == "set":
            from ledger_app import operations
            from ledger_app.tasks import queries

            task_id = queries.find_task_id(engine, args.code, args.plan)
            fields = ("status", "percent", "deadline", "title", "content", "measures", "category", "leader",
                      "lead_depts", "co_depts", "note")
            changes = {f: getattr(args, f) for f in fields if getattr(args, f) is not None}
            changes.update(_clearing(args))
            changed = operations.edit_task(engine, task_id, changes, user=ledger.user,
                                           expected_version=args.expect_version, effective_on=args.effective_on,
                                           reason=args.reason).value
            print(t("已更新任务 {code}：{fields}", code=args.code, fields="、".join(map(field_label, changed)))
                  if changed
                  else t("任务 {code} 没有变化", code=args.code))
        else:  # progress
            from ledger_app import operations
            from ledger_app.tasks import queries

            task_id = queries.find_task_id(engine, args.code, args.plan)
            report = operations.ProgressInput(args.year, args.quarter, args.percent, args.done, args.problems,
                                              args.next_steps, args.reporter, args.report_date, args.effective_on)
            operations.record_progress(engine, task_id, report, user=ledger.user, reason=args.reason)
            print(t("已记录任务 {code} 的 {year} 年第 {quarter} 季度进展", code=args.code, year=args.year,
                    quarter=args.quarter))
    return 0


def _import(args: argparse.Namespace) -> int:
    from ledger_app.exchange.importing import read_table
    from ledger_app.operations.excel import import_table

    # The file is read and checked before a new ledger is made for it.
    table, title = read_table(args.file, sheet=args.sheet, plan=args.plan, year=args.year, quarter=args.quarter)
    with opened(args, create=True) as ledger:
        result = import_table(ledger.engine, table, title, dry_run=args.dry_run, user=ledger.user).value
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
    groups = [d.name for d in table.decisions() if d.is_group]  # split by the ledger's rule as it wrote
    if groups:
        print(t(GROUPS_KEPT, names="、".join(groups)))
    template = ("预检：将新增 {added} 项，更新 {updated} 项，{unchanged} 项不变（未写入）" if result.dry_run
                else "已导入到“{plan}”：新增 {added} 项，更新 {updated} 项，{unchanged} 项不变")
    print(t(template, plan=result.plan, added=result.added, updated=result.updated, unchanged=result.unchanged))
    return 0


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


def _print_table(views) -> None:  # noqa: ANN001 - TaskView rows
    for v in views:
        lead = "、".join(v.lead_depts)
        deadline = v.deadline.isoformat() if v.deadline else (v.deadline_text or "—")
        print(f"{v.code}\t{light_label(v.light)}\t{status_label(v.status)}\t{v.percent}%\t{deadline}\t"
              f"{v.title}｜{v.content}\t{lead}")


def _print_task(v) -> None:  # noqa: ANN001 - a TaskView
    labels = [("编号", v.code), ("方案", v.plan), ("改革领域", v.area), ("改革项目", v.title),
              ("具体改革内容", v.content), ("推进措施", v.measures), ("项目类别", v.category),
              ("牵头部门", "、".join(v.lead_depts + v.lead_groups)), ("配合部门", "、".join(v.co_depts + v.co_groups)),
              ("责任领导", v.leader),
              ("完成时限", f"{v.deadline or '—'}（{v.deadline_text}）"), ("状态", status_label(v.status)),
              ("完成%", v.percent), ("预警灯", light_label(v.light)), ("最新进展", v.latest_progress), ("备注", v.note)]
    labels += [(FIELD_LABELS[f"milestone_q{q}"], m) for q, m in enumerate(v.milestones, start=1)]
    for label, value in labels:
        print(t("{label}：{value}", label=t(label), value=value))
