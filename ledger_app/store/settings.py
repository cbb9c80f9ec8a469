"""Ledger-wide settings, stored in the ledger so that every desk shares them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.store.limits import check_text

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The database layer is imported where it is used: the window reads the thresholds of a local
# ledger for its first paint before SQLAlchemy is loaded (ledger_app/tasks/first_page.py).


@dataclass(frozen=True)
class Thresholds:
    """Yellow when due within ``due_days`` or more than ``lag_points`` behind schedule."""

    due_days: int = 30
    lag_points: int = 20


# The form-signing secret lives in the setting table, outside SPECS: never shown, never set by hand.
SECRET_KEY = "forms.secret"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: str
    is_int: bool = False
    minimum: int = 0
    maximum: int = 3650
    is_number: bool = False  # a decimal such as 0.5 (scores), between minimum and maximum
    required: bool = False  # may not be set empty (a new ledger starts without it)


DEFAULT_REQUIREMENT = ("请对照任务清单和本季度节点目标，逐项如实填写推进情况、存在问题和下步打算，"
                       "经单位主要负责人审核签字并加盖公章后，在反馈时限内报送。")
DEFAULT_NEXT_STEPS = (
    "各牵头单位要对照年度目标任务，倒排时间节点，确保按期完成；配合单位要主动对接、密切协作，形成工作合力。\n"
    "对逾期未完成和进度滞后的任务，牵头单位要认真分析原因，制定整改措施，限期整改到位。\n"
    "各单位要按时报送季度推进情况，如实反映存在问题，确保台账信息真实准确。"
)
# Documents sent out of the office: 版头, 发文字号 prefixes per kind, 主送, standard texts, contact.
DOCUMENT_SPECS = (
    SettingSpec("doc.banner", "发文机关标志（版头红字，空则用单位名称）", ""),
    SettingSpec("doc.prefix.quarterly-sheet", "督办单编号前缀（如 经开改督）", "督办"),
    SettingSpec("doc.prefix.bulletin", "通报发文字号前缀（如 经开改办）", "通报"),
    SettingSpec("doc.prefix.notice", "整改通知书发文字号前缀", "整改"),
    SettingSpec("doc.prefix.annual", "年度督查报告发文字号前缀", "督查"),
    SettingSpec("doc.prefix.assessment", "年度考核结果发文字号前缀", "考核"),
    SettingSpec("doc.recipients", "通报主送单位", "各部门、各直属企业"),
    SettingSpec("doc.copies_to", "抄送（版记，可空）", ""),
    SettingSpec("doc.sheet_requirement", "督办单“督办要求”", DEFAULT_REQUIREMENT),
    SettingSpec("doc.feedback_day", "反馈时限：下季度首月几日前", "10", is_int=True, minimum=1, maximum=28),
    SettingSpec("doc.next_steps", "通报“下步要求”（每行一段）", DEFAULT_NEXT_STEPS),
    SettingSpec("contact.name", "联系人（整改通知书）", ""),
    SettingSpec("contact.phone", "联系电话（整改通知书）", ""),
)
DOC_KINDS_NUMBERED = ("quarterly-sheet", "bulletin", "notice", "annual", "assessment")
# When the ledger proposes the next supervision step (ledger_app/supervision/escalation.py); lagging is
# judged with warn.lag_points, like the yellow light.
ESCALATION_SPECS = (
    SettingSpec("escalate.remind_days", "临近提醒：完成时限前几天", "15", is_int=True, maximum=365),
    SettingSpec("escalate.lag_quarters", "连续几个季度滞后列为通报批评候选", "2", is_int=True, minimum=1, maximum=4),
    SettingSpec("escalate.urge_days", "催办后几天仍逾期列为通报批评候选", "15", is_int=True, maximum=365),
    SettingSpec("escalate.rectify_days", "限期整改期限（天）", "30", is_int=True, minimum=1, maximum=365),
)
# 督查考核办法: the annual department assessment (ledger_app/assessment/scoring.py). Points are
# magnitudes: the method adds bonuses and subtracts deductions.
DEFAULT_WEIGHTS = "重点改革项目=1.5；专项改革项目=1；其他=1"
ASSESSMENT_SPECS = (
    SettingSpec("assess.base", "基础分", "100", is_number=True, maximum=1000),
    SettingSpec("assess.on_time", "按期完成：每项加分", "0", is_number=True, maximum=100),
    SettingSpec("assess.early", "提前完成：每项另加分", "1", is_number=True, maximum=100),
    SettingSpec("assess.early_days", "完成时限前几天完成算提前完成", "30", is_int=True, maximum=365),
    SettingSpec("assess.late", "逾期完成：每项扣分", "1", is_number=True, maximum=100),
    SettingSpec("assess.not_done", "到期未完成：每项扣分", "3", is_number=True, maximum=100),
    SettingSpec("assess.weights", "项目类别权重（类别=权重，用；分隔）", DEFAULT_WEIGHTS),
    SettingSpec("assess.co_share", "配合单位按牵头单位分值的比例", "0.5", is_number=True, maximum=1),
    SettingSpec("assess.criticism", "通报批评：每次扣分", "2", is_number=True, maximum=100),
    SettingSpec("assess.rectify", "限期整改：每次扣分", "3", is_number=True, maximum=100),
    SettingSpec("assess.accountability", "问责：每次扣分", "5", is_number=True, maximum=100),
    SettingSpec("assess.report_late", "季度进展迟报：每项次扣分", "0.5", is_number=True, maximum=100),
    SettingSpec("assess.report_missing", "季度进展未报：每项次扣分", "1", is_number=True, maximum=100),
    # Empty: the units leading a scoreable task in the year (ledger_app/assessment/scope.py).
    SettingSpec("assess.targets", "考核对象（参加排名的单位，用“、”分隔；空则为年度内牵头可考核任务的单位）", ""),
)

# 佐证材料 and 办结销号 (ledger_app/evidence): what one file and one task's files may weigh (the
# ledger carries them into every backup), and whether 已完成 needs evidence.
EVIDENCE_SPECS = (
    SettingSpec("evidence.max_file_mb", "佐证材料：单个文件上限（MB）", "50", is_int=True, minimum=1, maximum=1024),
    SettingSpec("evidence.max_task_mb", "佐证材料：每项任务合计上限（MB）", "500", is_int=True, minimum=1,
                maximum=10240),
    SettingSpec("evidence.required", "设为“已完成”须有佐证材料（1 是，0 否）", "1", is_int=True, maximum=1),
)

# 统称 (ledger_app/tasks/groups.py): class words the built-in rule lacks, and names that are one unit
# although the rule would take them for a class. Lists written with 、，； or one a line.
GROUP_WORDS_KEY = "groups.words"
GROUP_UNITS_KEY = "groups.units"
GROUP_SPECS = (
    SettingSpec(GROUP_WORDS_KEY, "补充统称词（如 社会组织、商协会）", ""),
    SettingSpec(GROUP_UNITS_KEY, "视为单位的名称（规则误判为统称时）", ""),
)
_WORD_SEPARATORS = re.compile(r"[、，,；;\n\r]+")


def word_list(text: str) -> list[str]:
    """"社会组织、商（协）会" → ["社会组织", "商（协）会"]: a list setting's words, duplicates dropped."""
    return list(dict.fromkeys(w for w in (part.strip() for part in _WORD_SEPARATORS.split(text)) if w))


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("warn.due_days", "到期预警天数（黄灯）", "30", is_int=True),
        SettingSpec("warn.lag_points", "进度落后预警百分点（黄灯）", "20", is_int=True, maximum=100),
        SettingSpec("org.name", "单位名称（公文落款、印发机关）", "", required=True),
        SettingSpec("backup.keep", "自动备份保留份数（本机文件台账）", "10", is_int=True, minimum=1, maximum=1000),
        *DOCUMENT_SPECS,
        *ESCALATION_SPECS,
        *ASSESSMENT_SPECS,
        *EVIDENCE_SPECS,
        *GROUP_SPECS,
    )
}


