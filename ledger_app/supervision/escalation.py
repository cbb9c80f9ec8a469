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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.dates.quarters import cn_date, end_of_quarter, quarter_ends, quarter_name, quarter_of
from ledger_app.messages.i18n import EN, Message, t
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.models import (
    ProgressReport,
    ProposalDismissal,
    Status,
    SupervisionAction,
    SupervisionKind,
)
from ledger_app.tasks.lights import WATCHED, behind, expected_percent
from ledger_app.tasks.queries import TaskView

REMIND, URGE, CRITICISE, RECTIFY, ACCOUNT, STALLED = "remind", "urge", "criticise", "rectify", "account", "stalled"
STEPS = (ACCOUNT, RECTIFY, CRITICISE, URGE, REMIND, STALLED)  # strongest first
LABELS = {REMIND: Message("临近提醒"), URGE: Message("催办"), CRITICISE: Message("通报批评"),
          RECTIFY: Message("限期整改"), ACCOUNT: Message("问责"), STALLED: Message("进展无变化")}
# What accepting records (限期整改 is recorded by issuing the notice)
KIND_OF = {REMIND: SupervisionKind.REMINDER, URGE: SupervisionKind.URGE, CRITICISE: SupervisionKind.CRITICISM,
           RECTIFY: SupervisionKind.RECTIFY, ACCOUNT: SupervisionKind.ACCOUNTABILITY, STALLED: SupervisionKind.URGE}
_PRESSING = {SupervisionKind.URGE, SupervisionKind.CRITICISM, SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}

