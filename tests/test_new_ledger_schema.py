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


def _orm_classes() -> list[type]:
    from sqlmodel import SQLModel

    from ledger_app.store import models

    return [c for c in vars(models).values() if isinstance(c, type) and issubclass(c, SQLModel) and c is not SQLModel]


def test_every_orm_attribute_has_its_columns_type_nullability_and_default():
    """Each ORM attribute is typed as its column's Python type, is Optional exactly when the column
    may be NULL (or is the row number the database assigns), and carries the column's default:
    a class annotated ``str`` over an INTEGER column, or required where the table has a default,
    would drift from the one schema."""
    import types
    import typing

    from db.bulk import python_default

    drift = []
    for model in _orm_classes():
        table = model.__table__
        for name, info in model.model_fields.items():
            column = table.c[name]
            args = typing.get_args(info.annotation) if isinstance(info.annotation, types.UnionType) else ()
            optional = type(None) in args
            typed = next((a for a in args if a is not type(None)), info.annotation)
            if typed is not column.type.python_type and not issubclass(column.type.python_type, typed):
                drift.append(f"{table.name}.{name}: {typed} over {column.type} ({column.type.python_type})")
            assigned = table.autoincrement_column is column
            if optional != (column.nullable or assigned):
                drift.append(f"{table.name}.{name}: Optional={optional}, column nullable={column.nullable}")
            make = python_default(column)
            if make is None:
                expected_required = not column.nullable and not assigned
                if info.is_required() != expected_required:
                    drift.append(f"{table.name}.{name}: required={info.is_required()}, column has no default")
                elif not expected_required and info.default is not None:
                    drift.append(f"{table.name}.{name}: default {info.default!r} where the column has none")
            elif column.default.is_callable:
                if info.default_factory is None or type(info.default_factory()) is not type(make()):
                    drift.append(f"{table.name}.{name}: default made by {info.default_factory}, column by {make}")
            elif info.default != make():
                drift.append(f"{table.name}.{name}: default {info.default!r}, column's {make()!r}")
    assert not drift, "\n".join(drift)
