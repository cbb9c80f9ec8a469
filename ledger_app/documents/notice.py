"""限期整改通知书 for one lagging task: the concrete lag, what to do and by when, whom to call,
and a tear-off receipt (回执) to return."""

from __future__ import annotations

import re
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ledger_app.documents.layout import Signature, banner, heading, imprint, para, styles, title
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Rule
from ledger_app.documents.words import (
    cn_date,
    cn_period,
    deadline_label,
    lead_of,
    quoted,
    summarised,
    task_name,
    whole,
    without_ordinal,
)
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.models import SupervisionKind
from ledger_app.supervision.escalation import ACCOUNT, CRITICISE, LABELS
from ledger_app.tasks.lights import behind, expected_percent
from ledger_app.tasks.queries import TaskView
from ledger_app.tasks.stats import last_two_quarter_ends


def quarters_lagging(snapshot: Snapshot, task: TaskView) -> int:
    """How many of the quarter ends before the as-of date, counting back, found the task behind."""
    if task.deadline is None:
        return 0
    count, end = 0, last_two_quarter_ends(snapshot.as_of)[1]
    for _ in range(8):
        if not behind(task.deadline, task.start_date, snapshot.latest_percent(task.id, end), end,
                      snapshot.thresholds.lag_points):
            break
        count += 1
        end = last_two_quarter_ends(end - timedelta(days=1))[1]
    return count


REPORT_LIMIT = 200  # characters of the unit's report a notice quotes


def next_step(snapshot: Snapshot, task: TaskView) -> str:
    """What the notice says follows a failed rectification: the next rung of the ladder
    (ledger_app/supervision/escalation.py). A task already criticised (通报批评) goes to 问责;
    one that was not is criticised first."""
    criticised = any(a.task_id == task.id and a.kind == SupervisionKind.CRITICISM for a in snapshot.supervision)
    if criticised:
        return f"逾期未完成整改的，将按有关规定启动{LABELS[ACCOUNT]}程序。"
    return f"逾期未完成整改的，将予以{LABELS[CRITICISE]}；整改不力的，按有关规定{LABELS[ACCOUNT]}。"


def lag_facts(snapshot: Snapshot, task: TaskView) -> list[str]:
    """The lag in figures: the deadline, the percent against the time elapsed, the quarters behind,
    and what the department itself reported as its problems."""
    as_of = cn_date(snapshot.as_of)
    facts = []
    deadline = deadline_label(task.deadline, task.deadline_text)
    if task.deadline is not None and task.deadline < snapshot.as_of:
        late = (snapshot.as_of - task.deadline).days
        facts.append(f"该任务完成时限为{deadline}，截至{as_of}已超过完成时限{late}天，完成进度仅为{task.percent}%，"
                     f"任务状态为“{task.status}”。")
    else:
        expected = expected_percent(task.start_date, task.deadline, snapshot.as_of) or 0.0
        due = whole(expected)  # the gap is told from the figures printed, not from the unrounded share
        facts.append(f"该任务完成时限为{deadline}，截至{as_of}按时间进度应完成{due}%，实际完成进度为"
                     f"{task.percent}%，落后{due - task.percent}个百分点。")
    quarters = quarters_lagging(snapshot, task)
    if quarters >= 2:
        facts.append(f"该任务已连续{quarters}个季度进展滞后。")
    elif quarters == 1:
        facts.append("该任务上季度末已进展滞后。")
    reports = snapshot.progress.get(task.id, [])
    if reports:
        # The unit's own words, summarised: the notice names the lag, the ledger keeps the report.
        latest = reports[-1]
        done = summarised(latest.done.strip().rstrip("。"), REPORT_LIMIT) if latest.done.strip() else "（未填写）"
        said = f"你单位报送的{cn_period(latest.year, latest.quarter)}进展为：{quoted(done)}"
        problems = latest.problems.strip().rstrip("。；;，,、")
        said += f"，反映的问题为：{quoted(summarised(problems, REPORT_LIMIT))}。" if problems else "，未反映存在问题。"
        facts.append(said)
    else:
        facts.append("你单位至今未报送该任务的季度进展情况。")
    return facts


