"""What may be stored, checked where text and numbers enter the ledger (window, command line,
import, merge), so that everything stored can be exported, printed and reported again."""

from __future__ import annotations

import re

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

MAX_TEXT = 32_767  # Excel's (and WPS's) limit for the text of one cell, in UTF-16 code units
MIN_YEAR, MAX_YEAR = 1900, 2100
# What Excel's file format cannot hold (tab, line feed and carriage return it can), and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TOO_LONG = "“{field}”过长（{length} 字），超过 Excel 单元格的上限 {limit} 字，未保存"
HAS_CONTROL = "“{field}”含有控制字符（{char}），导出到 Excel 时会出错，未保存；请删去后重试"
NOT_TEXT = "“{field}”含有无法保存的字符（编码错误），未保存"
BAD_YEAR = "年份 {year} 不合理（应在 {low}–{high} 之间）"

EN.update({
    TOO_LONG: "'{field}' is too long ({length} characters; an Excel cell holds at most {limit}); not saved",
    HAS_CONTROL: "'{field}' contains a control character ({char}) that Excel cannot hold; not saved. Remove it "
                 "and try again",
    NOT_TEXT: "'{field}' contains characters that cannot be stored (an encoding error); not saved",
    BAD_YEAR: "the year {year} is not plausible (it must be between {low} and {high})",
})


def cell_length(text: str) -> int:
    """The length of ``text`` as Excel counts it: UTF-16 code units, so a character outside the
    BMP (𠮷) counts two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def too_long_for_a_cell(text: str) -> bool:
    # Half the limit in code points cannot reach the limit in code units: most text is not encoded.
    return len(text) > MAX_TEXT // 2 and cell_length(text) > MAX_TEXT


def length_values(text: str) -> dict[str, str]:
    """The {length} and {limit} of the messages about text too long for a cell."""
    return {"length": f"{cell_length(text):,}", "limit": f"{MAX_TEXT:,}"}


def text_problem(text: str) -> tuple[str, dict[str, object]] | None:
    """Why ``text`` cannot be stored, as (template, values without the field), or None."""
    if too_long_for_a_cell(text):
        return TOO_LONG, length_values(text)
    if (match := CONTROL.search(text)) is not None:
        return HAS_CONTROL, {"char": repr(match.group())[1:-1]}
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, from a mis-decoded command-line argument
        return NOT_TEXT, {}
    return None


def check_text(field: str, text: str) -> str:
    """``text`` if it can be stored; LedgerError naming ``field`` (a label the clerk knows) if not."""
    problem = text_problem(text)
    if problem is not None:
        raise LedgerError(problem[0], field=field, **problem[1])
    return text


def check_year(year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise LedgerError(BAD_YEAR, year=year, low=MIN_YEAR, high=MAX_YEAR)
    return year
