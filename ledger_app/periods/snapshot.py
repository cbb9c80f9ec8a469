"""The ledger as it stood at the end of a given day, so a re-print of a past quarter is the same
document: every field as of its changes effective by that day (业务日期, not the time they were
typed; see ledger_app.tasks.timeline), the progress reports counted by then (tasks.queries.report_counts),
supervision dated by then.

This module reads it from the ledger as it is now (``take_live``); ``ledger_app.periods.as_of``
chooses between that and the snapshot frozen when a quarter was closed (季度封账).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.dates.quarters import end_of_quarter
from ledger_app.store import settings
from ledger_app.store.models import IssuedDocument, ProgressReport, SupervisionAction
from ledger_app.tasks import timeline
from ledger_app.tasks.fields import GROUP_FIELDS
from ledger_app.tasks.groups import rule_from
from ledger_app.tasks.lights import Thresholds, light_for
from ledger_app.tasks.queries import TaskQuery, TaskView, list_tasks, report_counts

# Fields whose history the change log keeps and a report shows; the dated ones (status, percent,
# deadline, start date) already come as of the day from list_tasks.
_REVERTIBLE = {"title", "content", "measures", "category", "leader", "lead_depts", "co_depts", "milestone_q1",
               "milestone_q2", "milestone_q3", "milestone_q4"}


@dataclass(frozen=True)
class Correction:
    """A 更正 entered after its quarter was closed: shown, with its reason, in that quarter's reprints."""

    task_id: int
    code: str
    title: str
    field: str  # the field's label: 状态, 完成%, 季度进展, 督办 …
    old: str
    new: str
    effective_on: date
    reason: str
    entered_on: date
    by: str


@dataclass(frozen=True)
class Snapshot:
    as_of: date
    tasks: list[TaskView]
    progress: dict[int, list[ProgressReport]]  # task id → reports recorded by then, oldest first
    supervision: list[SupervisionAction]
    thresholds: Thresholds
    values: dict[str, str]  # the ledger's settings: office name, document prefixes, standard texts
    closed: tuple[int, int] | None = None  # the closed quarter whose frozen snapshot this is
    corrections: list[Correction] = field(default_factory=list)
    # The register of issued documents as frozen with the quarter (None: read the live one).
    documents: list[IssuedDocument] | None = None

    @property
    def org(self) -> str:
        return self.values["org.name"]

    @property
    def plans(self) -> list[str]:
        return list(dict.fromkeys(t.plan for t in self.tasks))

    def of_dept(self, dept: str) -> list[TaskView]:
        return [t for t in self.tasks if dept in t.lead_depts]

    def lead_departments(self) -> list[str]:
        return list(dict.fromkeys(d for t in self.tasks for d in t.lead_depts))

    def latest_percent(self, task_id: int, quarter_end: date) -> int:
        done = [r.percent for r in self.progress.get(task_id, []) if end_of_quarter(r.year, r.quarter) <= quarter_end]
        return done[-1] if done else 0

    def corrections_of(self, task_ids: set[int] | None = None) -> list[Correction]:
        return [c for c in self.corrections if task_ids is None or c.task_id in task_ids]


def end_of_day(day: date) -> datetime:
    """The last instant of ``day`` in local time, as UTC (the log stores UTC)."""
    local = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    return local.astimezone(UTC)


def revert_field(view: TaskView, field: str, value: object) -> TaskView:
    """``view`` with ``field`` put back to ``value`` (a milestone by its quarter)."""
    if field.startswith("milestone_q"):
        milestones = list(view.milestones)
        milestones[int(field[-1]) - 1] = str(value)
        return replace(view, milestones=milestones)
    return replace(view, **{field: value})


def counts_as_of(report: ProgressReport, as_of: date) -> bool:
    """A quarter's report is in a document as of ``as_of`` once its 业务日期 has come (a Q3 report typed
    on 10 October, effective 30 September, is in the Q3 sheets): the one rule, tasks.queries.report_counts."""
    return report_counts(report.effective_on, as_of)


def take_live(engine: Engine, as_of: date, query: TaskQuery | None = None) -> Snapshot:
    """The ledger as of the end of ``as_of`` read from the ledger as it is now, whatever is closed
    (``ledger_app.periods.as_of.ledger_as_of`` reads a closed quarter's end from its frozen snapshot)."""
    query = replace(query or TaskQuery(), as_of=as_of, light=None)
    views = {v.id: v for v in list_tasks(engine, query)}
    with read_session(engine) as session:
        past = timeline.history(session, views, _REVERTIBLE, as_of)
        reports = [r for r in session.execute(
            select(ProgressReport).order_by(ProgressReport.year, ProgressReport.quarter)).scalars()
            if r.task_id in views and counts_as_of(r, as_of)]
        # Actions count by the date they carry.
        actions = session.execute(
            select(SupervisionAction).where(SupervisionAction.action_date <= as_of)
            .order_by(SupervisionAction.action_date, SupervisionAction.id)
        ).scalars().all()
    values = settings.get_all(engine)
    groups = rule_from(values)
    for (task_id, name), value in past.items():
        view = revert_field(views[task_id], name, value)
        if name in GROUP_FIELDS and isinstance(value, list):
            # The departments put back may name a class of units (统称): listed with the classes, as list_tasks does.
            units, classes = groups.split(value)
            kept = getattr(view, GROUP_FIELDS[name])
            view = replace(view, **{name: units, GROUP_FIELDS[name]: list(dict.fromkeys([*classes, *kept]))})
        views[task_id] = view
    thresholds = settings.thresholds_from(values)
    progress: dict[int, list[ProgressReport]] = {}
    for report in reports:
        progress.setdefault(report.task_id, []).append(report)
    tasks = []
    # The light again: with the ledger's thresholds (list_tasks was given none) and by the schedule alone,
    # not 待销号; the latest progress is list_tasks' own (queries.latest_progress, the one rule).
    for view in views.values():
        light = light_for(view.status, view.percent, view.deadline, view.start_date, as_of, thresholds)
        tasks.append(replace(view, light=str(light)))
    return Snapshot(as_of, tasks, progress, [a for a in actions if a.task_id in views], thresholds, values)
