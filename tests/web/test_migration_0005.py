"""Migration 0005 on a store with an article (SQLite and PostgreSQL): the article keeps reading, its first
version has no author (machine-written) and no approval; the workflow tables exist and start empty; the
downgrade to 0004 removes them and the upgrade runs again."""

from __future__ import annotations

import json

import alembic.command
import alembic.config
import sqlalchemy as sa

from medcite.adapters.sql import Store
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.adapters.sql.editorial import SqlEditorialRepository
from medcite.adapters.sql.migrate import MIGRATIONS
from medcite.present.json_contract import to_json
from tests.contracts.test_article_repository import ARTICLE

NEW_TABLES = {
    "approvals", "audit_log", "claim_reviews", "reviewer_profiles", "policy_versions", "comments", "feedback",
    "subscriptions", "notifications",
}  # fmt: skip


def _config(conn: sa.Connection) -> alembic.config.Config:
    cfg = alembic.config.Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def test_migration_0005_keeps_articles_and_adds_the_workflow_tables(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        alembic.command.upgrade(_config(conn), "0004")
        body = json.dumps(to_json(ARTICLE))  # a synthetic article
        now = "2024-01-01 00:00:00"
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, thread_id, question, audience, status, version, body, created_at,"
                " updated_at) VALUES ('a1', NULL, 'q', 'clinician', 'draft', 1, :body, :now, :now)"
            ),
            {"body": body, "now": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO article_versions (article_id, version, status, body, created_at)"
                " VALUES ('a1', 1, 'draft', :body, :now)"
            ),
            {"body": body, "now": now},
        )
    engine.dispose()
    store = Store.open(db_url)  # migrates to the head
    try:
        articles = SqlArticleRepository(store.engine)
        editorial = SqlEditorialRepository(store.engine, articles)
        rec = articles.get("a1")
        assert rec.approved_version is None and rec.author_id is None and rec.article == ARTICLE
        assert [(v.version, v.author_id) for v in editorial.versions("a1")] == [(1, None)]
        assert editorial.approvals("a1") == [] and editorial.audit_log() == []
        assert set(sa.inspect(store.engine).get_table_names()) >= NEW_TABLES
    finally:
        store.close()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        alembic.command.downgrade(_config(conn), "0004")
    with engine.connect() as conn:
        assert not NEW_TABLES & set(sa.inspect(conn).get_table_names())
        assert "approved_version" not in {c["name"] for c in sa.inspect(conn).get_columns("articles")}
    with engine.begin() as conn:
        alembic.command.upgrade(_config(conn), "head")
    engine.dispose()
