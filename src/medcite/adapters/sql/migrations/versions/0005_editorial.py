"""The editorial workflow and reader feedback: who wrote each version, the approved (stable) version of
each article, approvals, the audit log, claim reviews, reviewer profiles, the versioned editorial policy,
comments, inline feedback, subscriptions and notifications.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
TS = sa.DateTime(timezone=True)
TABLES = (
    "approvals",
    "audit_log",
    "claim_reviews",
    "reviewer_profiles",
    "policy_versions",
    "comments",
    "feedback",
    "subscriptions",
    "notifications",
)


def upgrade() -> None:
    op.add_column("articles", sa.Column("approved_version", sa.Integer))
    op.add_column("article_versions", sa.Column("author_id", sa.String(36)))
    op.add_column("article_versions", sa.Column("note", sa.Text))
    _tables()
    op.create_index("ix_claim_reviews_article", "claim_reviews", ["article_id", "version"])
    op.create_index("ix_approvals_article_id", "approvals", ["article_id"])
    op.create_index("ix_audit_log_article_id", "audit_log", ["article_id"])
    op.create_index("ix_comments_article_id", "comments", ["article_id"])
    op.create_index("ix_feedback_article_id", "feedback", ["article_id"])
    op.create_index("ix_feedback_status", "feedback", ["status"])
    op.create_index("ix_subscriptions_article_id", "subscriptions", ["article_id"])
    op.create_index("ix_notifications_user_id", "notifications", ["user_id"])
    op.create_index("ix_notifications_mail_state", "notifications", ["mail_state"])


def _tables() -> None:
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("reviewer_id", sa.String(36), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("approved_at", TS, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor_id", sa.String(36)),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("article_id", sa.String(36)),
        sa.Column("from_version", sa.Integer),
        sa.Column("to_version", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("claim_id", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("reviewer_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "reviewer_profiles",
        sa.Column("user_id", sa.String(36), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("credentials", sa.Text, nullable=False),
        sa.Column("specialty", sa.Text, nullable=False),
        sa.Column("disclosure", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "policy_versions",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("author_id", sa.String(36)),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("parent_id", sa.String(36)),
        sa.Column("author_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("edited_at", TS),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("claim_id", sa.String(64), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("suffix", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("author_id", sa.String(36)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("settled_by", sa.String(36)),
        sa.Column("settled_at", TS),
        sa.Column("resolution", sa.Text, nullable=False),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("email", sa.Text),
        sa.Column("user_id", sa.String(36)),
        sa.Column("comment_id", sa.String(36)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(36)),
        sa.Column("user_id", sa.String(36)),
        sa.Column("email", sa.Text),
        sa.Column("unsubscribe_token", sa.String(64)),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False),
        sa.Column("mail_state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
    with op.batch_alter_table("article_versions") as batch:
        batch.drop_column("note")
        batch.drop_column("author_id")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("approved_version")
