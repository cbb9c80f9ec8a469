"""The next supervision step for each open task, proposed from its state and its history
(通报工作进度 → 通报批评、限期整改 → 问责, as the plans require), with the rule that fired:

- 临近提醒: due within ``escalate.remind_days``, not reminded in that window nor urged this quarter;
- 催办: overdue, or behind the time elapsed by more than ``warn.lag_points``, and no 催办 or
  stronger step this quarter;
- 通报批评: behind at each of the last ``escalate.lag_quarters`` quarter ends (by the percent
  reported), or still overdue ``escalate.urge_days`` days after a 催办 made once it was overdue;
- 限期整改: criticised (通报批评), and at the end of that quarter still behind — and still overdue
  or behind now (the notice is refused otherwise);
- 问责: a 限期整改 whose 整改期限 has passed without being closed (整改完成).

One proposal per task, the strongest that applies and has not been dismissed for this quarter.
A task reported 推进中 with the same percent two quarters running and no problem stated is
flagged 进展无变化 (the formalism guard): on its proposal, or as a proposal of its own.

This module only reads and proposes. Accepting a proposal (the step recorded, or the 限期整改通知书
issued and held until it is printed or saved) and dismissing it with a reason are the operations
``accept_proposal`` and ``dismiss_proposal`` (ledger_app/operations/proposals.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.dates.quarters import end_of_quarter, quarter_ends, quarter_of
from ledger_app.messages.i18n import EN
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.models import (
    ProgressReport,
    ProposalDismissal,
    Status,
    SupervisionAction,
    SupervisionKind,
)
from ledger_app.tasks.lights import expected_percent
from ledger_app.tasks.queries import TaskView
from ledger_app.tasks.stats import behind_at

REMIND, URGE, CRITICISE, RECTIFY, ACCOUNT, STALLED = "remind", "urge", "criticise", "rectify", "account", "stalled"
STEPS = (ACCOUNT, RECTIFY, CRITICISE, URGE, REMIND, STALLED)  # strongest first
LABELS = {REMIND: "临近提醒", URGE: "催办", CRITICISE: "通报批评", RECTIFY: "限期整改", ACCOUNT: "问责",
          STALLED: "进展无变化"}
# What accepting records (限期整改 is recorded by issuing the notice)
KIND_OF = {REMIND: SupervisionKind.REMINDER, URGE: SupervisionKind.URGE, CRITICISE: SupervisionKind.CRITICISM,
           RECTIFY: SupervisionKind.RECTIFY, ACCOUNT: SupervisionKind.ACCOUNTABILITY, STALLED: SupervisionKind.URGE}
_PRESSING = {SupervisionKind.URGE, SupervisionKind.CRITICISM, SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}

EN.update({
    "请填写不采纳的理由": "give the reason for dismissing the proposal",
    "本季度已不采纳过该建议": "this proposal was already dismissed this quarter",
    "该建议已不存在（任务情况或督办记录已变化），请刷新": "the proposal no longer applies (the task or its "
                                                        "supervision changed); refresh",
})


@dataclass(frozen=True)
class Rules:
    """The thresholds, from the ledger's settings."""

    lag_points: int = 20
    remind_days: int = 15
    lag_quarters: int = 2
    urge_days: int = 15
    rectify_days: int = 30

    @staticmethod
    def from_settings(values: dict[str, str]) -> Rules:
        return Rules(int(values["warn.lag_points"]), int(values["escalate.remind_days"]),
                     int(values["escalate.lag_quarters"]), int(values["escalate.urge_days"]),
                     int(values["escalate.rectify_days"]))


@dataclass(frozen=True)
class Proposal:
    task_id: int
    code: str
    plan: str
    title: str
    lead: str
    step: str
    rule: str  # the rule that fired, with its thresholds
    facts: str  # this task's figures
    year: int  # the quarter the proposal belongs to (dismissals hold for it)
    quarter: int
    stalled: bool = False  # 进展无变化 as well

    @property
    def label(self) -> str:
        return LABELS[self.step]

    @property
    def key(self) -> tuple[int, str, int, int]:
        return (self.task_id, self.step, self.year, self.quarter)

    def to_json(self) -> dict[str, object]:
        return {"task": self.code, "plan": self.plan, "title": self.title, "lead": self.lead, "step": self.step,
                "label": self.label, "rule": self.rule, "facts": self.facts, "year": self.year,
                "quarter": self.quarter, "stalled": self.stalled}


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _q(year: int, quarter: int) -> str:
    return f"{year}年第{'一二三四'[quarter - 1]}季度"


