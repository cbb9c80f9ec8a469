"""Qt widgets, models and dialogs. Talks to the ledger only through ledger_app services."""
