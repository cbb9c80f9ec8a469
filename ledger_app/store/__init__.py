"""The ledger database: its schema (``schema``, written once as SQLAlchemy Core tables) with the
ORM classes mapped onto it (``models``), the fixed vocabularies and storage limits, ledger-wide
settings, opening a ledger (engine, migrations, who is working), integrity checks, backups and
restore, and moving a whole ledger between databases.

May import ``messages``, ``system`` and ``db``; holds no business rule about tasks or dates.
"""
