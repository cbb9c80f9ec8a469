"""Excel out and back: ledger export, department fill-in forms, merging returned forms."""
