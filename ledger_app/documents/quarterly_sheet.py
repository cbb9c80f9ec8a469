"""季度督办单: one numbered sheet per lead department with open tasks, handed out to be filled in
by hand, signed, stamped and returned by the feedback deadline."""

from __future__ import annotations

import re
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from ledger_app.dates.quarters import previous_quarter
from ledger_app.documents import corrections
from ledger_app.documents.layout import RED, fit_columns, office_mark, para, styles, table
from ledger_app.documents.options import Progress, ReportOptions
from ledger_app.documents.page import Group, frame_size
from ledger_app.documents.text import Rule, measure
from ledger_app.documents.words import cn_date, co_of, deadline_label, feedback_deadline, summarised
from ledger_app.periods.snapshot import Snapshot
from ledger_app.periods.tally import category
from ledger_app.store.models import Status
from ledger_app.tasks.queries import TaskView

HEADER = ["编号", "督办事项", "配合单位", "责任领导", "完成时限", "本季度\n节点目标", "上季度进展",
          "本季度进展情况\n（承办单位填写）", "存在问题\n（承办单位填写）", "下步打算\n（承办单位填写）"]
SHARES = [4, 20, 9, 6, 11, 10, 11, 11, 9, 9]  # 完成时限 holds "2017年12月31日" on one line
WRITE_IN = 25 * mm  # the least height of a row: room to write the three 承办单位 cells by hand
PREVIOUS_LIMIT = 200  # characters of last quarter's progress a sheet quotes; the ledger keeps the rest


def open_tasks(snapshot: Snapshot, dept: str) -> list[TaskView]:
    """The tasks a department's sheet lists: those it leads that are neither done nor cancelled
    (nor carried over into next year's plan)."""
    return [t for t in snapshot.of_dept(dept) if t.status not in (Status.DONE, Status.CANCELLED, Status.CARRIED)]


def previous_progress(snapshot: Snapshot, task: TaskView, year: int, quarter: int) -> str:
    y, q = previous_quarter(year, quarter)
    report = next((r for r in snapshot.progress.get(task.id, []) if (r.year, r.quarter) == (y, q)), None)
    if report is None:
        return "未报送"
    if not report.done.strip():
        return f"完成{report.percent}%"
    said = f"{report.done.strip()}（{report.percent}%）"
    if len(said) <= PREVIOUS_LIMIT:
        return said
    # A long report would make one task a sheet of many pages: summarised, the ledger has it whole.
    percent = f"（{report.percent}%）"
    return summarised(report.done, PREVIOUS_LIMIT - len(percent), "……详见台账") + percent


def time_limit(task: TaskView, as_of: date) -> str:
    """完成时限 as the sheet writes it: an overdue task says so and since when, a deferred one that
    it is deferred (暂缓) — the unit reads its standing before it writes."""
    label = deadline_label(task.deadline, task.deadline_text)
    if category(task) == "paused":
        return f"{label}\n（已暂缓）"
    if task.deadline is not None and task.deadline < as_of:
        since = task.deadline + timedelta(days=1)
        day = f"{since.month}月{since.day}日" if since.year == task.deadline.year else cn_date(since)
        return f"{label}\n已逾期{(as_of - task.deadline).days}天\n（{day}起）"
    return label


def returned_note(tasks: list[TaskView], closure: object) -> str:
    """What the sheet tells a unit of its claims sent back (退回) and not yet answered by a new claim."""
    standing = getattr(closure, "standing", {}) or {}
    said = []
    for task in tasks:
        claim = standing.get(task.id)
        if claim is not None:
            missing = f"，缺少：{claim.missing}" if claim.missing else ""
            said.append(f"编号{task.code}（{cn_date(claim.decided_on)}退回：{claim.opinion}{missing}）")
    if not said:
        return ""
    return ("退回的销号申请：" + "；".join(said) + "。请补齐佐证材料后，在填报表的“申请销号”页重新申请。")


