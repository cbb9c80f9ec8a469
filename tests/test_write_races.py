"""Short write transactions, raced by a second desk on its own connection: another desk's writes go
through while a document is typeset and printed, and an edit committed while a quarter is being
closed is never in neither the frozen snapshot nor the 更正 list. Runs on SQLite and, under
tools/pg_cluster.py, on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import Engine, event

from db.engine import create_ledger_engine
from ledger_app import operations
from ledger_app.dates.business import ClosedQuarterError
from ledger_app.documents.options import ReportOptions
from ledger_app.operations import issuing
from ledger_app.operations import periods as period_operations
from ledger_app.periods import closing
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.records import numbering
from ledger_app.records.history import list_supervision
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.documents import sample_with_progress

SIGNED = date(2017, 10, 15)
MOMENT_MS = 300  # how long the other desk waits for a lock before giving up


@pytest.fixture
def shared(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    return ledger


@pytest.fixture
def other_desk(shared):
    """Another desk's connection to the same ledger, which waits only a moment for a lock: a write
    held up by a long transaction fails here instead of after the 15 s busy timeout."""
    engine = create_ledger_engine(shared.url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA busy_timeout = {MOMENT_MS}"))
    else:
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{MOMENT_MS}ms'"))
    yield engine
    engine.dispose()


def _sheet(dept: str) -> ReportOptions:
    return ReportOptions("quarterly-sheet", 2017, 3, date(2017, 9, 30), [dept], signed=SIGNED)


def test_another_desk_writes_while_a_document_is_typeset_and_printed(shared, other_desk, tmp_path):
    engine = shared.engine
    first, second = ledger_as_of(engine, date(2017, 9, 30)).lead_departments()[:2]
    task = find_task_id(engine, "2")
    seen: dict[str, object] = {}

    def deliver(pdf) -> None:  # noqa: ANN001 - the printer, while the clerk's document goes out
        # The other desk edits a task and issues another sheet of the same kind (the same counter
        # row) while this one is being delivered: neither may wait for it.
        seen["edit"] = operations.edit_task(other_desk, task, {"leader": "另一位领导"}, user="李四").value
        seen["other"] = issuing.issue(other_desk, _sheet(second), lambda _pdf: None, user="李四").numbers
        seen["held"] = [d.doc_no for d in numbering.held(other_desk)]
        (tmp_path / "printed.pdf").write_bytes(pdf.read_bytes())

    result = issuing.issue(engine, _sheet(first), deliver, user="张三")
    assert seen["edit"] == ["leader"] and get_fields(engine, task, ["leader"])["leader"] == "另一位领导"
    (mine,), (theirs,) = result.numbers.values(), seen["other"].values()
    assert {mine, theirs} == {"督办〔2017〕1号", "督办〔2017〕2号"}, "one number each, none used twice"
    assert seen["held"] == [mine], "while it was being printed the register showed it numbered, not yet delivered"
    assert numbering.held(engine) == [], "delivered: the register says so"
    assert {a.doc_no for a in list_supervision(engine)} == {mine, theirs}, "each sheet's 季度督办 recorded once"


def test_a_document_that_does_not_go_out_gives_its_number_back(shared, other_desk):
    engine = shared.engine
    first, second = ledger_as_of(engine, date(2017, 9, 30)).lead_departments()[:2]

    def jammed(_pdf) -> None:  # noqa: ANN001
        # Meanwhile the other desk's edit goes through; then the printer fails.
        operations.edit_task(other_desk, find_task_id(other_desk, "3"), {"leader": "王五"}, user="李四")
        raise OSError("打印机卡纸")

    with pytest.raises(OSError):
        issuing.issue(engine, _sheet(first), jammed, user="张三")
    assert numbering.issued(engine) == [] and list_supervision(engine) == [], "withdrawn: nothing recorded"
    again = issuing.issue(engine, _sheet(second), lambda _pdf: None, user="张三")
    assert list(again.numbers.values()) == ["督办〔2017〕1号"], "the number was given back"


def test_a_document_cut_off_before_it_was_recorded_is_held_and_goes_out_with_its_number(shared, monkeypatch):
    """A crash between numbering and recording: the register shows the number held (not delivered),
    no 督办 recorded; issuing the document again delivers it with that number and records it."""
    engine = shared.engine
    dept = ledger_as_of(engine, date(2017, 9, 30)).lead_departments()[0]

    def crash(*_args, **_kwargs) -> None:
        raise SystemExit("the desk lost power")

    with monkeypatch.context() as patched, pytest.raises(SystemExit):
        patched.setattr(issuing, "withdraw_made", lambda *_a: None)  # a crash compensates nothing
        patched.setattr(issuing, "_record", crash)
        issuing.issue(engine, _sheet(dept), lambda _pdf: None, user="张三")
    (held,) = numbering.held(engine)
    assert held.doc_no == "督办〔2017〕1号" and list_supervision(engine) == []
    result = issuing.issue(engine, _sheet(dept), lambda _pdf: None, user="张三")
    assert list(result.numbers.values()) == [held.doc_no] and numbering.held(engine) == []
    assert {a.doc_no for a in list_supervision(engine)} == {held.doc_no}


def _edit_in_q3(engine: Engine, task: int, reason: str = "") -> None:
    operations.edit_task(engine, task, {"status": "暂缓"}, user="李四", effective_on=date(2017, 9, 1), reason=reason)


def test_an_edit_saved_while_a_quarter_is_closed_is_not_lost(shared, monkeypatch):
    """The other desk saves an edit effective in the quarter at the moment the close has read the
    ledger and not yet written the freeze. Read first and written after, that edit was in neither
    the frozen quarter nor its 更正. Now it waits for the close and is then refused as a change in a
    closed quarter; entered again as a 更正, the quarter's reprints list it."""
    engine = shared.engine
    desk = create_ledger_engine(shared.url)  # the usual busy timeout: it waits for the close
    task = find_task_id(engine, "2")
    before = get_fields(engine, task, ["status"])["status"]
    outcome: list[object] = []
    real = period_operations.take_live

    def read_then_race(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        snap = real(*args, **kwargs)

        def edit() -> None:
            try:
                _edit_in_q3(desk, task)
                outcome.append("saved")
            except Exception as exc:  # noqa: BLE001 - what the desk was told
                outcome.append(exc)

        racer = threading.Thread(target=edit)
        racer.start()
        racer.join(timeout=2)  # long enough for an unhindered save to commit
        outcome.append("still waiting" if racer.is_alive() else "done")
        threads.append(racer)
        return snap

    threads: list[threading.Thread] = []
    monkeypatch.setattr(period_operations, "take_live", read_then_race)
    try:
        operations.close_quarter(engine, 2017, 3, user="督查室")
    finally:
        for racer in threads:
            racer.join(timeout=60)
        desk.dispose()
    waited, told = outcome
    assert waited == "still waiting", "the other desk's save waited for the close"
    assert isinstance(told, ClosedQuarterError), told
    frozen = closing.frozen(engine, date(2017, 9, 30))
    assert next(t.status for t in frozen.tasks if t.id == task) == before
    _edit_in_q3(engine, task, reason="九月已暂缓，漏报")
    corrected = closing.frozen(engine, date(2017, 9, 30))
    assert next(t.status for t in corrected.tasks if t.id == task) == "暂缓"
    assert [(c.task_id, c.new, c.reason) for c in corrected.corrections] == [(task, "暂缓", "九月已暂缓，漏报")]


def test_a_number_taken_back_while_another_desk_prints_that_document_is_registered_again(shared):
    """Two desks issue the same sheet at once: the second reuses the number the first reserved; the
    first's printer then fails and its compensating transaction withdraws the number — but the
    second desk printed it. Its recording registers the number again and keeps the counter past it."""
    engine = shared.engine
    dept = ledger_as_of(engine, date(2017, 9, 30)).lead_departments()[0]

    def second_desk_prints(_pdf) -> None:  # noqa: ANN001 - meanwhile the first desk's printer fails
        (held,) = numbering.held(engine)
        issuing.withdraw_made(engine, {"": held.id})

    def first_desk_prints(_pdf) -> None:  # noqa: ANN001
        issuing.issue(engine, _sheet(dept), second_desk_prints, user="李四")
        raise OSError("打印机卡纸")

    with pytest.raises(OSError):
        issuing.issue(engine, _sheet(dept), first_desk_prints, user="张三")
    (row,) = numbering.issued(engine)
    assert (row.doc_no, row.issued_by, row.delivered_at is not None) == ("督办〔2017〕1号", "李四", True)
    other = ledger_as_of(engine, date(2017, 9, 30)).lead_departments()[1]
    assert list(issuing.issue(engine, _sheet(other), lambda _pdf: None, user="张三").numbers.values()) == \
        ["督办〔2017〕2号"], "the counter was kept past the number registered again"
