"""Indicators in the ledger: listing them judged as of a date, finding one, and what a value to
record is and how it is checked. Writing values is ``ledger_app.indicators.recording``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from db.session import read_session
from ledger_app.indicators.measure import (
    DIRECTION_SIGNS,
    Assessment,
    Definition,
    Reading,
    format_number,
    judge,
    parse_path,
)
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, Message
from ledger_app.store.models import Department, Indicator, IndicatorTask, IndicatorValue, Plan, Task
from ledger_app.tasks.lights import Thresholds

TARGET = "{sign}{target}{unit}（{year}年）"
EN.update({
    TARGET: "{sign}{target}{unit} ({year})",
    "台账中没有指标“{key}”": "the ledger has no indicator '{key}'",
    "指标“{key}”在多个方案中存在，请用 --plan 指定：{plans}":
        "the indicator '{key}' exists in several plans; choose one with --plan: {plans}",
    "季度必须是 0（全年）或 1 到 4": "the quarter must be 0 (whole year) or 1 to 4",
    "年份 {year} 不在 1900–2100 之间": "the year {year} is not between 1900 and 2100",
    "“{value}”不是可以记录的数值：须是有限的数，绝对值小于 10 的 15 次方":
        "'{value}' is not a value the ledger can record: it must be a finite number below 10^15 in size",
    "指标“{name}”已被他人修改（版本 {expected} → {current}），您的修改未保存，请重新载入后再改":
        "the indicator '{name}' was changed by someone else (version {expected} → {current}); your change was "
        "not saved, reload and try again",
})


@dataclass(frozen=True)
class IndicatorView:
    id: int
    plan: str
    code: str
    name: str
    unit: str
    area: str
    direction: str
    baseline: float | None
    baseline_year: int | None
    target: float
    target_year: int
    path: list[tuple[int, float]]
    dept: str
    co_depts: str
    note: str
    version: int
    readings: list[Reading]
    assessment: Assessment
    tasks: list[str] = field(default_factory=list)  # codes of the linked tasks

    @property
    def definition(self) -> Definition:
        return Definition(self.direction, self.baseline, self.baseline_year, self.target, self.target_year, self.path)

    @property
    def light(self) -> str:
        return self.assessment.light

    @property
    def target_text(self) -> str:
        """"≥ 1000 亿元（2025年）"."""
        return Message(TARGET, sign=DIRECTION_SIGNS[self.direction], target=format_number(self.target),
                       unit=self.unit, year=self.target_year)

    def to_json(self) -> dict[str, object]:
        latest = self.assessment.latest
        return {"code": self.code, "name": self.name, "plan": self.plan, "unit": self.unit, "area": self.area,
                "direction": self.direction, "baseline": self.baseline, "baseline_year": self.baseline_year,
                "target": self.target, "target_year": self.target_year, "path": [list(p) for p in self.path],
                "dept": self.dept, "co_depts": self.co_depts, "tasks": self.tasks,
                "latest": None if latest is None else {"year": latest.year, "quarter": latest.quarter,
                                                       "value": latest.value},
                "progress": _round(self.assessment.progress), "expected": _round(self.assessment.expected),
                "light": self.light, "met": self.assessment.met,
                "values": [{"year": r.year, "quarter": r.quarter, "value": r.value} for r in self.readings]}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def list_indicators(engine: Engine, as_of: date, thresholds: Thresholds | None = None, *, plan: str | None = None,
                    dept: str | None = None) -> list[IndicatorView]:
    """Every indicator (of ``plan``, owned by ``dept``), judged with the values of periods ended by ``as_of``."""
    thresholds = thresholds or Thresholds()
    stmt = (select(Indicator, Plan.title, Department.name).join(Plan, Plan.id == Indicator.plan_id)
            .outerjoin(Department, Department.id == Indicator.department_id)
            .order_by(Plan.id, Indicator.position, Indicator.id))
    if plan:
        stmt = stmt.where(Plan.title == plan)
    if dept:
        stmt = stmt.where(Department.name == dept)
    with read_session(engine) as session:
        rows = session.execute(stmt).all()
        ids = [row[0].id for row in rows]
        readings: dict[int, list[Reading]] = {}
        links: dict[int, list[str]] = {}
        if ids:
            for value in session.execute(select(IndicatorValue).where(IndicatorValue.indicator_id.in_(ids))
                                         .order_by(IndicatorValue.year, IndicatorValue.quarter)).scalars():
                readings.setdefault(value.indicator_id, []).append(Reading(value.year, value.quarter, value.value))
            for indicator_id, code in session.execute(
                    select(IndicatorTask.indicator_id, Task.code).join(Task, Task.id == IndicatorTask.task_id)
                    .where(IndicatorTask.indicator_id.in_(ids)).order_by(Task.position)):
                links.setdefault(indicator_id, []).append(code)
    views = []
    for indicator, plan_title, dept_name in rows:
        definition = Definition(indicator.direction, indicator.baseline, indicator.baseline_year, indicator.target,
                                indicator.target_year, parse_path(indicator.path))
        mine = readings.get(indicator.id, [])
        views.append(IndicatorView(
            indicator.id, plan_title, indicator.code, indicator.name, indicator.unit, indicator.area,
            indicator.direction, indicator.baseline, indicator.baseline_year, indicator.target, indicator.target_year,
            definition.path, dept_name or "", indicator.co_depts, indicator.note, indicator.version, mine,
            judge(definition, mine, as_of, thresholds), links.get(indicator.id, [])))
    return views


def find_indicator_id(engine: Engine, key: str, plan: str | None = None) -> int:
    """The indicator whose code or name is ``key`` (in ``plan`` when the key is ambiguous)."""
    key = key.strip()
    stmt = (select(Indicator.id, Plan.title).join(Plan, Plan.id == Indicator.plan_id)
            .where((Indicator.code == key) | (Indicator.name == key)))
    if plan:
        stmt = stmt.where(Plan.title == plan)
    with read_session(engine) as session:
        rows = session.execute(stmt).all()
    if not rows:
        raise LedgerError("台账中没有指标“{key}”", key=key)
    if len(rows) > 1:
        raise LedgerError("指标“{key}”在多个方案中存在，请用 --plan 指定：{plans}", key=key,
                          plans="、".join(title for _id, title in rows))
    return rows[0][0]


@dataclass(frozen=True)
class ValueInput:
    """An actual value to record: for quarter 1–4 of ``year``, or the whole year (quarter 0)."""

    year: int
    quarter: int
    value: float
    note: str = ""
    reporter: str = ""
    report_date: date | None = None


MAX_FIGURE = 1e15  # as the forms' 指标填报 page allows: no indicator of a development zone comes near it


def check_number(value: object) -> None:
    """A figure the ledger can record: a finite number (not inf or NaN: inf would show 达标, NaN is no
    value at all) under MAX_FIGURE in size. Every value written passes here (check_value), and so
    does every figure read from a spreadsheet (ledger_app.exchange.importing.figures)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or abs(value) >= MAX_FIGURE:
        shown = format_number(value) if isinstance(value, (int, float)) and math.isfinite(value) else value
        raise LedgerError("“{value}”不是可以记录的数值：须是有限的数，绝对值小于 10 的 15 次方", value=shown)


def check_value(value: ValueInput) -> None:
    check_number(value.value)
    if value.quarter not in (0, 1, 2, 3, 4):
        raise LedgerError("季度必须是 0（全年）或 1 到 4")
    if not 1900 <= value.year <= 2100:
        raise LedgerError("年份 {year} 不在 1900–2100 之间", year=value.year)


def count_indicators(engine: Engine) -> int:
    from sqlalchemy import func

    with read_session(engine) as session:
        return session.execute(select(func.count()).select_from(Indicator)).scalar_one()
