"""Shared fixtures: the shared data folder, SQLite and PostgreSQL stores, settings and test doubles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.config import Settings, load_settings
from medcite.testing import HashingEmbedder
from medcite.testing.databases import scratch_postgres

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def data_dir() -> Path:
    return Path(os.environ.get("MEDCITE_DATA_DIR", REPO.parent / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    d = data_dir()
    if not (d / "README.md").is_file():
        pytest.skip(f"shared data folder not found at {d} (set MEDCITE_DATA_DIR)")
    return d


def _pg_available() -> str | None:
    try:
        import sqlalchemy as sa

        eng = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with eng.connect() as c:
            c.execute(sa.text("select 1"))
        eng.dispose()
        return None
    except Exception as exc:  # any failure means: no server here
        return f"PostgreSQL not reachable at 127.0.0.1:5432 ({exc.__class__.__name__})"


@contextmanager
def fresh_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database: a SQLite file, or a new PostgreSQL database dropped afterwards
    (the test is skipped, with the reason, where no PostgreSQL server answers)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    with scratch_postgres(PG_ADMIN_URL) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return load_settings(home=tmp_path / "home", database_url=db_url, data_dir=data_dir())


@pytest.fixture
def hashing_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """The SQL store on a fresh database (SQLite and PostgreSQL)."""
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()
