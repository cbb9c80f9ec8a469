"""Storage: engine, sessions and Alembic migrations. Knows nothing of Qt."""
