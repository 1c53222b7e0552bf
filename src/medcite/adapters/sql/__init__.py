"""The evidence store (SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL by URL)."""

from medcite.adapters.sql.repository import Store

__all__ = ["Store"]
