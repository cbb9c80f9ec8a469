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
  ``criticism`` / ``rectify`` / ``accountability`` — a 通报批评 only once a quarter's bulletin has
  published it (ledger_app/assessment/publication.py); one nobody was told of is listed at 0;
- each quarterly progress report a lead department owed — for every quarter of the year whose
  feedback deadline (下季度首月 ``doc.feedback_day`` 日) has passed, for each of its tasks started by
  the quarter's end and not completed before the quarter began — costs ``report_missing`` when
  there is none, ``report_late`` when it was filed after the feedback deadline.

Who is ranked (ledger_app/assessment/scope.py): the 考核对象 listed in ``assess.targets``, or by
default every unit leading a scoreable task in the year — one due in the year, or owing a quarterly
report of it, neither 暂缓 nor 已取消. Bodies outside the zone and group words are never ranked; a
unit listed without a scoreable task is reported as 不参与排名 with the reason. Equal totals share a
rank (并列) and the next rank is skipped (1, 2, 2, 4).

Everything is read from the ledger as it stood at the end of the as-of date (the rules of
ledger_app/periods/snapshot.py; ledger_app/assessment/facts.py reads just what the scoring needs):
a task's completion date is when the change log recorded it becoming 已完成 (a task imported as
已完成 has no such entry and counts as on time); reports count as filed on their 填报日期.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from db.bulk import collector_paused
from ledger_app.assessment import scope
from ledger_app.assessment.method import CENT, Method, _n, points_text  # noqa: F401 - named here too
from ledger_app.assessment.publication import Bulletins
from ledger_app.assessment.result import DeptScore, Line, Result, Unranked, rank  # noqa: F401 - named here too
from ledger_app.dates.quarters import end_of_quarter, quarter_name
from ledger_app.messages.i18n import EN, Messages, Said
from ledger_app.periods import of_year
from ledger_app.periods.snapshot import Snapshot
from ledger_app.store.limits import check_year
from ledger_app.store.models import Status, SupervisionKind
from ledger_app.tasks.groups import DEFAULT, GroupRule, rule_from
from ledger_app.tasks.queries import TaskView

if TYPE_CHECKING:
    from ledger_app.assessment.facts import Facts

# Each line's rule: Chinese in the assessment document and workbook, in the user's
# language in the window and on the command line (Message).
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
ACTION_UNPUBLISHED = "{kind}（{month}月{day}日，未在{quarter}通报中印发，不扣分）"
NOBODY_RANKED = "没有参加排名的单位：所选方案中没有本年度可考核的任务，或考核对象都没有（设置 → 督办与考核 → 考核对象）"
EN.update({
    NOBODY_RANKED: "no unit to rank: the chosen plan has no task scored in the year, or none of the units "
                   "assessed has one (设置 → 督办与考核 → 考核对象)",
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
    ACTION_UNPUBLISHED: "{kind} ({month}/{day}, not published in the bulletin of {quarter}: no points off)",
})


# Read once: an enum member looked up is 70 ns, some ten times a task.
_CANCELLED, _SUSPENDED, _DONE = Status.CANCELLED, Status.SUSPENDED, Status.DONE


def default_as_of(year: int, feedback_day: int, today: date | None = None) -> date:
    """The fourth quarter's reports are due in January: the year is assessed as of that day (or today)."""
    return min(today or date.today(), date(year + 1, 1, feedback_day))


def _points(magnitude: Decimal, *factors: Decimal) -> Decimal:
    value = magnitude
    for factor in factors:
        value *= factor
    return value.quantize(CENT, ROUND_HALF_UP)


def _name(task: TaskView) -> str:
    return f"{task.title}：{task.content}" if task.content else task.title


