"""The command line (``task-ledger`` / ``python main.py SUBCOMMAND``): the parser and dispatch in
``main``, and one module per command group. Never imports Qt.

May import everything in the ledger core; nothing imports it but ``main.py``.
"""
