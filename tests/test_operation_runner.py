"""The window's write path: one edit is one operation on the runner's worker thread, one write
transaction and one read of what the window shows, counted statement by statement."""

from __future__ import annotations

import threading

from sqlalchemy import event

from ledger_app.exchange.importing.apply import import_file
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_main_window import _loaded
from ui import background
from ui.task_model import COL


def test_one_status_edit_costs_few_statements_none_on_the_gui_thread(qtbot, window, sample):
    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    task = find_task_id(window.controller.engine, "2")
    row = window.model.row_of(task)
    window.view.selectRow(row)
    qtbot.waitUntil(lambda: window.detail.task_id == task)  # the pane shows the task being edited
    window.controller.wait()
    window.model.wait()
    # 今日提醒 works its counts out again in the background after an edit (ui/reminder_panel.py):
    # closed, as a clerk may, so that what is counted here is the edit's own path.
    window.reminders.dismiss()

    def quiet() -> bool:  # the navigation and light counts that follow a load are in, however loaded the machine
        return not background.busy() and not window.status_line.timer.isActive()

    qtbot.waitUntil(quiet, timeout=15_000)
    qtbot.wait(100)  # a reply that asks again (the counts after the list)
    qtbot.waitUntil(quiet, timeout=15_000)

    statements: list[tuple[str, str]] = []
    transactions: list[str] = []
    engine = window.controller.engine

    def on_statement(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        # PostgreSQL: the write lock a write transaction takes first thing (db.engine), told apart.
        kind = "LOCK" if "pg_advisory_xact_lock" in statement else statement.split()[0].upper()
        statements.append((threading.current_thread().name, kind))

    def on_begin(_conn) -> None:  # noqa: ANN001
        transactions.append(threading.current_thread().name)

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "begin", on_begin)
    try:
        assert window.model.setData(window.model.index(row, COL["status"]), "推进中")
        window.controller.wait()
        qtbot.wait(300)  # anything the window would ask afterwards
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "begin", on_begin)

    sql = [kind for _thread, kind in statements if kind not in ("BEGIN", "LOCK")]
    print(f"one status edit: {len(sql)} statements ({sql}) in {len(transactions)} transactions")
    gui = threading.main_thread().name
    assert get_fields(engine, task, ["status"])["status"] == "推进中"
    assert len(sql) <= 10, statements
    assert len(transactions) <= 2, transactions
    assert all(thread != gui for thread, _kind in statements), "no SQL on the GUI thread"
    assert sql.count("UPDATE") == 1 and sql.count("INSERT") == 1  # the task, its change-log line
    locks = [kind for _thread, kind in statements if kind == "LOCK"]
    assert len(locks) == (1 if engine.dialect.name == "postgresql" else 0), "one write transaction, one lock"
    # The window shows the saved value without asking again: the row, the pane and the light counts.
    assert window.model.data(window.model.index(row, COL["status"])) == "推进中"
    assert window.detail.basic.status.currentText() == "推进中"
    assert "推进中" in window.detail.header.text()
