"""Tables of the editorial workflow and reader feedback (migration 0005), on the store's one metadata."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text

from medcite.adapters.sql.schema import metadata

TS = DateTime(timezone=True)

# Append-only: an approval names the version, the reviewer and the hash of what was approved.
approvals = Table(
    "approvals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("reviewer_id", String(36), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("approved_at", TS, nullable=False),
)

# Append-only: the app has no update or delete on it.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", TS, nullable=False),
    Column("actor_id", String(36)),
    Column("action", String(64), nullable=False),
    Column("article_id", String(36), index=True),
    Column("from_version", Integer),
    Column("to_version", Integer),
    Column("detail", Text, nullable=False),
)

claim_reviews = Table(
    "claim_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("claim_id", String(64), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("comment", Text, nullable=False),
    Column("reviewer_id", String(36), nullable=False),
    Column("created_at", TS, nullable=False),
    Index("ix_claim_reviews_article", "article_id", "version"),
)

reviewer_profiles = Table(
    "reviewer_profiles",
    metadata,
    Column("user_id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("credentials", Text, nullable=False),
    Column("specialty", Text, nullable=False),
    Column("disclosure", Text, nullable=False),
    Column("updated_at", TS, nullable=False),
)

policy_versions = Table(
    "policy_versions",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("body", Text, nullable=False),
    Column("author_id", String(36)),
    Column("created_at", TS, nullable=False),
)

comments = Table(
    "comments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("article_id", String(36), nullable=False, index=True),
    Column("parent_id", String(36)),
    Column("author_id", String(36), nullable=False),
    Column("body", Text, nullable=False),
    Column("html", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("edited_at", TS),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("article_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("claim_id", String(64), nullable=False),
    Column("quote", Text, nullable=False),
    Column("prefix", Text, nullable=False),
    Column("suffix", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("author_id", String(36)),
    Column("created_at", TS, nullable=False),
    Column("settled_by", String(36)),
    Column("settled_at", TS),
    Column("resolution", Text, nullable=False),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("article_id", String(36), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("email", Text),
    Column("user_id", String(36)),
    Column("comment_id", String(36)),
    Column("active", Boolean, nullable=False),
    Column("created_at", TS, nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(36)),
    Column("user_id", String(36), index=True),
    Column("email", Text),
    Column("unsubscribe_token", String(64)),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("read", Boolean, nullable=False),
    Column("mail_state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=False),
)
