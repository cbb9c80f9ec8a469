"""季度推进情况通报: the figures, tables by area and department, who is criticised, what is closed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_app.queries import TaskView
from ledger_app.reports.figures import Tally, by_area, by_lead_department, lagging_two_quarters, tally
from ledger_app.reports.layout import light_cell, para, styles, table
from ledger_app.reports.options import ReportOptions
from ledger_app.reports.snapshot import Snapshot

TALLY_HEADER = ["任务数", "已完成", "绿灯", "黄灯", "红灯", "完成率"]


def tally_table(first: str, rows: list[Tally], width: float, st) -> Flowable:  # noqa: ANN001
    shares = [0.40] + [0.10] * 6
    return table([first, *TALLY_HEADER],
                 [[r.name, r.total, r.done, r.green, r.yellow, r.red, f"{r.rate:.1f}%"] for r in rows],
                 [width * s for s in shares], st)


def task_table(tasks: list[TaskView], width: float, st, extra: str = "完成时限") -> Flowable:  # noqa: ANN001
    shares = [0.06, 0.34, 0.16, 0.16, 0.10, 0.09, 0.09]
    rows = [[t.code, f"{t.title}：{t.content}" if t.content else t.title, "、".join(t.lead_depts),
             "、".join(t.co_depts), t.deadline_text or (t.deadline.isoformat() if t.deadline else ""),
             light_cell(t.light, st), f"{t.percent}%"] for t in tasks]
    lights = [(r, 5, t.light) for r, t in enumerate(tasks)]
    return table(["编号", "改革任务", "牵头部门", "配合部门", extra, "预警", "进度"], rows,
                 [width * s for s in shares], st, lights)


def summary_sentence(snapshot: Snapshot, total: Tally, plan: str) -> str:
    return (f"截至{snapshot.as_of.year}年{snapshot.as_of.month}月{snapshot.as_of.day}日，{plan}共有改革任务"
            f"{total.total}项，已完成{total.done}项，序时推进（绿灯）{total.green}项，进度预警（黄灯）"
            f"{total.yellow}项，逾期未完成（红灯）{total.red}项，完成率{total.rate:.1f}%。")


def story(snapshot: Snapshot, options: ReportOptions, width: float, plan: str) -> list[Flowable]:
    st = styles()
    total = tally("合计", snapshot.tasks)
    red = [t for t in snapshot.tasks if t.light == "red"]
    yellow = [t for t in snapshot.tasks if t.light == "yellow"]
    done = [t for t in snapshot.tasks if t.light == "done"]
    lagging = lagging_two_quarters(snapshot)
    flow: list[Flowable] = [
        para(f"{options.period}改革任务推进情况通报", st["title"]),
        para(summary_sentence(snapshot, total, plan), st["text"]),
        para("一、分领域推进情况", st["h2"]),
        tally_table("改革领域", [*by_area(snapshot), total], width, st),
        para("二、分牵头部门推进情况", st["h2"]),
        tally_table("牵头部门", [*by_lead_department(snapshot), total], width, st),
        para("三、通报：逾期未完成（红灯）和进度预警（黄灯）的任务", st["h2"]),
    ]
    if red or yellow:
        flow.append(para(f"以下{len(red) + len(yellow)}项任务逾期或进度滞后，请牵头部门对照完成时限抓紧推进，"
                         "并于下季度首月10日前报送整改情况。", st["text"]))
        flow.append(task_table(red + yellow, width, st))
    else:
        flow.append(para("本季度无逾期或预警任务。", st["text"]))
    flow.append(para("四、连续两个季度进展滞后的任务", st["h2"]))
    flow.append(task_table(lagging, width, st) if lagging else para("无。", st["text"]))
    flow.append(para("五、已完成任务（销号）", st["h2"]))
    flow.append(task_table(done, width, st) if done else para("本期无销号任务。", st["text"]))
    flow.append(Spacer(1, 8 * mm))
    if snapshot.org:
        flow.append(para(snapshot.org, st["meta"]))
    return flow
