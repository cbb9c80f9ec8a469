"""Operations on the ledger-wide settings (预警阈值, 单位名称, document prefixes, the assessment
method…): checked (ledger_app.store.settings.checked), then saved all together in one transaction or
not at all. Not undoable; every view reloads (the lights follow the thresholds)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from db.session import transaction
from ledger_app.assessment import scope
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.operations.changes import OpChanges, OpResult
from ledger_app.store import settings
from ledger_app.store.models import Setting
from ledger_app.tasks.groups import rule_from

NOT_A_TARGET = "“{name}”不能列为考核对象：{reason}"
EN.update({NOT_A_TARGET: "'{name}' cannot be assessed: {reason}"})


def set_settings(engine: Engine, changes: dict[str, str]) -> OpResult:
    """Save the values of ``changes`` that differ from the stored ones (the settings dialog sends
    every field); the value is the keys saved."""
    return _save(engine, changes, every=False)


def set_setting(engine: Engine, key: str, value: str) -> OpResult:
    """Save one value, checked even when it is the value stored (``config org.name ""`` is refused)."""
    return _save(engine, {key: value}, every=True)


def _targets(changes: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    """考核对象 written as one list, each name as the ledger writes it; a body outside the zone or a
    group word refused with the reason (they are never ranked: ledger_app/assessment/scope.py).
    ``values``: the settings the list is saved with (单位名称, the 统称 rule)."""
    if "assess.targets" not in changes:
        return changes
    names = scope.parse_targets(changes["assess.targets"])
    office, groups = values.get("org.name", ""), rule_from(values)
    for name in names:
        why = scope.never_ranked(name, office, groups)
        if why is not None:
            raise LedgerError(NOT_A_TARGET, name=name, reason=scope.reason(name, why, office))
    return {**changes, "assess.targets": scope.format_targets(names)}


def _save(engine: Engine, changes: dict[str, str], *, every: bool) -> OpResult:
    with transaction(engine) as session:
        # Read in the transaction that writes: a prefix clash is judged against what is stored now.
        stored = dict(session.execute(select(Setting.key, Setting.value)).all())
        changes = _targets(changes, {**stored, **changes})
        clean = settings.checked(settings.with_defaults(stored), changes, every=every)
        for key, value in clean.items():
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
    return OpResult(OpChanges.everything() if clean else OpChanges(), value=sorted(clean))
