"""Index sync and hybrid search over the ports alone: a SQLite store with the in-memory index doubles.

The records are synthetic test fixtures, not evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from medcite.adapters.sql import Store
from medcite.domain import AbstractSection, Design, Link, SearchFilters, SourceRecord
from medcite.retrieve import HybridSearcher, Mode, RetrievalParams
from medcite.services.indexing import Indexes
from medcite.testing import HashingEmbedder, InMemoryLexicalIndex, InMemoryVectorIndex


def record(key: str, text: str, *, year: int = 2020, review: bool = False) -> SourceRecord:
    return SourceRecord(
        key=key,
        title=f"Synthetic test fixture {key}",
        sections=(AbstractSection("", f"Synthetic test fixture, not evidence. {text}"),),
        year=year,
        publication_types=("Review",) if review else ("Randomized Controlled Trial",),
        origin="synthetic",
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield s
    s.close()


def full(lexical: InMemoryLexicalIndex) -> Indexes:
    emb = HashingEmbedder()
    return Indexes(lexical, InMemoryVectorIndex(emb.dim), emb)


def test_each_index_syncs_from_its_own_checkpoint(store: Store) -> None:
    store.upsert([record(f"syn:{i}", f"zebrafishtoken {i}") for i in range(5)])
    lexical = InMemoryLexicalIndex()
    lex_only = Indexes(lexical)
    assert lex_only.pending(store) == store.current_seq() > 0
    assert lex_only.sync(store).sources_indexed == 5
    assert lex_only.pending(store) == 0 and lexical.checkpoint == store.current_seq()
    both = full(lexical)  # a new vector index: it catches up alone, the lexical one is in step
    assert both.pending(store) == store.current_seq()
    report = both.sync(store)
    assert report.sources_indexed == 0 and report.passages_embedded > 5
    assert both.pending(store) == 0
    assert both.vector is not None and both.vector.checkpoint == store.current_seq()


def test_sync_applies_removals_and_replacements(store: Store) -> None:
    indexes = full(InMemoryLexicalIndex())
    store.upsert([record("syn:1", "zebrafishtoken"), record("syn:2", "axolotltoken")])
    indexes.sync(store)
    store.upsert([record("syn:1", "quetzaltoken")])  # replaced: its old text and vectors go
    store.delete_keys(["syn:2"])
    assert indexes.pending(store) > 0
    report = indexes.sync(store)
    assert report.removed == 2 and report.sources_indexed == 1
    assert indexes.lexical.search("zebrafishtoken", 5) == []
    assert indexes.lexical.search("axolotltoken", 5) == []
    assert [k for k, _ in indexes.lexical.search("quetzaltoken", 5)] == ["syn:1"]
    assert indexes.vector is not None
    assert {r.source_key for r, _ in indexes.vector.search(HashingEmbedder().embed(["x"])[0], 50)} == {
        "syn:1"
    }


def test_hybrid_search_over_the_doubles_filters_in_the_indexes(store: Store) -> None:
    recs = [record(f"old:{i}", "zebrafishtoken trial", year=1990 + i) for i in range(30)]
    recs += [record(f"new:{i}", "zebrafishtoken trial", year=2021, review=True) for i in range(3)]
    store.upsert(recs)
    indexes = full(InMemoryLexicalIndex())
    indexes.sync(store)
    searcher = HybridSearcher(
        store, indexes.lexical, indexes.vector, indexes.embedder, RetrievalParams(candidate_k=3)
    )
    for mode in (Mode(True, False), Mode(False, True), Mode(True, True)):
        searcher.mode = mode
        hits = searcher.search("zebrafishtoken", k=3, filters=SearchFilters(since=2021))
        assert sorted(h.source.key for h in hits) == ["new:0", "new:1", "new:2"]
        assert all(h.source.evidence.design is Design.REVIEW for h in hits)
        assert all(h.passages for h in hits)


def test_search_trusts_the_store_over_lagging_indexes(store: Store) -> None:
    """A source deleted or retracted after the indexes' last sync is not returned before the next sync."""
    recs = [record(f"syn:{i}", "zebrafishtoken") for i in range(3)]
    store.upsert(recs)
    indexes = full(InMemoryLexicalIndex())
    indexes.sync(store)
    store.delete_keys(["syn:0"])
    store.upsert([replace(recs[1], links=(Link("RetractionIn", "1"),))])
    assert indexes.pending(store) > 0
    searcher = HybridSearcher(store, indexes.lexical, indexes.vector, indexes.embedder)
    assert [h.source.key for h in searcher.search("zebrafishtoken", k=5)] == ["syn:2"]
