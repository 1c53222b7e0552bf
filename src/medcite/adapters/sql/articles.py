"""Stored articles and follow-up threads: implements :class:`medcite.ports.ArticleRepository`.

``articles`` holds the current version of each article, ``article_versions`` every version (append-only);
bodies are the article's JSON contract (:mod:`medcite.present.json_contract`), read back as the one
article model.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, RowMapping, insert, select, update

from medcite.adapters.sql.schema import article_refs, article_versions, articles, threads
from medcite.domain import Article, ArticleRecord, ArticleStatus
from medcite.errors import NotFoundError
from medcite.present.json_contract import from_json, to_json


def _iso(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes (stored in UTC)
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


PARSED_CACHE = 512  # articles kept parsed: a version's body never changes, so (id, version) is its key


class SqlArticleRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._parsed: OrderedDict[tuple[str, int], Article] = OrderedDict()
        self._lock = threading.Lock()

    def _record(self, row: RowMapping) -> ArticleRecord:
        """The record of a row; the article body is parsed (and validated) once per version."""
        key = (str(row["id"]), int(row["version"]))
        with self._lock:
            article = self._parsed.get(key)
            if article is not None:
                self._parsed.move_to_end(key)
        if article is None:
            body: dict[str, Any] = row["body"]
            article = from_json(body)
            with self._lock:
                self._parsed[key] = article
                if len(self._parsed) > PARSED_CACHE:
                    self._parsed.popitem(last=False)
        return ArticleRecord(
            id=key[0],
            version=key[1],
            status=ArticleStatus(row["status"]),
            article=article,
            thread_id=row["thread_id"],
            created_at=_iso(row["created_at"]),
            updated_at=_iso(row["updated_at"]),
            approved_version=row.get("approved_version"),
            author_id=row.get("author_id"),
        )

    def new_thread(self) -> str:
        tid = str(uuid.uuid4())
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(insert(threads).values(id=tid, context={}, created_at=now, updated_at=now))
        return tid

    def save(self, article: Article, *, thread_id: str | None) -> ArticleRecord:
        aid = str(uuid.uuid4())
        now = datetime.now(UTC)
        body = to_json(article)
        status = ArticleStatus.DRAFT
        with self.engine.begin() as conn:
            known = select(threads.c.id).where(threads.c.id == thread_id)
            if thread_id is not None and conn.execute(known).first() is None:
                raise NotFoundError(f"no thread with id {thread_id!r}")
            conn.execute(
                insert(articles).values(
                    id=aid,
                    thread_id=thread_id,
                    question=article.question,
                    audience=article.audience,
                    status=status.value,
                    version=1,
                    body=body,
                    created_at=now,
                    updated_at=now,
                )
            )
            conn.execute(
                insert(article_versions).values(
                    article_id=aid, version=1, status=status.value, body=body, created_at=now
                )
            )
            keys = sorted({r.key for r in article.references})
            if keys:
                conn.execute(insert(article_refs), [{"article_id": aid, "source_key": k} for k in keys])
            if thread_id is not None:
                conn.execute(
                    update(threads)
                    .where(threads.c.id == thread_id)
                    .values(updated_at=now, context={"last_article": aid})
                )
        return ArticleRecord(aid, 1, status, article, thread_id, _iso(now), _iso(now))

    def get(self, article_id: str) -> ArticleRecord:
        author = (
            select(article_versions.c.author_id)
            .where(article_versions.c.article_id == articles.c.id)
            .where(article_versions.c.version == articles.c.version)
            .scalar_subquery()
        )
        with self.engine.connect() as conn:
            query = select(articles, author.label("author_id")).where(articles.c.id == article_id)
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return self._record(row)

    def thread(self, thread_id: str) -> list[ArticleRecord]:
        with self.engine.connect() as conn:
            if conn.execute(select(threads.c.id).where(threads.c.id == thread_id)).first() is None:
                raise NotFoundError(f"no thread with id {thread_id!r}")
            rows = (
                conn.execute(
                    select(articles)
                    .where(articles.c.thread_id == thread_id)
                    .order_by(articles.c.created_at, articles.c.id)
                )
                .mappings()
                .all()
            )
        return [self._record(r) for r in rows]

    def recent(self, limit: int, statuses: Sequence[ArticleStatus] | None = None) -> list[ArticleRecord]:
        query = select(articles).order_by(articles.c.updated_at.desc(), articles.c.id).limit(limit)
        if statuses is not None:
            query = query.where(articles.c.status.in_([s.value for s in statuses]))
        with self.engine.connect() as conn:
            return [self._record(r) for r in conn.execute(query).mappings()]

    def citing(self, source_key: str, limit: int = 50) -> list[ArticleRecord]:
        query = (
            select(articles)
            .join(article_refs, article_refs.c.article_id == articles.c.id)
            .where(article_refs.c.source_key == source_key)
            .order_by(articles.c.updated_at.desc(), articles.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [self._record(r) for r in conn.execute(query).mappings()]
