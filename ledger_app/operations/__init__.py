"""The write API of the ledger: every change the window or the command line makes is a named
operation here. One transaction each (a few, short ones for issuing a document), carrying the
version the clerk saw; each answers what changed (``OpChanges``, so views refresh once, from the
answer) and an explicit ``Undo`` — the operation that reverses it with its arguments, and the version
it must find — so undo is a save like any other, based on the version this one left. In the spirit
of Anki's CollectionOp / OpChanges. No Qt here: ui/runner.py runs these off the GUI thread and keeps
the undo stack.

Only the command line and the window call these, and nothing else writes the ledger: the modules
that write (tasks.editing, records.progress, …) are importable only from here and from
``exchange``'s bulk import and merge, which the window and the command line reach through
``excel`` here (import-linter's ``operations``, ``writes`` and ``exchange-writes`` contracts).

The operations, by module (loaded when first used: the command line's ``import`` loads no ORM,
and issuing a document loads reportlab only when a document is issued):

- ``tasks``      edit_task, record_progress, add_supervision, update_supervision, delete_supervision,
                 create_task, delete_task, restore_task
- ``indicators`` record_indicator_value, import_indicators
- ``proposals``  accept_proposal, dismiss_proposal (and the held notices they leave)
- ``issuing``    issue, withdraw_held, build_report — a document numbered, delivered and recorded
                 (``originals``: the PDF it was delivered as, kept for its reprints)
- ``periods``    close_quarter, reopen_quarter, carry_over
- ``settings``   set_settings, set_setting
- ``excel``      import_table, issue_forms, merge_forms

What an operation takes and refuses with is named here too, so a caller needs nothing from the
modules that write: ProgressInput, SupervisionInput, SUPERVISION_KINDS, ValueInput, StaleEditError,
IndicatorStaleError.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ledger_app.operations.changes import OpChanges, OpResult, Undo

if TYPE_CHECKING:
    from ledger_app.indicators.recording import IndicatorStaleError
    from ledger_app.indicators.store import ValueInput
    from ledger_app.operations.excel import import_table, issue_forms, merge_forms
    from ledger_app.operations.indicators import import_indicators, record_indicator_value
    from ledger_app.operations.periods import carry_over, close_quarter, reopen_quarter
    from ledger_app.operations.proposals import accept_proposal, dismiss_proposal
    from ledger_app.operations.settings import set_setting, set_settings
    from ledger_app.operations.tasks import (
        add_supervision,
        create_task,
        delete_supervision,
        delete_task,
        edit_task,
        record_progress,
        restore_task,
        update_supervision,
    )
    from ledger_app.records.progress import ProgressInput
    from ledger_app.records.supervision import KINDS as SUPERVISION_KINDS
    from ledger_app.records.supervision import SupervisionInput
    from ledger_app.tasks.editing import StaleEditError

_WHERE = {
    **dict.fromkeys(("edit_task", "record_progress", "add_supervision", "update_supervision", "delete_supervision",
                     "create_task", "delete_task", "restore_task"), ("ledger_app.operations.tasks", None)),
    **dict.fromkeys(("record_indicator_value", "import_indicators"), ("ledger_app.operations.indicators", None)),
    **dict.fromkeys(("accept_proposal", "dismiss_proposal"), ("ledger_app.operations.proposals", None)),
    **dict.fromkeys(("close_quarter", "reopen_quarter", "carry_over"), ("ledger_app.operations.periods", None)),
    **dict.fromkeys(("set_settings", "set_setting"), ("ledger_app.operations.settings", None)),
    **dict.fromkeys(("import_table", "issue_forms", "merge_forms"),
                    ("ledger_app.operations.excel", None)),
    "ProgressInput": ("ledger_app.records.progress", None),
    "SupervisionInput": ("ledger_app.records.supervision", None),
    "SUPERVISION_KINDS": ("ledger_app.records.supervision", "KINDS"),
    "ValueInput": ("ledger_app.indicators.store", None),
    "StaleEditError": ("ledger_app.tasks.editing", None),
    "IndicatorStaleError": ("ledger_app.indicators.recording", None),
}


def __getattr__(name: str) -> object:
    try:
        module, attribute = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value  # once: the next look-up is a plain attribute
    return value


__all__ = ["SUPERVISION_KINDS", "IndicatorStaleError", "OpChanges", "OpResult", "ProgressInput",
           "StaleEditError", "SupervisionInput", "Undo", "ValueInput", "accept_proposal", "add_supervision",
           "carry_over", "close_quarter", "create_task", "delete_supervision", "delete_task", "dismiss_proposal",
           "edit_task", "import_indicators", "import_table", "issue_forms", "merge_forms",
           "record_indicator_value", "record_progress", "reopen_quarter", "restore_task", "set_setting",
           "set_settings", "update_supervision"]