def story(snapshot: Snapshot, task: TaskView, number: str, rectify_by: date, signed: date) -> list[Flowable]:
    st = styles()
    width = frame_size("text")[0]
    values = snapshot.values
    lead = lead_of(task) or "有关单位"
    contact = values["contact.name"] or "________"
    phone = values["contact.phone"] or "____________"
    name = task_name(task.title, task.content)
    project = without_ordinal(task.title)
    named = quoted(name) + (f"（{project}，编号{task.code}）" if project and project != name
                            else f"（编号{task.code}）")
    flow: list[Flowable] = [
        *banner(values["doc.banner"] or snapshot.org, number, width),
        title("限期整改通知书"),
        para(f"{lead}：", st.plain),
        para(f"根据改革任务督查情况，你单位牵头的改革任务{named}推进滞后。"
             + "".join(lag_facts(snapshot, task)) + "现就整改有关事项通知如下：", st.body),
        *heading("一、整改要求", st.h1),
        para(f"请你单位高度重视，认真分析滞后原因，制定切实可行的整改措施，明确责任人和完成时间，确保任务按要求推进到位"
             f"{'；' + '、'.join(task.co_depts) + '等配合单位要积极配合' if task.co_depts else ''}。", st.body),
        *heading("二、整改期限", st.h1),
        para(f"请于{cn_date(rectify_by)}前完成整改，并将整改情况书面报送{snapshot.org}。"
             + next_step(snapshot, task), st.body),
        para(f"联系人：{contact}，联系电话：{phone}。", st.body),
        Signature(snapshot.org, cn_date(signed), st.body),
        Spacer(1, 1 * mm),
        # The receipt under the signature when it fits, else on a page of its own; the 版记 at
        # the foot of the last page.
        KeepTogether(_receipt(snapshot, task, number, rectify_by, width)),
        imprint(copies_to(snapshot, task), snapshot.org, cn_date(signed), width),
    ]
    return flow


def copies_to(snapshot: Snapshot, task: TaskView) -> str:
    """抄送: the offices the settings name, the task's 责任领导 and its 配合单位 (told to cooperate)."""
    named = [n.strip() for n in re.split(r"[，,、；;]", snapshot.values["doc.copies_to"]) if n.strip()]
    named += [task.leader.strip()] if task.leader and task.leader.strip() else []
    named += [*task.co_depts, *getattr(task, "co_groups", [])]
    return "，".join(dict.fromkeys(named))


def _receipt(snapshot: Snapshot, task: TaskView, number: str, rectify_by: date, width: float) -> list[Flowable]:
    """回执: the notice it answers, who received it, their telephone, the date, the measures to
    write by hand and a box for the seal — compact, so that it shares the last page."""
    st = styles()
    cut = st.small.but(align="center", color=colors.HexColor("#5f6368"))
    return [
        Rule(colors.black, 0.6, dash=(4, 3), space_after=2 * mm),  # the note below stays clear of the cut
        para("（沿此线剪下，填写后交回）", cut),
        para(f"回执（{number}，任务编号{task.code}）", st.title.but(size=16, leading=22, space_before=0,
                                                                  space_after=1 * mm)),
        _receipt_table(lead_of(task), width),
    ]


def _receipt_table(lead: str, width: float) -> Table:
    """单位, 签收人, 联系电话, 签收日期; 整改措施及完成时间 to write by hand beside a box for the seal."""
    st = styles()
    head, cell = st.head, st.cell
    rows = [[para("单位", head), para(lead, cell), para("签收人", head), ""],
            [para("联系电话", head), "", para("签收日期", head), para("　　年　　月　　日", st.cell_c)],
            [para("整改措施及完成时间", head), "", para("（单位盖章）", st.cell_c), ""]]
    t = Table(rows, colWidths=[width * s for s in (0.17, 0.38, 0.15, 0.30)],
              rowHeights=[9 * mm, 9 * mm, 26 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cell.font), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                           ("VALIGN", (0, 0), (-1, 1), "MIDDLE"), ("VALIGN", (0, 2), (1, 2), "MIDDLE"),
                           ("SPAN", (2, 2), (3, 2)), ("VALIGN", (2, 2), (3, 2), "BOTTOM"),
                           ("BOTTOMPADDING", (2, 2), (3, 2), 6), ("LEFTPADDING", (0, 0), (-1, -1), 4)]))
    return t
