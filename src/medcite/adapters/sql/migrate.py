"""Schema migrations (Alembic), safe to start from several processes at once.

Two processes opening a fresh store together must not both create the tables. The upgrade therefore runs
inside one transaction that first takes a lock every migrating process waits for: on PostgreSQL a
transaction-scoped advisory lock (``pg_advisory_xact_lock``; the DDL is transactional), on SQLite the
database write lock (``BEGIN IMMEDIATE``; SQLite's DDL is transactional too). Alembic reads the current
revision inside that transaction, after the lock, so the second process finds the first one's tables at
the head revision and does nothing. A store already at the head revision is opened without that lock, so
opening a store never waits for a running ingest's write.

On SQLite the first connection and the check also run under a file lock next to the database
(``<file>.lock``, held for milliseconds unless a migration runs): a new file starts in rollback-journal mode
until the first connection switches it to WAL, and in that mode two connections can meet in SQLite's
deadlock avoidance, where one gets "database is locked" at once instead of waiting.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import alembic.command
import alembic.config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, func, select

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK_KEY = 0x6D656463_6974  # "medcit": the advisory lock that serialises migrations of one database


def _config() -> alembic.config.Config:
    cfg = alembic.config.Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _at_head(conn: Connection, cfg: alembic.config.Config) -> bool:
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    return set(MigrationContext.configure(conn).get_current_heads()) == heads


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on ``<database file>.lock`` (SQLite files on POSIX systems; else nothing)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or sys.platform == "win32":
        yield
        return
    import fcntl

    with Path(database + ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (see the module docstring for concurrent starts)."""
    with _file_lock(engine):
        _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    cfg = _config()
    with engine.connect() as conn:
        if _at_head(conn, cfg):
            return
        conn.rollback()
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        cfg.attributes["connection"] = conn
        alembic.command.upgrade(cfg, "head")  # re-reads the revision, now under the lock
        conn.commit()
