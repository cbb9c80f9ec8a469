"""Alembic environment. Migrations always run on a connection handed in by
:func:`db.migrate.upgrade_to_head`, inside the caller's transaction."""

from alembic import context

config = context.config


def _target_metadata():
    # Imported lazily: only autogenerate and the schema test need the tables.
    from ledger_app.store import schema

    return schema.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through db.migrate.upgrade_to_head(engine)")
    context.configure(
        connection=connection,
        target_metadata=_target_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
