"""限期整改通知书 for one lagging task: the concrete lag, what to do and by when, whom to call,
and a tear-off receipt (回执) to return."""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ledger_app.documents.layout import Signature, banner, heading, para, styles, table, title
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Rule
from ledger_app.documents.words import cn_date, cn_period, deadline_label, lead_of, task_name
from ledger_app.periods.snapshot import Snapshot
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
        facts.append(f"该任务完成时限为{deadline}，截至{as_of}按时间进度应完成{expected:.0f}%，实际完成进度为"
                     f"{task.percent}%，落后{expected - task.percent:.0f}个百分点。")
    quarters = quarters_lagging(snapshot, task)
    if quarters >= 2:
        facts.append(f"该任务已连续{quarters}个季度进展滞后。")
    elif quarters == 1:
        facts.append("该任务上季度末已进展滞后。")
    reports = snapshot.progress.get(task.id, [])
    if reports:
        latest = reports[-1]
        said = f"你单位报送的{cn_period(latest.year, latest.quarter)}进展为：“{latest.done or '（未填写）'}”"
        said += f"，反映的问题为：“{latest.problems}”。" if latest.problems else "，未反映存在问题。"
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
    flow: list[Flowable] = [
        *banner(values["doc.banner"] or snapshot.org, number, width),
        title("限期整改通知书"),
        para(f"{lead}：", st.plain),
        para(f"根据改革任务督查情况，你单位牵头的改革任务“{task_name(task.title, task.content)}”"
             f"（{task.title}，编号{task.code}）推进滞后。"
             + "".join(lag_facts(snapshot, task)), st.body),
        para("现就整改有关事项通知如下：", st.body),
        *heading("一、整改要求", st.h1),
        para(f"请你单位高度重视，认真分析滞后原因，制定切实可行的整改措施，明确责任人和完成时间，确保任务按要求推进到位"
             f"{'；' + '、'.join(task.co_depts) + '等配合单位要积极配合' if task.co_depts else ''}。", st.body),
        *heading("二、整改期限", st.h1),
        para(f"请于{cn_date(rectify_by)}前完成整改，并将整改情况书面报送{snapshot.org}。"
             "逾期未完成整改的，将予以通报批评；整改不力的，按有关规定追究责任。", st.body),
        *heading("三、联系方式", st.h1),
        para(f"联系人：{contact}，联系电话：{phone}。", st.body),
        Signature(snapshot.org, cn_date(signed), st.body),
        Spacer(1, 6 * mm),
        KeepTogether(_receipt(snapshot, task, number, rectify_by, width)),
    ]
    return flow


def _receipt(snapshot: Snapshot, task: TaskView, number: str, rectify_by: date, width: float) -> list[Flowable]:
    st = styles()
    cut = st.cell.but(align="center", color=colors.HexColor("#5f6368"))
    return [
        Rule(colors.black, 0.6, dash=(4, 3)),
        para("（沿此线剪下，填写后交回）", cut),
        para("回　执", st.title.but(size=18, leading=26, space_before=2 * mm, space_after=2 * mm)),
        para(f"{snapshot.org}：", st.plain.but(size=14, leading=22, char_space=0.0)),
        para(f"我单位已收到限期整改通知书（{number}），将于{cn_date(rectify_by)}前完成"
             f"“{task_name(task.title, task.content)}”（编号{task.code}）的整改。",
             st.body.but(size=14, leading=22, char_space=0.0, indent=28)),
        Spacer(1, 2 * mm),
        table(["单位", "签收人", "签收日期", "整改措施及完成时间"],
              [[lead_of(task) or "", "", "　　年　月　日", ""]],
              [width * 0.22, width * 0.14, width * 0.2, width * 0.44], min_height=22 * mm),
    ]
