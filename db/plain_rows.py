"""Rows as the driver hands them over, for reads of tens of thousands of rows of plain values.

SQLAlchemy wraps each row of a result in a Row; for the 17,000 quarterly reports an annual assessment
reads, that was a quarter of their reading time (issue 27). :func:`plain_rows` gives the driver's own
tuples instead, read in the same transaction as the rest of the caller's statements.

Only for statements whose columns no type converts on the way out (integers, text, and dates read as
the driver gives them: ledger_app.assessment.facts._raw): the tuples hold exactly what the Rows would.
On SQLite the statement's values are written into it by their types' own literal rules; on any other
database the statement runs the usual way (PostgreSQL's driver would read a ``%`` of a written-in text
as a placeholder), and its Rows are tuples as well.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select


def plain_rows(conn: Connection, statement: Select) -> list[Any]:
    """The rows of ``statement``, read on ``conn`` (within its transaction), as tuples."""
    if conn.dialect.name != "sqlite":
        return conn.execute(statement).all()
    sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()
