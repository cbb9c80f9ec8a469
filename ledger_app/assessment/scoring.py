"""年度改革任务考核: each department's score for a year under the 督查考核办法 kept in the ledger's
settings (``assess.*``), line by line — which task, which rule, how many points — so that the
breakdown adds up to the total and a department can check every point.

The method (defaults in ledger_app/store/settings.py, set with ``config`` or 设置 → 考核):

- every department starts from the base score (基础分);
- each task due in the year scores for its lead department(s), and for its co-operating
  departments at ``co_share`` of that: done by the deadline ``+on_time`` (and ``+early`` more when
  done ``early_days`` or more before it), done after it ``−late``, not done when the deadline has
  passed ``−not_done``; each multiplied by the weight of the task's category (重点改革项目 …);
  tasks not yet due, without a deadline, 暂缓 or 已取消 are not scored;
- each 通报批评, 限期整改 and 问责 recorded in the year costs the task's lead department(s)
  ``criticism`` / ``rectify`` / ``accountability``;
- each quarterly progress report a lead department owed — for every quarter of the year whose
  feedback deadline (下季度首月 ``doc.feedback_day`` 日) has passed, for each of its tasks started by
  the quarter's end and not completed before the quarter began — costs ``report_missing`` when
  there is none, ``report_late`` when it was filed after the feedback deadline.

Everything is read from the ledger as it stood at the end of the as-of date (the rules of
ledger_app/periods/snapshot.py; ledger_app/assessment/facts.py reads just what the scoring needs):
a task's completion date is when the change log recorded it becoming 已完成 (a task imported as
已完成 has no such entry and counts as on time); reports count as filed on their 填报日期.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.dates.quarters import end_of_quarter, quarter_name
from ledger_app.messages.i18n import EN, Message, t
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.limits import check_year
from ledger_app.store.models import OUTCOME_APPLIED, ChangeLog, Status, SupervisionKind
from ledger_app.store.settings import parse_weights
from ledger_app.tasks.queries import TaskView

if TYPE_CHECKING:
    from ledger_app.assessment.facts import Facts

CENT = Decimal("0.01")
# The method in words and each line's rule: Chinese in the assessment document and workbook, in the user's
# language in the window and on the command line (Message).
SUMMARY_BASE = "基础分{base}分。"
SUMMARY_TASKS = ("年度内到期的改革任务：按期完成每项加{on_time}分，提前{early_days}天以上完成另加{early}分；"
                 "逾期完成每项扣{late}分；到期未完成每项扣{not_done}分。按项目类别加权（{weights}），"
                 "配合单位按牵头单位分值的{co_share}%计。")
SUMMARY_SUPERVISION = ("通报批评每次扣{criticism}分，限期整改每次扣{rectify}分，问责每次扣{accountability}分"
                       "（计入牵头单位）。")
SUMMARY_REPORTS = ("季度进展未按时报送（下季度首月{feedback_day}日后报送）每项次扣{report_late}分，未报送每项次扣"
                   "{report_missing}分（计入牵头单位）。")
WEIGHT = "{category}×{weight}"
BASE = "基础分"
ON_TIME = "按期完成"
EARLY = "提前{days}天完成"
LATE = "逾期完成（完成时限{due_month}月{due_day}日，{done_month}月{done_day}日完成）"
NOT_DONE = "到期未完成（完成时限{due_month}月{due_day}日）"
LEAD_LINE = "{words}，{category}×{weight}"
CO_LINE = "{words}，{category}×{weight}，配合单位×{share}"
ACTION = "{kind}（{month}月{day}日）"
ACTION_NUMBERED = "{kind}（{month}月{day}日，{doc_no}）"
REPORT_MISSING = "{quarter}进展未报送"
REPORT_LATE = "{quarter}进展迟报"
EN.update({
    "没有可考核的部门（所选方案中没有任务）": "no department to assess (the chosen plan has no tasks)",
    SUMMARY_BASE: "Base score {base}.",
    SUMMARY_TASKS: "Tasks due in the year: {on_time} for each done on time, {early} more when done {early_days} days "
                   "or more early; {late} off for each done late; {not_done} off for each not done when due. "
                   "Weighted by category ({weights}); co-operating departments count {co_share}% of the lead's points.",
    SUMMARY_SUPERVISION: "{criticism} off for each public criticism, {rectify} for each rectification notice, "
                         "{accountability} for each accountability (charged to the lead departments).",
    SUMMARY_REPORTS: "{report_late} off for each quarterly report filed late (after day {feedback_day} of the next "
                     "quarter's first month), {report_missing} for each not filed (charged to the lead departments).",
    WEIGHT: "{category} x{weight}",
    BASE: "base score",
    ON_TIME: "done on time",
    EARLY: "done {days} days early",
    LATE: "done late (due {due_month}/{due_day}, done {done_month}/{done_day})",
    NOT_DONE: "not done when due (due {due_month}/{due_day})",
    LEAD_LINE: "{words}, {category} x{weight}",
    CO_LINE: "{words}, {category} x{weight}, co-operating x{share}",
    ACTION: "{kind} ({month}/{day})",
    ACTION_NUMBERED: "{kind} ({month}/{day}, {doc_no})",
    REPORT_MISSING: "{quarter} report not filed",
    REPORT_LATE: "{quarter} report filed late",
})


@dataclass(frozen=True)
class Method:
    base: Decimal
    on_time: Decimal
    early: Decimal
    early_days: int
    late: Decimal
    not_done: Decimal
    weights: dict[str, Decimal]
    co_share: Decimal
    criticism: Decimal
    rectify: Decimal
    accountability: Decimal
    report_late: Decimal
    report_missing: Decimal
    feedback_day: int

    @staticmethod
    def from_settings(values: dict[str, str]) -> Method:
        d = {key: Decimal(values[f"assess.{key}"]) for key in (
            "base", "on_time", "early", "late", "not_done", "co_share", "criticism", "rectify", "accountability",
            "report_late", "report_missing")}
        return Method(early_days=int(values["assess.early_days"]), weights=parse_weights(values["assess.weights"]),
                      feedback_day=int(values["doc.feedback_day"]), **d)

    def weight(self, category: str) -> Decimal:
        return self.weights.get(category.strip(), self.weights.get("其他", Decimal(1)))

    def feedback_deadline(self, year: int, quarter: int) -> date:
        y, q = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return date(y, q * 3 - 2, self.feedback_day)

    def summary(self) -> list[Message]:
        """The method in words, for the document and the window."""
        weights = [Message(WEIGHT, category=k, weight=_n(v)) for k, v in self.weights.items()]
        return [Message(SUMMARY_BASE, base=_n(self.base)),
                Message(SUMMARY_TASKS, on_time=_n(self.on_time), early_days=self.early_days, early=_n(self.early),
                        late=_n(self.late), not_done=_n(self.not_done), weights=weights,
                        co_share=_n(self.co_share * 100)),
                Message(SUMMARY_SUPERVISION, criticism=_n(self.criticism), rectify=_n(self.rectify),
                        accountability=_n(self.accountability)),
                Message(SUMMARY_REPORTS, feedback_day=self.feedback_day, report_late=_n(self.report_late),
                        report_missing=_n(self.report_missing))]


def _n(value: Decimal) -> str:
    """A number as a document writes it: 1.5, 2, 0.75."""
    text = f"{value.quantize(CENT, ROUND_HALF_UP):f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True, slots=True)
class Line:
    """One rule applied to one department: which task, which rule, how many points (signed)."""

    code: str  # task code; "" for the base score
    task: str
    rule: Message
    points: Decimal
    kind: str  # base | on_time | early | late | not_done | criticism | rectify | accountability | report_late | …


@dataclass
class DeptScore:
    dept: str
    lines: list[Line] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines), Decimal(0))

    def count(self, *kinds: str) -> int:
        return sum(1 for line in self.lines if line.kind in kinds and line.code)

    def points(self, *kinds: str) -> Decimal:
        return sum((line.points for line in self.lines if line.kind in kinds), Decimal(0))

    def to_json(self) -> dict[str, object]:
        return {"rank": self.rank, "dept": self.dept, "total": float(self.total),
                "lines": [{"task": line.code, "title": line.task, "rule": t(line.rule), "points": float(line.points),
                           "kind": line.kind} for line in self.lines]}


@dataclass(frozen=True)
class Result:
    year: int
    as_of: date
    plan: str | None
    method: Method
    departments: list[DeptScore]  # ranked

    def of(self, dept: str) -> DeptScore | None:
        return next((d for d in self.departments if d.dept == dept), None)

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "as_of": self.as_of.isoformat(), "plan": self.plan,
                "method": [t(text) for text in self.method.summary()],
                "departments": [d.to_json() for d in self.departments]}


def default_as_of(year: int, feedback_day: int, today: date | None = None) -> date:
    """The fourth quarter's reports are due in January: the year is assessed as of that day (or today)."""
    return min(today or date.today(), date(year + 1, 1, feedback_day))


