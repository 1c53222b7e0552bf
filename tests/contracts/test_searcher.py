"""The Searcher contract: the hybrid searcher (SQLite store, in-memory indexes, hashing embedder), the same
with a rerank step (term-overlap reranker double) and the overlap double pass the same suite. The records
are synthetic test fixtures, not evidence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, SearchFilters, SourceRecord
from medcite.errors import InputError
from medcite.ports import Searcher
from medcite.retrieve import HybridSearcher, RetrievalParams
from medcite.services.indexing import Indexes
from medcite.testing import (
    HashingEmbedder,
    InMemoryLexicalIndex,
    InMemoryVectorIndex,
    OverlapSearcher,
    TermOverlapReranker,
)

TOPICS = ("quokkatoken", "wombattoken", "numbattoken")


def _record(i: int) -> SourceRecord:
    topic = TOPICS[i % 3]
    text = (
        f"Synthetic test fixture, not evidence. This record {i} is about {topic} only. "
        f"A second sentence mentions {topic} again for the passage ranking."
    )
    return SourceRecord(
        key=f"syn:{i}",
        title=f"Synthetic record {i} on {topic}",
        sections=(AbstractSection("", text),),
        year=2000 + i,
        publication_types=("Randomized Controlled Trial",),
        origin="synthetic",
    )


RECORDS = [_record(i) for i in range(12)]


@pytest.fixture(params=["hybrid", "hybrid-reranked", "overlap"])
def searcher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Searcher]:
    store = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.upsert(RECORDS)
    try:
        if request.param == "overlap":
            sources = store.get_sources([r.key for r in RECORDS])
            yield OverlapSearcher([sources[r.key] for r in RECORDS])
            return
        emb = HashingEmbedder()
        idx = Indexes(InMemoryLexicalIndex(), InMemoryVectorIndex(emb.dim), emb)
        idx.sync(store)
        hybrid = HybridSearcher(store, idx.lexical, idx.vector, idx.embedder, RetrievalParams(rerank_k=5))
        yield hybrid.reranked_by(TermOverlapReranker()) if request.param == "hybrid-reranked" else hybrid
    finally:
        store.close()


def test_finds_the_sources_on_the_topic_best_first(searcher: Searcher) -> None:
    hits = searcher.search("wombattoken", k=3)
    assert 1 <= len(hits) <= 3
    assert all("wombattoken" in h.source.record.text for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_passages_point_into_the_source_text(searcher: Searcher) -> None:
    for hit in searcher.search("quokkatoken", k=4):
        assert hit.passages
        for p in hit.passages:
            assert hit.source.record.text[p.start : p.end] == p.text


def test_filters_are_applied(searcher: Searcher) -> None:
    hits = searcher.search("numbattoken", k=10, filters=SearchFilters(since=2006))
    assert hits and all((h.source.record.year or 0) >= 2006 for h in hits)
    assert searcher.search("numbattoken", k=10, filters=SearchFilters(until=1990)) == []


def test_bad_requests_are_input_errors(searcher: Searcher) -> None:
    with pytest.raises(InputError, match="empty"):
        searcher.search("   ")
    with pytest.raises(InputError, match="k must be"):
        searcher.search("quokkatoken", k=0)