def stalled(snap: Snapshot, task: TaskView) -> tuple[ProgressReport, ProgressReport] | None:
    """进展无变化: 推进中, and the reports of the last two quarters ended say the same percent and
    name no problem. Returns those two reports."""
    if task.status != Status.IN_PROGRESS:
        return None
    reports = {(r.year, r.quarter): r for r in snap.progress.get(task.id, [])}
    first, last = (quarter_of(end) for end in quarter_ends(snap.as_of, 2))
    older, newer = reports.get(first), reports.get(last)
    if older is None or newer is None or older.percent != newer.percent:
        return None
    if older.problems.strip() or newer.problems.strip():
        return None
    return older, newer


def _lead(task: TaskView) -> str:
    return "、".join([*task.lead_depts, *task.lead_groups])


def _candidates(snap: Snapshot, task: TaskView, actions: list[SupervisionAction], rules: Rules) -> dict[str, tuple]:
    """step → (rule, facts) for every step that applies to ``task``."""
    as_of, found = snap.as_of, {}
    year, quarter = quarter_of(as_of)
    quarter_start = date(year, quarter * 3 - 2, 1)
    deadline, start = task.deadline, task.start_date
    overdue = deadline is not None and deadline < as_of
    expected = expected_percent(start, deadline, as_of)
    behind_now = overdue or (expected is not None and expected - task.percent > rules.lag_points)

    def since(kinds: set[str], day: date) -> bool:
        return any(a.kind in kinds and a.action_date >= day for a in actions)

    for action in reversed(actions):
        if action.kind == SupervisionKind.RECTIFY and action.rectify_deadline and not action.closed:
            if action.rectify_deadline < as_of and not since({SupervisionKind.ACCOUNTABILITY}, action.action_date):
                found[ACCOUNT] = ("整改期限已过仍未整改完成的，列为问责候选",
                                  f"{_cn(action.action_date)}下发限期整改通知书{action.doc_no}，整改期限"
                                  f"{_cn(action.rectify_deadline)}，至今未整改完成")
            break
    criticised = [a for a in actions if a.kind == SupervisionKind.CRITICISM]
    if criticised and deadline is not None and behind_now:
        last = criticised[-1]
        end = end_of_quarter(*quarter_of(last.action_date))
        reported = snap.latest_percent(task.id, end)
        if end <= as_of and not since({SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}, last.action_date) \
                and behind_at(deadline, start, reported, end, rules.lag_points):
            found[RECTIFY] = ("通报批评后至下一季度末仍无改善的，限期整改",
                              f"{_cn(last.action_date)}通报批评，至{_cn(end)}仍滞后"
                              f"（报送进度{_reported(snap, task.id, end, reported)}）")
    if deadline is not None:
        ends = quarter_ends(as_of, rules.lag_quarters)
        percents = [snap.latest_percent(task.id, end) for end in ends]
        stronger = {SupervisionKind.CRITICISM, SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}
        if all(behind_at(deadline, start, p, end, rules.lag_points) for p, end in zip(percents, ends, strict=True)) \
                and not since(stronger, ends[0] + timedelta(days=1)):
            shown = "、".join(f"{_q(*quarter_of(end))}末{_reported(snap, task.id, end, p)}"
                              for p, end in zip(percents, ends, strict=True))
            found[CRITICISE] = (f"连续{rules.lag_quarters}个季度进展滞后的，列为通报批评候选", f"报送进度：{shown}")
        urged = [a for a in actions if a.kind == SupervisionKind.URGE and a.action_date >= deadline]
        if overdue and urged and CRITICISE not in found:
            last = urged[-1]
            if (as_of - last.action_date).days >= rules.urge_days and not since(stronger, last.action_date):
                found[CRITICISE] = (f"逾期催办后{rules.urge_days}天仍未完成的，列为通报批评候选",
                                    f"{_cn(last.action_date)}已催办，超过完成时限{(as_of - deadline).days}天仍未完成")
    if behind_now and not since(_PRESSING, quarter_start):
        if overdue:
            facts = f"已超过完成时限（{_cn(deadline)}）{(as_of - deadline).days}天，完成{task.percent}%"
            found[URGE] = ("逾期未完成的，催办", facts)
        else:
            gap = expected - task.percent
            facts = f"按时间进度应完成{expected:.0f}%，实际完成{task.percent}%，落后{gap:.0f}个百分点"
            found[URGE] = (f"落后于时间进度超过{rules.lag_points}个百分点的，催办", facts)
    if deadline is not None and 0 <= (deadline - as_of).days <= rules.remind_days \
            and not since({SupervisionKind.REMINDER}, as_of - timedelta(days=rules.remind_days)) \
            and not since(_PRESSING, quarter_start):
        found[REMIND] = (f"完成时限前{rules.remind_days}天内的，临近提醒",
                         f"{_cn(deadline)}到期，还有{(deadline - as_of).days}天，目前完成{task.percent}%")
    pair = stalled(snap, task)
    if pair is not None and not since(_PRESSING, quarter_start):
        older, newer = pair
        found[STALLED] = ("推进中但连续两个季度进度相同、未反映问题的，提示“进展无变化”",
                          f"{_q(older.year, older.quarter)}、{_q(newer.year, newer.quarter)}报送进度均为"
                          f"{newer.percent}%，未反映存在问题")
    return found


