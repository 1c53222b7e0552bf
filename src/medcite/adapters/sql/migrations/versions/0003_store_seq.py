"""Sequence numbers from a counter: ``store_seq`` holds one row, the last number handed out, seeded from
the highest ``seq`` of ``sources`` and ``tombstones``; an index on ``sources (seq, id)`` for the index sync,
which reads changes in that order.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_seq",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute(
        "INSERT INTO store_seq (id, value) SELECT 1, COALESCE(MAX(seq), 0) FROM "
        "(SELECT seq FROM sources UNION ALL SELECT seq FROM tombstones) AS seqs"
    )
    op.create_index("ix_sources_seq_id", "sources", ["seq", "id"])


def downgrade() -> None:
    op.drop_index("ix_sources_seq_id", "sources")
    op.drop_table("store_seq")
