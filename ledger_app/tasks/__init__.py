"""A reform task and its fields: what may be written to them, how a value is checked and read back
(``fields``), writing them with the change log (``editing``), adding, deleting and restoring tasks
(``lifecycle``) — these two write inside a transaction the operations open (ledger_app.operations)
— unit names (``names``, ``departments``) and the one recogniser of classes of units such as
各部门, 成员单位 (``groups``, 统称: never a department), the warning lights (``lights``), a field's value as of a day
read from the change log (``timeline``), and reading tasks: rows and queries, the window's
paged table, its first page before SQLAlchemy loads, pick lists and dashboard figures.

May import ``messages``, ``system``, ``store`` and ``dates``.
"""
