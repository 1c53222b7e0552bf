"""Migration 0004 on a store with articles: ``article_refs`` is filled from the stored articles' references,
so a source page lists the articles that cited it before the upgrade (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import alembic.command
import alembic.config
import sqlalchemy as sa

from medcite.adapters.sql import Store
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.adapters.sql.migrate import MIGRATIONS
from medcite.present.json_contract import to_json
from tests.contracts.test_article_repository import ARTICLE


def test_migration_0004_fills_article_refs_from_stored_articles(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    cfg = alembic.config.Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        alembic.command.upgrade(cfg, "0003")
        body = json.dumps(to_json(ARTICLE))  # a synthetic article citing the synthetic source "test:1"
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, thread_id, question, audience, status, version, body, created_at,"
                " updated_at) VALUES ('a1', NULL, 'q', 'clinician', 'draft', 1, :body, :now, :now)"
            ),
            {"body": body, "now": "2024-01-01 00:00:00"},
        )
    engine.dispose()
    store = Store.open(db_url)  # migrates to the head
    try:
        repo = SqlArticleRepository(store.engine)
        assert [r.id for r in repo.citing("test:1")] == ["a1"]
        assert repo.citing("test:2") == []
    finally:
        store.close()
