"""db.bulk.insert_rows stores exactly what SQLAlchemy's own INSERT stores (types converted the same,
Python-side defaults filled in), on SQLite and PostgreSQL, inside the caller's transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert

from db.bulk import insert_rows
from db.session import core_transaction
from ledger_app.store import schema
from ledger_app.store.opening import open_ledger

WHEN = datetime(2017, 10, 15, 9, 30, 5, 123456, tzinfo=timezone(timedelta(hours=8)))


def _rows() -> dict[str, list[dict]]:
    tasks = [{"id": i, "plan_id": 1, "code": str(i), "title": f"任务{i}", "deadline": date(2017, 6, 30) if i % 2 else None,
              "start_date": date(2017, 1, 1), "percent": i * 10, "year": None, "created_at": WHEN, "updated_at": WHEN}
             for i in (1, 2, 3)]
    links = [{"task_id": i, "department_id": 1, "role": "lead", "position": 0} for i in (1, 2, 3)]
    # No changed_at, effective_on, mark, reason or outcome: their defaults are filled in.
    log = [{"task_id": i, "task_code": str(i), "field": "创建", "old": "", "new": f"任务{i}", "version": 1}
           for i in (1, 2, 3)]
    return {"task": tasks, "task_department": links, "change_log": log}


def _stored(engine) -> dict[str, list[tuple]]:  # noqa: ANN001
    """The rows as the database holds them (raw: the text SQLite keeps for a time is what its
    comparisons and sorting see), in key order."""
    found = {}
    with engine.connect() as conn:
        for name in ("task", "task_department", "change_log"):
            keys = ", ".join(c.name for c in schema.metadata.tables[name].primary_key)
            found[name] = [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {name} ORDER BY {keys}")]
    return found


def _write(url: str, bulk: bool) -> dict[str, list[tuple]]:
    ledger = open_ledger(url)
    try:
        with core_transaction(ledger.engine) as conn:
            conn.execute(insert(schema.plan).values(id=1, title="方案"))
            conn.execute(insert(schema.department).values(id=1, name="行政审批局"))
            for name, rows in _rows().items():
                table = schema.metadata.tables[name]
                if bulk:
                    insert_rows(conn, table, rows)
                else:
                    conn.execute(insert(table), rows)
        return _stored(ledger.engine)
    finally:
        ledger.close()


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(new_db_url):
    by_sqlalchemy, in_bulk = _write(new_db_url("orm"), bulk=False), _write(new_db_url("bulk"), bulk=True)
    today = date.today()
    for name in by_sqlalchemy:
        assert len(in_bulk[name]) == 3
        if name == "change_log":  # changed_at is "now" at each write: compare the rest
            drop = [c.name for c in schema.change_log.columns].index("changed_at")
            assert all(row[drop] for row in in_bulk[name])
            in_bulk[name] = [row[:drop] + row[drop + 1:] for row in in_bulk[name]]
            by_sqlalchemy[name] = [row[:drop] + row[drop + 1:] for row in by_sqlalchemy[name]]
            assert {str(row[drop]) for row in in_bulk[name]} == {today.isoformat()}  # effective_on's default
        assert in_bulk[name] == by_sqlalchemy[name], name


def test_bulk_rows_roll_back_with_the_transaction(new_db_url):
    ledger = open_ledger(new_db_url("rollback"))
    try:
        with pytest.raises(RuntimeError), core_transaction(ledger.engine) as conn:
            conn.execute(insert(schema.plan).values(id=1, title="方案"))
            insert_rows(conn, schema.task, _rows()["task"])
            raise RuntimeError("the import failed after writing")
        assert _stored(ledger.engine)["task"] == []
    finally:
        ledger.close()
