"""The 督查考核办法 as kept in the ledger's settings (``assess.*``): its values, its words for the
document and the window, and how a score is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ledger_app.assessment import scope
from ledger_app.store.settings import parse_weights

CENT = Decimal("0.01")


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

    def summary(self) -> list[str]:
        """The method in words, for the document and the window."""
        weights = "、".join(f"{k}×{_n(v)}" for k, v in self.weights.items())
        targets = ("、".join(self.targets) if self.targets else "年度内牵头可考核任务的单位") + \
            "（区外单位和统称不参加排名；没有可考核任务的单位不参与排名）"
        return [f"考核对象：{targets}。",
                f"基础分{_n(self.base)}分。",
                f"年度内到期的改革任务：按期完成每项加{_n(self.on_time)}分，提前{self.early_days}天以上完成另加"
                f"{_n(self.early)}分；逾期完成每项扣{_n(self.late)}分；到期未完成每项扣{_n(self.not_done)}分。"
                f"按项目类别加权（{weights}），配合单位按牵头单位分值的{_n(self.co_share * 100)}%计。",
                f"通报批评每次扣{_n(self.criticism)}分（以季度通报印发的为准），限期整改每次扣{_n(self.rectify)}分，"
                f"问责每次扣{_n(self.accountability)}分（计入牵头单位）。",
                f"季度进展未按时报送（下季度首月{self.feedback_day}日后报送）每项次扣{_n(self.report_late)}分，"
                f"未报送每项次扣{_n(self.report_missing)}分（计入牵头单位）。"]


def points_text(value: Decimal) -> str:
    """A score or a number of points as every output writes it (document, window, command line):
    99.25, 1.5, 100 (never 100.00), 0.75."""
    text = f"{value.quantize(CENT, ROUND_HALF_UP):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("", "-0") else text


_n = points_text
