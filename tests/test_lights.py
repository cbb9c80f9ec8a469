from __future__ import annotations

from datetime import date

import pytest

from ledger_app.tasks.lights import Light, Thresholds, behind_schedule, expected_percent, light_for

START, DEADLINE = date(2017, 1, 1), date(2017, 12, 31)


@pytest.mark.parametrize("status, percent, deadline, as_of, expected", [
    ("推进中", 10, DEADLINE, date(2018, 1, 1), Light.RED),
    ("暂缓", 10, DEADLINE, date(2018, 1, 1), Light.RED),
    ("已完成", 100, DEADLINE, date(2018, 1, 1), Light.DONE),
    ("已取消", 0, DEADLINE, date(2018, 1, 1), Light.OFF),
    ("推进中", 90, DEADLINE, date(2017, 12, 1), Light.YELLOW),  # due within 30 days
    ("推进中", 90, DEADLINE, date(2017, 11, 30), Light.GREEN),
    ("推进中", 20, DEADLINE, date(2017, 7, 2), Light.YELLOW),  # half the time gone, 20 % done
    ("推进中", 31, DEADLINE, date(2017, 7, 2), Light.GREEN),
    # 2 April: 91 of 364 days, exactly 25 %: 5 % done is exactly lag_points (20) behind, not more
    ("推进中", 5, DEADLINE, date(2017, 4, 2), Light.GREEN),
    ("推进中", 4, DEADLINE, date(2017, 4, 2), Light.YELLOW),
    ("推进中", 0, DEADLINE, date(2016, 12, 1), Light.GREEN),  # before its start: nothing is due yet
    ("未启动", 0, None, date(2030, 1, 1), Light.GREEN),  # open-ended: never late
    ("推进中", 0, DEADLINE, DEADLINE, Light.YELLOW),  # due today is not yet late
])
def test_light(status, percent, deadline, as_of, expected):
    assert light_for(status, percent, deadline, START, as_of) == expected


def test_thresholds_are_settings():
    assert light_for("推进中", 90, DEADLINE, START, date(2017, 12, 1), Thresholds(due_days=10)) == Light.GREEN
    assert light_for("推进中", 20, DEADLINE, START, date(2017, 7, 2), Thresholds(lag_points=40)) == Light.GREEN


def test_expected_percent_is_clamped():
    assert expected_percent(START, DEADLINE, date(2016, 1, 1)) == 0
    assert expected_percent(START, DEADLINE, date(2019, 1, 1)) == 100
    assert expected_percent(START, START, date(2017, 6, 1)) is None


def test_expected_percent_of_a_task_without_a_start_or_without_a_deadline_is_none():
    assert expected_percent(None, DEADLINE, date(2017, 6, 1)) is None
    assert expected_percent(START, None, date(2017, 6, 1)) is None


def test_a_task_due_the_day_it_starts_has_no_schedule_to_be_behind():
    later = date(START.year, START.month, START.day + 1)
    assert behind_schedule(START, START, 0, later, 10) is False
    assert behind_schedule(START, later, 0, later, 10) is True, "a span of one day, all of it elapsed"
