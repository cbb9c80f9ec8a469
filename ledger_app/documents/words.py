"""How documents write dates, quarters and deadlines: 2017年10月15日, 2017年第三季度, 长期坚持."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ledger_app.dates.quarters import CN_QUARTER, cn_date, end_of_quarter, quarter_name

__all__ = ["CN_QUARTER", "cn_date", "cn_period", "co_of", "deadline_label", "feedback_deadline", "lead_of",
           "plan_name", "task_name"]

CN_MONTH_ORDINAL = {1: "首", 2: "第二", 3: "末"}
_QUARTER_TEXT = re.compile(r"第?([一二三四1-4])季度")


def cn_period(year: int, quarter: int | None) -> str:
    return quarter_name(year, quarter) if quarter else f"{year}年度"


def deadline_label(deadline: date | None, text: str) -> str:
    """完成时限 as a document writes it: a date, a quarter, or the words of an open-ended task."""
    if deadline is None:
        return text.strip() or "未定"
    match = _QUARTER_TEXT.search(text or "")
    if match:
        quarter = CN_QUARTER.index(match.group(1)) + 1 if not match.group(1).isdigit() else int(match.group(1))
        if end_of_quarter(deadline.year, quarter) == deadline:
            return quarter_name(deadline.year, quarter)
    return cn_date(deadline)


def feedback_deadline(year: int, quarter: int, day: int, signed: date | None = None) -> tuple[date, str]:
    """反馈时限: ``day`` of the first month of the next quarter (下季度首月10日前); for a sheet
    issued on or after that day, ``day`` days after it is issued. Returns the date and the rule."""
    y, q = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    due = date(y, q * 3 - 2, day)
    if signed is not None and due <= signed:
        return signed + timedelta(days=day), f"收到后{day}日内"
    return due, f"下季度首月{day}日前"


def plan_name(plans: list[str]) -> str:
    """The plan's own name where a document would otherwise say 本方案."""
    if len(plans) == 1:
        return f"《{plans[0].strip('《》')}》"
    return "各改革方案" if plans else "改革方案"


def task_name(title: str, content: str) -> str:
    """How running text names a task: the reform itself (the first clause of its content, since
    several tasks share one project title), else the project."""
    first = re.split(r"[，。；;,]", content.strip(), maxsplit=1)[0] if content else ""
    return first if 4 <= len(first) <= 40 else title


def lead_of(task: object) -> str:
    """牵头单位 as a document writes them: the departments, then collective terms (各部门…)."""
    return "、".join([*task.lead_depts, *getattr(task, "lead_groups", [])])  # type: ignore[attr-defined]


def co_of(task: object) -> str:
    """配合单位 likewise."""
    return "、".join([*task.co_depts, *getattr(task, "co_groups", [])])  # type: ignore[attr-defined]
