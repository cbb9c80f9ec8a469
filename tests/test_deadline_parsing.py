from __future__ import annotations

from datetime import date, datetime

import pytest

from ledger_app.dates.deadlines import DeadlineError, parse_deadline
from ledger_app.dates.quarters import end_of_quarter

D = date


@pytest.mark.parametrize("text, expected", [
    ("2017年6月底", D(2017, 6, 30)), ("2017年6月底前", D(2017, 6, 30)), ("2017年6月末", D(2017, 6, 30)),
    ("2017年2月", D(2017, 2, 28)), ("2016年2月底", D(2016, 2, 29)),
    ("2017年底前", D(2017, 12, 31)), ("2017年底", D(2017, 12, 31)), ("2017年年底", D(2017, 12, 31)),
    ("2017年内", D(2017, 12, 31)), ("2023年", D(2023, 12, 31)),
    ("2017年12月31日", D(2017, 12, 31)), ("2017年9月30号", D(2017, 9, 30)),
    ("2017.12", D(2017, 12, 31)), ("2017.06", D(2017, 6, 30)), ("2017-06", D(2017, 6, 30)), ("2017/6", D(2017, 6, 30)),
    ("2017-09-30", D(2017, 9, 30)), ("2017/9/30", D(2017, 9, 30)), ("2017.9.30", D(2017, 9, 30)),
    ("20170930", D(2017, 9, 30)),
    ("2017年第三季度", D(2017, 9, 30)), ("2017年三季度", D(2017, 9, 30)), ("2017年第3季度", D(2017, 9, 30)),
    ("2017Q3", D(2017, 9, 30)), ("2017年Q1", D(2017, 3, 31)), ("2017年第四季度", D(2017, 12, 31)),
    ("2017年上半年", D(2017, 6, 30)), ("2017年下半年", D(2017, 12, 31)),
    ("2017年6月上旬", D(2017, 6, 10)), ("2017年6月中旬", D(2017, 6, 20)), ("2017年6月下旬", D(2017, 6, 30)),
    ("２０１７年６月底", D(2017, 6, 30)),  # full-width digits
    ("2017年6月底前完成方案，12月底前全面实施", D(2017, 12, 31)),
    ("2017年—2019年", D(2019, 12, 31)), ("2017-2019年", D(2019, 12, 31)),
    ("2017—06—30", D(2017, 6, 30)), ("2017－06－30", D(2017, 6, 30)),  # an em dash, a full-width hyphen
    ("20170630-20171231", D(2017, 12, 31)), ("20170630—20171231", D(2017, 12, 31)),  # a range of two days
])
def test_text_deadlines_end_their_period(text, expected):
    assert parse_deadline(text) == (expected, text)


@pytest.mark.parametrize("text", ["持续推进", "长期坚持", "按季度", "每季度", "长期", "常态化推进", "每月", "适时"])
def test_open_ended_deadlines_keep_text(text):
    assert parse_deadline(text) == (None, text)


@pytest.mark.parametrize("text, expected", [
    ("6月底前", D(2023, 6, 30)), ("9月30日", D(2023, 9, 30)), ("第三季度", D(2023, 9, 30)),
    ("年底前", D(2023, 12, 31)), ("上半年", D(2023, 6, 30)),
])
def test_missing_year_comes_from_plan(text, expected):
    assert parse_deadline(text, 2023) == (expected, text)
    with pytest.raises(DeadlineError, match="缺少年份"):
        parse_deadline(text)


@pytest.mark.parametrize("text", ["2017年2月30日", "2017-13-01", "2017年13月", "2017年第5季度", "abc123",
                                  "1850年", "2017年6月32日"])
def test_impossible_or_unreadable_dates_raise(text):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text)
    assert text in str(info.value) or "年份" in str(info.value)


@pytest.mark.parametrize("value, expected", [
    (D(2017, 5, 20), (D(2017, 5, 20), "2017-05-20")),
    (datetime(2017, 5, 20, 0, 0), (D(2017, 5, 20), "2017-05-20")),
    (2017.12, (D(2017, 12, 31), "2017.12")),
    (2017.1, (D(2017, 1, 31), "2017.1")),
    (2023, (D(2023, 12, 31), "2023")),
    (2023.0, (D(2023, 12, 31), "2023")),
    (None, (None, "")), ("", (None, "")), ("  ", (None, "")),
])
def test_cell_values(value, expected):
    assert parse_deadline(value) == expected


def test_numbers_that_are_not_dates_raise():
    with pytest.raises(DeadlineError):
        parse_deadline(42)


def test_end_of_quarter():
    assert [end_of_quarter(2017, q) for q in (1, 2, 3, 4)] == [D(2017, 3, 31), D(2017, 6, 30), D(2017, 9, 30),
                                                               D(2017, 12, 31)]
    with pytest.raises(DeadlineError):
        end_of_quarter(2017, 5)


def test_the_same_text_read_for_another_year_is_that_years_day():
    """The reading of a text is kept for the next row that says it, per year: a table of 2017 and one of
    2018 read "9月30日" each as its own year."""
    assert parse_deadline("9月30日", 2017) == (date(2017, 9, 30), "9月30日")
    assert parse_deadline("9月30日", 2018) == (date(2018, 9, 30), "9月30日")
    assert parse_deadline(" 9月30日 ", 2017) == (date(2017, 9, 30), "9月30日")


@pytest.mark.parametrize("text, expected", [("1900年", D(1900, 12, 31)), ("2100年12月31日", D(2100, 12, 31)),
                                            ("1900.1", D(1900, 1, 31)), ("2100-06", D(2100, 6, 30))])
def test_the_first_and_last_years_read(text, expected):
    assert parse_deadline(text) == (expected, text)


@pytest.mark.parametrize("value, year", [("1899年", "1899"), ("2101年6月底", "2101"), ("1899.12", "1899"),
                                         (2101, "2101"), ("99999-01-01", "99999"), ("20170年底", "20170"),
                                         ("201706301-01", "201706301")])
def test_a_year_outside_1900_2100_is_refused_by_name(value, year):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(value)
    assert str(info.value) == f"年份不合理：{year}"


@pytest.mark.parametrize("value, said", [
    (" 2017年2月30日 ", "日期不存在：2017年2月30日"),
    ("６月底前", "完成时限缺少年份：６月底前（请用 --year 指定年份）"),
    (float("nan"), "无法识别的完成时限：nan"),  # a number cell that is no number
    ("abc123", "无法识别的完成时限：abc123"),
    ("2017年第5季度", "季度不存在：2017年第5季度"),
])
def test_refusals_quote_the_text_as_written(value, said):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(value)
    assert str(info.value) == said
