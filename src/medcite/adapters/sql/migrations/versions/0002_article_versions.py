"""Articles are typed and versioned: ``articles`` holds the current version of each article (with its
version number, review status and update time) and ``article_versions`` every version, append-only.
The unused ``ingest_runs`` table is dropped.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE articles SET updated_at = created_at, status = 'draft'")
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        "INSERT INTO article_versions (article_id, version, status, body, created_at) "
        "SELECT id, 1, status, body, created_at FROM articles"
    )
    op.drop_table("ingest_runs")


def downgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("name", sa.String(512), primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.drop_table("article_versions")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("version")
