"""今日提醒: what a clerk should see on opening the ledger — the supervision steps proposed,
the departments whose fill-in forms are still out, and the 整改 deadlines of this week."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine, func, select

from db.session import read_session
from ledger_app.dates.quarters import previous_quarter, quarter_of
from ledger_app.messages.i18n import language, set_language
from ledger_app.store.models import FormIssue, Plan, SupervisionAction, SupervisionKind, Task
from ledger_app.supervision import escalation
from ledger_app.system import elsewhere

log = logging.getLogger(__name__)

WEEK = 7


@dataclass(frozen=True)
class RectifyDue:
    task_id: int
    code: str
    title: str
    deadline: date
    doc_no: str


@dataclass(frozen=True)
class Outstanding:
    dept: str
    year: int
    quarter: int
    forms: int  # forms sent for that quarter and not returned (a department may have had two)


def outstanding(engine: Engine, year: int, quarter: int) -> list[Outstanding]:
    """Departments with a form for the quarter that has not come back, unless a later form of theirs
    for the same quarter did (a re-issued form replaces the first)."""
    with read_session(engine) as session:
        rows = session.execute(select(FormIssue).where(FormIssue.year == year, FormIssue.quarter == quarter)
                               .order_by(FormIssue.issued_at)).scalars().all()
    returned = {r.dept for r in rows if r.returned_at is not None}
    waiting: dict[str, int] = {}
    for row in rows:
        if row.returned_at is None and row.dept not in returned:
            waiting[row.dept] = waiting.get(row.dept, 0) + 1
    return [Outstanding(dept, year, quarter, count) for dept, count in sorted(waiting.items())]


@dataclass(frozen=True)
class Reminders:
    as_of: date
    proposals: dict[str, int] = field(default_factory=dict)  # step label → how many, strongest first
    forms: list[Outstanding] = field(default_factory=list)
    rectify: list[RectifyDue] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.proposals and not self.forms and not self.rectify


def _quarters(as_of: date) -> list[tuple[int, int]]:
    """The quarter being reported on (the last one ended) and the current one."""
    current = quarter_of(as_of)
    return [previous_quarter(*current), current]


def rectify_due(engine: Engine, as_of: date, days: int = WEEK) -> list[RectifyDue]:
    """Open 限期整改 whose 整改期限 falls within the next ``days`` days."""
    with read_session(engine) as session:
        rows = session.execute(
            select(SupervisionAction, Task.code, Task.title).join(Task, Task.id == SupervisionAction.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .where(SupervisionAction.kind == SupervisionKind.RECTIFY.value, SupervisionAction.closed.is_(False),
                   SupervisionAction.rectify_deadline >= as_of,
                   SupervisionAction.rectify_deadline <= as_of + timedelta(days=days))
            .order_by(SupervisionAction.rectify_deadline)).all()
    return [RectifyDue(a.task_id, code, title, a.rectify_deadline, a.doc_no) for a, code, title in rows]


# From this many tasks on, the window's reminders are worked out in a process of their own
# (ledger_app/system/elsewhere.py): at 5,000 tasks the work is about a second of Python, enough to slow
# a keystroke's query beside it; below, starting a process would take longer than the work.
ELSEWHERE_FROM = 5_000


def today_for_window(engine: Engine, as_of: date) -> Reminders:
    """:func:`today`, for the window: on a large ledger in a process of its own, never holding the
    window's interpreter; here when that cannot be done. Raises elsewhere.Stopped when the window
    stopped it (it closed, or moved to another ledger)."""
    with engine.connect() as conn:
        tasks = conn.execute(select(func.count()).select_from(Task)).scalar() or 0
    if tasks >= ELSEWHERE_FROM:
        try:
            started = time.monotonic()
            found = elsewhere.run(_today_at, engine.url.render_as_string(hide_password=False), as_of, language())
            log.info("today's reminders of %d tasks worked out in a process of their own in %.1f s", tasks,
                     time.monotonic() - started)
            return found
        except elsewhere.Unavailable as exc:
            log.warning("today's reminders worked out here, not in a process of their own: %s", exc)
    return today(engine, as_of)


def _today_at(url: str, as_of: date, lang: str) -> Reminders:
    """:func:`today` in the process of its own: its own read-only engine, let go before it answers
    (no file stays open behind the window)."""
    from db.engine import create_ledger_engine

    set_language(lang)
    engine = create_ledger_engine(url, read_only=True)
    try:
        return today(engine, as_of)
    finally:
        engine.dispose()


def today(engine: Engine, as_of: date) -> Reminders:
    found = escalation.proposals(engine, as_of)
    counts = Counter(p.label for p in found)
    ordered = {escalation.LABELS[s]: counts[escalation.LABELS[s]] for s in escalation.STEPS
               if counts[escalation.LABELS[s]]}
    forms = [o for year, quarter in _quarters(as_of) for o in outstanding(engine, year, quarter)]
    return Reminders(as_of, ordered, forms, rectify_due(engine, as_of))
