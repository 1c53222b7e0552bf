"""The web app: users with roles, login sessions and API tokens (hashed), background jobs, and which
sources each article cites (``article_refs``, filled from the stored articles' references).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    refs = op.create_table(
        "article_refs",
        sa.Column(
            "article_id", sa.String(36), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("source_key", sa.String(128), primary_key=True),
    )
    op.create_index("ix_article_refs_source", "article_refs", ["source_key"])
    _fill_refs(refs)
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(128), nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    for name in ("sessions", "api_tokens"):
        op.create_table(
            name,
            sa.Column("token_hash", sa.String(64), primary_key=True),
            sa.Column(
                "user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
            ),
            *(
                (sa.Column("created_at", TS, nullable=False), sa.Column("expires_at", TS, nullable=False))
                if name == "sessions"
                else (sa.Column("name", sa.Text, nullable=False), sa.Column("created_at", TS, nullable=False))
            ),
        )
        op.create_index(f"ix_{name}_user_id", name, ["user_id"])
    _jobs()


def _jobs() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("result", sa.String(36)),
        sa.Column("owner", sa.String(36)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("heartbeat_at", TS, nullable=False),
    )
    op.create_index("ix_jobs_status", "jobs", ["status"])


def _fill_refs(refs: sa.Table) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, body FROM articles")).all()
    out: list[dict[str, Any]] = []
    for aid, body in rows:
        data = json.loads(body) if isinstance(body, str) else body
        keys = {str(r["key"]) for r in data.get("references", []) if r.get("key")}
        out.extend({"article_id": aid, "source_key": k} for k in sorted(keys))
    if out:
        op.bulk_insert(refs, out)


def downgrade() -> None:
    for name in ("jobs", "api_tokens", "sessions", "users", "article_refs"):
        op.drop_table(name)
