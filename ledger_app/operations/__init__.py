"""The write API of the ledger: every change the window or the command line makes is a named
operation here. One transaction each, carrying the version the clerk saw; each answers what changed
(``OpChanges``, so views refresh once, from the answer) and the operation that reverses it (so undo
is a save like any other, based on the version this one left). In the spirit of Anki's
CollectionOp / OpChanges. No Qt here: ui/runner.py runs these off the GUI thread and keeps the
undo stack.

Only the command line and the window call these (import-linter checks it). Issuing a document
(``issuing``) is imported where it is used, so that starting the window does not load reportlab.
"""

from ledger_app.operations.changes import Op, OpChanges, OpResult, whole_ledger
from ledger_app.operations.proposals import accept_proposal, dismiss_proposal
from ledger_app.operations.tasks import (
    add_supervision,
    create_task,
    delete_supervision,
    delete_task,
    edit_task,
    record_indicator_value,
    record_progress,
    restore_task,
    update_supervision,
)

__all__ = ["Op", "OpChanges", "OpResult", "accept_proposal", "add_supervision", "create_task", "delete_supervision",
           "delete_task", "dismiss_proposal", "edit_task", "record_indicator_value", "record_progress", "restore_task",
           "update_supervision", "whole_ledger"]
