"""Schema migrations with Alembic, configured in code so they run from an installed package."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from veracity.store.database import WRITE_LOCK_OPTION, StoreError, safe_url

MIGRATIONS = "veracity.store:migrations"
# Any fixed 64-bit number: PostgreSQL sessions migrating at once queue on this advisory lock.
_PG_MIGRATION_LOCK = 7_361_029_412


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no ``alembic.ini`` needed)."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version of veracity."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None when it has no schema yet."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision``; safe when several processes start at once."""
    try:
        with engine.connect() as connection:
            connection.execution_options(**{WRITE_LOCK_OPTION: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                    )
                command.upgrade(alembic_config(connection), revision)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open or migrate the database {safe_url(engine.url)}: {_first_line(exc)}"
        ) from exc


def _first_line(exc: SQLAlchemyError) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
