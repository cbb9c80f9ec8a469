"""年度督查报告: a cover with the 版头, then the year in figures by area and department (with
charts of done / on schedule / lagging counts), the quarters compared on the same as-of rule as
the totals, the supervision done, the problems departments reported, and what to do next."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ledger_app.dates.quarters import end_of_quarter, quarter_of
from ledger_app.documents import indicator_table
from ledger_app.documents.bar_chart import bar_chart, short
from ledger_app.documents.bulletin import reported_problems, summary_sentence, tally_table
from ledger_app.documents.layout import Signature, banner, fit_columns, heading, imprint, para, styles, table, title
from ledger_app.documents.options import ReportOptions
from ledger_app.documents.page import Unnumbered, frame_size
from ledger_app.documents.words import CN_QUARTER, cn_date, pct, plan_name, rate_of
from ledger_app.periods.snapshot import Snapshot
from ledger_app.periods.tally import Tally, by_area, by_lead_department, category, tally

SERIES = (("已完成", "#1e8e3e"), ("序时推进", "#8ab4f8"), ("预警和逾期", "#d93025"))


def chart(rows: list[Tally], width: float) -> Drawing:
    """Tasks per row as stacked bars: done, on schedule, lagging (yellow and red) — counts, not rates."""
    rows = list(reversed(rows))  # drawn bottom-up
    top = max(max((r.done + r.green + r.yellow + r.red for r in rows), default=1), 1)
    return bar_chart(width, [short(r.name, 12) for r in rows],
                     [[r.done for r in rows], [r.green for r in rows], [r.yellow + r.red for r in rows]],
                     SERIES, row_height=16, axis=(0, top, max(1, -(-top // 8))), stacked=True)


def quarter_ends(year: int, as_of: date) -> list[tuple[str, date]]:
    """The quarter ends of ``year`` up to ``as_of``, then ``as_of`` itself if it is not one of
    them, so the table's last row counts exactly what the totals count."""
    points = [(f"第{CN_QUARTER[q - 1]}季度末", end_of_quarter(year, q)) for q in range(1, 5)
              if end_of_quarter(year, q) <= as_of]
    if not points or points[-1][1] != as_of:
        points.append((f"截至{as_of.month}月{as_of.day}日" if as_of.year == year else f"截至{cn_date(as_of)}", as_of))
    return points


def quarter_rows(points: dict[str, Snapshot]) -> list[list[object]]:
    """One row per time point; 较上期 is the difference of the rates as printed (6.3% after 6.2%
    is +0.1, whatever the unrounded rates were)."""
    rows: list[list[object]] = []
    previous: Decimal | None = None
    for label, snap in points.items():
        t = tally("", snap.tasks)
        year, quarter = quarter_of(snap.as_of)
        reported = sum(1 for task in snap.tasks if any((r.year, r.quarter) == (year, quarter)
                                                       for r in snap.progress.get(task.id, [])))
        rate = rate_of(t)
        change = "—" if previous is None else (f"{rate - previous:+.1f}" if rate != previous else "0.0")
        rows.append([label, t.total, t.done, t.green, t.yellow, t.red, t.paused, pct(rate), change, reported])
        previous = rate
    return rows


def trend_sentence(points: dict[str, Snapshot]) -> str:
    """从各季度看: the rate and the overdue count from the first time point to the last, a figure
    that stayed at nought said plainly."""
    (first_label, first), (last_label, last) = next(iter(points.items())), list(points.items())[-1]
    a, b = tally("", first.tasks), tally("", last.tasks)
    ra, rb = rate_of(a), rate_of(b)
    if not a.done and not b.done:
        said = [f"截至{last_label.removeprefix('截至')}尚无任务完成"]
    else:
        move = "提高到" if rb > ra else ("下降到" if rb < ra else "保持在")
        said = [f"完成率由{first_label}的{pct(ra)}{move}{last_label}的{pct(rb)}"]
    if a.red or b.red:
        move = "增加到" if b.red > a.red else ("减少到" if b.red < a.red else "保持在")
        said.append(f"逾期未完成任务由{a.red}项{move}{b.red}项" if a.red != b.red
                    else f"逾期未完成任务保持在{b.red}项")
    else:
        said.append("各时点均无逾期未完成任务")
    return "从各季度看，" + "，".join(said) + "。"