def score(snap: Snapshot | Facts, year: int, method: Method, done_on: dict[int, date],
          plan: str | None = None, groups: GroupRule = DEFAULT, *, register: list | None = None) -> Result:
    """Score every department of ``snap`` for ``year`` (see the module's method). ``snap`` is the
    ledger as of a date: a ledger_app/periods/snapshot.py Snapshot, or the assessment's own lean read of it.
    ``groups``: the ledger's rule of 统称 (a class of units is never ranked, even where an old import made
    it a department row). ``register``: the issued bulletins (ledger_app.records.numbering.issued) when
    ``snap`` does not carry them (a live snapshot); a frozen one and the lean read do."""
    as_of = snap.as_of
    documents = snap.documents if snap.documents is not None else register
    if documents is None:
        raise ValueError("score() needs the register of bulletins: a criticism counts once published")
    bulletins = Bulletins(documents, as_of)
    text = Messages()  # 10,000 lines of 5,000 tasks say a few hundred different things
    quarter_names = {q: quarter_name(year, q) for q in range(1, 5)}
    leads: set[str] = set()  # units leading a scoreable task in the year
    scoreable: set[str] = set()  # units leading or co-operating on one
    scores: dict[str, DeptScore] = {}
    for task in snap.tasks:
        for dept in (*task.lead_depts, *task.co_depts):
            if dept not in scores:
                scores[dept] = DeptScore(dept, [Line("", "", text(BASE), method.base, "base")])
    actions: dict[int, list] = {}
    # The year's 督办 as the annual documents count it (periods.of_year): a 限期整改 signed in January
    # on a fourth-quarter notice is the old year's.
    for action in of_year.supervision(snap.supervision, year, documents):
        actions.setdefault(action.task_id, []).append(action)
    # Each quarter whose reports were due by the as-of date: (quarter, its first and last day, due date)
    quarters = [(q, date(year, q * 3 - 2, 1), end_of_quarter(year, q), method.feedback_deadline(year, q))
                for q in range(1, 5) if method.feedback_deadline(year, q) <= as_of]
    weighed: dict[tuple, Decimal] = {}  # (magnitude, weight, share) → points: a few distinct ones
    numbers = functools.cache(points_text)  # a weight or share as written: a few distinct ones
    outcomes: dict[tuple, list[tuple]] = {}  # (done?, deadline, done on) → the task's outcome
    worded: dict[tuple, tuple] = {}  # (outcome, category) → its lines' (rule, points, kind), lead's and co's
    rules: dict[tuple, Said] = {}  # the line a task's outcome gives its lead or co-operating units
    reported = {(kind, q): text(template, quarter=quarter_names[q]) for q in range(1, 5)
                for kind, template in (("report_missing", REPORT_MISSING), ("report_late", REPORT_LATE))}
    supervision = {SupervisionKind.CRITICISM: ("criticism", method.criticism),
                   SupervisionKind.RECTIFY: ("rectify", method.rectify),
                   SupervisionKind.ACCOUNTABILITY: ("accountability", method.accountability)}
    for task in snap.tasks:
        if task.status == _CANCELLED:
            continue
        code, name, done = task.code, _name(task), done_on.get(task.id)
        if task.status != _SUSPENDED:  # the outcome follows from these three alone: tasks due on a day share one
            key = (task.status == _DONE, task.deadline, done)
            outcome = outcomes.get(key)
            if outcome is None:
                outcome = outcomes[key] = _outcome(task, year, as_of, done, method, text)
            if task.deadline is not None and task.deadline.year == year:
                leads.update(task.lead_depts)
                scoreable.update(task.lead_depts, task.co_depts)
            if outcome:
                key = (id(outcome), task.category)  # the outcome is kept in outcomes: its id stays its own
                lines = worded.get(key)
                if lines is None:
                    lines = worded[key] = _worded(outcome, task.category, method, text, weighed, rules, numbers)
                for depts, each in ((task.lead_depts, lines[0]), (task.co_depts, lines[1])):
                    for rule, points, kind in each:
                        for dept in depts:
                            scores[dept].lines.append(Line(code, name, rule, points, kind))
        for action in actions.get(task.id, ()):
            kind, magnitude = supervision.get(action.kind, (None, None))
            if kind is None:
                continue
            when = {"kind": text(action.kind), "month": action.action_date.month, "day": action.action_date.day}
            doc_no, points = action.doc_no, -magnitude
            if kind == "criticism":
                issue = bulletins.naming(action, task.plan)
                if issue is None:  # nobody was told: listed, not deducted
                    kind, points = "criticism_unpublished", Decimal(0)
                    quarter = quarter_names[(action.action_date.month - 1) // 3 + 1]
                    rule = text(ACTION_UNPUBLISHED, quarter=quarter, **when)
                else:
                    doc_no = doc_no or issue.doc_no
            if kind != "criticism_unpublished":
                rule = text(ACTION_NUMBERED, doc_no=doc_no, **when) if doc_no else text(ACTION, **when)
            for dept in task.lead_depts:
                scores[dept].lines.append(Line(code, name, rule, points, kind))
        if task.status == _SUSPENDED or not task.lead_depts:
            continue
        owed = _owed(task, quarters, done)
        filed = _filed(snap, task.id) if owed else {}
        for quarter, due in owed:
            kind = _report((year, quarter), due, filed, as_of)
            if kind is None:
                continue
            words = reported[kind, quarter]
            magnitude = method.report_missing if kind == "report_missing" else method.report_late
            for dept in task.lead_depts:
                scores[dept].lines.append(Line(code, name, words, -magnitude, kind))
        if owed:  # owing a report of a quarter makes a unit scoreable (once is enough)
            leads.update(task.lead_depts)
            scoreable.update(task.lead_depts)
    chosen = scope.choose(list(scores), leads, scoreable, method.targets, method.office, groups)
    ranked = rank(scores[dept] for dept in chosen.ranked)
    return Result(year, as_of, plan, method, ranked, [Unranked(d, why) for d, why in chosen.unranked],
                  [Unranked(d, why) for d, why in chosen.others])


def _worded(outcome: list[tuple], category: str, method: Method, text: Callable[..., Said],
            weighed: dict[tuple, Decimal], rules: dict[tuple, Said],
            numbers: Callable[[Decimal], str]) -> tuple[list, list]:
    """(rule, points, kind) of each line an ``outcome`` of a task of ``category`` gives its lead units, and
    those it gives its co-operating units. ``weighed``, ``rules``: the points and rules said so far."""
    weight = method.weight(category)
    category = category.strip() or "其他"
    said: tuple[list, list] = ([], [])
    # The lead's line does not print its share (×1); the co-operating units' does.
    for lines, share, template in ((said[0], Decimal(1), LEAD_LINE), (said[1], method.co_share, CO_LINE)):
        for kind, words, magnitude in outcome:
            key = (magnitude, weight, share)
            if key not in weighed:
                weighed[key] = _points(magnitude, weight, share)
            points = -weighed[key] if kind in ("late", "not_done") else weighed[key]
            key = (template, words, category, weight, share)  # a few hundred distinct ones in 10,000 lines
            rule = rules.get(key)
            if rule is None:
                rule = rules[key] = text(template, words=words, category=category, weight=numbers(weight),
                                         share=numbers(share))
            lines.append((rule, points, kind))
    return said


def _outcome(task: TaskView, year: int, as_of: date, done: date | None, method: Method,
             text: Callable[..., Said]) -> list[tuple]:
    """(kind, words, magnitude) of a task's completion in ``year``; empty when not scored."""
    deadline = task.deadline
    if deadline is None or deadline.year != year:
        return []
    if task.status == _DONE:
        if done is not None and done > deadline:
            return [("late", text(LATE, due_month=deadline.month, due_day=deadline.day, done_month=done.month,
                                     done_day=done.day), method.late)]
        out = [("on_time", text(ON_TIME), method.on_time)]
        if done is not None and (deadline - done).days >= method.early_days:
            out.append(("early", text(EARLY, days=(deadline - done).days), method.early))
        return out
    if deadline < as_of:
        return [("not_done", text(NOT_DONE, due_month=deadline.month, due_day=deadline.day), method.not_done)]
    return []


_NOT_FILED = object()


def _filed(snap: Snapshot | Facts, task_id: int) -> dict[tuple[int, int], date | None]:
    """(year, quarter) → when the task's report of that quarter was filed."""
    filed = getattr(snap, "filed", None)  # the lean read has them so already
    if filed is not None:
        return filed.get(task_id, {})
    return {(r.year, r.quarter): r.report_date for r in snap.progress.get(task_id, ())}


def _owed(task: TaskView, quarters: list[tuple], done: date | None) -> list[tuple[int, date]]:
    """(quarter, due date) of each of ``quarters`` (quarter, first day, last day, due date) whose report
    the lead owed: the task had started by the quarter's end and was not completed before it began
    (nor imported as completed). One call a task, not one a quarter: 5,000 tasks × 4 quarters."""
    start = task.start_date  # without one: from the year's first day
    finished = task.status == _DONE
    return [(quarter, due) for quarter, begun, end, due in quarters
            if (start is None or start <= end) and not (finished and (done is None or done < begun))]


def _report(period: tuple[int, int], due: date, filed: dict, as_of: date) -> str | None:
    """Whether a report owed for ``period`` (due by ``due``) was not filed (in time). ``filed``:
    (year, quarter) → the date each report of the task was filed."""
    when = filed.get(period, _NOT_FILED)
    if when is _NOT_FILED or (when is not None and when > as_of):
        return "report_missing"
    if when is not None and when > due:
        return "report_late"
    return None


def assess(engine: Engine, year: int, as_of: date | None = None, plan: str | None = None,
           targets: tuple[str, ...] | None = None) -> Result:
    """The assessment of ``year`` as of ``as_of`` (default: the fourth quarter's feedback deadline, or
    today); ``targets`` instead of the 考核对象 set (``()``: the default ones)."""
    from ledger_app.assessment import facts as read
    from ledger_app.store import settings

    check_year(year)
    values = settings.get_all(engine)
    method = Method.from_settings(values)
    if targets is not None:
        method = replace(method, targets=targets)
    as_of = as_of or default_as_of(year, method.feedback_day)
    # Reading and scoring a large ledger makes tens of thousands of small objects, none of them garbage:
    # the collector, set off by their number, walked every object of the process each time (40 % of the
    # time at 5,000 tasks; the window's objects are many).
    with collector_paused():
        facts = read.take(engine, as_of, plan)
        return score(facts, year, method, read.completion_dates(engine, as_of), plan,
                     rule_from(values))


def default_targets(engine: Engine, year: int, as_of: date | None = None) -> list[str]:
    """The 考核对象 when none are set: the units leading a scoreable task in ``year``, less those
    never ranked, in the order of their scores."""
    return [d.dept for d in assess(engine, year, as_of, targets=()).departments]
