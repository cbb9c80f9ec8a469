"""A figure in a spreadsheet cell: the one rule for the cells of an indicator table (its import) and
of a returned form's 指标填报 page.

A cell is a number, or one number written with the indicator's own unit ("900亿元" where the unit
is 亿元); a target may also say its direction ("≥3%", "50人以内"). Anything else is refused,
never read as its leading digits: "9亿5千万", "900-950", "900万元" or "95%" where the unit is 亿元.
Thousands separators and full-width digits are read ("1,000", "１０００").

Scientific notation typed as text ("2e3", "1.2E+03") is refused: clerks do not write it, and read
as its leading digits it was 2 and 1.2. A real number cell holds a number whatever Excel shows, so
it is taken as it is (0.00000012 too). Either way the number must be one the ledger can record
(ledger_app.indicators.store.check_number: finite, under 10¹⁵).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ledger_app.exchange.importing.parse import cell_text
from ledger_app.indicators.store import check_number
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN

NOT_A_NUMBER = "“{value}”不是数字"
NOT_ONE_NUMBER = "“{value}”不是一个数：请只填写一个数字（不写范围，也不写“9亿5千万”这样的写法）"
SCIENTIFIC = ("“{value}”是科学计数法，填报中不使用（容易误读）：请写成 {plain}；"
              "Excel 中以数字格式保存的单元格不受此限")
OTHER_UNIT = "“{value}”中多了“{words}”：本指标的单位是“{unit}”，请换算成{unit}，只填写数字"
NO_UNIT = "“{value}”中多了“{words}”：本指标没有单位，请只填写数字"
EN.update({
    NOT_A_NUMBER: "'{value}' is not a number",
    NOT_ONE_NUMBER: "'{value}' is not one number: write a single number (no range, nor a figure like 9亿5千万)",
    SCIENTIFIC: "'{value}' is in scientific notation, which forms do not use (it is easily misread): write "
                "{plain}; a cell saved as a number in Excel may hold any number",
    OTHER_UNIT: "'{value}' has '{words}' besides the number: the indicator's unit is '{unit}', convert it to {unit} "
                "and write only the number",
    NO_UNIT: "'{value}' has '{words}' besides the number: the indicator has no unit, write only the number",
})

_NUMBER = re.compile(r"(?P<before>\D*?)(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<after>\D*)")
_SCIENTIFIC = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)[eE][-+]?\d+")


def read_figure(value: object, unit: str = "", directions: re.Pattern[str] | None = None) -> tuple[float, str]:
    """The number in a cell, and the words of direction written with it (only those ``directions``
    matches; none without it); LedgerError, a message without the cell (the caller names it), when
    the cell is not one number in ``unit``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check_number(value)  # a number cell: as it is
        return float(value), ""
    written = cell_text(value)
    text = unicodedata.normalize("NFKC", written).strip()
    if scientific := _SCIENTIFIC.search(text):
        number = Decimal(scientific.group())
        _check(float(number), written)  # 1e400 is no figure at all
        raise LedgerError(SCIENTIFIC, value=written, plain=format(number.normalize(), "f"))
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise LedgerError(NOT_ONE_NUMBER if re.search(r"\d", text) else NOT_A_NUMBER, value=written)
    unit = unicodedata.normalize("NFKC", unit).strip()
    before, after = match.group("before").strip(), match.group("after").strip()
    if unit and after.startswith(unit):
        after = after[len(unit):].strip()
    for words in (before, after):
        if words and (directions is None or not re.fullmatch(rf"(?:{directions.pattern}|\s)+", words)):
            raise LedgerError(OTHER_UNIT if unit else NO_UNIT, value=written, words=words, unit=unit)
    number = float(match.group("number").replace(",", ""))
    _check(number, written)
    return number, before + after


def _check(number: float, written: str) -> None:
    try:
        check_number(number)
    except LedgerError as exc:  # said of what the cell says: 1e400, not inf
        raise LedgerError(exc.template, **{**exc.values, "value": written}) from None
