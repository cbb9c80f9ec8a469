"""工作台账: every task (the window's filter applied) with its fields, grouped by area with a
subtotal under each, on landscape pages. Columns nobody filled in are left out."""

from __future__ import annotations

import re
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ledger_app.documents.layout import LIGHT_INK, LIGHT_TEXT, fit_columns, para, styles, table
from ledger_app.documents.options import Progress
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Text, measure
from ledger_app.documents.words import cn_date, co_of, deadline_label, lead_of, pct, rate_of
from ledger_app.periods.snapshot import Snapshot
from ledger_app.periods.tally import light_of, tally
from ledger_app.tasks.queries import TaskView

Column = tuple[str, float, Callable[[TaskView], object]]
CELL_SIZE, CELL_LEADING = 9.0, 11.5  # the least type a printed ledger is read in
PADDING = 6.0  # a cell's left and right padding together (layout.table)


def _light(task: TaskView) -> Text:
    """The 预警 cell: its words on one line ("√ 已完成" never wraps; the column is made wide enough)."""
    light = light_of(task)
    words = LIGHT_TEXT.get(light, light)
    st = styles()
    ink = LIGHT_INK.get(light, colors.black)
    return Text(words, st.cell_c.but(size=CELL_SIZE, leading=CELL_LEADING, color=ink), keep=[words])


def _at_least(widths: list[float], column: int, need: float) -> list[float]:
    """``widths`` with ``column`` widened to ``need``, taken from the widest column."""
    short = need - widths[column]
    if short > 0:
        widest = max(range(len(widths)), key=lambda i: widths[i] if i != column else -1)
        widths = list(widths)
        widths[widest] -= short
        widths[column] = need
    return widths


def _milestones(task: TaskView) -> str:
    return "\n".join(f"{q}季度：{m}" for q, m in zip("一二三四", task.milestones, strict=True) if m)


COLUMNS: list[Column] = [
    ("编号", 3.5, lambda t: t.code),
    ("改革项目", 9, lambda t: t.title),
    ("具体改革内容", 15, lambda t: t.content),
    ("推进措施", 12, lambda t: t.measures),
    ("类别", 5, lambda t: t.category),
    ("牵头单位", 7.5, lambda t: lead_of(t)),
    ("配合单位", 8, lambda t: co_of(t)),
    ("责任领导", 5.5, lambda t: t.leader),
    ("完成时限", 8, lambda t: deadline_label(t.deadline, t.deadline_text)),
    ("季度节点目标", 10, _milestones),
    ("状态", 5, lambda t: f"{t.status}\n{t.percent}%"),
    ("预警", 5, _light),
    ("最新进展", 10, lambda t: t.latest_progress),
    ("备注", 6, lambda t: t.note),
]


def used_columns(tasks: list[TaskView]) -> list[Column]:
    """The columns at least one task has something in (编号, 改革项目, 状态, 预警 always)."""
    always = {"编号", "改革项目", "状态", "预警"}
    return [c for c in COLUMNS if c[0] in always or any(str(c[2](t)).strip() for t in tasks)]


def story(snapshot: Snapshot, title: str, progress: Progress | None = None) -> list[Flowable]:
    st = styles()
    width = frame_size("form")[0]
    cell = st.cell.but(size=CELL_SIZE, leading=CELL_LEADING)
    columns = used_columns(snapshot.tasks)
    header = [c[0] for c in columns]
    widths = fit_columns(header, [c[1] for c in columns], width, cell)
    light_column = header.index("预警")
    widths = _at_least(widths, light_column, max(measure(cell, w) for w in LIGHT_TEXT.values()) + PADDING + 1)
    names = {d for t in snapshot.tasks for d in (*t.lead_depts, *t.co_depts, *t.lead_groups, *t.co_groups)} \
        | {t.leader for t in snapshot.tasks}
    areas: dict[str, list[TaskView]] = {}
    for task in snapshot.tasks:
        areas.setdefault(task.area or "（未分领域）", []).append(task)
    rows: list[list[object]] = []
    spans: list[tuple[int, int, int]] = []
    tints: list[tuple[int, int, str]] = []
    for index, (area, tasks) in enumerate(areas.items()):
        spans.append((len(rows), 0, len(columns) - 1))
        rows.append([para(area, st.head.but(size=9, leading=11, align="left"))] + [""] * (len(columns) - 1))
        for task in tasks:
            tints.append((len(rows), light_column, light_of(task)))
            rows.append([c[2](task) for c in columns])
        t = tally(area, tasks)
        summary = (f"小计：{t.total}项，已完成{t.done}项，序时推进{t.green}项，进度预警{t.yellow}项，"
                   f"逾期未完成{t.red}项" + (f"，暂缓{t.paused}项" if t.paused else "")
                   + (f"，已取消{t.cancelled}项（不计入）" if t.cancelled else "")
                   + (f"，已结转{t.carried}项（不计入）" if t.carried else "") + f"，完成率{pct(rate_of(t))}")
        spans.append((len(rows), 0, len(columns) - 1))
        rows.append([para(summary, cell.but(align="right"))] + [""] * (len(columns) - 1))
        if progress is not None:
            progress(index + 1, len(areas))
    total = tally("合计", snapshot.tasks)
    plans = "、".join(f"《{p}》" for p in snapshot.plans)
    return [para(title, st.form_title.but(space_after=1)),
            para(f"{plans}　截至{cn_date(snapshot.as_of)}，共{total.total}项任务"
                 f"（已完成{total.done}项，完成率{pct(rate_of(total))}）", st.meta.but(align="center", space_after=6)),
            table(header, rows, widths, st, tints, keep=[*names, *_dates(snapshot.tasks)], spans=spans, cell=cell)]


def _dates(tasks: list[TaskView]) -> list[str]:
    """完成时限 written as a date stays on one line (the column is wide enough for one)."""
    return sorted({label for t in tasks if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日",
                                                      label := deadline_label(t.deadline, t.deadline_text))})
