"""The ArticleRepository contract: SQLite, PostgreSQL and the in-memory double pass the same suite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.domain import (
    Article,
    ArticleStatus,
    Provenance,
    QuestionSummary,
    Reference,
    Section,
    Statement,
)
from medcite.errors import NotFoundError
from medcite.ports import ArticleRepository
from medcite.testing import InMemoryArticleRepository
from tests.conftest import fresh_database

# A synthetic test fixture, not evidence: the words below are placeholders, not a medical finding.
ARTICLE = Article(
    question="Synthetic test question about drug X?",
    audience="clinician",
    bottom_line="Synthetic bottom line for a test [1].",
    stance="uncertain",
    certainty="low",
    sections=(Section("efficacy", "Efficacy", (Statement("Synthetic statement [1].", (1,), "supported"),)),),
    references=(Reference(1, "test:1", "Synthetic test record", pmid="1"),),
    provenance=Provenance(corpus_version="test", settings_hash="test", model_ids=("test",)),
    analysis=QuestionSummary(qtype="yes/no", focus="therapy", yes_no=True),
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres), "memory"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ArticleRepository]:
    if request.param == "memory":
        yield InMemoryArticleRepository()
        return
    with fresh_database(request.param, tmp_path) as url:
        store = Store.open(url)
        try:
            yield SqlArticleRepository(store.engine)
        finally:
            store.close()


def test_save_returns_a_typed_first_version_and_get_reads_it_back(repo: ArticleRepository) -> None:
    tid = repo.new_thread()
    rec = repo.save(ARTICLE, thread_id=tid)
    assert rec.version == 1 and rec.status is ArticleStatus.DRAFT and rec.thread_id == tid
    assert rec.created_at.endswith("Z") and rec.updated_at == rec.created_at
    back = repo.get(rec.id)
    assert back == rec
    assert back.article == ARTICLE


def test_thread_lists_its_articles_oldest_first(repo: ArticleRepository) -> None:
    tid = repo.new_thread()
    assert repo.thread(tid) == []
    first = repo.save(ARTICLE, thread_id=tid)
    second = repo.save(replace(ARTICLE, question="Synthetic follow-up?"), thread_id=tid)
    repo.save(ARTICLE, thread_id=repo.new_thread())  # another thread
    assert [r.id for r in repo.thread(tid)] == [first.id, second.id]
    assert repo.thread(tid)[1].article.question == "Synthetic follow-up?"


def test_unknown_ids_raise_not_found(repo: ArticleRepository) -> None:
    with pytest.raises(NotFoundError, match="no article"):
        repo.get("no-such-article")
    with pytest.raises(NotFoundError, match="no thread"):
        repo.thread("no-such-thread")
    with pytest.raises(NotFoundError, match="no thread"):
        repo.save(ARTICLE, thread_id="no-such-thread")


def test_an_article_without_thread_is_stored(repo: ArticleRepository) -> None:
    rec = repo.save(ARTICLE, thread_id=None)
    assert repo.get(rec.id).thread_id is None


def test_recent_lists_newest_first_and_filters_by_status(repo: ArticleRepository) -> None:
    first = repo.save(ARTICLE, thread_id=None)
    second = repo.save(replace(ARTICLE, question="Synthetic second question?"), thread_id=None)
    ids = [r.id for r in repo.recent(10)]
    assert set(ids) == {first.id, second.id} and len(repo.recent(1)) == 1
    assert repo.recent(10, [ArticleStatus.APPROVED]) == []
    assert {r.id for r in repo.recent(10, [ArticleStatus.DRAFT])} == {first.id, second.id}


def test_citing_finds_the_articles_that_cite_a_source(repo: ArticleRepository) -> None:
    rec = repo.save(ARTICLE, thread_id=None)
    assert [r.id for r in repo.citing("test:1")] == [rec.id]
    assert repo.citing("test:2") == []
