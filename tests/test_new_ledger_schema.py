"""A new ledger is made in one step from ledger_app.store.schema (no Alembic); it must be the very ledger that
replaying every migration from nothing makes, down to defaults, keys, indexes and starting rows."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from db.engine import create_ledger_engine
from db.migrate import HEAD, schema_revision, upgrade_to_head
from ledger_app.exchange.forms.signing import form_secret
from ledger_app.store.opening import open_ledger
from ledger_app.store.settings import SECRET_KEY


def _schema(engine: Engine) -> dict[str, dict[str, object]]:
    """Every table's columns, keys, indexes and constraints, in an order that does not depend
    on the order they were added in."""
    found: dict[str, dict[str, object]] = {}
    with engine.connect() as conn:
        inspector = inspect(conn)
        for table in sorted(inspector.get_table_names()):
            found[table] = {
                "columns": sorted((c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                                  for c in inspector.get_columns(table)),
                "primary key": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
                "foreign keys": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                                        tuple(f["referred_columns"]), str(sorted(f.get("options", {}).items())))
                                       for f in inspector.get_foreign_keys(table)),
                "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                  for i in inspector.get_indexes(table)),
                "unique": sorted(tuple(sorted(u["column_names"])) for u in inspector.get_unique_constraints(table)),
                "checks": sorted(c["sqltext"] for c in inspector.get_check_constraints(table)),
            }
    return found


def _settings(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(conn.execute(text("SELECT key FROM setting")).scalars())


def test_a_new_ledger_is_the_ledger_every_migration_makes(new_db_url):
    migrated = create_ledger_engine(new_db_url("migrated"))
    upgrade_to_head(migrated)  # no ``create``: every migration from nothing, through Alembic
    made = open_ledger(new_db_url("made"))
    try:
        assert schema_revision(made.engine) == schema_revision(migrated) == HEAD
        expected, got = _schema(migrated), _schema(made.engine)
        assert got.keys() == expected.keys()
        for table in expected:
            assert got[table] == expected[table], table
        assert _settings(made.engine) == _settings(migrated) == [SECRET_KEY]
        # Each ledger signs its forms with a secret of its own, not one shared by every new ledger.
        assert len(form_secret(made.engine)) == 32
        assert form_secret(made.engine) != form_secret(migrated)
    finally:
        made.close()
        migrated.dispose()


def test_a_new_ledger_is_made_without_loading_alembic(tmp_path):
    import subprocess
    import sys

    probe = ("import sys; from ledger_app.store.opening import open_ledger; "
             f"open_ledger({str(tmp_path / 'new.db')!r}).close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert (tmp_path / "new.db").is_file()


def test_every_table_has_its_orm_class_with_every_column():
    """The ORM classes are mapped onto ledger_app.store.schema (one schema): each table has one class,
    whose attributes are exactly the table's columns, with the columns' defaults."""
    from sqlmodel import SQLModel

    from ledger_app.store import models, schema

    classes = [c for c in vars(models).values()
               if isinstance(c, type) and issubclass(c, SQLModel) and c is not SQLModel]
    assert sorted(c.__table__.name for c in classes) == sorted(schema.metadata.tables)
    for model in classes:
        assert model.__table__ is schema.metadata.tables[model.__table__.name], model
        assert list(model.model_fields) == list(model.__table__.columns.keys()), model
    task = models.Task(plan_id=1, code="1", title="t")
    assert (task.status, task.percent, task.version, task.content, task.id) == ("未启动", 0, 1, "", None)
    assert task.created_at.tzinfo is not None
