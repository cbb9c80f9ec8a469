"""Long work in a process of its own (ledger_app/system/elsewhere.py): the window's 今日提醒 on a large
ledger. Its answer is the same as the work done here, on SQLite and PostgreSQL; its refusals arrive as
they were raised; the window can stop it at once; and when no process can be started, the work is done
here after all."""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from datetime import date

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.supervision import reminders
from ledger_app.system import elsewhere
from tests import elsewhere_work

AS_OF = date(2017, 10, 15)


def test_the_answer_and_the_refusal_of_the_work_come_back():
    assert elsewhere.run(elsewhere_work.slowly, 0) == "done"
    with pytest.raises(LedgerError, match="台账 乙 不存在"):
        elsewhere.run(elsewhere_work.refuses, "乙")


def test_an_answer_that_cannot_be_sent_back_means_the_work_is_done_here():
    with pytest.raises(elsewhere.Unavailable, match="pickle"):
        elsewhere.run(elsewhere_work.unsendable)


def test_a_process_that_dies_by_itself_means_the_work_is_done_here():
    with pytest.raises(elsewhere.Unavailable, match="exit code 3"):
        elsewhere.run(elsewhere_work.dies)


def test_the_window_stops_the_work_at_once():
    outcome: list[object] = []

    def wait_for_it() -> None:
        try:
            outcome.append(elsewhere.run(elsewhere_work.slowly, 120))
        except elsewhere.Stopped as exc:
            outcome.append(exc)

    waiting = threading.Thread(target=wait_for_it)
    waiting.start()
    deadline = time.monotonic() + 30
    while not any(p.name == "ledger-elsewhere" for p in multiprocessing.active_children()):
        assert time.monotonic() < deadline, "the process never started"
        time.sleep(0.05)
    stopped = time.monotonic()
    elsewhere.stop_all()
    waiting.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], elsewhere.Stopped), outcome
    assert time.monotonic() - stopped < 10, "stopped, not waited for (the work sleeps two minutes)"
    assert not any(p.name == "ledger-elsewhere" for p in multiprocessing.active_children())


def test_a_large_ledger_s_reminders_are_the_same_from_a_process_of_their_own(ledger, sample, monkeypatch):
    import_file(ledger.engine, sample)
    here = reminders.today(ledger.engine, AS_OF)
    assert here.proposals and not here.empty

    def not_here(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("worked out in this process")

    monkeypatch.setattr(reminders, "ELSEWHERE_FROM", 0)  # the 32 tasks count as a large ledger
    monkeypatch.setattr(reminders, "today", not_here)
    there = reminders.today_for_window(ledger.engine, AS_OF)
    assert there == here
    assert [type(label) for label in there.proposals] == [type(label) for label in here.proposals]


def test_a_small_ledger_s_reminders_are_worked_out_here(ledger, sample, monkeypatch):
    import_file(ledger.engine, sample)
    monkeypatch.setattr(elsewhere, "run", lambda *_a: pytest.fail("a process started for 32 tasks"))
    assert reminders.today_for_window(ledger.engine, AS_OF) == reminders.today(ledger.engine, AS_OF)


def test_without_a_process_the_reminders_are_worked_out_here(ledger, sample, monkeypatch, caplog):
    import_file(ledger.engine, sample)

    def unavailable(*_args):  # noqa: ANN002, ANN202
        raise elsewhere.Unavailable("no process can be started here")

    monkeypatch.setattr(reminders, "ELSEWHERE_FROM", 0)
    monkeypatch.setattr(elsewhere, "run", unavailable)
    with caplog.at_level(logging.WARNING):
        assert reminders.today_for_window(ledger.engine, AS_OF) == reminders.today(ledger.engine, AS_OF)
    assert "no process can be started here" in caplog.text
