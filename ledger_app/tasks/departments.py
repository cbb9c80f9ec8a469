"""Department names as clerks write them (several per cell, odd spaces and punctuation, classes of
units such as 各部门 — recognised by ledger_app.tasks.groups), and their rows in the ledger."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from ledger_app.messages.i18n import EN
from ledger_app.store.enums import DeptRole
from ledger_app.store.schema import department, task_department
from ledger_app.tasks.groups import DEFAULT, GroupRule
from ledger_app.tasks.names import normalise_name

if TYPE_CHECKING:
    from sqlmodel import Session

# The longest name of one department. Real ones reach about 25 characters (常州国家高新技术产业开发区
# （新北区）管理委员会); every department gets files named after it (its fill-in form), and a name
# of a hundred characters is a sentence pasted into the wrong cell.
MAX_NAME = 50
NAME_TOO_LONG = "“{field}”中的单位名称过长（{length} 字，上限 {limit} 字）：{name}"
EN.update({NAME_TOO_LONG: "a unit named in '{field}' is too long ({length} characters; at most {limit}): {name}"})

# 、，, ; ； / ／ and line breaks separate departments within one cell.
_SEPARATORS = re.compile(r"[、，,;；/／\n\r]+")


def split_departments(cell: object) -> list[str]:
    """``'财政局、经济发展局'`` → ``['财政局', '经济发展局']``; duplicates removed, order kept."""
    if cell is None:
        return []
    seen: dict[str, None] = {}
    for part in _parts(str(cell)):
        name = normalise_name(part)
        if name and name not in {"无", "—", "-", "/"}:
            seen.setdefault(name)
    return list(seen)


def _parts(text: str) -> list[str]:
    """``text`` cut at the separators outside brackets: 各镇（街道、园区） is one name."""
    if "（" not in text and "(" not in text:
        return _SEPARATORS.split(text)
    parts, start, depth = [], 0, 0
    for index, char in enumerate(text):
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        elif depth == 0 and _SEPARATORS.match(char):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def is_group_word(name: str, rule: GroupRule = DEFAULT) -> bool:
    """``name`` names a class of units (各部门, 成员单位, 区属国企) rather than one unit: the one
    recogniser, ledger_app.tasks.groups. Without ``rule`` the built-in rule only; a ledger's own
    (its settings' class words and exceptions) is ``groups.group_rule(engine)``."""
    return rule.is_group(name)


def split_responsible(cell: object, rule: GroupRule = DEFAULT) -> tuple[list[str], list[str]]:
    """A 牵头/配合 cell → (units, classes of units), each in the order written."""
    return rule.split(split_departments(cell))


def too_long_name(names: Iterable[str]) -> dict[str, object] | None:
    """The values of NAME_TOO_LONG (without the field) for the first name over MAX_NAME, or None."""
    for name in names:
        if len(name) > MAX_NAME:
            shown = name if len(name) <= 30 else name[:30] + "…"
            return {"length": len(name), "limit": MAX_NAME, "name": shown}
    return None


def join_names(names: list[str]) -> str:
    return "、".join(names)


_CHUNK = 500  # stay far below every database's bound-parameter limit


def department_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids for ``names``, creating the departments not yet in the ledger."""
    wanted = list(dict.fromkeys(names))
    ids: dict[str, int] = {}

    def fetch(names: list[str]) -> None:
        for start in range(0, len(names), _CHUNK):
            stmt = select(department.c.name, department.c.id).where(department.c.name.in_(names[start:start + _CHUNK]))
            ids.update({name: dept_id for name, dept_id in session.execute(stmt)})

    fetch(wanted)
    missing = [n for n in wanted if n not in ids]
    if missing:
        session.execute(insert(department), [{"name": n} for n in missing])
        fetch(missing)
    return ids


def names_of(session: Session, task_id: int, role: DeptRole) -> list[str]:
    """The departments leading (or cooperating on) one task, in the order written."""
    return list(session.execute(
        select(department.c.name).join(task_department, task_department.c.department_id == department.c.id)
        .where(task_department.c.task_id == task_id, task_department.c.role == role.value)
        .order_by(task_department.c.position)).scalars())
