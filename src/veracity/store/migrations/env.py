"""Alembic environment: always runs on the connection handed over by ``upgrade_schema``."""

from __future__ import annotations

from alembic import context

from veracity.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations with veracity.store.migrate.upgrade_schema (or `veracity db upgrade`)"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