# The rule that fired and the task's figures: kept in Chinese in the 督办 record an accepted proposal
# leaves, shown in the user's language (Message).
ACCOUNT_RULE = "整改期限已过仍未整改完成的，列为问责候选"
ACCOUNT_FACTS = "{issued}下发限期整改通知书{doc_no}，整改期限{due}，至今未整改完成"
RECTIFY_RULE = "通报批评后至下一季度末仍无改善的，限期整改"
RECTIFY_FACTS = "{criticised}通报批评，至{end}仍滞后（报送进度{reported}）"
CRITICISE_RULE = "连续{quarters}个季度进展滞后的，列为通报批评候选"
CRITICISE_FACTS = "报送进度：{percents}"
QUARTER_END_PERCENT = "{quarter}末{percent}"
URGED_RULE = "逾期催办后{days}天仍未完成的，列为通报批评候选"
URGED_FACTS = "{urged}已催办，超过完成时限{late}天仍未完成"
OVERDUE_RULE = "逾期未完成的，催办"
OVERDUE_FACTS = "已超过完成时限（{deadline}）{late}天，完成{percent}%"
BEHIND_RULE = "落后于时间进度超过{lag}个百分点的，催办"
BEHIND_FACTS = "按时间进度应完成{expected:.0f}%，实际完成{percent}%，落后{gap:.0f}个百分点"
REMIND_RULE = "完成时限前{days}天内的，临近提醒"
REMIND_FACTS = "{deadline}到期，还有{left}天，目前完成{percent}%"
STALLED_RULE = "推进中但连续两个季度进度相同、未反映问题的，提示“进展无变化”"
STALLED_FACTS = "{older}、{newer}报送进度均为{percent}%，未反映存在问题"
DISMISSED = "不采纳“{label}”建议：{reason}"
DISMISSAL = "不采纳“{label}”建议"
STALLED_FLAG = "（进展无变化）"  # beside a stronger step's proposal
RECORD = "{rule}：{facts}"
PERCENT = "{percent}%"
NOT_REPORTED = "未报送"
NOT_REPORTED_BEFORE = "未报送（此前报送{percent}%）"
RECORD_STALLED = "{rule}：{facts}（进展无变化）"
EN.update({
    "进展无变化": "no change reported",
    STALLED_FLAG: " (no change reported)",
    RECORD: "{rule}: {facts}",
    NOT_REPORTED: "not reported",
    NOT_REPORTED_BEFORE: "not reported ({percent}% reported before)",
    RECORD_STALLED: "{rule}: {facts} (no change reported)",
    ACCOUNT_RULE: "the rectification deadline passed without the rectification done: a candidate for accountability",
    ACCOUNT_FACTS: "rectification notice {doc_no} issued on {issued}, due {due}, not yet done",
    RECTIFY_RULE: "no better by the end of the quarter after a public criticism: rectification notice",
    RECTIFY_FACTS: "criticised on {criticised}, still behind on {end} (reported: {reported})",
    CRITICISE_RULE: "behind {quarters} quarters running: a candidate for public criticism",
    CRITICISE_FACTS: "reported: {percents}",
    QUARTER_END_PERCENT: "{percent} at the end of {quarter}",
    URGED_RULE: "still not done {days} days after being urged while overdue: a candidate for public criticism",
    URGED_FACTS: "urged on {urged}, {late} days past the deadline and still not done",
    OVERDUE_RULE: "overdue and not done: urge",
    OVERDUE_FACTS: "{late} days past the deadline ({deadline}), {percent}% done",
    BEHIND_RULE: "more than {lag} points behind the time elapsed: urge",
    BEHIND_FACTS: "{expected:.0f}% due by the time elapsed, {percent}% done: {gap:.0f} points behind",
    REMIND_RULE: "due within {days} days: reminder",
    REMIND_FACTS: "due on {deadline}, {left} days left, {percent}% done",
    STALLED_RULE: "in progress with the same percent two quarters running and no problem stated: "
                  "flagged 'no change reported'",
    STALLED_FACTS: "{older} and {newer} both reported {percent}% and no problem",
    DISMISSED: "dismissed the '{label}' proposal: {reason}",
    DISMISSAL: "dismissed the '{label}' proposal",
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


# A proposal's two texts, made only when read: the day's reminders count proposals (60,000 of them at
# 100,000 tasks) and never show one, and rendering their Messages was a third of that count's time.
Texts = Callable[[], tuple[Message, Message]]


@dataclass(frozen=True)
class Proposal:
    task_id: int
    code: str
    plan: str
    title: str
    lead: str
    step: str
    texts: Texts = field(repr=False, compare=False)  # → (rule, facts): made when read (see Texts)
    year: int  # the quarter the proposal belongs to (dismissals hold for it)
    quarter: int
    stalled: bool = False  # 进展无变化 as well

    @cached_property
    def _made(self) -> tuple[Message, Message]:
        return self.texts()

    @property
    def rule(self) -> Message:
        """The rule that fired, with its thresholds."""
        return self._made[0]

    @property
    def facts(self) -> Message:
        """This task's figures."""
        return self._made[1]

    @property
    def label(self) -> Message:
        return LABELS[self.step]

    @property
    def record(self) -> Message:
        """What accepting it writes in the 督办 record."""
        return Message(RECORD_STALLED if self.stalled else RECORD, rule=self.rule, facts=self.facts)

    @property
    def key(self) -> tuple[int, str, int, int]:
        return (self.task_id, self.step, self.year, self.quarter)

    def to_json(self) -> dict[str, object]:
        return {"task": self.code, "plan": self.plan, "title": self.title, "lead": self.lead, "step": self.step,
                "label": t(self.label), "rule": t(self.rule), "facts": t(self.facts), "year": self.year,
                "quarter": self.quarter, "stalled": self.stalled}


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


def _candidates(snap: Snapshot, task: TaskView, actions: list[SupervisionAction], rules: Rules) -> dict[str, Texts]:
    """step → its (rule, facts), made when asked, for every step that applies to ``task``."""
    as_of, found = snap.as_of, {}
    year, quarter = quarter_of(as_of)
    quarter_start = date(year, quarter * 3 - 2, 1)
    deadline, start = task.deadline, task.start_date
    overdue = deadline is not None and deadline < as_of
    behind_now = behind(deadline, start, task.percent, as_of, rules.lag_points)

    def since(kinds: set[str], day: date) -> bool:
        return any(a.kind in kinds and a.action_date >= day for a in actions)

    for action in reversed(actions):
        if action.kind == SupervisionKind.RECTIFY and action.rectify_deadline and not action.closed:
            if action.rectify_deadline < as_of and not since({SupervisionKind.ACCOUNTABILITY}, action.action_date):
                found[ACCOUNT] = lambda a=action: (
                    Message(ACCOUNT_RULE), Message(ACCOUNT_FACTS, issued=cn_date(a.action_date), doc_no=a.doc_no,
                                                   due=cn_date(a.rectify_deadline)))
            break
    criticised = [a for a in actions if a.kind == SupervisionKind.CRITICISM]
    if criticised and deadline is not None and behind_now:
        last = criticised[-1]
        end = end_of_quarter(*quarter_of(last.action_date))
        reported = snap.latest_percent(task.id, end)
        if end <= as_of and not since({SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}, last.action_date) \
                and behind(deadline, start, reported, end, rules.lag_points):
            found[RECTIFY] = lambda last=last, end=end, reported=reported: (
                Message(RECTIFY_RULE), Message(RECTIFY_FACTS, criticised=cn_date(last.action_date), end=cn_date(end),
                                               reported=_reported(snap, task.id, end, reported)))
    if deadline is not None:
        ends = quarter_ends(as_of, rules.lag_quarters)
        at_ends = [(snap.latest_percent(task.id, end), end) for end in ends]  # the percent reported by each end
        stronger = {SupervisionKind.CRITICISM, SupervisionKind.RECTIFY, SupervisionKind.ACCOUNTABILITY}
        if all(behind(deadline, start, p, end, rules.lag_points) for p, end in at_ends) \
                and not since(stronger, ends[0] + timedelta(days=1)):
            found[CRITICISE] = lambda at_ends=at_ends: (
                Message(CRITICISE_RULE, quarters=rules.lag_quarters),
                Message(CRITICISE_FACTS, percents=[Message(QUARTER_END_PERCENT, quarter=quarter_name(*quarter_of(end)),
                                                           percent=_reported(snap, task.id, end, p))
                                                   for p, end in at_ends]))
        urged = [a for a in actions if a.kind == SupervisionKind.URGE and a.action_date >= deadline]
        if overdue and urged and CRITICISE not in found:
            last = urged[-1]
            if (as_of - last.action_date).days >= rules.urge_days and not since(stronger, last.action_date):
                found[CRITICISE] = lambda last=last: (
                    Message(URGED_RULE, days=rules.urge_days),
                    Message(URGED_FACTS, urged=cn_date(last.action_date), late=(as_of - deadline).days))
    if behind_now and not since(_PRESSING, quarter_start):
        if overdue:
            found[URGE] = lambda: (Message(OVERDUE_RULE), Message(OVERDUE_FACTS, deadline=cn_date(deadline),
                                                                  late=(as_of - deadline).days, percent=task.percent))
        else:
            expected = expected_percent(start, deadline, as_of)
            found[URGE] = lambda: (Message(BEHIND_RULE, lag=rules.lag_points),
                                   Message(BEHIND_FACTS, expected=expected, percent=task.percent,
                                           gap=expected - task.percent))
    if deadline is not None and 0 <= (deadline - as_of).days <= rules.remind_days \
            and not since({SupervisionKind.REMINDER}, as_of - timedelta(days=rules.remind_days)) \
            and not since(_PRESSING, quarter_start):
        found[REMIND] = lambda: (Message(REMIND_RULE, days=rules.remind_days),
                                 Message(REMIND_FACTS, deadline=cn_date(deadline), left=(deadline - as_of).days,
                                         percent=task.percent))
    pair = stalled(snap, task)
    if pair is not None and not since(_PRESSING, quarter_start):
        older, newer = pair
        found[STALLED] = lambda: (Message(STALLED_RULE),
                                  Message(STALLED_FACTS, older=quarter_name(older.year, older.quarter),
                                          newer=quarter_name(newer.year, newer.quarter), percent=newer.percent))
    return found


def _reported(snap: Snapshot, task_id: int, end: date, percent: int) -> Message:
    """What the department reported for the quarter ending ``end``: "65%"; "未报送" when nobody
    did (it read "0%", as if the department had said so), with the percent carried from an
    earlier quarter's report if there is one."""
    year, quarter = quarter_of(end)
    if any(r.year == year and r.quarter == quarter for r in snap.progress.get(task_id, [])):
        return Message(PERCENT, percent=percent)
    earlier = [r for r in snap.progress.get(task_id, []) if end_of_quarter(r.year, r.quarter) < end]
    return Message(NOT_REPORTED_BEFORE, percent=earlier[-1].percent) if earlier else Message(NOT_REPORTED)


def propose(snap: Snapshot, rules: Rules, dismissed: set[tuple[int, str, int, int]] = frozenset()) -> list[Proposal]:
    """The proposals for the open tasks of ``snap`` as of its date, strongest step first, then ledger order."""
    year, quarter = quarter_of(snap.as_of)
    by_task: dict[int, list[SupervisionAction]] = {}
    for action in snap.supervision:
        by_task.setdefault(action.task_id, []).append(action)
    proposals = []
    for task in snap.tasks:
        if task.status not in WATCHED:
            continue
        found = _candidates(snap, task, by_task.get(task.id, []), rules)
        step = next((s for s in STEPS if s in found and (task.id, s, year, quarter) not in dismissed), None)
        if step is None:
            continue
        proposals.append(Proposal(task.id, task.code, task.plan, task.title, _lead(task), step, found[step], year,
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
