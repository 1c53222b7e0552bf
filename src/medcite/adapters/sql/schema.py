"""Relational schema of the evidence store (SQLAlchemy Core tables, shared by SQLite and PostgreSQL).

Alembic migrations in ``store/migrations`` create exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(128), nullable=False, unique=True),
    Column("pmid", String(16), index=True),
    Column("doi", String(256)),
    Column("pmcid", String(32)),
    Column("title", Text, nullable=False),
    Column("journal", Text),
    Column("year", Integer, index=True),
    Column("language", String(16)),
    Column("authors", JSON, nullable=False),
    Column("publication_types", JSON, nullable=False),
    Column("mesh", JSON, nullable=False),
    Column("links", JSON, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("origin", Text, nullable=False),
    Column("design", String(32), nullable=False, index=True),
    Column("design_inferred", Boolean, nullable=False),
    Column("sample_size", Integer),
    Column("human", Boolean),
    Column("retracted", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_sources_seq_id", "seq", "id"),  # the index sync reads changes in (seq, id) order
)

# The change counter: one row whose value is the last sequence number handed out. A write transaction
# increments it first and holds the row lock until it ends (see ``repository``), so numbers are handed
# out, and become visible, in commit order.
store_seq = Table(
    "store_seq",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("section", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_passages_source", "source_id", "idx"),
)

# Removed or replaced sources: the search indexes read these to drop stale entries.
tombstones = Table(
    "tombstones",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", Integer, nullable=False),
    Column("key", String(128), nullable=False),
    Column("passage_ids", JSON, nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("thread_id", String(36), index=True),
    Column("question", Text, nullable=False),
    Column("audience", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("version", Integer, nullable=False),  # the current version (all of them: article_versions)
    Column("body", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("approved_version", Integer),  # the stable version readers see (0005)
)

# Every version of every article, append-only.
article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("status", String(32), nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author_id", String(36)),  # whose edit made it (0005); None: written by machine
    Column("note", Text),
)

threads = Table(
    "threads",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("context", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Which sources each article cites (its current version), for "articles citing this source".
article_refs = Table(
    "article_refs",
    metadata,
    Column("article_id", String(36), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("source_key", String(128), primary_key=True),
    Index("ix_article_refs_source", "source_key"),
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("disabled", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Login sessions and API tokens: only the SHA-256 of the random token is stored.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("stage", String(16), nullable=False),
    Column("params", JSON, nullable=False),
    Column("message", Text, nullable=False),
    Column("result", String(36)),
    Column("owner", String(36)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)
