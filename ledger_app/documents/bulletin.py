"""季度推进情况通报: a 公文 to every department — the figures, who is doing well, what is overdue
or lagging and who leads it, what is required next — with the tables attached (附件)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from reportlab.platypus import Flowable, PageBreak

from ledger_app.assessment.publication import named_in_bulletin
from ledger_app.documents import closure as closure_doc
from ledger_app.documents import indicator_table
from ledger_app.documents.layout import (
    Signature,
    banner,
    fit_columns,
    heading,
    imprint,
    light_cell,
    para,
    styles,
    table,
    title,
)
from ledger_app.documents.options import ReportOptions
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import measure
from ledger_app.documents.words import (
    area_name,
    cn_date,
    co_of,
    deadline_label,
    feedback_deadline,
    lead_of,
    pct,
    plan_name,
    rate_of,
    sentence,
    summarised,
    task_name,
    units,
)
from ledger_app.periods.snapshot import Snapshot
from ledger_app.periods.tally import (
    Tally,
    by_area,
    by_lead_department,
    category,
    doing_well,
    lagging_two_quarters,
    light_of,
    tally,
)
from ledger_app.supervision.escalation import stalled
from ledger_app.tasks.queries import TaskView

OVERDUE, DUE = "逾期未完成", "到期未完成"
TALLY_HEADER = ["任务数", "已完成", "序时推进", "进度预警", OVERDUE, "暂缓", "完成率"]
CN_NUMBERS = "一二三四五六七八九十"
PROBLEMS_LISTED, PROBLEM_LIMIT = 10, 80  # the units' reported problems a bulletin quotes, and how much of each


def summary_sentence(snapshot: Snapshot, total: Tally, plan: str, red_label: str = OVERDUE) -> str:
    """总体情况 in one sentence; every task counted once, cancelled ones apart; a category with no
    task is left out, and no rate is given before any task is done."""
    as_of = cn_date(snapshot.as_of)
    parts = [f"{label}{n}项" for n, label in ((total.done, "已完成"), (total.green, "序时推进"),
                                            (total.yellow, "进度预警"), (total.red, red_label),
                                            (total.paused, "暂缓")) if n]
    apart = [f"{n}项{label}" for n, label in ((total.cancelled, "已取消"), (total.carried, "已结转下一年度")) if n]
    cancelled = f"（另有{'、'.join(apart)}，不计入）" if apart else ""
    rate = f"完成率{pct(rate_of(total))}" if total.done else "尚无任务完成"
    among = f"其中{'、'.join(parts)}，" if parts else ""
    return f"截至{as_of}，{plan}共有改革任务{total.total}项{cancelled}，{among}{rate}。"


def tally_table(first: str, rows: list[Tally], width: float, red_label: str = OVERDUE) -> Flowable:
    header = [first, *TALLY_HEADER]
    header[header.index(OVERDUE)] = red_label
    widths = fit_columns(header, [30, 9, 9, 10, 10, 11, 8, 11], width)
    return table(header, [[r.name, r.total, r.done, r.green, r.yellow, r.red, r.paused, pct(rate_of(r))]
                          for r in rows], widths, keep=[r.name for r in rows])


def year_end(snapshot: Snapshot, options: ReportOptions) -> tuple[Snapshot, str]:
    """A year-end bulletin (the fourth quarter, as of the year's last day or later) reports the
    year as finished: a task due by then and not done is 到期未完成, not 进度预警 (临近时限) —
    the year has no time left to bring it in — counted with the overdue ones under that name.
    Returns the snapshot the bulletin counts and the name of that category."""
    end = date(options.year, 12, 31)
    if not is_year_end(snapshot, options):
        return snapshot, OVERDUE
    due = {t.id for t in snapshot.tasks
           if category(t) == "yellow" and t.deadline is not None and t.deadline <= min(end, snapshot.as_of)}
    if not due:
        return snapshot, OVERDUE
    return replace(snapshot, tasks=[replace(t, light="red") if t.id in due else t for t in snapshot.tasks]), DUE


def is_year_end(snapshot: Snapshot, options: ReportOptions) -> bool:
    return options.quarter == 4 and snapshot.as_of >= date(options.year, 12, 31)


def reported_problems(snapshot: Snapshot, year: int, quarter: int | None) -> list[str]:
    """存在的问题 as the units themselves reported them: the latest report of the period of each
    open task that names a problem, summarised — the unit, the task, the problem."""
    said = []
    for task in snapshot.tasks:
        if category(task) not in ("green", "yellow", "red", "paused"):
            continue
        reports = [r for r in snapshot.progress.get(task.id, [])
                   if r.year == year and (quarter is None or r.quarter == quarter) and r.problems.strip()]
        if reports:
            problem = summarised(reports[-1].problems.strip().rstrip("。"), PROBLEM_LIMIT)
            said.append(f"{'、'.join(task.lead_depts) or '未明确牵头单位'}（{task_name(task.title, task.content)}）"
                        f"反映：{sentence(problem) if not problem.endswith('……') else problem + '。'}")
    return said


def task_table(tasks: list[TaskView], width: float) -> Flowable:
    header = ["编号", "改革任务", "牵头单位", "配合单位", "完成时限", "进度", "预警"]
    widths = fit_columns(header, [6, 36, 15, 15, 11, 7, 10], width)
    names = {d for t in tasks for d in (*t.lead_depts, *t.co_depts)}
    rows = [[t.code, f"{t.title}：{t.content}" if t.content else t.title, lead_of(t) or "—",
             co_of(t) or "—", deadline_label(t.deadline, t.deadline_text), f"{t.percent}%",
             light_cell(light_of(t))] for t in tasks]
    return table(header, rows, widths, tints=[(r, 6, light_of(t)) for r, t in enumerate(tasks)], keep=names)


def _task_line(number: int, task: TaskView) -> str:
    lead = lead_of(task) or "未明确牵头单位"
    return (f"{number}. {task_name(task.title, task.content)}（编号{task.code}，牵头单位：{lead}，完成时限："
            f"{deadline_label(task.deadline, task.deadline_text)}，目前进度{task.percent}%）。")


def _names(rows: list[Tally], count: Callable[[Tally], str], limit: int = 12) -> str:
    """Units with their figures, "等" closing the list: "甲（…）、乙（…）等2个单位"; one unit alone."""
    named = "、".join(f"{r.name}（{count(r)}）" for r in rows[:limit])
    return named if len(rows) == 1 else f"{named}等{len(rows)}个单位"


def _lag_count(r: Tally, red_label: str) -> str:
    return "、".join(f"{label}{n}项" for n, label in ((r.red, red_label), (r.yellow, "进度预警")) if n)


def story(snapshot: Snapshot, options: ReportOptions, number: str, signed: date,
          indicators: list | None = None, closure: closure_doc.ClosureFacts | None = None) -> list[Flowable]:
    st = styles()
    width = frame_size("text")[0]
    values = snapshot.values
    plan = plan_name(snapshot.plans)
    closing_year = is_year_end(snapshot, options)
    snapshot, red_label = year_end(snapshot, options)
    total = tally("合计", snapshot.tasks)
    depts = by_lead_department(snapshot)
    red = [t for t in snapshot.tasks if category(t) == "red"]
    yellow = [t for t in snapshot.tasks if category(t) == "yellow"]
    lagging = lagging_two_quarters(snapshot)
    done = [t for t in snapshot.tasks if category(t) == "done"]
    closure = closure or closure_doc.ClosureFacts()
    closed_now = {c.task_id for c in closure.closed}
    earlier = [t for t in done if t.id not in closed_now]  # 销号 before this quarter, or set done directly
    feedback, _rule = feedback_deadline(options.year, options.quarter or 4, int(values["doc.feedback_day"]), signed)
    flow: list[Flowable] = [
        *banner(values["doc.banner"] or snapshot.org, number, width),
        title(f"关于{options.period}改革任务推进情况的通报"),
        para(f"{values['doc.recipients']}：", st.plain),
        para(f"为推动{plan}各项改革任务落地见效，{snapshot.org}对{options.period}改革任务推进情况进行了督查。"
             "现将有关情况通报如下。", st.body),
        *heading("一、总体情况", st.h1),
        para(summary_sentence(snapshot, total, plan, red_label) + closure_doc.sentence(closure, "本季度"), st.body),
    ]
    areas = by_area(snapshot)
    if len(areas) > 1:
        flow.append(para(_areas_sentence(areas, red_label) + "各领域和各牵头单位推进情况见附件1。", st.body))
    attachments = ["各领域、各牵头单位推进情况统计表", f"{red_label}和进度预警任务清单"]
    if done or closure.closed or closure.waiting:
        attachments.append("已完成任务（销号）清单")
    if indicators:
        attachments.append("主要指标完成情况表")
        flow.append(para(f"{indicator_table.sentence(indicators)}详见附件{len(attachments)}。", st.body))
    flow += heading("二、进展较好的单位", st.h1)
    # Praise is for units that have finished something and have nothing lagging.
    good = [r for r in doing_well(depts) if r.done]
    if good:
        flow.append(para(f"{_names(good, lambda r: f'牵头{r.total}项，已完成{r.done}项')}牵头的任务已完成或按序时推进，"
                         "无逾期和进度预警任务，予以通报表扬。", st.body))
    else:
        flow.append(para("本期尚无可予通报表扬的单位（牵头任务已有完成，且无逾期和进度预警任务）。", st.body))
    flow += heading("三、存在的问题", st.h1)
    sub = iter(CN_NUMBERS)
    if red_label == DUE:
        red_heading = (f"（{next(sub)}）{DUE}的任务。截至{cn_date(snapshot.as_of)}，共有{len(red)}项任务"
                       "已到完成时限仍未完成，具体如下：")
    else:
        red_heading = (f"（{next(sub)}）{OVERDUE}的任务。截至{cn_date(snapshot.as_of)}，共有{len(red)}项任务"
                       "超过完成时限仍未完成，具体如下：")
    if red:
        flow += heading(red_heading, st.h2)
        flow += [para(_task_line(i + 1, t), st.body) for i, t in enumerate(red[:20])]
        if len(red) > 20:
            flow.append(para(f"其余{len(red) - 20}项见附件2。", st.body))
    else:
        flow += heading(f"（{next(sub)}）{OVERDUE}的任务。本期无{OVERDUE}任务。", st.h2)
    behind = sorted((r for r in depts if r.red or r.yellow), key=lambda r: (-r.red, -r.yellow, r.name))
    flow += heading(f"（{next(sub)}）进展滞后的单位。", st.h2)
    if behind:
        kinds = f"{red_label}或进度预警" if red and yellow else (red_label if red else "进度预警")
        flow.append(para(f"{_names(behind, lambda r: _lag_count(r, red_label), 20)}牵头的任务存在{kinds}情况，"
                         "请相关单位引起重视、加快推进。", st.body))
    else:
        flow.append(para("本期无进展滞后的单位。", st.body))
    if lagging:
        flow += heading(f"（{next(sub)}）连续两个季度进展滞后的任务。", st.h2)
        named = [f"{task_name(t.title, t.content)}（{'、'.join(t.lead_depts) or '未明确牵头单位'}）" for t in lagging]
        flow.append(para(f"共{len(lagging)}项：" + "；".join(named) + "。", st.body))
    said = reported_problems(snapshot, options.year, options.quarter)
    if said:
        flow += heading(f"（{next(sub)}）各单位反映的主要问题。", st.h2)
        flow += [para(f"{i + 1}. {p}", st.body) for i, p in enumerate(said[:PROBLEMS_LISTED])]
        if len(said) > PROBLEMS_LISTED:
            flow.append(para(f"另有{len(said) - PROBLEMS_LISTED}项任务反映了问题，详见台账。", st.body))
    unchanged = [t for t in snapshot.tasks if stalled(snapshot, t)]
    if unchanged:
        # The formalism guard: the same percent reported twice and no problem named.
        flow += heading(f"（{next(sub)}）进展无变化的任务。", st.h2)
        named = [f"{task_name(t.title, t.content)}（{'、'.join(t.lead_depts) or '未明确牵头单位'}，"
                 f"{stalled(snapshot, t)[1].percent}%）" for t in unchanged]
        flow.append(para(f"以下{len(unchanged)}项任务状态为“推进中”，但连续两个季度报送的完成进度相同，且未反映存在问题："
                         + "；".join(named) + "。请相关单位如实报送推进情况和存在问题。", st.body))
    criticised = criticism_section(snapshot, options, "四")
    flow += criticised
    flow += heading(f"{'五' if criticised else '四'}、下步要求", st.h1)
    steps = [s.strip() for s in values["doc.next_steps"].splitlines() if s.strip()]
    if closing_year:
        steps = _year_end_steps(steps)
    if red or yellow:
        owners = list(dict.fromkeys(d for t in red + yellow for d in t.lead_depts))
        which = f"{red_label}任务" if not yellow else \
            (f"{red_label}和进度预警任务" if red else "进度预警任务")
        if owners:
            steps.append(f"请{units(owners)}于{cn_date(feedback)}前，将{which}的原因分析、整改措施及完成时间"
                         f"书面报送{snapshot.org}。")
    flow += [para(f"（{CN_NUMBERS[i]}）{step}", st.body) for i, step in enumerate(steps[:10])]
    # 附件说明: one blank line under the text, two characters in; later items aligned under the first.
    flow.append(para("", st.body))
    hang = st.body.indent + measure(st.body, "附件：")
    flow += [para(f"{'附件：' if i == 0 else ''}{i + 1}. {a}", st.body if i == 0 else st.body.but(indent=hang))
             for i, a in enumerate(attachments)]
    flow.append(Signature(snapshot.org, cn_date(signed), st.body))
    for index, name in enumerate(attachments, start=1):
        flow += [PageBreak(), para(f"附件{index}", st.h1.but(indent=0.0, align="left")),
                 title(name, st.title.but(space_before=0.0, size=18, leading=28))]
        if index == 1:
            flow += [tally_table("改革领域", [*areas, total], width, red_label), para("", st.plain),
                     tally_table("牵头单位", [*depts, tally("合计", snapshot.tasks)], width, red_label)]
            if total.cancelled:
                flow.append(para(f"注：已取消任务{total.cancelled}项，不计入任务数和完成率。", st.cell))
            if total.carried:
                flow.append(para(f"注：已结转下一年度的任务{total.carried}项，不计入任务数和完成率。", st.cell))
        elif index == 2:
            flow.append(task_table(red + yellow, width) if red or yellow else para("无。", st.plain))
        elif name == "主要指标完成情况表":
            flow.append(indicator_table.indicator_table(indicators, width))
        else:
            flow += _closed_annex(snapshot, closure, earlier, width)
    flow.append(imprint(values["doc.copies_to"], snapshot.org, cn_date(signed), width))
    return flow


def criticism_section(snapshot: Snapshot, options: ReportOptions, number: str) -> list[Flowable]:
    """通报批评, a section of its own: the units and tasks criticised in the quarter (dated in it by the
    as-of date). Only what a bulletin names costs points in the annual assessment
    (ledger_app/assessment/publication.py), so every criticism of the quarter is named here; none, no section."""
    tasks = {t.id: t for t in snapshot.tasks}
    actions = [a for a in named_in_bulletin(snapshot.supervision, options.year, options.quarter or 4, snapshot.as_of)
               if a.task_id in tasks]
    if not actions:
        return []
    st = styles()
    units = list(dict.fromkeys(d for a in actions for d in tasks[a.task_id].lead_depts))
    who = "、".join(units) if units else "有关单位"
    flow = [*heading(f"{number}、通报批评", st.h1),
            para(f"{options.period}，对{who}牵头的{len(actions)}项任务予以通报批评：", st.body)]
    for index, action in enumerate(actions, start=1):
        task = tasks[action.task_id]
        why = action.content.strip().rstrip("。；;，,") if action.content else ""
        flow.append(para(f"{index}. {lead_of(task) or '未明确牵头单位'}：{task_name(task.title, task.content)}"
                         f"（编号{task.code}，{action.action_date.month}月{action.action_date.day}日）"
                         + (f"，{why}" if why else "") + "。", st.body))
    flow.append(para(f"请被通报批评的单位认真查找原因，限期整改到位，并将整改情况书面报送{snapshot.org}。", st.body))
    return flow


def _areas_sentence(areas: list[Tally], red_label: str) -> str:
    """分领域看: the area with the best rate if any task is done, the one with the most overdue if
    any is; an area named by its words, without the outline's ordinal."""
    best = max(areas, key=lambda a: (rate_of(a), -a.red))
    worst = max(areas, key=lambda a: (a.red, -rate_of(a)))
    if best.done and worst.red and best is worst:
        return (f"分领域看，“{area_name(best.name)}”领域完成率最高（{pct(rate_of(best))}），"
                f"{red_label}任务也最多（{worst.red}项）。")
    said = [f"“{area_name(best.name)}”领域完成率最高（{pct(rate_of(best))}）" if best.done
            else "各领域均尚无已完成任务"]
    said.append(f"“{area_name(worst.name)}”领域{red_label}任务最多（{worst.red}项）" if worst.red
                else f"各领域均无{red_label}任务")
    return "分领域看，" + "；".join(said) + "。"


def _year_end_steps(steps: list[str]) -> list[str]:
    """The year is over: no clause asks units to 倒排时间节点 for it; what is left undone goes into
    next year's ledger instead."""
    kept = []
    for step in steps:
        clauses = [c for c in step.rstrip("。").split("；") if "倒排" not in c]
        if clauses:
            kept.append("；".join(clauses) + "。")
    return [*kept, "对年度未完成的任务，牵头单位要逐项说明原因、明确完成时限，纳入下一年度工作台账继续推进。"]


def _closed_annex(snapshot: Snapshot, closure: closure_doc.ClosureFacts, earlier: list[TaskView],
                  width: float) -> list[Flowable]:
    """The tasks closed by 销号 this quarter; apart, those claimed and waiting for the review; then
    those done before (销号 earlier, or set done by the office without a claim)."""
    st = styles()
    tasks = {t.id: t for t in snapshot.tasks}
    parts: list[Flowable] = [para(f"一、本季度办结销号的任务（{len(closure.closed)}项）", st.h1.but(indent=0.0))]
    parts.append(closure_doc.claims_table(closure.closed, tasks, closure.evidence, width, decided=True)
                 if closure.closed else para("无。", st.plain))
    parts += [para(f"二、已申请销号、待复核的任务（{len(closure.waiting)}项）", st.h1.but(indent=0.0)),
              closure_doc.claims_table(closure.waiting, tasks, closure.evidence, width, decided=False)
              if closure.waiting else para("无。", st.plain)]
    if earlier:
        parts += [para(f"三、此前已完成的任务（{len(earlier)}项）", st.h1.but(indent=0.0)), task_table(earlier, width)]
    return parts
