"""Excel in and out: importing task and indicator tables (``importing``), exporting the ledger and
the assessment, the department fill-in forms and merging them back (``forms``), and the demo
ledger made from the sample table.

May import every package before it (``messages`` … ``assessment``); never ``documents``.
"""
