"""Nothing lost at the edges of a figure (issue 22): a cell of an indicator table or of a form's
指标填报 page is a number, or a number written with the indicator's own unit — else it is refused,
naming the cell, never read as its leading digits ("9亿5千万" is not 9). Scientific notation typed
as text is refused (clerks do not write it; a real number cell may hold any number). A value that
is not a finite number is refused where every value is written, so the window and the command
line both get it."""

from __future__ import annotations

import math
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.indicators.store import ValueInput, find_indicator_id, list_indicators
from ledger_app.messages.errors import LedgerError
from tests.test_indicators import YINCHUAN


@pytest.fixture
def engine(ledger):
    import_indicators(ledger.engine, YINCHUAN)
    return ledger.engine


def latest(engine, name: str = "园区工业产值", as_of: date = date(2024, 12, 31)) -> float | None:
    view = next(v for v in list_indicators(engine, as_of) if v.name == name)
    return view.assessment.latest.value if view.assessment.latest else None


# --- a value written: finite, where every value is written --------------------------------------

@pytest.mark.parametrize("value", ["inf", "-inf", "1e400", "NaN", "nan"])
def test_the_command_line_refuses_a_value_that_is_not_a_finite_number(engine, db_url, cli, capsys, value):
    with pytest.raises(SystemExit) as ended:  # refused as the arguments are read
        cli(["--db", db_url, "indicators", "set", "园区工业产值", "--year", "2025", "--quarter", "1",
             f"--value={value}"])
    err = capsys.readouterr().err
    assert ended.value.code == 2 and f"--value：“{value}”不是可以记录的数值：须是有限的数" in err, err
    assert latest(engine, as_of=date(2025, 3, 31)) == 820


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e15, -1e16])
def test_the_core_refuses_a_value_that_is_not_a_finite_number(engine, value):
    indicator = find_indicator_id(engine, "园区工业产值")
    with pytest.raises(LedgerError, match="有限"):
        operations.record_indicator_value(engine, indicator, ValueInput(2025, 1, value), user="张三")
    assert latest(engine, as_of=date(2025, 3, 31)) == 820
    operations.record_indicator_value(engine, indicator, ValueInput(2025, 1, 999_999_999_999_999.0), user="张三")
    assert latest(engine, as_of=date(2025, 3, 31)) == 999_999_999_999_999.0