def completion_dates(engine: Engine, as_of: date, task_ids: set[int] | None = None) -> dict[int, date]:
    """When each task (last) became 已完成, by the 业务日期 of the change, as of ``as_of``."""
    with read_session(engine) as session:
        rows = session.execute(
            select(ChangeLog.task_id, ChangeLog.effective_on)
            .where(ChangeLog.field == "status", ChangeLog.new == Status.DONE.value,
                   ChangeLog.outcome == OUTCOME_APPLIED, ChangeLog.effective_on <= as_of)
            .order_by(ChangeLog.effective_on, ChangeLog.id)).all()
    return {task_id: day for task_id, day in rows if task_ids is None or task_id in task_ids}


def _points(magnitude: Decimal, *factors: Decimal) -> Decimal:
    value = magnitude
    for factor in factors:
        value *= factor
    return value.quantize(CENT, ROUND_HALF_UP)


def _name(task: TaskView) -> str:
    return f"{task.title}：{task.content}" if task.content else task.title


def score(snap: Snapshot | Facts, year: int, method: Method, done_on: dict[int, date],
          plan: str | None = None) -> Result:
    """Score every department of ``snap`` for ``year`` (see the module's method). ``snap`` is the
    ledger as of a date: a ledger_app/periods/snapshot.py Snapshot, or the assessment's own lean read of it."""
    as_of = snap.as_of
    scores: dict[str, DeptScore] = {}
    for task in snap.tasks:
        for dept in (*task.lead_depts, *task.co_depts):
            if dept not in scores:
                scores[dept] = DeptScore(dept, [Line("", "", Message(BASE), method.base, "base")])
    actions: dict[int, list] = {}
    for action in snap.supervision:
        if action.action_date.year == year:
            actions.setdefault(action.task_id, []).append(action)
    # Each quarter whose reports were due by the as-of date: (quarter, its first and last day, due date)
    quarters = [(q, date(year, q * 3 - 2, 1), end_of_quarter(year, q), method.feedback_deadline(year, q))
                for q in range(1, 5) if method.feedback_deadline(year, q) <= as_of]
    weighed: dict[tuple, Decimal] = {}  # (magnitude, weight, share) → points: a few distinct ones
    supervision = {SupervisionKind.CRITICISM: ("criticism", method.criticism),
                   SupervisionKind.RECTIFY: ("rectify", method.rectify),
                   SupervisionKind.ACCOUNTABILITY: ("accountability", method.accountability)}
    for task in snap.tasks:
        if task.status == Status.CANCELLED:
            continue
        code, name = task.code, _name(task)
        weight = method.weight(task.category)
        category = task.category.strip() or "其他"
        outcome = _outcome(task, year, as_of, done_on.get(task.id), method) \
            if task.status != Status.SUSPENDED else []
        for role, depts, share in (("牵头", task.lead_depts, Decimal(1)), ("配合", task.co_depts, method.co_share)):
            for kind, words, magnitude in outcome:
                key = (magnitude, weight, share)
                if key not in weighed:
                    weighed[key] = _points(magnitude, weight, share)
                points = -weighed[key] if kind in ("late", "not_done") else weighed[key]
                rule = Message(CO_LINE, words=words, category=category, weight=_n(weight), share=_n(share)) \
                    if role == "配合" else Message(LEAD_LINE, words=words, category=category, weight=_n(weight))
                for dept in depts:
                    scores[dept].lines.append(Line(code, name, rule, points, kind))
        for action in actions.get(task.id, ()):
            kind, magnitude = supervision.get(action.kind, (None, None))
            if kind is None:
                continue
            when = {"kind": Message(action.kind), "month": action.action_date.month, "day": action.action_date.day}
            rule = Message(ACTION_NUMBERED, doc_no=action.doc_no, **when) if action.doc_no else Message(ACTION, **when)
            for dept in task.lead_depts:
                scores[dept].lines.append(Line(code, name, rule, -magnitude, kind))
        if task.status == Status.SUSPENDED or not task.lead_depts:
            continue
        filed = _filed(snap, task.id)
        for quarter, begun, end, due in quarters:
            kind = _report(task, (year, quarter), begun, end, due, done_on.get(task.id), filed, as_of)
            if kind is None:
                continue
            words = Message(REPORT_MISSING if kind == "report_missing" else REPORT_LATE,
                            quarter=quarter_name(year, quarter))
            magnitude = method.report_missing if kind == "report_missing" else method.report_late
            for dept in task.lead_depts:
                scores[dept].lines.append(Line(code, name, words, -magnitude, kind))
    ranked = sorted(scores.values(), key=lambda s: (-s.total, s.dept))
    for index, entry in enumerate(ranked):
        entry.rank = ranked[index - 1].rank if index and entry.total == ranked[index - 1].total else index + 1
    return Result(year, as_of, plan, method, ranked)


