"""Initial evidence store: sources, passages, tombstones, ingest runs, articles, threads.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(128), nullable=False, unique=True),
        sa.Column("pmid", sa.String(16), index=True),
        sa.Column("doi", sa.String(256)),
        sa.Column("pmcid", sa.String(32)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("journal", sa.Text),
        sa.Column("year", sa.Integer, index=True),
        sa.Column("language", sa.String(16)),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("publication_types", sa.JSON, nullable=False),
        sa.Column("mesh", sa.JSON, nullable=False),
        sa.Column("links", sa.JSON, nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("design", sa.String(32), nullable=False, index=True),
        sa.Column("design_inferred", sa.Boolean, nullable=False),
        sa.Column("sample_size", sa.Integer),
        sa.Column("human", sa.Boolean),
        sa.Column("retracted", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "passages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("section", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passages_source", "passages", ["source_id", "idx"])
    op.create_table(
        "tombstones",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("passage_ids", sa.JSON, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False, index=True),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("name", sa.String(512), primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("thread_id", sa.String(36), index=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "threads",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("context", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for name in ("threads", "articles", "ingest_runs", "tombstones", "passages", "sources"):
        op.drop_table(name)
