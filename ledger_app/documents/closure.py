"""办结销号 in the documents: the 销号审批表 (one page per claim: the claim, its evidence listed by
name, type, pages or size and hash prefix, the review's opinion and the approval's signatures), and
the facts the other kinds print — the claims closed and returned in a period, those still waiting
at its end, the claims standing returned that a unit's 督办单 tells it of. Read from the ledger
(ledger_app/evidence/register.py), as recorded by a closed quarter's close for its reprints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle
from sqlalchemy import Engine, select

from ledger_app.dates.quarters import end_of_quarter, start_of_quarter
from ledger_app.documents.layout import fit_columns, para, styles, table
from ledger_app.documents.options import ReportOptions
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Text
from ledger_app.documents.words import cn_date, co_of, deadline_label, lead_of
from ledger_app.evidence.register import (
    CLOSED,
    RETURNED,
    ClaimView,
    EvidenceView,
    claims_of,
    decided_between,
    evidence_by_task,
    returned_on,
    waiting_on,
    year_counts,
)
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.schema import quarter_close
from ledger_app.tasks.queries import TaskView

NO_CLAIM = "任务 {code} 没有申请销号，无审批表可打印"
NO_CLAIMS = "{period}没有申请销号或销号的任务，无审批表可打印"
EN.update({NO_CLAIM: "task {code} has not been claimed finished; there is no approval form to print",
           NO_CLAIMS: "no task was claimed finished or closed in {period}; there is no approval form to print"})
EVIDENCE_HEADER = ["序号", "文件名", "类型", "页数/大小", "校验值（SHA-256 前 12 位）"]


@dataclass
class ClosureFacts:
    """What documents print of 办结销号 for a period (``start``…``end``)."""

    closed: list[ClaimView] = field(default_factory=list)  # 销号 dated in the period
    returned: list[ClaimView] = field(default_factory=list)  # 退回 dated in the period
    waiting: list[ClaimView] = field(default_factory=list)  # claimed by its end, not decided by then
    standing: dict[int, ClaimView] = field(default_factory=dict)  # task → its claim standing returned at the end
    year: dict[str, int] = field(default_factory=dict)  # the year's 销号, 退回 and those waiting at its end
    evidence: dict[int, list[EvidenceView]] = field(default_factory=dict)  # task → its evidence


def _recorded_before(engine: Engine, snap: Snapshot) -> datetime | None:
    """A closed quarter's reprint shows the decisions entered before it was closed (a later one is a 更正)."""
    if snap.closed is None:
        return None
    with engine.connect() as conn:
        return conn.execute(select(quarter_close.c.closed_at).where(quarter_close.c.year == snap.closed[0],
                                                                    quarter_close.c.quarter == snap.closed[1])).scalar()


def read_facts(engine: Engine, snap: Snapshot, start: date, end: date, year: int | None = None) -> ClosureFacts:
    ids = {t.id for t in snap.tasks}
    before = _recorded_before(engine, snap)
    facts = ClosureFacts(
        closed=[c for c in decided_between(engine, CLOSED, start, end, recorded_before=before) if c.task_id in ids],
        returned=[c for c in decided_between(engine, RETURNED, start, end, recorded_before=before) if c.task_id in ids],
        waiting=[c for c in waiting_on(engine, end, recorded_before=before) if c.task_id in ids],
        standing={k: v for k, v in returned_on(engine, end).items() if k in ids},
    )
    if year is not None:
        facts.year = year_counts(engine, year)
    facts.evidence = evidence_by_task(engine, sorted({c.task_id for c in facts.closed + facts.waiting}))
    return facts


def period_of(options: ReportOptions) -> tuple[date, date]:
    if options.quarter:
        return start_of_quarter(options.year, options.quarter), end_of_quarter(options.year, options.quarter)
    return date(options.year, 1, 1), date(options.year, 12, 31)


def chosen_claims(engine: Engine, snap: Snapshot, options: ReportOptions, task: TaskView | None) -> list[ClaimView]:
    """The claims whose 审批表 is printed: a task's latest, or every claim of the period made or decided."""
    if task is not None:
        found = claims_of(engine, task.id)
        if not found:
            raise LedgerError(NO_CLAIM, code=task.code)
        return found[-1:]
    start, end = period_of(options)
    ids = {t.id for t in snap.tasks}
    found: dict[int, ClaimView] = {}
    for view in snap.tasks:
        for claim in claims_of(engine, view.id):
            made = start <= claim.claimed_on <= end
            decided = claim.decided_on is not None and start <= claim.decided_on <= end
            if claim.task_id in ids and (made or decided):
                found[claim.id] = claim
    if not found:
        raise LedgerError(NO_CLAIMS, period=options.period)
    return sorted(found.values(), key=lambda c: (c.claimed_on, c.id))


