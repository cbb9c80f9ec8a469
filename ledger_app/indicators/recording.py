"""Writing an indicator's actual values, the one rule for it (the window, the command line, the
indicator import and the merge of department forms), inside the caller's write transaction: a
value write moves the indicator's version, so a form issued before it, or another desk's edit based
on the old version, is refused (``versioned_indicator``, the transaction the operations open)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, select
from sqlmodel import Session

from db.session import transaction
from ledger_app.indicators.store import ValueInput, check_value
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.models import Indicator, IndicatorValue, utcnow

# Looked up by its database id, which means nothing to a clerk.
INDICATOR_GONE = "该指标已不在台账中（可能已被删除），请刷新后再试"
EN.update({INDICATOR_GONE: "the indicator is no longer in the ledger (it may have been deleted); refresh and try "
                           "again"})


def value_row(session: Session, indicator_id: int, year: int, quarter: int) -> IndicatorValue | None:
    return session.execute(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator_id, IndicatorValue.year == year,
        IndicatorValue.quarter == quarter)).scalars().first()


def as_input(row: IndicatorValue) -> ValueInput:
    return ValueInput(row.year, row.quarter, row.value, row.note, row.reporter, row.report_date)


def write_value(session: Session, indicator: Indicator, value: ValueInput, *, user: str, source: str) -> \
        ValueInput | None:
    """Add or replace one period's value inside the caller's transaction; the indicator's version
    moves on. Returns the value it replaced (None: there was none)."""
    check_value(value)
    row = value_row(session, indicator.id, value.year, value.quarter)
    previous = as_input(row) if row is not None else None
    row = row or IndicatorValue(indicator_id=indicator.id, year=value.year, quarter=value.quarter, value=value.value)
    row.value, row.note = float(value.value), value.note.strip()
    row.reporter, row.source = value.reporter or user, source
    row.report_date = value.report_date or date.today()
    session.add(row)
    indicator.version += 1
    indicator.updated_at = utcnow()
    return previous


def restore_value(session: Session, indicator: Indicator, year: int, quarter: int, previous: ValueInput | None,
                  *, user: str) -> None:
    """Put one period back as it was (undo): the earlier value, or none."""
    row = value_row(session, indicator.id, year, quarter)
    if previous is None:
        if row is not None:
            session.delete(row)
        indicator.version += 1
        indicator.updated_at = utcnow()
    else:
        write_value(session, indicator, previous, user=previous.reporter or user, source="撤销")


class IndicatorStaleError(LedgerError):
    def __init__(self, name: str, expected: int, current: int) -> None:
        super().__init__("指标“{name}”已被他人修改（版本 {expected} → {current}），您的修改未保存，请重新载入后再改",
                         name=name, expected=expected, current=current)


@contextmanager
def versioned_indicator(engine: Engine, indicator_id: int, expected_version: int | None) -> \
        Iterator[tuple[Session, Indicator]]:
    """One write transaction on one indicator, row-locked, going ahead only at ``expected_version``."""
    with transaction(engine) as session:
        indicator = session.get(Indicator, indicator_id, with_for_update=True)
        if indicator is None:
            raise LedgerError(INDICATOR_GONE)
        if expected_version is not None and indicator.version != expected_version:
            raise IndicatorStaleError(indicator.name, expected_version, indicator.version)
        yield session, indicator