EN.update({"“{label}”不能为空": "'{label}' cannot be empty"})


def _check(key: str, value: str) -> str:
    spec = SPECS.get(key)
    if spec is None:
        raise LedgerError("未知设置项“{key}”（可用：{keys}）", key=key, keys="、".join(SPECS))
    value = check_text(spec.label, value.strip())
    if key.startswith("doc.prefix.") and not value:
        raise LedgerError("发文字号前缀不能为空")
    if spec.required and not value:
        raise LedgerError("“{label}”不能为空", label=spec.label)
    if spec.is_int:
        if not value.isdigit() or not spec.minimum <= int(value) <= spec.maximum:
            raise LedgerError("设置“{key}”的值无效：{value}", key=key, value=value)
    if spec.is_number:
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or not spec.minimum <= number <= spec.maximum:
            raise LedgerError("设置“{key}”的值无效：{value}", key=key, value=value)
        value = str(number.normalize()) if number != number.to_integral() else str(int(number))
    if key == "assess.weights":
        parse_weights(value)  # refuses a malformed list
    if key in (GROUP_WORDS_KEY, GROUP_UNITS_KEY):
        value = "、".join(word_list(value))  # one spelling, whatever the clerk separated them with
    return value


EN.update({"项目类别权重“{part}”无效，应写作“类别=权重”，如 重点改革项目=1.5":
           "the category weight '{part}' is not valid; write category=weight, e.g. 重点改革项目=1.5"})


