"""What the program says: the core's message catalogue (Chinese templates with their English),
the errors a clerk can act on, and the names of fields, lights and statuses.

Imports nothing from the rest of the ledger core, so every other package may use it.
"""
