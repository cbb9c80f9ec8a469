"""What an assessment (ledger_app/assessment/scoring.py) comes to: each department's lines — which task,
which rule, how many points — its total and rank, and the units not ranked with the reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger_app.assessment.method import Method
from ledger_app.messages.i18n import EN, Message, Said, t

TIED = "{rank}（并列）"
EN[TIED] = "{rank} (tied)"


# Not frozen: 10,000 are made at a time, and a frozen dataclass takes four times as long to make.
@dataclass(slots=True, eq=False)
class Line:
    """One rule applied to one department: which task, which rule, how many points (signed). Never changed
    once made."""

    code: str  # task code; "" for the base score
    task: str
    said: Message | Said  # the rule; a Said is written out when first read (rule)
    points: Decimal
    kind: str  # base | on_time | early | late | not_done | criticism | rectify | accountability | report_late | …

    @property
    def rule(self) -> Message:
        said = self.said
        return said.message() if said.__class__ is Said else said

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Line:
            return NotImplemented
        return (self.code, self.task, self.rule, self.points, self.kind) == \
            (other.code, other.task, other.rule, other.points, other.kind)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # compared by what it says, and never changed: not a key


@dataclass
class DeptScore:
    dept: str
    lines: list[Line] = field(default_factory=list)
    rank: int = 0
    tied: bool = False  # another unit has the same total (并列)

    @property
    def place(self) -> str:
        """The rank as written: 3, or 3（并列） (a Message: ``t`` shows it in the user's language)."""
        return Message(TIED, rank=self.rank) if self.tied else str(self.rank)

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines), Decimal(0))

    def count(self, *kinds: str) -> int:
        return sum(1 for line in self.lines if line.kind in kinds and line.code)

    def points(self, *kinds: str) -> Decimal:
        return sum((line.points for line in self.lines if line.kind in kinds), Decimal(0))

    def to_json(self) -> dict[str, object]:
        return {"rank": self.rank, "tied": self.tied, "dept": self.dept, "total": float(self.total),
                "lines": [{"task": line.code, "title": line.task, "rule": t(line.rule), "points": float(line.points),
                           "kind": line.kind} for line in self.lines]}


@dataclass(frozen=True, slots=True)
class Unranked:
    """A unit not ranked, and why (a Message: Chinese in documents, the user's language on screen)."""

    dept: str
    reason: Message


@dataclass(frozen=True)
class Result:
    year: int
    as_of: date
    plan: str | None
    method: Method
    departments: list[DeptScore]  # ranked
    unranked: list[Unranked] = field(default_factory=list)  # 考核对象 不参与排名, with the reason
    others: list[Unranked] = field(default_factory=list)  # units on the year's tasks that are not assessed

    def of(self, dept: str) -> DeptScore | None:
        return next((d for d in self.departments if d.dept == dept), None)

    def not_ranked(self) -> list[tuple[Message, list[str]]]:
        """The units not ranked, those of one reason together: (reason, units), in the order met."""
        grouped: dict[Message, list[str]] = {}
        for unit in [*self.unranked, *self.others]:
            grouped.setdefault(unit.reason, []).append(unit.dept)
        return list(grouped.items())

    def places(self, count: int = 3) -> list[list[DeptScore]]:
        """The units ranked 1 to ``count``, grouped by rank: 前三名 are named place by place, the
        units of a tie together (ranks 1, 2, 2 hold two places: nobody is third, 第4名 is not 前三名)."""
        held: dict[int, list[DeptScore]] = {}
        for dept in self.departments:
            if dept.rank <= count:
                held.setdefault(dept.rank, []).append(dept)
        return list(held.values())

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "as_of": self.as_of.isoformat(), "plan": self.plan,
                "method": [t(text) for text in self.method.summary()],
                "departments": [d.to_json() for d in self.departments],
                "unranked": [{"dept": u.dept, "reason": t(u.reason)} for u in self.unranked],
                "others": [{"dept": u.dept, "reason": t(u.reason)} for u in self.others]}


def rank(scores: Iterable[DeptScore]) -> list[DeptScore]:
    """Highest total first; equal totals share a rank and are marked 并列, and the ranks they take
    are skipped (1, 2, 2, 4)."""
    # Each total added up once (a unit's is the sum of its few hundred lines).
    totals = [(entry.total, entry) for entry in scores]
    totals.sort(key=lambda pair: (-pair[0], pair[1].dept))
    ranked = [entry for _total, entry in totals]
    for index, (total, entry) in enumerate(totals):
        entry.rank = ranked[index - 1].rank if index and total == totals[index - 1][0] else index + 1
    for index, entry in enumerate(ranked):
        entry.tied = any(0 <= i < len(ranked) and ranked[i].rank == entry.rank for i in (index - 1, index + 1))
    return ranked
