"""季度督办单: one numbered sheet per lead department, with ruled space filled in by hand."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from ledger_app.reports.layout import light_cell, para, styles, table
from ledger_app.reports.options import ReportOptions
from ledger_app.reports.snapshot import Snapshot

HEADER = ["编号", "改革项目", "具体改革内容", "本季度节点目标", "完成时限", "当前状态",
          "进展情况", "存在问题", "下步打算"]
SHARES = [0.05, 0.11, 0.17, 0.09, 0.08, 0.08, 0.16, 0.13, 0.13]


def story(snapshot: Snapshot, options: ReportOptions, numbers: dict[str, str], width: float,
          progress=None) -> list[Flowable]:  # noqa: ANN001
    st = styles()
    depts = options.depts or snapshot.lead_departments()
    flow: list[Flowable] = []
    widths = [width * s for s in SHARES]
    for index, dept in enumerate(depts):
        tasks = [t for t in snapshot.of_dept(dept) if t.status != "已取消"]
        if index:
            flow.append(PageBreak())
        flow.append(para(f"{options.period}改革任务督办单", st["title"]))
        meta = Table([[para(f"督办编号：{numbers.get(dept, '')}", st["meta"]),
                       para(f"承办单位：{dept}", st["meta"]),
                       para(f"督办季度：{options.period}", st["meta"]),
                       para(f"截至日期：{snapshot.as_of.isoformat()}", st["meta"])]],
                     colWidths=[width * 0.25] * 4)
        meta.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        flow += [meta, Spacer(1, 3 * mm)]
        rows, lights = [], []
        quarter = (options.quarter or 4) - 1
        for r, task in enumerate(tasks):
            rows.append([task.code, task.title, task.content, task.milestones[quarter],
                         task.deadline_text or (task.deadline.isoformat() if task.deadline else ""),
                         _status(task, st), "", "", ""])
            lights.append((r, 5, task.light))
        # Room to write by hand: at least four lines per task.
        flow.append(table(HEADER, rows, widths, st, lights, min_height=st["cell"].leading * 4 + 6))
        flow += [Spacer(1, 10 * mm), _signatures(width, st)]
        if progress is not None:
            progress(index + 1, len(depts))
    return flow


def _status(task, st) -> Flowable:  # noqa: ANN001
    cell = light_cell(task.light, st)
    return Table([[cell], [para(f"{task.status}·{task.percent}%", st["cell_c"])]],
                 style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _signatures(width: float, st) -> Flowable:  # noqa: ANN001
    line = "__________________"
    t = Table([[para(f"承办单位负责人签字：{line}", st["meta"]), para(f"督办单位（盖章）：{line}", st["meta"])],
               [para("日期：______年____月____日", st["meta"]), para("日期：______年____月____日", st["meta"])]],
              colWidths=[width / 2, width / 2])
    t.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t
