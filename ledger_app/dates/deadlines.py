"""完成时限 as offices write them: Excel dates, "2017年6月底前", "2017年第三季度",
"持续推进"… → the last day of the period named, plus the original text."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime

from ledger_app.dates.quarters import end_of_quarter
from ledger_app.messages.errors import DeadlineError
from ledger_app.messages.i18n import EN

EN.update({
    "日期不存在：{text}": "no such date: {text}",
    "年份不合理：{year}": "implausible year: {year}",
    "完成时限缺少年份：{text}（请用 --year 指定年份）": "the deadline has no year: {text} (give the year with --year)",
    "季度不存在：{text}": "no such quarter: {text}",
    "无法识别的完成时限：{text}": "deadline not understood: {text}",
})


_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12}
_NUM = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:((?:19|20|21)\d{2})\s*年?)"
_Y = r"(?<!\d)(\d{4})"  # a year of four digits, not the end of a longer number

# Each pattern names the period it ends; tried at each position, longest first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"{_Y}\s*年\s*{_NUM}\s*月\s*(\d{{1,2}})\s*[日号]")),
    ("ymd", re.compile(rf"{_Y}[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d)")),
    ("ymd8", re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")),
    ("ym_part", re.compile(rf"{_Y}\s*年\s*{_NUM}\s*月\s*(上旬|中旬|下旬)?")),
    ("ym", re.compile(rf"{_Y}[-/.](\d{{1,2}})(?![\d年])")),
    ("yq", re.compile(rf"{_Y}\s*年?\s*(?:第\s*)?([1-4一二三四]|\d)\s*季度")),
    ("yq", re.compile(rf"{_Y}\s*年?\s*[Qq]\s*(\d)")),
    ("yhalf", re.compile(rf"{_Y}\s*年?\s*(上|下)半年")),
    ("y", re.compile(rf"{_Y}\s*年")),
    ("y", re.compile(r"(?<![\d.])(\d{4})(?![\d.\-/])")),
    # Without a year: take it from earlier in the text or from the plan.
    ("md", re.compile(rf"{_NUM}\s*月\s*(\d{{1,2}})\s*[日号]")),
    ("m_part", re.compile(rf"{_NUM}\s*月\s*(上旬|中旬|下旬)?")),
    ("q", re.compile(r"(?<!按)(?<!每)(?:第\s*)?([1-4一二三四]|\d)\s*季度")),
    ("half", re.compile(r"(上|下)半年")),
    ("yearend", re.compile(r"年\s*[底末内]|全年")),
]
# A year of five digits or more (99999-01-01, 20170年); eight digits are a day written 20170630, which a range
# (20170630-20171231) follows with a dash.
_LONG_YEAR = re.compile(r"(?<!\d)(?!\d{8}(?!\d))(\d{5,})\s*(?:年|[-/.]\d)")
_DIGIT_OR_WORD = re.compile(r"\d|季度|半年|月|年底|年末")
# How offices say "no fixed date" (持续推进, 长期坚持, 按季度推进…); other text without a date, such
# as 下周 or 尽快, is not a deadline when a clerk types it (an imported table keeps what it says).
_OPEN_ENDED = re.compile(r"持续|长期|常态|经常|定期|动态|逐步|分步|分阶段|按季|每季|按月|每月|按年|每年|逐年|适时|按需|"
                         r"按要求|按计划|按上级|按进度")


def is_open_ended(text: str) -> bool:
    """Whether ``text`` says on purpose that a task has no fixed deadline."""
    return bool(_OPEN_ENDED.search(text))


def _num(text: str) -> int:
    return int(text) if text.isdigit() else _CN[text]


def _month_end(year: int, month: int, original: str) -> date:
    if not 1 <= month <= 12:
        raise DeadlineError("日期不存在：{text}", text=original)
    return date(year, month, calendar.monthrange(year, month)[1])


def _exact(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError("日期不存在：{text}", text=original) from None


def _check_year(year: int) -> int:
    if not 1900 <= year <= 2100:
        raise DeadlineError("年份不合理：{year}", year=year)
    return year


def _match_at(text: str, pos: int) -> tuple[str, re.Match[str]] | None:
    for kind, pattern in _PATTERNS:
        m = pattern.match(text, pos)
        if m and m.end() > pos:
            return kind, m
    return None


def _scan(text: str, default_year: int | None, original: str) -> list[date]:
    found: list[date] = []
    year = default_year
    pos = 0
    while pos < len(text):
        hit = _match_at(text, pos)
        if hit is None:
            pos += 1
            continue
        kind, m = hit
        g = m.groups()
        if kind in ("ymd", "ymd8", "ym_part", "ym", "yq", "yhalf", "y"):
            year = _check_year(int(g[0]))
            g = g[1:]
        elif year is None:
            raise DeadlineError("完成时限缺少年份：{text}（请用 --year 指定年份）", text=original)
        if kind in ("ymd", "ymd8", "md"):
            found.append(_exact(year, _num(g[0]), int(g[1]), original))
        elif kind in ("ym_part", "m_part", "ym"):
            month = _num(g[0])
            part = g[1] if len(g) > 1 else None
            end = _month_end(year, month, original)
            found.append(end.replace(day=10) if part == "上旬" else end.replace(day=20) if part == "中旬" else end)
        elif kind in ("yq", "q"):
            quarter = _num(g[0])
            if not 1 <= quarter <= 4:
                raise DeadlineError("季度不存在：{text}", text=original)
            found.append(end_of_quarter(year, quarter))
        elif kind in ("yhalf", "half"):
            found.append(date(year, 6, 30) if g[0] == "上" else date(year, 12, 31))
        else:  # "y" and "yearend"
            found.append(date(year, 12, 31))
        pos = m.end()
    return found


def _from_number(value: float) -> tuple[date, str]:
    text = f"{value:g}"
    if float(value).is_integer():
        return date(_check_year(int(value)), 12, 31), text
    year, month = text.split(".")  # a float that is not whole reads with one dot (so no partition/rpartition)
    # 2017.12 typed into a number cell: year.month, as the cell shows it.
    return _month_end(_check_year(int(year)), int(month), text), text


def parse_deadline(value: object, default_year: int | None = None) -> tuple[date | None, str]:
    """Return (deadline or None for open-ended, the original text kept for display)."""
    if value is None:  # blank text is read as text: (None, "")
        return None, ""
    if isinstance(value, datetime):
        return value.date(), value.date().isoformat()
    if isinstance(value, date):
        return value, value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _from_number(value)
        except DeadlineError:
            raise
        except ValueError:
            raise DeadlineError("无法识别的完成时限：{text}", text=value) from None
    key = (str(value).strip(), default_year)
    # The memo's lines are marked: a mutant of them (never kept, never found, one more kept) changes only speed.
    found = _READ.get(key)  # pragma: no mutate
    if found is None:
        found = _from_text(*key)
        if len(_READ) < _READ_KEPT:  # pragma: no mutate
            _READ[key] = found  # pragma: no mutate
    return found


# A table says the same few deadlines hundreds of times, and an import reads each twice (the plan's year
# from them all, then each task): the answer for a text is worked out once (an error is not kept). A plain
# dict, not functools.lru_cache: mutmut leaves decorated functions unmutated, and this one is the rule.
_READ: dict[tuple[str, int | None], tuple[date | None, str]] = {}
_READ_KEPT = 4096


def forget() -> None:
    """Work every deadline text out afresh. The tests start each from here: an answer a test before it
    (or the run mutmut forks its workers from) left behind would stand in for the rule under test."""
    _READ.clear()


def _from_text(original: str, default_year: int | None) -> tuple[date | None, str]:
    text = unicodedata.normalize("NFKC", original).replace("—", "-")  # NFKC makes a full-width － a hyphen already
    if not text:
        return None, ""
    if (long_year := _LONG_YEAR.search(text)) is not None:  # 99999-01-01: not a year of four digits
        raise DeadlineError("年份不合理：{year}", year=long_year.group(1))
    found = _scan(text, default_year, original)
    if found:
        return max(found), original
    if _DIGIT_OR_WORD.search(text) and re.search(r"\d", text):
        raise DeadlineError("无法识别的完成时限：{text}", text=original)
    return None, original  # 持续推进, 长期坚持, 按季度 …