def supervision_sentence(snapshot: Snapshot, year: int, issued: Counter) -> str:
    """Sheets are counted per sheet (one number each), not per task row."""
    actions = snapshot.supervision  # the year's, those signed in January too: build.prepare chose them (of_year)
    sheets = {a.doc_no for a in actions if a.kind == "季度督办" and a.doc_no}
    sheet_rows = sum(1 for a in actions if a.kind == "季度督办")
    kinds = Counter(a.kind for a in actions)
    notices = {a.doc_no or a.id for a in actions if a.kind == "限期整改"}
    said = [f"印发季度督办单{len(sheets)}份（督办任务{sheet_rows}项次）" if sheets else "",
            f"发布推进情况通报{issued['bulletin']}期" if issued["bulletin"] else "",
            f"通报批评{kinds['通报批评']}次" if kinds["通报批评"] else "",
            f"下发限期整改通知书{len(notices)}份" if notices else "",
            f"开展专项督查{kinds['专项督查']}次" if kinds["专项督查"] else "",
            f"问责{kinds['问责']}次" if kinds["问责"] else ""]
    said = [s for s in said if s]  # a step not taken is not counted as nought
    return f"全年{'，'.join(said)}。" if said else "本年度尚未印发督办单、通报等督查文书。"


def problems(snapshot: Snapshot, year: int, limit: int = 12) -> list[str]:
    """Problems the departments reported this year (the latest report of each task), of the
    tasks still open at the as-of date only: a problem of a task since finished is not one."""
    found = reported_problems(snapshot, year, None)
    return found[:limit] + ([f"另有{len(found) - limit}项任务反映了问题，详见台账。"] if len(found) > limit else [])


