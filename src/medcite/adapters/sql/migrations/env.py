"""Alembic environment: runs on the connection medcite hands over in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from medcite.adapters.sql.schema import metadata

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - medcite always passes a connection
    raise RuntimeError("medcite migrations run through medcite.adapters.sql.Store.migrate()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
