"""Stored articles and follow-up threads (JSON bodies in the ``articles`` and ``threads`` tables)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from medcite.adapters.sql.repository import Store
from medcite.adapters.sql.schema import articles, threads
from medcite.errors import NotFoundError


class ArticleRepository:
    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def new_thread(self, context: dict[str, Any] | None = None) -> str:
        tid = str(uuid.uuid4())
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                insert(threads).values(id=tid, context=context or {}, created_at=now, updated_at=now)
            )
        return tid

    def thread_exists(self, thread_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(threads.c.id).where(threads.c.id == thread_id)).first() is not None

    def save(
        self, body: dict[str, Any], *, question: str, audience: str, status: str, thread_id: str | None
    ) -> str:
        aid = str(uuid.uuid4())
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                insert(articles).values(
                    id=aid,
                    thread_id=thread_id,
                    question=question,
                    audience=audience,
                    status=status,
                    body=body,
                    created_at=now,
                )
            )
            if thread_id is not None:
                conn.execute(
                    update(threads)
                    .where(threads.c.id == thread_id)
                    .values(updated_at=now, context={"last_article": aid})
                )
        return aid

    def get(self, article_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.body).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        body: dict[str, Any] = row[0]
        return body

    def thread_articles(self, thread_id: str) -> list[tuple[str, str]]:
        """(article id, question) of a thread, oldest first."""
        if not self.thread_exists(thread_id):
            raise NotFoundError(f"no thread with id {thread_id!r}")
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(articles.c.id, articles.c.question)
                .where(articles.c.thread_id == thread_id)
                .order_by(articles.c.created_at)
            ).all()
        return [(str(r[0]), str(r[1])) for r in rows]