def _outcome(task: TaskView, year: int, as_of: date, done: date | None, method: Method) -> list[tuple]:
    """(kind, words, magnitude) of a task's completion in ``year``; empty when not scored."""
    deadline = task.deadline
    if deadline is None or deadline.year != year:
        return []
    if task.status == Status.DONE:
        if done is not None and done > deadline:
            return [("late", Message(LATE, due_month=deadline.month, due_day=deadline.day, done_month=done.month,
                                     done_day=done.day), method.late)]
        out = [("on_time", Message(ON_TIME), method.on_time)]
        if done is not None and (deadline - done).days >= method.early_days:
            out.append(("early", Message(EARLY, days=(deadline - done).days), method.early))
        return out
    if deadline < as_of:
        return [("not_done", Message(NOT_DONE, due_month=deadline.month, due_day=deadline.day), method.not_done)]
    return []


_NOT_FILED = object()


def _filed(snap: Snapshot | Facts, task_id: int) -> dict[tuple[int, int], date | None]:
    """(year, quarter) → when the task's report of that quarter was filed."""
    filed = getattr(snap, "filed", None)  # the lean read has them so already
    if filed is not None:
        return filed.get(task_id, {})
    return {(r.year, r.quarter): r.report_date for r in snap.progress.get(task_id, ())}


