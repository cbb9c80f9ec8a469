"""The 督查考核办法 as kept in the ledger's settings (``assess.*``): its values, its words for the
document and the window, and how a score is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ledger_app.assessment import scope
from ledger_app.messages.i18n import EN, Message
from ledger_app.store.settings import parse_weights

CENT = Decimal("0.01")
# The method in words: Chinese in the assessment document and workbook, in the user's language in the
# window and on the command line (Message).
SUMMARY_TARGETS = "考核对象：{targets}（区外单位和统称不参加排名；没有可考核任务的单位不参与排名）。"
TARGETS_DEFAULT = "年度内牵头可考核任务的单位"
SUMMARY_BASE = "基础分{base}分。"
SUMMARY_TASKS = ("年度内到期的改革任务：按期完成每项加{on_time}分，提前{early_days}天以上完成另加{early}分；"
                 "逾期完成每项扣{late}分；到期未完成每项扣{not_done}分。按项目类别加权（{weights}），"
                 "配合单位按牵头单位分值的{co_share}%计。")
SUMMARY_SUPERVISION = ("通报批评每次扣{criticism}分（以季度通报印发的为准），限期整改每次扣{rectify}分，"
                       "问责每次扣{accountability}分（计入牵头单位）。")
SUMMARY_REPORTS = ("季度进展未按时报送（下季度首月{feedback_day}日后报送）每项次扣{report_late}分，未报送每项次扣"
                   "{report_missing}分（计入牵头单位）。")
WEIGHT = "{category}×{weight}"
EN.update({
    SUMMARY_TARGETS: "Units assessed: {targets} (bodies outside the zone and group words are never ranked; a unit "
                     "without a scoreable task is not ranked).",
    TARGETS_DEFAULT: "the units leading a scoreable task in the year",
    SUMMARY_BASE: "Base score {base}.",
    SUMMARY_TASKS: "Tasks due in the year: {on_time} for each done on time, {early} more when done {early_days} days "
                   "or more early; {late} off for each done late; {not_done} off for each not done when due. "
                   "Weighted by category ({weights}); co-operating departments count {co_share}% of the lead's points.",
    SUMMARY_SUPERVISION: "{criticism} off for each public criticism (once a quarterly bulletin has published it), "
                         "{rectify} for each rectification notice, {accountability} for each accountability "
                         "(charged to the lead departments).",
    SUMMARY_REPORTS: "{report_late} off for each quarterly report filed late (after day {feedback_day} of the next "
                     "quarter's first month), {report_missing} for each not filed (charged to the lead departments).",
    WEIGHT: "{category} x{weight}",
})


@dataclass(frozen=True)
class Method:
    base: Decimal
    on_time: Decimal
    early: Decimal
    early_days: int
    late: Decimal
    not_done: Decimal
    weights: dict[str, Decimal]
    co_share: Decimal
    criticism: Decimal
    rectify: Decimal
    accountability: Decimal
    report_late: Decimal
    report_missing: Decimal
    feedback_day: int
    targets: tuple[str, ...] = ()  # 考核对象; empty: the units leading a scoreable task in the year
    office: str = ""  # the ledger's 单位名称: which bodies are outside (ledger_app/assessment/scope.py)

    @staticmethod
    def from_settings(values: dict[str, str]) -> Method:
        d = {key: Decimal(values[f"assess.{key}"]) for key in (
            "base", "on_time", "early", "late", "not_done", "co_share", "criticism", "rectify", "accountability",
            "report_late", "report_missing")}
        # A snapshot frozen before the list existed has no such setting: the default then.
        targets = tuple(scope.parse_targets(values.get("assess.targets", "")))
        return Method(early_days=int(values["assess.early_days"]), weights=parse_weights(values["assess.weights"]),
                      feedback_day=int(values["doc.feedback_day"]), targets=targets,
                      office=values.get("org.name", ""), **d)

    def weight(self, category: str) -> Decimal:
        return self.weights.get(category.strip(), self.weights.get("其他", Decimal(1)))

    def feedback_deadline(self, year: int, quarter: int) -> date:
        y, q = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return date(y, q * 3 - 2, self.feedback_day)

    def summary(self) -> list[Message]:
        """The method in words, for the document and the window."""
        weights = [Message(WEIGHT, category=k, weight=_n(v)) for k, v in self.weights.items()]
        targets = "、".join(self.targets) if self.targets else Message(TARGETS_DEFAULT)
        return [Message(SUMMARY_TARGETS, targets=targets),
                Message(SUMMARY_BASE, base=_n(self.base)),
                Message(SUMMARY_TASKS, on_time=_n(self.on_time), early_days=self.early_days, early=_n(self.early),
                        late=_n(self.late), not_done=_n(self.not_done), weights=weights,
                        co_share=_n(self.co_share * 100)),
                Message(SUMMARY_SUPERVISION, criticism=_n(self.criticism), rectify=_n(self.rectify),
                        accountability=_n(self.accountability)),
                Message(SUMMARY_REPORTS, feedback_day=self.feedback_day, report_late=_n(self.report_late),
                        report_missing=_n(self.report_missing))]


def points_text(value: Decimal) -> str:
    """A score or a number of points as every output writes it (document, window, command line):
    99.25, 1.5, 100 (never 100.00), 0.75."""
    text = f"{value.quantize(CENT, ROUND_HALF_UP):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("", "-0") else text


_n = points_text
