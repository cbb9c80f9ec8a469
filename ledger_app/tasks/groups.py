"""统称: a 牵头/配合 cell may name a class of units (各部门, 成员单位, 有关企业, 区属国企, 镇街) rather
than one unit. The one recogniser of such classes — the import, the task editor, the fill-in forms,
the department filter and the assessment all ask it — and its settings (extra class words, names
that are units although they look like a class).

Why a rule and not a list: offices write the same class a dozen ways (各成员单位, 领导小组成员单位,
区级机关各部门, 属地镇街, 规上企业…); a list misses the next table's. The rule:

1. a name listed in the setting ``groups.units`` is a unit (the clerk's word wins);
2. a name that starts with 各/相关/有关/其他… (after an optional 区/全区/经开区…) is a class;
3. a name that ends in a class noun (部门, 单位, 企业, 国企, 镇街, 街道, 园区, 平台公司…, plus the
   setting ``groups.words``) is a class when nothing but generic qualifiers stands before that noun
   (区属, 市级, 属地, 成员, 责任, 重点, 规上…) or a 各/相关/有关 does: 区属国企, 职能部门,
   领导小组各成员单位. A proper name before the noun makes it one unit: 西太湖科技产业园区,
   区城投公司. Names ending in anything else (局, 部, 办, 委, 中心…) are units: 区委组织部, 经发局.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from ledger_app.store import settings
from ledger_app.store.schema import setting
from ledger_app.store.settings import GROUP_UNITS_KEY, GROUP_WORDS_KEY, word_list
from ledger_app.tasks.names import normalise_name

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session

# Words that say "every one of / the relevant ones among": a name beginning with one names a class.
_PREFIX = re.compile(r"^(?:区|全区|经开区|开发区|高新区|市|全市)?(各|相关|有关|其他|其它|其余|所有|全体)")
MARKERS = ("各", "相关", "有关", "其他", "其它", "其余", "所有", "全体")
# Nouns that name a kind of unit, of which a table's cell means several. Longest first when matched.
NOUNS = (
    "部门", "单位", "成员单位", "企业", "国企", "国有企业", "公司", "平台公司", "国有公司", "集团",
    "镇街", "镇（街道）", "街道（镇）", "街道", "乡镇", "镇", "园区", "板块", "片区",
    "机构", "部委", "委办局", "部委办局", "社区", "村（社区）", "村居", "学校", "医院", "市场主体", "主体",
)
# What may stand before a class noun without making it one unit's name.
QUALIFIERS = (
    "区", "市", "县", "省", "镇", "全区", "全市", "区级", "市级", "省级", "县级", "镇级", "区属", "市属", "镇属",
    "区直", "市直", "直属", "下属", "所属", "驻区", "属地", "辖区", "成员", "责任", "牵头", "配合", "协办", "主办",
    "参与", "涉及", "涉改", "相应", "对口", "重点", "国有", "民营", "规上", "规模以上", "骨干", "行业", "主管",
    "职能", "业务", "机关", "政府", "党政", "经开区", "开发区", "高新区", "领导小组", "联席会议", "改革", "区委",
    "市委", "各级", "各类", *MARKERS,
)


class Reason:
    """Why a name was judged a class or a unit (the window and the manual say it in words)."""

    UNIT = ""  # a unit's name: nothing class-like about it
    EXCEPTION = "exception"  # in the setting groups.units: a unit although the rule says class
    PREFIX = "prefix"  # begins with 各/相关/有关…
    WORD = "word"  # a class noun, bare or after qualifiers (成员单位, 区属国企)
    SETTING = "setting"  # a class word from the setting groups.words


@dataclass(frozen=True)
class Decision:
    name: str
    is_group: bool
    reason: str  # a Reason
    word: str = ""  # the prefix or class noun that decided ("" for a unit)


@dataclass(frozen=True)
class GroupRule:
    """The recogniser with a ledger's settings: ``words`` extra class nouns, ``units`` exceptions."""

    words: tuple[str, ...] = ()
    units: frozenset[str] = field(default_factory=frozenset)

    def decide(self, name: str) -> Decision:
        return _decide(normalise_name(name), self.words, self.units)

    def is_group(self, name: str) -> bool:
        return self.decide(name).is_group

    def split(self, names: Iterable[str]) -> tuple[list[str], list[str]]:
        """(units, classes) of ``names``, each in the order given."""
        units: list[str] = []
        groups: list[str] = []
        for name in names:
            (groups if self.is_group(name) else units).append(name)
        return units, groups

    def units_only(self, names: Iterable[str]) -> list[str]:
        """``names`` without the classes: who may get a form, a filter entry, a place in the ranking."""
        return [n for n in names if not self.is_group(n)]


DEFAULT = GroupRule()


def rule_from(values: dict[str, str]) -> GroupRule:
    """The rule of a ledger whose settings are ``values`` (store.settings.get_all, or a snapshot's)."""
    return GroupRule(tuple(normalise_name(w) for w in word_list(values.get(GROUP_WORDS_KEY, ""))),
                     frozenset(normalise_name(w) for w in word_list(values.get(GROUP_UNITS_KEY, ""))))


def group_rule(engine: Engine) -> GroupRule:
    """The rule of the ledger behind ``engine``."""
    return rule_from(settings.get_all(engine))


def read_rule(connection: Connection | Session) -> GroupRule:
    """The rule read inside an open session or connection (a write's own transaction)."""
    rows = connection.execute(select(setting.c.key, setting.c.value)
                              .where(setting.c.key.in_((GROUP_WORDS_KEY, GROUP_UNITS_KEY))))
    return rule_from(dict(rows.all()))


@functools.lru_cache(maxsize=8192)  # a table names the same few dozen offices in thousands of rows
def _decide(name: str, words: tuple[str, ...], units: frozenset[str]) -> Decision:
    if name in units:
        return Decision(name, False, Reason.EXCEPTION)
    if match := _PREFIX.match(name):
        return Decision(name, True, Reason.PREFIX, match.group(1))
    for noun, reason in _nouns(words):
        if name.endswith(noun) and _generic(name[:-len(noun)]):
            return Decision(name, True, reason, noun)
    return Decision(name, False, Reason.UNIT)


@functools.lru_cache(maxsize=64)
def _nouns(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Class nouns, longest first (成员单位 before 单位), the setting's own marked as such."""
    own = [(w, Reason.SETTING) for w in words if w]
    built = [(n, Reason.WORD) for n in NOUNS if n not in words]
    return tuple(sorted(own + built, key=lambda pair: -len(pair[0])))


@functools.lru_cache(maxsize=4096)
def _generic(head: str) -> bool:
    """``head`` (what stands before a class noun) says nothing that names one unit: empty, made of
    qualifiers only, or holding a 各/相关/有关 (区改革领导小组各成员单位)."""
    if not head or any(marker in head for marker in MARKERS[:3]):
        return True
    return _qualifiers_only(head)


def _qualifiers_only(text: str) -> bool:
    if not text:
        return True
    return any(text.startswith(q) and _qualifiers_only(text[len(q):]) for q in QUALIFIERS)
