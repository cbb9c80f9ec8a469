"""Supervision of lagging tasks: the next step the ledger proposes for each open task
(通报 → 通报批评、限期整改 → 问责, ``escalation``) and what a clerk should see today
(``reminders``); it only reads. Carrying out or dismissing a proposal is an operation
(``ledger_app.operations.proposals``).

May import every package before it (``messages`` … ``periods``).
"""
