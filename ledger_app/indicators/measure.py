"""Quantified targets (指标): how far an indicator has come from its baseline towards its target,
how far it should have come by a date (序时进度), and the light that follows — the rules only;
reading and writing the ledger is in ledger_app/indicators/store.py.

The path runs from the baseline at the end of the baseline year to the target at the end of the
target year: straight, or through the intermediate targets given (2023:780；2024:890). Progress
is the share of the way from baseline to target that the latest actual value has covered; the
schedule is the share the path has covered by the date. The light uses the task thresholds:

- 已达标 (``done``): the latest value meets the target (≥ or ≤ it, as the indicator says);
- red: the target year is over and the target not met;
- 未报送 (``unreported``): no value reported by the date (and the target year not over). Nothing
  is known of it, so it is never 正常 or 序时推进, and it has no progress to show;
- yellow: the target year ends within ``due_days``, or progress trails the schedule by more
  than ``lag_points``;
- green: otherwise (also while the path has not started, or without a baseline to measure from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ledger_app.dates.quarters import end_of_quarter, quarter_name
from ledger_app.messages.i18n import EN, Message
from ledger_app.tasks.lights import Light, Thresholds

AT_LEAST, AT_MOST = ">=", "<="
UNREPORTED = "unreported"  # the light of an indicator with no value reported
DIRECTION_SIGNS = {AT_LEAST: "≥", AT_MOST: "≤"}
_PAIR = re.compile(r"((?:19|20)\d{2})\s*(?:年|[:：=])?\s*(-?\d+(?:\.\d+)?)")


def period_end(year: int, quarter: int = 0) -> date:
    """The last day of a quarter (1–4), or of the year (0)."""
    return date(year, 12, 31) if quarter == 0 else end_of_quarter(year, quarter)


YEAR = "{year}年"
EN[YEAR] = "{year}"


def period_label(year: int, quarter: int = 0) -> Message:
    """2024年 (a whole year) or 2024年第三季度."""
    return Message(YEAR, year=year) if quarter == 0 else quarter_name(year, quarter)


def parse_path(text: str) -> list[tuple[int, float]]:
    """"2023年780；2024年890" or "2023:780;2024:890" → [(2023, 780.0), (2024, 890.0)], by year."""
    if not text.strip():
        return []
    pairs = [(int(y), float(v)) for y, v in _PAIR.findall(text)]
    rest = _PAIR.sub("", text)
    if not pairs or re.search(r"\d", rest):
        raise ValueError(text)
    return sorted(dict(pairs).items())


def format_path(path: list[tuple[int, float]]) -> str:
    return "；".join(f"{year}:{format_number(value)}" for year, value in path)


def format_number(value: float | None) -> str:
    """1000.0 → "1000", 3.25 → "3.25": as a clerk writes a figure."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Reading:
    """One actual value: for a quarter (1–4) or a year (0)."""

    year: int
    quarter: int
    value: float

    @property
    def end(self) -> date:
        return period_end(self.year, self.quarter)

    @property
    def label(self) -> str:
        return period_label(self.year, self.quarter)


@dataclass(frozen=True)
class Definition:
    """What an indicator is, as the rules need it."""

    direction: str
    baseline: float | None
    baseline_year: int | None
    target: float
    target_year: int
    path: list[tuple[int, float]] = field(default_factory=list)

    def meets(self, value: float) -> bool:
        return value <= self.target if self.direction == AT_MOST else value >= self.target

    def points(self) -> list[tuple[date, float]]:
        """The path: (date, value) from the baseline to the target."""
        if self.baseline is None or self.baseline_year is None:
            return []
        inner = [(date(y, 12, 31), v) for y, v in self.path if self.baseline_year < y < self.target_year]
        first, last = date(self.baseline_year, 12, 31), date(self.target_year, 12, 31)
        return [(first, self.baseline), *inner, (last, self.target)]

    def expected_value(self, day: date) -> float | None:
        """Where the path says the indicator should be on ``day``."""
        points = self.points()
        if not points:
            return None
        if day <= points[0][0]:
            return points[0][1]
        for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
            if day <= d1:
                return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
        return points[-1][1]

    def share(self, value: float | None) -> float | None:
        """How much of the way from baseline to target ``value`` is, in percent."""
        if value is None or self.baseline is None or self.target == self.baseline:
            return None
        return (value - self.baseline) / (self.target - self.baseline) * 100


@dataclass(frozen=True)
class Assessment:
    """An indicator judged on a date."""

    latest: Reading | None
    progress: float | None  # percent of the way from baseline to target covered
    expected: float | None  # percent the path has covered by the date (序时进度)
    light: str
    met: bool


def judge(definition: Definition, readings: list[Reading], as_of: date,
          thresholds: Thresholds | None = None) -> Assessment:
    """The indicator as of ``as_of``, from the readings of periods ended by then."""
    thresholds = thresholds or Thresholds()
    known = sorted((r for r in readings if r.end <= as_of), key=lambda r: (r.end, r.quarter == 0))
    latest = known[-1] if known else None
    expected = definition.share(definition.expected_value(as_of))
    progress = definition.share(latest.value) if latest is not None else None
    met = latest is not None and definition.meets(latest.value)
    end = date(definition.target_year, 12, 31)
    if met:
        light = Light.DONE
    elif as_of > end:
        light = Light.RED
    elif latest is None:
        return Assessment(None, None, expected, UNREPORTED, False)
    elif (end - as_of).days <= thresholds.due_days:
        light = Light.YELLOW
    elif progress is not None and expected is not None and expected - progress > thresholds.lag_points:
        light = Light.YELLOW
    else:
        light = Light.GREEN
    return Assessment(latest, progress, expected, str(light), met)
