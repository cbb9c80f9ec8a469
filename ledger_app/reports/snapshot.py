"""The ledger as it stood at the end of a given day, so a re-print of a past quarter
is the same document: changes logged after that day are rolled back; progress of later
quarters and supervision dated later are left out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app import settings
from ledger_app.lights import Thresholds, light_for
from ledger_app.models import OUTCOME_APPLIED, ChangeLog, ProgressReport, SupervisionAction
from ledger_app.queries import TaskQuery, TaskView, list_tasks

# Fields whose history the change log keeps and a report shows.
_REVERTIBLE = {"title", "content", "measures", "category", "leader", "status", "percent", "deadline",
               "deadline_text", "start_date", "lead_depts", "co_depts", "milestone_q1", "milestone_q2",
               "milestone_q3", "milestone_q4"}


@dataclass(frozen=True)
class Snapshot:
    as_of: date
    tasks: list[TaskView]
    progress: dict[int, list[ProgressReport]]  # task id → reports recorded by then, oldest first
    supervision: list[SupervisionAction]
    thresholds: Thresholds
    values: dict[str, str]  # the ledger's settings: office name, document prefixes, standard texts

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
        done = [r.percent for r in self.progress.get(task_id, []) if _quarter_end(r.year, r.quarter) <= quarter_end]
        return done[-1] if done else 0


def _quarter_end(year: int, quarter: int) -> date:
    return (date(year + 1, 1, 1) if quarter == 4 else date(year, quarter * 3 + 1, 1)) - timedelta(days=1)


def end_of_day(day: date) -> datetime:
    """The last instant of ``day`` in local time, as UTC (the log stores UTC)."""
    local = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    return local.astimezone(UTC)


def _revert(view: TaskView, field: str, old: str) -> TaskView:
    if field in ("lead_depts", "co_depts"):
        return replace(view, **{field: [n for n in old.split("、") if n]})
    if field == "percent":
        return replace(view, percent=int(old or 0))
    if field in ("deadline", "start_date"):
        return replace(view, **{field: date.fromisoformat(old) if old else None})
    if field.startswith("milestone_q"):
        milestones = list(view.milestones)
        milestones[int(field[-1]) - 1] = old
        return replace(view, milestones=milestones)
    return replace(view, **{field: old})


def take(engine: Engine, as_of: date, query: TaskQuery | None = None) -> Snapshot:
    """Tasks (matching ``query``), progress and supervision as of the end of ``as_of``."""
    query = replace(query or TaskQuery(), as_of=as_of, light=None)
    views = {v.id: v for v in list_tasks(engine, query)}
    cutoff = end_of_day(as_of)
    with read_session(engine) as session:
        later = session.execute(
            # Refused saves (a stale version) changed nothing: there is nothing to roll back.
            select(ChangeLog.task_id, ChangeLog.field, ChangeLog.old)
            .where(ChangeLog.changed_at > cutoff, ChangeLog.outcome == OUTCOME_APPLIED)
            .order_by(ChangeLog.id.desc())
        ).all()
        # Reports count for the quarters ended by then (a Q3 report filed on 10 October is in a
        # bulletin printed on 15 October); actions count by the date they carry.
        reports = [r for r in session.execute(
            select(ProgressReport).order_by(ProgressReport.year, ProgressReport.quarter)).scalars()
            if _quarter_end(r.year, r.quarter) <= as_of]
        actions = session.execute(
            select(SupervisionAction).where(SupervisionAction.action_date <= as_of)
            .order_by(SupervisionAction.action_date, SupervisionAction.id)
        ).scalars().all()
    for task_id, field, old in later:  # newest first: each step restores the value before it
        if task_id in views and field in _REVERTIBLE:
            views[task_id] = _revert(views[task_id], field, old)
    thresholds = settings.thresholds(engine)
    tasks = []
    for view in views.values():
        light = light_for(view.status, view.percent, view.deadline, view.start_date, as_of, thresholds)
        tasks.append(replace(view, light=str(light)))
    progress: dict[int, list[ProgressReport]] = {}
    for report in reports:
        if report.task_id in views:
            progress.setdefault(report.task_id, []).append(report)
    tasks = [replace(t, latest_progress=progress[t.id][-1].done if t.id in progress else "") for t in tasks]
    return Snapshot(as_of, tasks, progress, [a for a in actions if a.task_id in views], thresholds,
                    settings.get_all(engine))
