"""Department names as clerks write them (several per cell, odd spaces and punctuation, collective
terms such as 各部门), and their rows in the ledger."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from ledger_app.messages.i18n import EN
from ledger_app.store.enums import DeptRole
from ledger_app.store.schema import department, task_department

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
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # a table names the same few dozen offices in thousands of rows
def normalise_name(name: str) -> str:
    """Trim, turn full-width spaces/letters/digits into their usual forms, drop inner spaces.

    Brackets stay as written by the offices (全角（）) because that is how their
    names appear in official documents; only the spacing is unified.
    """
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("(", "（").replace(")", "）")
    return _SPACES.sub("", text).strip()


def split_departments(cell: object) -> list[str]:
    """``'财政局、经济发展局'`` → ``['财政局', '经济发展局']``; duplicates removed, order kept."""
    if cell is None:
        return []
    seen: dict[str, None] = {}
    for part in _SEPARATORS.split(str(cell)):
        name = normalise_name(part)
        if name and name not in {"无", "—", "-", "/"}:
            seen.setdefault(name)
    return list(seen)


# Collective terms clerks write where a department belongs: "各部门", "各直属企业", "各园区",
# "各镇（街道）", "相关部门", "有关单位", "其他成员单位"… They name a group, not one office:
# kept as text on the task, never made a department (no filter entry, no fill-in form).
_GROUP = re.compile(r"^(区|全区|经开区|开发区)?(各|相关|有关|其他|其它|其余|所有|全体)")


def is_group_word(name: str) -> bool:
    """``name`` (normalised) is a collective term such as 各部门 rather than one department."""
    return bool(_GROUP.match(name))


def split_responsible(cell: object) -> tuple[list[str], list[str]]:
    """A 牵头/配合 cell → (departments, collective terms), each in the order written."""
    names = split_departments(cell)
    return [n for n in names if not is_group_word(n)], [n for n in names if is_group_word(n)]


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
