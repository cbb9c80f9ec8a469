"""年度督查报告: the year in figures, a chart by area and department, the quarters compared,
supervision taken, and what is still unfinished with its rectification deadline."""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_app.deadlines import end_of_quarter
from ledger_app.reports.bulletin import summary_sentence, tally_table
from ledger_app.reports.figures import Tally, by_area, by_lead_department, tally
from ledger_app.reports.fonts import register_fonts
from ledger_app.reports.layout import light_cell, para, styles, table
from ledger_app.reports.options import ReportOptions
from ledger_app.reports.snapshot import Snapshot


def chart(rows: list[Tally], width: float) -> Drawing:
    """Completion rate per row as horizontal bars (drawn bottom-up, so reversed)."""
    fonts = register_fonts()
    rows = list(reversed(rows))
    bar_h = 14
    height = max(60, len(rows) * bar_h + 40)
    drawing = Drawing(width, height)
    bars = HorizontalBarChart()
    bars.x, bars.y = 150, 25
    bars.width, bars.height = width - 190, height - 40
    bars.data = [[round(r.rate, 1) for r in rows]]
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, 100, 20
    bars.valueAxis.labelTextFormat = "%d%%"
    bars.valueAxis.labels.fontName = fonts.table
    bars.categoryAxis.categoryNames = [f"{r.name.split('，')[0][:14]}（{r.done}/{r.total}）" for r in rows]
    bars.categoryAxis.labels.fontName = fonts.table
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = colors.HexColor("#1e8e3e")
    bars.barLabelFormat = "%.1f%%"
    bars.barLabels.fontName = fonts.table
    bars.barLabels.fontSize = 7
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    drawing.add(bars)
    return drawing


def quarter_rows(snapshots: dict[int, Snapshot]) -> list[list[object]]:
    rows, previous = [], None
    for quarter, snap in snapshots.items():
        t = tally(f"第{quarter}季度末", snap.tasks)
        reported = sum(1 for task in snap.tasks if any(r.year == snap.as_of.year and r.quarter == quarter
                                                       for r in snap.progress.get(task.id, [])))
        change = "—" if previous is None else f"{t.rate - previous.rate:+.1f} 个百分点"
        rows.append([t.name, t.total, t.done, t.green, t.yellow, t.red, f"{t.rate:.1f}%", change, reported])
        previous = t
    return rows


def story(snapshot: Snapshot, quarters: dict[int, Snapshot], options: ReportOptions, width: float,
          plan: str) -> list[Flowable]:
    st = styles()
    total = tally("合计", snapshot.tasks)
    areas, depts = by_area(snapshot), by_lead_department(snapshot)
    actions = [a for a in snapshot.supervision if a.action_date.year == options.year]
    kinds = Counter(a.kind for a in actions)
    titles = {t.id: t for t in snapshot.tasks}
    unfinished = [t for t in snapshot.tasks if t.status not in ("已完成", "已取消")]
    rectify = {}
    for action in actions:
        if action.rectify_deadline is not None:
            rectify[action.task_id] = action.rectify_deadline
    flow: list[Flowable] = [
        para(f"{options.year}年度改革任务督查报告", st["title"]),
        para("一、总体情况", st["h2"]),
        para(summary_sentence(snapshot, total, plan) + f"全年开展督办{len(actions)}次，其中限期整改"
             f"{kinds['限期整改']}次、通报批评{kinds['通报批评']}次。", st["text"]),
        para("二、分领域完成情况", st["h2"]),
        tally_table("改革领域", [*areas, total], width, st),
        Spacer(1, 3 * mm), chart(areas, width),
        para("三、分牵头部门完成情况", st["h2"]),
        tally_table("牵头部门", [*depts, total], width, st),
        Spacer(1, 3 * mm), chart(depts, width),
        para("四、各季度推进变化", st["h2"]),
        table(["季度", "任务数", "已完成", "绿灯", "黄灯", "红灯", "完成率", "较上季度", "报送进展"],
              quarter_rows(quarters), [width * s for s in (0.16, 0.09, 0.09, 0.09, 0.09, 0.09, 0.11, 0.16, 0.12)], st),
        para("五、督办工作开展情况", st["h2"]),
    ]
    if actions:
        flow.append(table(["日期", "类型", "编号", "任务", "内容", "整改期限", "办结"],
                          [[a.action_date.isoformat(), a.kind, a.doc_no,
                            f"{titles[a.task_id].code} {titles[a.task_id].title}", a.content,
                            a.rectify_deadline.isoformat() if a.rectify_deadline else "", "是" if a.closed else "否"]
                           for a in actions],
                          [width * s for s in (0.10, 0.09, 0.14, 0.22, 0.27, 0.10, 0.08)], st))
    else:
        flow.append(para("本年度未记录督办事项。", st["text"]))
    flow.append(para("六、未完成任务及整改期限", st["h2"]))
    if unfinished:
        flow.append(table(["编号", "改革任务", "牵头部门", "完成时限", "进度", "预警", "整改期限"],
                          [[t.code, f"{t.title}：{t.content}", "、".join(t.lead_depts),
                            t.deadline_text or (t.deadline.isoformat() if t.deadline else ""), f"{t.percent}%",
                            light_cell(t.light, st), rectify[t.id].isoformat() if t.id in rectify else "—"]
                           for t in unfinished],
                          [width * s for s in (0.06, 0.42, 0.14, 0.12, 0.07, 0.09, 0.10)], st,
                          [(r, 5, t.light) for r, t in enumerate(unfinished)]))
    else:
        flow.append(para("全部任务均已完成。", st["text"]))
    return flow


def quarter_ends(year: int, as_of) -> dict[int, object]:  # noqa: ANN001
    """Quarter ends of ``year`` up to ``as_of``."""
    return {q: end_of_quarter(year, q) for q in range(1, 5) if end_of_quarter(year, q) <= as_of}
