"""工作台账: every task with every field (the window's filter applied), grouped by area."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ledger_app.reports.layout import light_cell, para, styles, table
from ledger_app.reports.snapshot import Snapshot

HEADER = ["编号", "改革项目", "具体改革内容", "推进措施", "类别", "牵头部门", "配合部门", "责任领导", "完成时限",
          "季度节点目标", "状态", "预警", "最新进展"]
SHARES = [0.04, 0.09, 0.14, 0.11, 0.06, 0.07, 0.08, 0.05, 0.07, 0.09, 0.06, 0.06, 0.08]


def story(snapshot: Snapshot, title: str, width: float, progress=None) -> list[Flowable]:  # noqa: ANN001
    st = styles()
    flow: list[Flowable] = [para(title, st["title"]),
                            para(f"截至 {snapshot.as_of.isoformat()}，共 {len(snapshot.tasks)} 项任务", st["subtitle"])]
    areas: dict[str, list] = {}
    for task in snapshot.tasks:
        areas.setdefault(task.area or "（未分领域）", []).append(task)
    for index, (area, tasks) in enumerate(areas.items()):
        flow.append(para(area, st["h2"]))
        rows = [[t.code, t.title, t.content, t.measures, t.category, "、".join(t.lead_depts), "、".join(t.co_depts),
                 t.leader, t.deadline_text or (t.deadline.isoformat() if t.deadline else ""),
                 "\n".join(f"{q}季度：{m}" for q, m in zip("一二三四", t.milestones, strict=True) if m),
                 f"{t.status}\n{t.percent}%", light_cell(t.light, st), t.latest_progress] for t in tasks]
        flow.append(table(HEADER, rows, [width * s for s in SHARES], st,
                          [(r, 11, t.light) for r, t in enumerate(tasks)]))
        if progress is not None:
            progress(index + 1, len(areas))
    return flow