def _reported(snap: Snapshot, task_id: int, end: date, percent: int) -> str:
    """What the department reported for the quarter ending ``end``: "65%"; "未报送" when nobody
    did (it read "0%", as if the department had said so), with the percent carried from an
    earlier quarter's report if there is one."""
    year, quarter = quarter_of(end)
    if any(r.year == year and r.quarter == quarter for r in snap.progress.get(task_id, [])):
        return f"{percent}%"
    earlier = [r for r in snap.progress.get(task_id, []) if end_of_quarter(r.year, r.quarter) < end]
    return f"未报送（此前报送{earlier[-1].percent}%）" if earlier else "未报送"


def propose(snap: Snapshot, rules: Rules, dismissed: set[tuple[int, str, int, int]] = frozenset()) -> list[Proposal]:
    """The proposals for the open tasks of ``snap`` as of its date, strongest step first, then ledger order."""
    year, quarter = quarter_of(snap.as_of)
    by_task: dict[int, list[SupervisionAction]] = {}
    for action in snap.supervision:
        by_task.setdefault(action.task_id, []).append(action)
    proposals = []
    for task in snap.tasks:
        if task.status not in (Status.NOT_STARTED, Status.IN_PROGRESS):
            continue
        found = _candidates(snap, task, by_task.get(task.id, []), rules)
        step = next((s for s in STEPS if s in found and (task.id, s, year, quarter) not in dismissed), None)
        if step is None:
            continue
        rule, facts = found[step]
        proposals.append(Proposal(task.id, task.code, task.plan, task.title, _lead(task), step, rule, facts, year,
                                  quarter, stalled=STALLED in found))
    order = {step: i for i, step in enumerate(STEPS)}
    return sorted(proposals, key=lambda p: order[p.step])


def dismissed_keys(engine: Engine, year: int, quarter: int) -> set[tuple[int, str, int, int]]:
    with read_session(engine) as session:
        rows = session.execute(select(ProposalDismissal.task_id, ProposalDismissal.step).where(
            ProposalDismissal.year == year, ProposalDismissal.quarter == quarter)).all()
    return {(task_id, step, year, quarter) for task_id, step in rows}


def proposals(engine: Engine, as_of: date) -> list[Proposal]:
    """The proposals as of ``as_of`` (the ledger as it stood at the end of that day)."""

    snap = ledger_as_of(engine, as_of)
    return propose(snap, Rules.from_settings(snap.values), dismissed_keys(engine, *quarter_of(as_of)))


def dismissals(engine: Engine, task_id: int | None = None) -> list[ProposalDismissal]:
    stmt = select(ProposalDismissal).order_by(ProposalDismissal.dismissed_at)
    if task_id is not None:
        stmt = stmt.where(ProposalDismissal.task_id == task_id)
    with read_session(engine) as session:
        return list(session.execute(stmt).scalars())
