"""A reform task and its fields: editing with the change log (``editing``), creating and deleting
(``lifecycle``), department names, the warning lights (``lights``), a field's value as of a day
read from the change log (``timeline``), and reading tasks: rows and queries, the window's
paged table, its first page before SQLAlchemy loads, pick lists and dashboard figures.

May import ``messages``, ``system``, ``store`` and ``dates``.
"""
