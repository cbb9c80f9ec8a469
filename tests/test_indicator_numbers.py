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
from openpyxl import Workbook, load_workbook

from ledger_app import operations
from ledger_app.exchange.forms import indicator_sheet
from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.workbook import issue_forms
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.indicators.store import ValueInput, count_indicators, find_indicator_id, list_indicators
from ledger_app.messages.errors import ImportRejected, LedgerError
from tests.test_indicators import YINCHUAN

HEADER = ["序号", "指标名称", "单位", "2022年基数", "2025年目标", "2024年实际"]

REFUSED = {  # an actual value of an indicator counted in 亿元, and why it is not one
    "2e3": "科学计数法",
    "1.2E+03": "科学计数法",
    "9亿5千万": "不是一个数",
    "900万元": "多了“万元”：本指标的单位是“亿元”",
    "900-950": "不是一个数",
    "95%": "多了“%”：本指标的单位是“亿元”",
    "1e400": "不是可以记录的数值",
    "约900": "多了“约”",
    "inf": "不是数字",
    "NaN": "不是数字",
    "大约九百": "不是数字",
}


def table(path, value: object, target: object = 1000, unit: str = "亿元"):
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["经开区主要指标表"])
    ws.append(HEADER)
    ws.append([1, "园区工业产值", unit, 700, target, value])
    wb.save(path)
    return path


def latest(engine, name: str = "园区工业产值", as_of: date = date(2024, 12, 31)) -> float | None:
    view = next(v for v in list_indicators(engine, as_of) if v.name == name)
    return view.assessment.latest.value if view.assessment.latest else None


@pytest.mark.parametrize(("value", "why"), REFUSED.items())
def test_an_indicator_table_cell_that_is_not_one_number_in_its_unit_is_refused(ledger, tmp_path, value, why):
    path = table(tmp_path / "指标.xlsx", value)
    with pytest.raises(ImportRejected) as caught:
        import_indicators(ledger.engine, path)
    text = str(caught.value)
    assert text.startswith(f"指标.xlsx：工作表“指标”第 3 行，第 F 列（2024年实际）：“{value}”"), text
    assert why in text
    assert count_indicators(ledger.engine) == 0


@pytest.mark.parametrize("target", ["9亿5千万", "1e3", "≥1000万元", "1000-1200"])
def test_a_target_is_one_number_too(ledger, tmp_path, target):
    with pytest.raises(ImportRejected, match="第 3 行，第 E 列（2025年目标）"):
        import_indicators(ledger.engine, table(tmp_path / "指标.xlsx", 900, target=target))
    assert count_indicators(ledger.engine) == 0


@pytest.mark.parametrize(("value", "stored"), [(900, 900), (902.5, 902.5), ("902.5", 902.5), ("900亿元", 900),
                                               ("900 亿元", 900), ("1,000", 1000), ("１０００", 1000),
                                               (2e3, 2000), (1.2e-7, 1.2e-7), ("-3.5", -3.5)])
def test_a_number_or_a_number_in_its_unit_is_read(ledger, tmp_path, value, stored):
    import_indicators(ledger.engine, table(tmp_path / "指标.xlsx", value))
    assert latest(ledger.engine) == pytest.approx(stored)


@pytest.mark.parametrize(("target", "unit", "direction", "value"),
                         [("≥1000亿元", "亿元", ">=", 1000), ("50人以内", "人", "<=", 50), ("≥3%", "%", ">=", 3),
                          ("控制在 50 人以内", "人", "<=", 50), ("突破1,000", "亿元", ">=", 1000)])
def test_a_target_may_say_its_direction(ledger, tmp_path, target, unit, direction, value):
    import_indicators(ledger.engine, table(tmp_path / "指标.xlsx", None, target=target, unit=unit))
    (view,) = list_indicators(ledger.engine, date(2024, 12, 31))
    assert (view.target, view.direction) == (value, direction)


# --- the forms' 指标填报 page: the same rule ------------------------------------------------------

@pytest.fixture
def engine(ledger):
    import_indicators(ledger.engine, YINCHUAN)
    return ledger.engine


def form_with(engine, tmp_path, value: object):
    (form,) = issue_forms(engine, 2025, 1, tmp_path / "forms", ["经济发展局"])
    wb = load_workbook(form.path)
    ws = wb[indicator_sheet.SHEET]
    row = next(r for r in range(indicator_sheet.HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 2).value == "园区工业产值")
    ws.cell(row, 6).value = value
    wb.save(form.path)
    return form.path, row


@pytest.mark.parametrize(("value", "why"), REFUSED.items())
def test_a_forms_value_that_is_not_one_number_in_its_unit_is_a_conflict_naming_the_cell(engine, tmp_path, value,
                                                                                       why):
    path, row = form_with(engine, tmp_path, value)
    (answer,) = [a for a in review_forms(engine, [path]).answers if a.title == "园区工业产值"]
    (conflict,) = answer.conflicts
    assert conflict.startswith(f"本季度实际值（F{row}）：“{value}”") and why in conflict, conflict
    assert not answer.mergeable
    apply_answers(engine, review_forms(engine, [path]).answers, user="督查室")
    assert latest(engine, as_of=date(2025, 3, 31)) == 820


@pytest.mark.parametrize(("value", "stored"), [(2000, 2000), (2e3, 2000), ("900亿元", 900), ("1,000", 1000)])
def test_a_forms_number_or_number_in_its_unit_is_merged(engine, tmp_path, value, stored):
    path, _row = form_with(engine, tmp_path, value)
    (answer,) = [a for a in review_forms(engine, [path]).answers if a.title == "园区工业产值"]
    assert answer.conflicts == [] and answer.mergeable
    apply_answers(engine, [answer], user="督查室")
    assert latest(engine, as_of=date(2025, 3, 31)) == stored


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
