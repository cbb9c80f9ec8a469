"""Operations on indicators (指标): record one period's actual value, import an indicator table."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from ledger_app.indicators.recording import restore_value, versioned_indicator, write_value
from ledger_app.indicators.store import ValueInput, check_value
from ledger_app.operations.changes import OpChanges, OpResult, Undo


def record_indicator_value(engine: Engine, indicator_id: int, value: ValueInput, *, user: str,
                           expected_version: int | None = None, source: str = "手工录入") -> OpResult:
    """Record one period's actual value of an indicator in one transaction, at the indicator's
    ``expected_version`` if given; undo puts the period back as it was."""
    check_value(value)
    with versioned_indicator(engine, indicator_id, expected_version) as (session, indicator):
        previous = write_value(session, indicator, value, user=user, source=source)
        version = indicator.version
    return OpResult(OpChanges(indicators=True),
                    undo=Undo(_restore_indicator_value, (engine, indicator_id, value, previous), {"user": user},
                              expected_version=version))


def _restore_indicator_value(engine: Engine, indicator_id: int, value: ValueInput, previous: ValueInput | None, *,
                             user: str, expected_version: int | None) -> OpResult:
    with versioned_indicator(engine, indicator_id, expected_version) as (session, indicator):
        restore_value(session, indicator, value.year, value.quarter, previous, user=user)
        version = indicator.version
    return OpResult(OpChanges(indicators=True),
                    undo=Undo(record_indicator_value, (engine, indicator_id, value), {"user": user},
                              expected_version=version))


def import_indicators(engine: Engine, path: str | Path, *, user: str, plan: str | None = None,
                      sheet: str | None = None, dry_run: bool = False) -> OpResult:
    """Import an indicator table in one transaction (ledger_app.exchange.importing.indicators);
    not undoable, every view reloads. The value is the import's summary."""
    from ledger_app.exchange.importing.indicators import import_indicators as write

    result = write(engine, path, plan=plan, sheet=sheet, dry_run=dry_run, user=user)
    return OpResult(OpChanges() if result.dry_run else OpChanges.everything(), value=result)
