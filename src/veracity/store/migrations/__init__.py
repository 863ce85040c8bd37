"""Alembic migrations of the store schema, run by :func:`veracity.store.migrate.upgrade_schema`."""