def _evidence_table(files: list[EvidenceView], width: float) -> Flowable:
    st = styles()
    if not files:
        return para("（无）", st.cell)
    rows = [[str(n), f.name, f.kind_label, f"{f.pages} 页" if f.pages else f.size_label, f.sha256[:12]]
            for n, f in enumerate(files, start=1)]
    return table(EVIDENCE_HEADER, rows, fit_columns(EVIDENCE_HEADER, [5, 36, 16, 12, 20], width),
                 keep=[f.name for f in files])


def _decision(claim: ClaimView) -> str:
    if claim.outcome == CLOSED and claim.decided_on:
        return f"同意销号。{cn_date(claim.decided_on)}起任务记为已完成（经办：{claim.decided_by or '—'}）。"
    if claim.outcome == RETURNED and claim.decided_on:
        missing = f"缺少：{claim.missing}。" if claim.missing else ""
        return f"退回（{cn_date(claim.decided_on)}）：{claim.opinion}。{missing}"
    return "□ 同意销号　　□ 退回（原因：　　　　　　　　　　　　）"


def approval_story(snap: Snapshot, claims: list[ClaimView], evidence: dict[int, list[EvidenceView]]) -> list[Flowable]:
    st = styles()
    width = frame_size("text")[0]
    label_width = width * 0.17
    tasks = {t.id: t for t in snap.tasks}
    flow: list[Flowable] = []
    for index, claim in enumerate(claims):
        task = tasks.get(claim.task_id)
        if task is None:
            continue
        if index:
            flow.append(PageBreak())
        files = evidence.get(task.id, [])
        mark = f"（{claim.mark}）" if claim.mark else ""
        if claim.mark == "更正":
            mark = f"（更正：{claim.reason}）"
        opinion = claim.opinion if claim.outcome == CLOSED else ""
        rows = [
            ("任务名称", f"{task.code}　{task.title}" + (f"：{task.content}" if task.content else "")),
            ("牵头单位", lead_of(task) or "—"),
            ("配合单位", co_of(task) or "—"),
            ("完成时限", deadline_label(task.deadline, task.deadline_text)),
            ("申报单位", claim.unit or lead_of(task) or "—"),
            ("申请日期", f"{cn_date(claim.claimed_on)}{mark}"),
            ("办结情况", claim.summary),
            ("佐证材料", _evidence_table(files, width - label_width - 8)),
            ("复核意见", f"{opinion}\n\n复核人：　　　　　　　　　　　年　　月　　日"),
            ("审批意见", f"{_decision(claim)}\n\n审批领导：　　　　　　　　　　年　　月　　日"),
        ]
        flow += [Spacer(1, 4 * mm), para("改革任务办结销号审批表", st.form_title),
                 para(f"单位：{snap.org}　　　　编号：{task.code}-{claim.id}", st.meta), Spacer(1, 2 * mm),
                 _form(rows, label_width, width)]
    return flow


def _form(rows: list[tuple[str, object]], label_width: float, width: float) -> Table:
    st = styles()
    data = [[Text(label, st.head), value if isinstance(value, Flowable) else Text(value, st.cell)]
            for label, value in rows]
    form = Table(data, colWidths=[label_width, width - label_width], splitByRow=1)
    form.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.cell.font),  # else reportlab sets Helvetica, which is not embedded
        ("GRID", (0, 0), (-1, -1), 0.6, "#000000"), ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
        ("VALIGN", (1, 0), (1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return form


def sentence(facts: ClosureFacts, period: str) -> str:
    """办结销号 in the 总体情况 of a bulletin or report ("" when nothing happened)."""
    if not (facts.closed or facts.waiting or facts.returned):
        return ""
    parts = [f"办结销号{len(facts.closed)}项"]
    if facts.returned:
        parts.append(f"退回{len(facts.returned)}项")
    if facts.waiting:
        parts.append(f"已申请销号、待复核{len(facts.waiting)}项")
    return f"{period}经复核佐证材料，{'，'.join(parts)}。"


def claims_table(claims: list[ClaimView], tasks: dict[int, TaskView], evidence: dict[int, list[EvidenceView]],
                 width: float, *, decided: bool) -> Flowable:
    """The tasks closed by 销号 (``decided``) or claimed and waiting, one row each."""
    header = ["编号", "改革任务", "牵头单位", "申请日期", "销号日期" if decided else "办结情况", "佐证材料"]
    rows, names = [], set()
    for claim in claims:
        task = tasks.get(claim.task_id)
        if task is None:
            continue
        names.update(task.lead_depts)
        last = cn_date(claim.decided_on) if decided and claim.decided_on else claim.summary
        rows.append([task.code, task.title, lead_of(task) or "—", cn_date(claim.claimed_on), last,
                     f"{len(evidence.get(task.id, []))}份"])
    shares = [6, 34, 15, 13, 13 if decided else 30, 8]
    return table(header, rows, fit_columns(header, shares, width), keep=names)
