"""The evidence store (SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL by URL)."""

from medcite.adapters.sql.repository import Changes, PassageRow, SourceMeta, Store, StoreStats, UpsertResult

__all__ = ["Changes", "PassageRow", "SourceMeta", "Store", "StoreStats", "UpsertResult"]