def parse_weights(text: str) -> dict[str, Decimal]:
    """"重点改革项目=1.5；专项改革项目=1；其他=1" → {category: weight}; 其他 is every other category."""
    weights: dict[str, Decimal] = {}
    for part in re.split(r"[；;，,\n]+", text):
        if not part.strip():
            continue
        name, sep, number = part.partition("=") if "=" in part else part.partition("＝")
        try:
            weight = Decimal(number.strip())
        except InvalidOperation:
            weight = Decimal("NaN")
        if not sep or not name.strip() or not weight.is_finite() or not 0 <= weight <= 100:
            raise LedgerError("项目类别权重“{part}”无效，应写作“类别=权重”，如 重点改革项目=1.5", part=part.strip())
        weights[name.strip()] = weight
    return weights


def with_defaults(stored: dict[str, str]) -> dict[str, str]:
    """Every setting: the stored value, else its default."""
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def get_all(engine: Engine) -> dict[str, str]:
    from sqlalchemy import select

    from ledger_app.store.schema import setting

    with engine.connect() as conn:
        return with_defaults(dict(conn.execute(select(setting.c.key, setting.c.value)).all()))


def checked(current: dict[str, str], changes: dict[str, str], *, every: bool = False) -> dict[str, str]:
    """The values of ``changes`` to store, each checked, given the ``current`` ones. Values given
    as they are stored are left alone (the settings dialog sends every field, and a new ledger's
    empty 单位名称 is not a change) unless ``every``: ``config org.name ""`` is refused even so.
    Saving them is the operation ``set_settings`` (ledger_app.operations)."""
    if every:
        for key, value in changes.items():
            _check(key, value)
    clean = {key: _check(key, value) for key, value in changes.items() if current.get(key) != value.strip()}
    merged = {**current, **clean}
    prefixes = [k for k in merged if k.startswith("doc.prefix.")]
    for key in (k for k in clean if k.startswith("doc.prefix.")):
        # Each kind counts its own numbers: two kinds with one prefix would print the same number twice.
        clash = next((k for k in prefixes if k != key and merged[k] == merged[key]), None)
        if clash is not None:
            raise LedgerError("发文字号前缀“{value}”已用于{other}，每类公文须用不同的前缀",
                              value=merged[key], other=SPECS[clash].label.split("编号")[0].split("发文")[0])
    return clean


def thresholds(engine: Engine) -> Thresholds:
    return thresholds_from(get_all(engine))


def thresholds_from(values: dict[str, str]) -> Thresholds:
    values = with_defaults(values)
    return Thresholds(due_days=int(values["warn.due_days"]), lag_points=int(values["warn.lag_points"]))


@dataclass(frozen=True)
class EvidenceLimits:
    """What one evidence file and one task's files may weigh, in bytes, and whether 已完成 needs evidence."""

    max_file: int = 50 * 2**20
    max_task: int = 500 * 2**20
    required: bool = True


def evidence_limits_from(values: dict[str, str]) -> EvidenceLimits:
    values = with_defaults(values)
    return EvidenceLimits(max_file=int(values["evidence.max_file_mb"]) * 2**20,
                          max_task=int(values["evidence.max_task_mb"]) * 2**20,
                          required=values["evidence.required"] == "1")
