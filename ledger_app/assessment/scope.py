"""Who the annual assessment ranks (考核对象): the list kept in the setting ``assess.targets``, or
by default the units that lead at least one scoreable task in the year; and the names that are
never ranked, whatever the list says — bodies outside the zone (municipal departments 市XX局,
市委/市政府, a district or county government) and group words (成员单位, 各部门, 相关单位…),
which name a class of units, not one.

The group-word rule is the ledger's own (``ledger_app.tasks.groups.GroupRule``, with the words and
exceptions of its settings): the one the importer, the forms and the filters use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger_app.messages.i18n import EN, Message
from ledger_app.tasks.departments import join_names, normalise_name, split_departments
from ledger_app.tasks.groups import DEFAULT, GroupRule

OUTSIDE = "{what}，属区外单位，不参加本级考核"
GROUP = "是一类单位的统称，不是具体单位"
NO_TASK = "本年度没有牵头或配合的可考核任务"
NOT_LISTED = "未列入考核对象"
NOT_LEADING = "未牵头本年度可考核的任务，只作配合单位"
EN.update({
    OUTSIDE: "{what}, outside the zone; not assessed here",
    GROUP: "names a class of units, not one unit",
    NO_TASK: "no scoreable task led or co-operated in the year",
    NOT_LISTED: "not on the list of units assessed",
    NOT_LEADING: "leads no scoreable task in the year, co-operates only",
    "市级部门": "a municipal department", "党委、政府": "a Party committee or government",
    "上级部门": "a higher-level body",
})

# A municipal body: 市财政局, 常州市财政局, 市委组织部 — but not 市场监管局 or 市政公用局 (zone offices
# named after what they do) nor 城市管理局.
_MUNICIPAL = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}(?<!城)市|市)(?!场|政(?!府))")
# A Party committee or a people's government of a city, district or county: 市委, 区政府, 新北区人民政府,
# 中共常州市委; not their offices (区政府办公室 leads tasks in a district's own ledger).
_GOVERNMENT = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{0,6}[市区县](?:委|人民政府|政府)$")
# Provincial and national bodies.
_HIGHER = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省|省|国家|国务院|中央)")


def outside(name: str, office: str = "") -> str | None:
    """What kind of body outside the zone ``name`` is (市级部门…), or None. Judged from where the
    ``office`` (the ledger's 单位名称) stands: a city's own office (溧阳市委改革办) ranks the city's
    bureaus, which for a zone's office are bodies above it."""
    name = normalise_name(name)
    if _GOVERNMENT.match(name):
        return "党委、政府"
    if _HIGHER.match(name):
        return "上级部门"
    if _MUNICIPAL.match(name) and not _MUNICIPAL.match(normalise_name(office)):
        return "市级部门"
    return None


def never_ranked(name: str, office: str = "", groups: GroupRule = DEFAULT) -> str | None:
    """Why ``name`` is never ranked (the message template), or None for a unit. ``groups``: the
    ledger's rule of 统称."""
    if groups.is_group(name):
        return GROUP
    if outside(name, office) is not None:
        return OUTSIDE
    return None


def reason(name: str, template: str, office: str = "") -> Message:
    """The reason as words: Chinese in the documents, the user's language on screen (``t``)."""
    if template == OUTSIDE:
        return Message(OUTSIDE, what=Message(outside(name, office) or ""))
    return Message(template)


def parse_targets(text: str) -> list[str]:
    """The stored list (names separated by 、，；/ or line breaks) → the names, normalised, in order."""
    return split_departments(text)


def format_targets(names: list[str]) -> str:
    return join_names(names)


@dataclass(frozen=True)
class Chosen:
    """Who is ranked, which 考核对象 are not (with why), and the units on the year's scoreable tasks
    that are not assessed (with why) — each in the order met."""

    ranked: list[str]
    unranked: list[tuple[str, Message]]
    others: list[tuple[str, Message]]


def choose(named: list[str], leads: set[str], scoreable: set[str], targets: tuple[str, ...],
           office: str = "", groups: GroupRule = DEFAULT) -> Chosen:
    """``named``: every unit on a task; ``leads``: those leading a scoreable task in the year;
    ``scoreable``: those leading or co-operating on one; ``targets``: the list set (empty: ``leads``);
    ``office``: the ledger's 单位名称 (see :func:`outside`); ``groups``: its rule of 统称."""
    # By default the units are found on the tasks: one that is never ranked is not a 考核对象 at
    # all (listed with the others, a class not even there). Named in the list set, it is a
    # 考核对象 not ranked, with why.
    assessed = list(targets) if targets else \
        [d for d in named if d in leads and never_ranked(d, office, groups) is None]
    ranked: list[str] = []
    unranked: list[tuple[str, Message]] = []
    for dept in assessed:
        why = never_ranked(dept, office, groups)
        if why is not None:
            unranked.append((dept, reason(dept, why, office)))
        elif dept not in scoreable:
            unranked.append((dept, reason(dept, NO_TASK)))
        else:
            ranked.append(dept)
    listed = set(assessed)
    others = []
    for dept in named:
        if dept in listed or dept not in scoreable:
            continue
        why = never_ranked(dept, office, groups) or (NOT_LISTED if targets else NOT_LEADING)
        if why != GROUP:  # a class of units is no unit: not named among them, even as not ranked
            others.append((dept, reason(dept, why, office)))
    return Chosen(ranked, unranked, others)