def story(snapshot: Snapshot, options: ReportOptions, numbers: dict[str, str], signed: date,
          progress: Progress | None = None, closure: object = None) -> list[Flowable]:
    st = styles()
    width = frame_size("form")[0]
    values = snapshot.values
    mark = values["doc.banner"] or snapshot.org
    quarter = options.quarter or 4
    feedback, rule = feedback_deadline(options.year, quarter, int(values["doc.feedback_day"]), signed)
    widths = fit_columns(HEADER, SHARES, width)
    names = sorted({d for t in snapshot.tasks for d in (*t.lead_depts, *t.co_depts)} | {t.leader for t in snapshot.tasks
                                                                                      if t.leader})
    flow: list[Flowable] = []
    for index, dept in enumerate(numbers):
        tasks = open_tasks(snapshot, dept)
        number = numbers[dept]
        if index:
            flow.append(PageBreak())
        head = [office_mark(mark, width, 26), Rule(RED, 1.2, space_before=2 * mm, space_after=3 * mm),
                para(f"{options.period}改革任务督办单", st.form_title),
                _meta([f"督办编号：{number}", f"承办（牵头）单位：{dept}", f"督办日期：{cn_date(signed)}",
                       f"反馈时限：{cn_date(feedback)}前"], width),
                Spacer(1, 2 * mm)]
        flow += [Group(dept, f"承办单位：{dept}　督办编号：{number}"), *head]
        rows = []
        waiting = {c.task_id for c in getattr(closure, "waiting", [])}
        for task in tasks:
            matter = f"{task.title}：{task.content}" if task.content else task.title
            if task.id in waiting:
                matter += "〔已申请销号，待复核〕"
            rows.append([task.code, matter, co_of(task) or "—", task.leader or "—", time_limit(task, snapshot.as_of),
                         task.milestones[quarter - 1] or "—",
                         previous_progress(snapshot, task, options.year, quarter), "", "", ""])
        # A row is cut to the room under the sheet's head, so the first page always holds a row
        # (a row taller than that room would leave page 1 blank and start the sheet on page 2).
        under_head = frame_size("form")[1] - sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                                                 for f in head)
        dates = {d for row in rows for d in re.findall(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}年第.季度", row[4])}
        flow.append(table(HEADER, rows, widths, st, min_height=WRITE_IN, keep=[*names, *sorted(dates)],
                          page_height=under_head))
        tail: list[Flowable] = [Spacer(1, 3 * mm), para(f"督办要求：{values['doc.sheet_requirement']}", st.form_text)]
        if note := returned_note(tasks, closure):
            tail.append(para(note, st.form_text))
        tail.append(para(f"反馈时限：请于{cn_date(feedback)}前（{rule}）将本督办单填写完整，"
                         f"报送{snapshot.org}。", st.form_text))
        tail += corrections.note(snapshot, st.form_text, {t.id for t in tasks})
        # The signatures never stand alone on a page: they go with the requirement and the deadline.
        flow += [KeepTogether([*tail, Spacer(1, 4 * mm), _signatures(width)])]
        if progress is not None:
            progress(index + 1, len(numbers))
    return flow


def _meta(cells: list[str], width: float) -> Table:
    """督办编号, 承办单位, 督办日期, 反馈时限 on one line, each as wide as its words; on two lines
    (two to a line) when a long unit name would not let them fit."""
    st = styles()
    need = [measure(st.meta, c) + 8 for c in cells]
    if sum(need) <= width:
        rows, widths = [[para(c, st.meta) for c in cells]], [n + (width - sum(need)) / len(need) for n in need]
    else:
        rows = [[para(cells[0], st.meta), para(cells[1], st.meta)], [para(cells[2], st.meta), para(cells[3], st.meta)]]
        first = max(need[0], need[2])
        widths = [first, width - first]
    t = Table(rows, colWidths=widths)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.meta.font),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _signatures(width: float) -> Table:
    st = styles()
    blank = "　" * 8
    rows = [[para(f"签收人：{blank}", st.meta), para("签收日期：　　　年　　月　　日", st.meta),
             para(f"承办单位负责人签字：{blank}", st.meta), para("（承办单位盖章）", st.meta)]]
    t = Table(rows, colWidths=[width * s for s in (0.22, 0.26, 0.32, 0.20)])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.meta.font), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t

