"""Excel in and out: importing task and indicator tables (``importing``), exporting the ledger and
the assessment, the department fill-in forms and merging them back (``forms``), and the demo
ledger made from the sample table. Its writes (``importing.apply``, ``importing.indicators``,
``forms.apply``, ``forms.workbook``) keep their own transaction rules and are reached from the window
and the command line only through the operations (ledger_app.operations.excel, .indicators).

May import every package before it (``messages`` … ``assessment``); never ``documents``.
"""
