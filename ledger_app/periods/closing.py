"""季度封账: closing a quarter freezes the ledger as it stood at the quarter's end — every task,
the progress and supervision counted by then, the settings documents print with, and the register
of documents issued and their numbers — so that every document of that quarter reprints the same
however the ledger changes later.

After the close, a change effective in the quarter is refused unless entered as a 更正 with a reason
(ledger_app.dates.business.entry_mark). Reprints of the quarter then show the corrected tasks as the ledger
has them now as of the quarter's end, and list each 更正 with its reason. A named person may reopen
the quarter, with a reason; closing and reopening are logged.

This module reads closed quarters and says how a quarter is frozen; closing and reopening one are
the operations ``close_quarter`` and ``reopen_quarter`` (ledger_app/operations/periods.py).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Engine, select
from sqlmodel import Session

from db.session import read_session
from ledger_app.dates.quarters import end_of_quarter, quarter_name, quarter_of, start_of_quarter
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.labels import FIELD_LABELS
from ledger_app.periods.snapshot import Correction, Snapshot, take_live
from ledger_app.records import numbering
from ledger_app.store.limits import check_year
from ledger_app.store.models import (
    MARK_CORRECTION,
    OUTCOME_APPLIED,
    ChangeLog,
    IssuedDocument,
    ProgressReport,
    QuarterClose,
    QuarterEvent,
    SupervisionAction,
)
from ledger_app.store.schema import UTCDateTime
from ledger_app.tasks.departments import normalise_name
from ledger_app.tasks.lights import Thresholds
from ledger_app.tasks.queries import OPEN_STATUSES, TaskQuery, TaskView

CLOSED, REOPENED = "封账", "重新打开"


@dataclass(frozen=True)
class Figures:
    """A closed quarter in numbers (the dashboard's trend, the ``quarters`` command)."""

    year: int
    quarter: int
    total: int
    done: int
    green: int
    yellow: int
    red: int
    paused: int

    @property
    def rate(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def name(self) -> str:
        return quarter_name(self.year, self.quarter)


@dataclass(frozen=True)
class ClosedQuarter:
    year: int
    quarter: int
    closed_at: datetime
    closed_by: str
    figures: Figures
    documents: list[IssuedDocument]  # issued for a day in the quarter, with their numbers


# ----- freezing and thawing -----------------------------------------------------------------

def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _row(obj: object) -> dict[str, object]:
    return {c.name: _plain(getattr(obj, c.name)) for c in type(obj).__table__.columns}


def _back(model: type, data: dict[str, object]) -> object:
    values = dict(data)
    for column in model.__table__.columns:
        value = values.get(column.name)
        # The ledger's times are UTCDateTime (a TypeDecorator, not a DateTime): read back aware, as live rows are.
        if isinstance(value, str) and isinstance(column.type, (DateTime, UTCDateTime)):
            values[column.name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            values[column.name] = date.fromisoformat(value)
    return model(**values)


def _view(data: dict[str, object]) -> TaskView:
    values = dict(data)
    for key in ("deadline", "start_date"):
        values[key] = date.fromisoformat(values[key]) if values[key] else None
    known = {f.name for f in fields(TaskView)}
    return TaskView(**{k: v for k, v in values.items() if k in known})


def freeze(snap: Snapshot, places: dict[int, tuple[int, int | None]], register: list[IssuedDocument]) -> bytes:
    data = {
        "as_of": snap.as_of.isoformat(),
        "tasks": [t.to_json() for t in snap.tasks],  # with its id
        "places": {str(k): list(v) for k, v in places.items()},
        "progress": [_row(r) for reports in snap.progress.values() for r in reports],
        "supervision": [_row(a) for a in snap.supervision],
        "thresholds": asdict(snap.thresholds),
        "values": snap.values,
        "documents": [_row(d) for d in register],
    }
    # Chinese kept as it is (escaped it would be three times the size); the text is the same either way.
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode())  # pragma: no mutate


@dataclass(frozen=True)
class _Thawed:
    snap: Snapshot
    places: dict[int, tuple[int, int | None]]


def _thaw(blob: bytes, closed: tuple[int, int]) -> _Thawed:
    data = json.loads(zlib.decompress(bytes(blob)).decode())
    progress: dict[int, list[ProgressReport]] = {}
    for row in data["progress"]:
        report = _back(ProgressReport, row)
        progress.setdefault(report.task_id, []).append(report)
    snap = Snapshot(date.fromisoformat(data["as_of"]), [_view(t) for t in data["tasks"]], progress,
                    [_back(SupervisionAction, a) for a in data["supervision"]], Thresholds(**data["thresholds"]),
                    data["values"], closed, [], [_back(IssuedDocument, d) for d in data["documents"]])
    return _Thawed(snap, {int(k): (v[0], v[1]) for k, v in data["places"].items()})


# ----- closing and reopening --------------------------------------------------------------

def check_quarter(year: int, quarter: int) -> None:
    check_year(year)
    if quarter not in (1, 2, 3, 4):
        raise LedgerError("季度必须是 1 到 4")


def of_quarter(register: list[IssuedDocument], year: int, quarter: int) -> list[IssuedDocument]:
    start, end = start_of_quarter(year, quarter), end_of_quarter(year, quarter)
    return [d for d in register if start <= d.as_of <= end]


def closed_quarters(engine: Engine) -> list[ClosedQuarter]:
    """Closed quarters, oldest first."""
    with read_session(engine) as session:
        rows = session.execute(select(QuarterClose.year, QuarterClose.quarter, QuarterClose.closed_at,
                                      QuarterClose.closed_by, QuarterClose.summary)
                               .order_by(QuarterClose.year, QuarterClose.quarter)).all()
    register = numbering.issued(engine)
    return [ClosedQuarter(y, q, at, by, Figures(**json.loads(summary)), of_quarter(register, y, q))
            for y, q, at, by, summary in rows]


def events(engine: Engine) -> list[QuarterEvent]:
    with read_session(engine) as session:
        return list(session.execute(select(QuarterEvent).order_by(QuarterEvent.id)).scalars())


# ----- reading a closed quarter ---------------------------------------------------------------

def frozen(engine: Engine, as_of: date, query: TaskQuery | None = None) -> Snapshot | None:
    """The snapshot of the closed quarter that ends on ``as_of`` (None if it does not end a closed
    quarter), with the 更正 entered since, limited to the tasks ``query`` matches."""
    year, quarter = quarter_of(as_of)
    if end_of_quarter(year, quarter) != as_of:
        return None
    with read_session(engine) as session:
        row = session.execute(select(QuarterClose.frozen, QuarterClose.closed_at)
                              .where(QuarterClose.year == year, QuarterClose.quarter == quarter)).first()
        if row is None:
            return None
        thawed = _thaw(row[0], (year, quarter))
        entries = _corrections(session, as_of, row[1])
    snap = _corrected(engine, thawed.snap, entries) if entries else thawed.snap
    if query is None:
        return snap
    progress = snap.progress
    kept = [t for t in snap.tasks if matches(t, query, thawed.places.get(t.id, (None, None)), progress.get(t.id, []),
                                             as_of)]
    ids = {t.id for t in kept}
    return replace(snap, tasks=kept, progress={k: v for k, v in progress.items() if k in ids},
                   supervision=[a for a in snap.supervision if a.task_id in ids],
                   corrections=snap.corrections_of(ids))


def _corrections(session: Session, end: date, closed_at: datetime) -> list[ChangeLog]:
    return list(session.execute(
        select(ChangeLog).where(ChangeLog.mark == MARK_CORRECTION, ChangeLog.effective_on <= end,
                                ChangeLog.changed_at > closed_at, ChangeLog.outcome == OUTCOME_APPLIED,
                                ChangeLog.task_id.is_not(None))
        .order_by(ChangeLog.effective_on, ChangeLog.id)).scalars())


def _corrected(engine: Engine, snap: Snapshot, entries: list[ChangeLog]) -> Snapshot:
    """The corrected tasks as the ledger has them now as of the quarter's end; the others as frozen."""
    ids = sorted({e.task_id for e in entries})
    live = take_live(engine, snap.as_of, TaskQuery(task_ids=ids))
    fresh = {t.id: t for t in live.tasks}
    tasks = [fresh.get(t.id, t) for t in snap.tasks]
    progress = {**snap.progress, **{i: live.progress.get(i, []) for i in fresh}}
    supervision = [a for a in snap.supervision if a.task_id not in fresh] + \
        [a for a in live.supervision if a.task_id in fresh]
    supervision.sort(key=lambda a: (a.action_date, a.id))
    titles = {t.id: t.title for t in tasks}
    corrections = [Correction(e.task_id, e.task_code, titles.get(e.task_id, ""), FIELD_LABELS.get(e.field, e.field),
                              e.old, e.new, e.effective_on, e.reason, _local_day(e.changed_at), e.changed_by)
                   for e in entries]
    return replace(snap, tasks=tasks, progress=progress, supervision=supervision, corrections=corrections)


def _local_day(moment: datetime) -> date:
    """The clerk's own day of ``moment`` (the ledger's times are aware, in UTC: schema.UTCDateTime)."""
    return moment.astimezone().date()


def matches(view: TaskView, query: TaskQuery, place: tuple[int | None, int | None],
            reports: list[ProgressReport], as_of: date) -> bool:
    """Python twin of queries.apply_filters (and the light filter), for a frozen snapshot."""
    plan_id, area_id = place
    open_ = view.status in OPEN_STATUSES
    checks = [
        query.task_ids is None or view.id in query.task_ids,
        query.year is None or view.year == query.year,
        query.plan_id is None or plan_id == query.plan_id,
        query.area_id is None or area_id == query.area_id,
        query.deadline_from is None or (view.deadline is not None and view.deadline >= query.deadline_from),
        query.deadline_to is None or (view.deadline is not None and view.deadline <= query.deadline_to),
        not query.open_only or open_,
        not query.plan or view.plan == query.plan,
        not query.status or view.status == query.status,
        not query.area or query.area in view.area,
        not query.dept or any(normalise_name(query.dept) in d for d in (*view.lead_depts, *view.co_depts)),
        not query.light or view.light == query.light,
        not query.overdue or (open_ and view.deadline is not None and view.deadline < as_of),
        query.due_within is None or (open_ and view.deadline is not None
                                     and as_of <= view.deadline <= date.fromordinal(as_of.toordinal()
                                                                                      + query.due_within)),
    ]
    if query.search and query.search.strip():
        text = query.search.strip()
        haystack = [view.title, view.content, view.measures, "、".join(view.lead_groups), "、".join(view.co_groups),
                    view.note, *view.lead_depts, *view.co_depts,
                    *(s for r in reports for s in (r.done, r.problems, r.next_steps))]
        checks.append(view.code == text or any(text in h for h in haystack))
    return all(checks)


def trend(engine: Engine, plan_id: int | None = None) -> list[Figures]:
    """Each closed quarter's figures, oldest first, from its frozen snapshot (with its 更正)."""
    found = []
    for closed in closed_quarters(engine):
        snap = frozen(engine, end_of_quarter(closed.year, closed.quarter), TaskQuery(plan_id=plan_id))
        if snap is not None:
            found.append(figures(closed.year, closed.quarter, snap.tasks))
    return found


def figures(year: int, quarter: int, tasks: list[TaskView]) -> Figures:
    from ledger_app.periods.tally import tally

    t = tally("", tasks)
    return Figures(year, quarter, t.total, t.done, t.green, t.yellow, t.red, t.paused)
