"""Engine and sessions: a SQLite file by default, PostgreSQL when ``VERACITY_DATABASE_URL`` says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import SingletonThreadPool

from veracity.errors import VeracityError
from veracity.settings import get_settings

SQLITE_BUSY_TIMEOUT_S = 30
# Execution option asking a SQLite transaction to take the write lock at BEGIN, so two writers
# queue on the busy timeout instead of one failing when it upgrades a read lock.
WRITE_LOCK_OPTION = "veracity_write_lock"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class StoreError(VeracityError):
    """The database cannot be opened, migrated or queried (not the user's input)."""

    exit_code = 9
    http_status = 503


def default_database_url() -> str:
    """A SQLite file in the user's data directory (``platformdirs.user_data_dir("veracity")``)."""
    return f"sqlite:///{Path(user_data_dir('veracity')) / 'veracity.db'}"


def resolve_database_url(url: str | None = None) -> URL:
    """``url``, else ``VERACITY_DATABASE_URL``, else the default SQLite file, parsed."""
    raw = url or get_settings().database_url or default_database_url()
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
        raise StoreError(f"invalid database URL {masked_url(raw)!r}: {exc}") from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"unsupported database {safe_url(parsed)!r}: use sqlite:///PATH "
            "or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB"
        )
    if url is None and parsed.get_backend_name() == "sqlite" and _in_memory(parsed):
        # Each connection would open a database of its own, empty: the server answered every
        # request 503 (no tables) and `batch --store` lost every analysis at exit, silently.
        raise StoreError(
            f"VERACITY_DATABASE_URL {masked_url(raw)!r} names no SQLite file (an in-memory database keeps "
            "nothing): use sqlite:///PATH"
        )
    return parsed


def _in_memory(url: URL) -> bool:
    return not url.database or url.database == ":memory:" or url.query.get("mode") == "memory"


# A password in the address (user:PASSWORD@) or as a parameter, as libpq also takes it
# (?password=..., ?sslpassword=... for the client key): each masked in anything shown.
_USER_PASSWORD = re.compile(r"((?:^|/)[^/@:?#]*:)[^/@?#]*@")
_PASSWORD_PARAMETER = re.compile(r"([?&](?:ssl)?password=)[^&#]*", re.IGNORECASE)


def masked_url(text: str) -> str:
    """A database URL as written, parsed or not, with every password in it masked."""
    return _PASSWORD_PARAMETER.sub(r"\1***", _USER_PASSWORD.sub(r"\1***@", text))


def safe_url(url: URL) -> str:
    """The URL with its password masked, for messages and logs."""
    return masked_url(url.render_as_string(hide_password=True))


def create_store_engine(url: URL) -> Engine:
    """An engine tuned for concurrent use; creates the SQLite file's directory on first use."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the directory for {url.database}: {exc}") from None
        _check_sqlite_files(Path(url.database).expanduser())
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        # one connection per thread keeps an in-memory database alive, as SQLAlchemy chose by
        # itself for ":memory:"; for a URI's "mode=memory" that choice is deprecated
        **({"poolclass": SingletonThreadPool} if _in_memory(url) else {}),
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module: it would otherwise commit
        # implicitly before DDL and begin lazily, which breaks atomic migrations.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        wants_lock = connection.get_execution_options().get(WRITE_LOCK_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_lock else "BEGIN")

    return engine


# The files SQLite reads beside the database: a write-ahead log's frames are applied to it.
_SQLITE_SIBLINGS = ("-wal", "-shm", "-journal")


def _check_sqlite_files(path: Path) -> None:
    """Refuse a SQLite store whose file (or its log, shared memory or journal beside it) another
    user could have written: its analyses are answered as this server's own (hostile round 17,
    attack 3: a file planted at a configured path in a shared folder such as /tmp, holding a
    forged report of an article, was answered with 200 and the forged score). As an evidence
    index and the fact-check store are checked (docs/security.md, "Who may write an index or
    a store"); a file not there yet is made by this user."""
    from veracity.artefacts import replaceable_by_others

    for part in (path, *(path.with_name(path.name + suffix) for suffix in _SQLITE_SIBLINGS)):
        try:
            why = replaceable_by_others(part)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"cannot check the database file {part}: {exc}") from None
        if why is not None:
            raise StoreError(
                f"the database {path} is not opened: {why}, who could change the analyses it "
                "holds (chown it to this user, or chmod o-w; or use another file)"
            )


class Database:
    """An engine and its session factory; one per process (or per API app)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        """The database URL with its password masked."""
        return safe_url(self.engine.url)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session committed on success, rolled back on error; ``write`` locks SQLite first."""
        options = {WRITE_LOCK_OPTION: True} if write else {}
        session = self._sessions()
        try:
            session.connection(execution_options=options)
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error on {self.url}: {type(exc).__name__}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