def _report(task: TaskView, period: tuple[int, int], begun: date, end: date, due: date, done: date | None,
            filed: dict, as_of: date) -> str | None:
    """Whether the lead owed the report of ``period`` (begun … end, due by ``due``) and did not file it
    (in time). ``filed``: (year, quarter) → the date each report of the task was filed."""
    if (task.start_date or date(period[0], 1, 1)) > end:
        return None
    if task.status == Status.DONE and (done is None or done < begun):
        return None  # completed before the quarter (or imported as completed): nothing to report
    when = filed.get(period, _NOT_FILED)
    if when is _NOT_FILED or (when is not None and when > as_of):
        return "report_missing"
    if when is not None and when > due:
        return "report_late"
    return None


def assess(engine: Engine, year: int, as_of: date | None = None, plan: str | None = None) -> Result:
    """The assessment of ``year`` as of ``as_of`` (default: the fourth quarter's feedback deadline, or today)."""
    from ledger_app.assessment import facts
    from ledger_app.store import settings

    check_year(year)
    values = settings.get_all(engine)
    method = Method.from_settings(values)
    as_of = as_of or default_as_of(year, method.feedback_day)
    with collector_paused():
        facts = facts.take(engine, as_of, plan)
        return score(facts, year, method, completion_dates(engine, as_of, {t.id for t in facts.tasks}), plan)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading and scoring a large ledger makes tens of thousands of small objects, none of them
    garbage; each allocation burst sets off the cyclic collector, which walks every object in the
    process (the window's are many) — 40 % of the time at 5,000 tasks. Paused for the duration."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
