"""Ledger-wide settings, stored in the ledger so that every desk shares them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ledger_app.errors import LedgerError
from ledger_app.lights import Thresholds

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The database layer is imported where it is used: the window reads the thresholds of a local
# ledger for its first paint before SQLAlchemy is loaded (ledger_app/first_page.py).


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: str
    is_int: bool = False
    minimum: int = 0
    maximum: int = 3650


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("warn.due_days", "到期预警天数（黄灯）", "30", is_int=True),
        SettingSpec("warn.lag_points", "进度落后预警百分点（黄灯）", "20", is_int=True, maximum=100),
        SettingSpec("org.name", "单位名称（报表抬头）", ""),
        SettingSpec("backup.keep", "自动备份保留份数（本机文件台账）", "10", is_int=True, minimum=1, maximum=1000),
    )
}


def _check(key: str, value: str) -> str:
    spec = SPECS.get(key)
    if spec is None:
        raise LedgerError("未知设置项“{key}”（可用：{keys}）", key=key, keys="、".join(SPECS))
    value = value.strip()
    if spec.is_int:
        if not value.isdigit() or not spec.minimum <= int(value) <= spec.maximum:
            raise LedgerError("设置“{key}”的值无效：{value}", key=key, value=value)
    return value


def with_defaults(stored: dict[str, str]) -> dict[str, str]:
    """Every setting: the stored value, else its default."""
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def get_all(engine: Engine) -> dict[str, str]:
    from sqlmodel import select

    from db.session import read_session
    from ledger_app.models import Setting

    with read_session(engine) as session:
        return with_defaults({row.key: row.value for row in session.exec(select(Setting))})


def set_value(engine: Engine, key: str, value: str) -> None:
    from db.session import transaction
    from ledger_app.models import Setting

    value = _check(key, value)
    with transaction(engine) as session:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def thresholds(engine: Engine) -> Thresholds:
    return thresholds_from(get_all(engine))


def thresholds_from(values: dict[str, str]) -> Thresholds:
    values = with_defaults(values)
    return Thresholds(due_days=int(values["warn.due_days"]), lag_points=int(values["warn.lag_points"]))
