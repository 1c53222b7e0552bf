"""An in-memory article repository with the semantics of the SQL one (versions, threads, not-found)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from medcite.domain import Article, ArticleRecord, ArticleStatus, utc_now
from medcite.errors import NotFoundError


@dataclass
class InMemoryArticleRepository:
    _articles: dict[str, ArticleRecord] = field(default_factory=dict)
    _threads: dict[str, list[str]] = field(default_factory=dict)

    def new_thread(self) -> str:
        tid = str(uuid.uuid4())
        self._threads[tid] = []
        return tid

    def save(self, article: Article, *, thread_id: str | None) -> ArticleRecord:
        if thread_id is not None and thread_id not in self._threads:
            raise NotFoundError(f"no thread with id {thread_id!r}")
        now = utc_now()
        rec = ArticleRecord(str(uuid.uuid4()), 1, ArticleStatus.DRAFT, article, thread_id, now, now)
        self._articles[rec.id] = rec
        if thread_id is not None:
            self._threads[thread_id].append(rec.id)
        return rec

    def get(self, article_id: str) -> ArticleRecord:
        if article_id not in self._articles:
            raise NotFoundError(f"no article with id {article_id!r}")
        return self._articles[article_id]

    def thread(self, thread_id: str) -> list[ArticleRecord]:
        if thread_id not in self._threads:
            raise NotFoundError(f"no thread with id {thread_id!r}")
        return [self._articles[a] for a in self._threads[thread_id]]

    def recent(self, limit: int, statuses: Sequence[ArticleStatus] | None = None) -> list[ArticleRecord]:
        recs = [r for r in self._articles.values() if statuses is None or r.status in statuses]
        return sorted(recs, key=lambda r: r.updated_at, reverse=True)[:limit]

    def citing(self, source_key: str, limit: int = 50) -> list[ArticleRecord]:
        recs = [r for r in self._articles.values() if any(x.key == source_key for x in r.article.references)]
        return sorted(recs, key=lambda r: r.updated_at, reverse=True)[:limit]
