"""Supervision actions, progress history and change log of a task."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, delete_supervision, record_progress, update_supervision
from ledger_app.records.history import list_changes, list_progress, list_supervision
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.tasks.queries import find_task_id


@pytest.fixture
def task_id(ledger, sample):
    import_file(ledger.engine, sample)
    return find_task_id(ledger.engine, "4")


def test_supervision_lifecycle_is_logged(ledger, task_id):
    action = SupervisionInput("限期整改", date(2017, 10, 15), "进度滞后，限期整改", date(2017, 11, 15))
    action_id = add_supervision(ledger.engine, task_id, action, user="督查室").value
    update_supervision(ledger.engine, task_id, action_id, SupervisionInput(**{**action.__dict__, "result": "已整改",
                                                                              "closed": True}), user="督查室")
    (row,) = list_supervision(ledger.engine, task_id)
    assert (row.kind, row.result, row.closed, row.rectify_deadline) == ("限期整改", "已整改", True, date(2017, 11, 15))
    deleted = delete_supervision(ledger.engine, task_id, action_id, user="督查室")
    assert deleted.undo.args[2].result == "已整改" and list_supervision(ledger.engine, task_id) == []
    fields = [(c.field, c.changed_by) for c in list_changes(ledger.engine, task_id)]
    assert fields[:3] == [("督办", "督查室")] * 3


@pytest.mark.parametrize("action", [
    SupervisionInput("批评", date(2017, 10, 1)),
    SupervisionInput("限期整改", date(2017, 10, 1), rectify_deadline=date(2017, 9, 1)),
])
def test_invalid_supervision_is_refused(ledger, task_id, action):
    with pytest.raises(LedgerError):
        add_supervision(ledger.engine, task_id, action, user="u")
    assert list_supervision(ledger.engine) == []


def test_progress_history_in_quarter_order(ledger, task_id):
    record_progress(ledger.engine, task_id, ProgressInput(2017, 3, 70, "三季度"), user="u")
    record_progress(ledger.engine, task_id, ProgressInput(2017, 1, 10, "一季度"), user="u")
    assert [(p.quarter, p.done) for p in list_progress(ledger.engine, task_id)] == [(1, "一季度"), (3, "三季度")]
