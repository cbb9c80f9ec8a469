"""The schema revision this program writes, known without importing Alembic or SQLAlchemy:
opening an up-to-date ledger costs one query and Alembic is loaded only to migrate."""

# The newest migration in db/migrations/versions; a test checks it against the scripts.
HEAD = "0015"
REVISION_QUERY = "SELECT version_num FROM alembic_version"
