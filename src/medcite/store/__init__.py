"""The evidence store (SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL by URL)."""

from medcite.store.repository import Changes, PassageRow, Store, StoreStats, UpsertResult

__all__ = ["Changes", "PassageRow", "Store", "StoreStats", "UpsertResult"]