class Cover(Flowable):
    """The report's cover, exactly one page whatever the office's name: the 版头 at the top, the
    title a third of the way down the room left, the office and the date at the foot. It takes
    the whole page it is on, so the page break after it never leaves a blank page."""

    def __init__(self, top: list[Flowable], middle: list[Flowable], bottom: list[Flowable]) -> None:
        super().__init__()
        self.parts = (top, middle, bottom)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = availWidth, availHeight - 0.01
        return self.width, self.height

    def _height(self, flowables: list[Flowable]) -> float:
        return sum(f.wrap(self.width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)

    def draw(self) -> None:
        top, middle, bottom = self.parts
        free = max(0.0, self.height - sum(self._height(p) for p in self.parts))
        y = self.height
        for part, gap in ((top, free * 0.3), (middle, free * 0.7), (bottom, 0.0)):
            for flowable in part:
                _w, h = flowable.wrap(self.width, 10_000)
                y -= flowable.getSpaceBefore() + h
                flowable.drawOn(self.canv, 0, y)
                y -= flowable.getSpaceAfter()
            y -= gap


def closure_sentence(counts: dict[str, int]) -> str:
    """The year's 办结销号: tasks closed and claims returned in the year, claims waiting at its end."""
    if not any(counts.values()):
        return ""
    return (f"全年经复核佐证材料办结销号{counts.get('销号', 0)}项，退回补充材料{counts.get('退回', 0)}项次，"
            f"年末已申请销号、待复核{counts.get('', 0)}项。")


def story(snapshot: Snapshot, quarters: dict[str, Snapshot], options: ReportOptions, number: str, signed: date,
          issued: Counter | None = None, indicators: list | None = None, closure: object = None) -> list[Flowable]:
    st = styles()
    width = frame_size("text")[0]
    values = snapshot.values
    plan = plan_name(snapshot.plans)
    year = options.year
    total = tally("合计", snapshot.tasks)
    areas, depts = by_area(snapshot), by_lead_department(snapshot)
    unfinished = [t for t in snapshot.tasks if category(t) in ("green", "yellow", "red", "paused")]
    issued = issued or Counter()
    report_title = f"{year}年度改革任务督查报告"
    flow: list[Flowable] = [
        Unnumbered(),  # a cover carries no page number
        Cover(banner(values["doc.banner"] or snapshot.org, number, width),
              [title(report_title, st.title.but(size=26, leading=40, space_before=0.0))],
              [para(snapshot.org, st.subtitle), para(cn_date(signed), st.subtitle), Spacer(1, 10 * mm)]),
        PageBreak(),
        title(report_title, st.title.but(space_before=0.0)),
        para(f"{values['doc.recipients']}：", st.plain),
        *heading("一、总体情况", st.h1),
        para(summary_sentence(snapshot, total, plan), st.body),
    ]
    rows = quarter_rows(quarters)
    if len(rows) > 1:
        flow.append(para(trend_sentence(quarters), st.body))
    flow += [*heading("二、分领域完成情况", st.h1), tally_table("改革领域", [*areas, total], width),
             Spacer(1, 3 * mm), chart(areas, width)]
    flow += [*heading("三、分牵头单位完成情况", st.h1), tally_table("牵头单位", [*depts, total], width),
             Spacer(1, 3 * mm), chart(depts, width)]
    flow += heading("四、各季度推进情况", st.h1)
    numbers = iter("五六七八九")
    header = ["时点", "任务数", "已完成", "序时推进", "进度预警", "逾期", "暂缓", "完成率", "较上期\n（百分点）",
              "报送\n进展"]
    flow.append(table(header, rows, fit_columns(header, [18, 8, 8, 9, 9, 7, 7, 9, 11, 8], width),
                      keep=[str(r[0]) for r in rows]))
    if indicators:
        flow += [*heading(f"{next(numbers)}、主要指标完成情况", st.h1),
                 para(indicator_table.sentence(indicators), st.body),
                 indicator_table.indicator_table(indicators, width)]
        drawing = indicator_table.progress_chart(indicators, width)
        if drawing is not None:
            flow += [Spacer(1, 3 * mm), drawing,
                     para("注：完成进度为最新实际值在基期值至目标值之间所处的位置，序时进度为按目标路径截至本期应达到的位置。",
                          st.cell)]
    counts = getattr(closure, "year", {}) or {}
    flow += [*heading(f"{next(numbers)}、督查工作开展情况", st.h1),
             para(supervision_sentence(snapshot, year, issued) + closure_sentence(counts), st.body)]
    flow += heading(f"{next(numbers)}、存在的问题", st.h1)
    said = problems(snapshot, year)
    flow += [para(f"{i + 1}. {p}" if not p.startswith("另有") else p, st.body) for i, p in enumerate(said)] \
        or [para("截至目前未完成的任务，本年度报送的季度进展中未反映存在问题。", st.body)]
    flow += heading(f"{next(numbers)}、下步工作建议", st.h1)
    red = [t for t in snapshot.tasks if category(t) == "red"]
    advice = [f"对{len(unfinished)}项未完成任务，建议纳入下一年度工作台账继续督办，逐项明确时间节点和责任人。"
              if unfinished else "本年度任务已全部完成，建议及时总结经验做法。"]
    if red:
        advice.append(f"对{len(red)}项逾期未完成任务，建议由牵头单位说明原因、限期整改，整改不力的依规问责。")
    advice.append("继续坚持季督办推进、年督查报告，把改革任务推进情况纳入部门年度综合考核。")
    flow += [para(f"（{'一二三'[i]}）{text}", st.body) for i, text in enumerate(advice)]
    flow.append(Signature(snapshot.org, cn_date(signed), st.body))
    flow.append(imprint(values["doc.copies_to"], snapshot.org, cn_date(signed), width))
    return flow
