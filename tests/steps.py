"""A clerk's steps as the window and the command line take them (the operations), answering what the
rule tests compare: the fields an edit changed, a progress report's result, the closed quarter."""

from __future__ import annotations

from ledger_app import operations
from ledger_app.records.progress import ProgressInput


def update_task(engine, task_id: int, changes: dict, **kw):  # noqa: ANN001, ANN201
    return operations.edit_task(engine, task_id, changes, **kw).value


def record_progress(engine, task_id: int, report: ProgressInput, **kw):  # noqa: ANN001, ANN201
    return operations.record_progress(engine, task_id, report, **kw).value


def close_quarter(engine, year: int, quarter: int, **kw):  # noqa: ANN001, ANN201
    return operations.close_quarter(engine, year, quarter, **kw).value
