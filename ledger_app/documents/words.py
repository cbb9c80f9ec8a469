"""How documents write dates, quarters and deadlines: 2017年10月15日, 2017年第三季度, 长期坚持."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

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


# An item's own numbering at the head of a title or content: "（二十）", "二、", "3.", "（3）", "①".
_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.．]|\d+[、.．](?!\d)"
                      r"|[①-⑳])\s*")


def without_ordinal(text: str) -> str:
    """"（二十）探索…" → "探索…": running text names an item, not its place in the plan's outline."""
    previous = None
    while previous != text:
        previous, text = text, _ORDINAL.sub("", text, count=1)
    return text.strip()


def task_name(title: str, content: str) -> str:
    """How running text names a task: the reform itself (the first sentence of its content, since
    several tasks share one project title; a sentence is not cut at a comma), else the project.
    The plan's item numbers are left out."""
    first = without_ordinal(re.split(r"[。；;]", content.strip(), maxsplit=1)[0]) if content else ""
    first = first.rstrip("，,、：:")
    return first if 4 <= len(first) <= 40 else without_ordinal(title)


def area_name(area: str) -> str:
    """An area inside a sentence: "三、优化组织管理机制，实现队伍建设高活力" → "优化组织管理机制"
    (its ordinal and its second clause belong to the outline, not to the sentence)."""
    return re.split(r"[，,；;。]", without_ordinal(area), maxsplit=1)[0].strip() or area


def quoted(text: str) -> str:
    """Text in double quotes, its own quotes turned single (引号内再用引号用单引号)."""
    return "“" + text.replace("“", "‘").replace("”", "’").replace('"', "’") + "”"


def summarised(text: str, limit: int = 200, more: str = "……") -> str:
    """At most ``limit`` characters of ``text`` (white space runs closed up), ``more`` after a cut,
    which falls at the end of a sentence or clause where one is near."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    room = limit - len(more)
    cut = text[:room]
    stop = max(cut.rfind(c) for c in "。；;！？")
    if stop < room * 0.6:
        stop = max(cut.rfind(c) for c in "，,、")
    body = cut[:stop] if stop >= room * 0.6 else cut
    return body.rstrip("，,、；;：: ") + more


def sentence(text: str) -> str:
    """``text`` ending with one "。" (a list item, a reported problem quoted as a sentence)."""
    text = text.strip().rstrip("，,、；;：:。.　 ")
    return text + "。" if text else ""


def units(names: list[str], limit: int = 8) -> str:
    """Units named in a sentence: "甲、乙等单位" (等 closes an enumeration; after ``limit`` names
    the rest are left to it)."""
    return "、".join(names[:limit]) + "等单位" if names else ""


def rate(done: int, total: int) -> Decimal:
    """A completion rate in percent, one decimal, rounded half up (1 of 16 → 6.3): the one rule
    for every rate a document prints, computed from the counts, not a float."""
    if not total:
        return Decimal("0.0")
    return (Decimal(done) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def one_decimal(value: float | Decimal) -> Decimal:
    """A figure already in percent, to one decimal, half up (as printed)."""
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def whole(value: float | Decimal) -> int:
    """A figure in percent to a whole number, half up (62.5 → 63), as a sentence prints it."""
    return int(Decimal(str(value)).quantize(Decimal("1"), ROUND_HALF_UP))


def pct(value: float | Decimal) -> str:
    """"6.3%": a percentage as every document prints it."""
    return f"{one_decimal(value)}%"


def rate_of(row: object) -> Decimal:
    """The printed completion rate of a tally row (``done`` of ``total``)."""
    return rate(row.done, row.total)  # type: ignore[attr-defined]


def lead_of(task: object) -> str:
    """牵头单位 as a document writes them: the departments, then collective terms (各部门…)."""
    return "、".join([*task.lead_depts, *getattr(task, "lead_groups", [])])  # type: ignore[attr-defined]


def co_of(task: object) -> str:
    """配合单位 likewise."""
    return "、".join([*task.co_depts, *getattr(task, "co_groups", [])])  # type: ignore[attr-defined]
