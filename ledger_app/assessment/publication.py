"""A 通报批评 is public only once a bulletin has said it: which criticisms a quarter's bulletin names
(its section 通报批评, ledger_app/documents/bulletin.py), and whether a criticism recorded in the
ledger was named by a bulletin issued by the assessment's as-of date — only those cost points.

The rule, in full. A 通报批评 dated ``d`` on a task of plan ``P`` is published as of day ``A`` when
the register holds a 季度推进情况通报 such that:

- it reports on the quarter of ``d`` (its subject ``plan|YYYYQn``), for all plans or for ``P``;
- its as-of date is on or after ``d`` (the bulletin names the quarter's criticisms dated by then);
- the criticism was recorded before the bulletin was numbered (``created_at`` ≤ ``issued_at``: one
  recorded afterwards, even dated back into the quarter, is not in the text that went out);
- it was printed or saved (``delivered_at`` set; a held number was not sent), and numbered by the
  end of ``A`` (so the same as-of date gives the same result whatever is issued later).

A criticism no bulletin names is listed in the unit's breakdown with 0 points and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ledger_app.dates.quarters import end_of_quarter, quarter_of, start_of_quarter
from ledger_app.periods.snapshot import end_of_day
from ledger_app.store.models import SupervisionKind

BULLETIN = "bulletin"


def named_in_bulletin(actions: Iterable, year: int, quarter: int, as_of: date) -> list:
    """The criticisms a bulletin of ``year`` ``quarter`` as of ``as_of`` names: 通报批评 dated in the
    quarter by ``as_of``, in date order (``actions`` are the snapshot's supervision)."""
    start, end = start_of_quarter(year, quarter), min(end_of_quarter(year, quarter), as_of)
    found = [a for a in actions if a.kind == SupervisionKind.CRITICISM and start <= a.action_date <= end]
    return sorted(found, key=lambda a: (a.action_date, a.id or 0))


def _aware(moment: datetime | str | None) -> datetime | None:
    if isinstance(moment, str):  # a frozen quarter's register and supervision keep them as text
        moment = datetime.fromisoformat(moment)
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


@dataclass(frozen=True, slots=True)
class Issue:
    """One bulletin as the rule reads it."""

    plan: str  # "" for every plan
    as_of: date
    issued_at: datetime
    doc_no: str


class Bulletins:
    """The bulletins of the register that were sent out by the end of ``as_of``, by quarter."""

    def __init__(self, register: Iterable, as_of: date) -> None:
        until = end_of_day(as_of)
        self._by_quarter: dict[tuple[int, int], list[Issue]] = {}
        self._by_number: dict[str, Issue] = {}
        for row in register:
            issued_at = _aware(row.issued_at)
            if row.kind != BULLETIN or row.delivered_at is None or issued_at is None or issued_at > until:
                continue
            period = _period(row.subject)
            if period is not None:
                issue = Issue(period[0], row.as_of, issued_at, row.doc_no)
                self._by_quarter.setdefault(period[1:], []).append(issue)
                if row.doc_no:
                    self._by_number[row.doc_no] = issue

    def naming(self, action: object, plan: str) -> Issue | None:
        """The bulletin that published ``action`` (a 通报批评 on a task of ``plan``), or None."""
        day: date = action.action_date  # type: ignore[attr-defined]
        carried = self._by_number.get(getattr(action, "doc_no", "") or "")
        if carried is not None and carried.plan in ("", plan):  # recorded as carrying out that bulletin
            return carried
        recorded = _aware(getattr(action, "created_at", None))
        for issue in self._by_quarter.get(quarter_of(day), ()):
            if issue.plan in ("", plan) and day <= issue.as_of and (recorded is None or recorded <= issue.issued_at):
                return issue
        return None


def _period(subject: str) -> tuple[str, int, int] | None:
    """``"方案|2017Q3"`` → (plan, 2017, 3); the register's subject of a bulletin (documents.build)."""
    plan, _sep, period = subject.rpartition("|")
    year, q, quarter = period.partition("Q")
    if not (q and year.isdigit() and quarter in ("1", "2", "3", "4")):
        return None
    return plan, int(year), int(quarter)
