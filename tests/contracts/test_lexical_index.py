"""The LexicalIndex contract: tantivy and the in-memory double pass the same suite."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from medcite.adapters.tantivy_index import TantivyIndex
from medcite.domain import Design, SearchFilters
from medcite.ports import LexicalIndex
from medcite.testing import InMemoryLexicalIndex
from tests.contracts.sources import source


@pytest.fixture(params=["tantivy", "memory"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> LexicalIndex:
    if request.param == "memory":
        return InMemoryLexicalIndex()
    return TantivyIndex(tmp_path / "lexical")


def keys(hits: list[tuple[str, float]]) -> list[str]:
    return [k for k, _ in hits]


def test_empty_index(index: LexicalIndex) -> None:
    assert index.num_docs == 0
    assert index.checkpoint == 0
    assert index.search("zebrafishtoken", 10) == []


def test_upsert_then_search_finds_it_after_commit(index: LexicalIndex) -> None:
    index.upsert([source("syn:1", "zebrafishtoken outcomes"), source("syn:2", "axolotltoken outcomes")])
    index.commit(1)
    hits = index.search("zebrafishtoken", 10)
    assert keys(hits) == ["syn:1"]
    assert hits[0][1] > 0
    assert index.num_docs == 2
    assert set(keys(index.search("outcomes", 10))) == {"syn:1", "syn:2"}


def test_results_are_best_first(index: LexicalIndex) -> None:
    index.upsert(
        [
            source("syn:1", "zebrafishtoken once"),
            source("syn:2", "zebrafishtoken zebrafishtoken zebrafishtoken axolotltoken"),
            source("syn:3", "nothing relevant"),
        ]
    )
    index.commit(1)
    hits = index.search("zebrafishtoken axolotltoken", 10)
    assert keys(hits) == ["syn:2", "syn:1"]
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(hits))


def test_reupsert_replaces(index: LexicalIndex) -> None:
    index.upsert([source("syn:1", "zebrafishtoken")])
    index.commit(1)
    index.upsert([source("syn:1", "axolotltoken")])
    index.commit(2)
    assert index.search("zebrafishtoken", 10) == []
    assert keys(index.search("axolotltoken", 10)) == ["syn:1"]
    assert index.num_docs == 1


def test_remove_removes_the_source(index: LexicalIndex) -> None:
    index.upsert([source("syn:1", "zebrafishtoken"), source("pubmedqa:2/x y", "zebrafishtoken")])
    index.commit(1)
    index.remove(["syn:1", "no-such-key"])
    index.commit(2)
    assert keys(index.search("zebrafishtoken", 10)) == ["pubmedqa:2/x y"]
    index.remove(["pubmedqa:2/x y"])
    index.commit(3)
    assert index.search("zebrafishtoken", 10) == []
    assert index.num_docs == 0


@pytest.fixture
def filtered(index: LexicalIndex) -> LexicalIndex:
    index.upsert(
        [
            source("y1999", "zebrafishtoken", year=1999),
            source("y2010", "zebrafishtoken", year=2010),
            source("y-none", "zebrafishtoken", year=None),
            source("review", "zebrafishtoken", design=Design.REVIEW),
            source("animal", "zebrafishtoken", design=Design.ANIMAL, human=False),
            source("species-unknown", "zebrafishtoken", human=None),
            source("retracted", "zebrafishtoken", retracted=True),
        ]
    )
    index.commit(1)
    return index


def test_filter_year_range(filtered: LexicalIndex) -> None:
    def found(f: SearchFilters) -> set[str]:
        return set(keys(filtered.search("zebrafishtoken", 20, f)))

    assert found(SearchFilters(since=2005)) == {"y2010", "review", "animal", "species-unknown"}
    assert found(SearchFilters(until=2005)) == {"y1999"}
    assert found(SearchFilters(since=2000, until=2010)) == {"y2010"}


def test_filter_designs(filtered: LexicalIndex) -> None:
    f = SearchFilters(designs=frozenset({Design.REVIEW, Design.ANIMAL}))
    assert set(keys(filtered.search("zebrafishtoken", 20, f))) == {"review", "animal"}


def test_filter_human_only_keeps_unknown_species(filtered: LexicalIndex) -> None:
    got = set(keys(filtered.search("zebrafishtoken", 20, SearchFilters(human_only=True))))
    assert "animal" not in got and "species-unknown" in got and "y2010" in got


def test_retracted_left_out_unless_asked(filtered: LexicalIndex) -> None:
    assert "retracted" not in keys(filtered.search("zebrafishtoken", 20))
    assert "retracted" not in keys(filtered.search("zebrafishtoken", 20, SearchFilters()))
    assert "retracted" in keys(filtered.search("zebrafishtoken", 20, SearchFilters(exclude_retracted=False)))


def test_k_bounds_the_results(filtered: LexicalIndex) -> None:
    assert len(filtered.search("zebrafishtoken", 1)) == 1
    assert len(filtered.search("zebrafishtoken", 3)) == 3
    assert len(filtered.search("zebrafishtoken", 100)) == 6  # every match but the retracted one


def test_checkpoint_is_recorded_at_commit(index: LexicalIndex) -> None:
    index.upsert([source("syn:1", "zebrafishtoken")])
    assert index.checkpoint == 0
    index.commit(7)
    assert index.checkpoint == 7
    index.commit(9)  # nothing written: the checkpoint still moves
    assert index.checkpoint == 9


def test_tantivy_checkpoint_and_documents_persist_across_reopen(tmp_path: Path) -> None:
    first = TantivyIndex(tmp_path / "lexical")
    first.upsert([source("syn:1", "zebrafishtoken")])
    first.commit(5)
    first.upsert([source("syn:2", "zebrafishtoken")])  # never committed: lost
    del first
    again = TantivyIndex(tmp_path / "lexical")
    assert again.checkpoint == 5
    assert keys(again.search("zebrafishtoken", 10)) == ["syn:1"]


def test_document_frequencies_count_sources_holding_each_word(index: LexicalIndex) -> None:
    index.upsert(
        [
            source("syn:1", "zebrafishtoken outcomes"),
            source("syn:2", "Zebrafishtoken and axolotltoken outcomes"),
            source("syn:3", "nothing relevant"),
        ]
    )
    assert index.document_frequencies(["zebrafishtoken"]) == [0]  # not before the commit
    index.commit(1)
    got = index.document_frequencies(
        ["zebrafishtoken", "AXOLOTLTOKEN", "outcomes", "absentword", "two words", ""]
    )
    assert got == [2, 1, 2, 0, 0, 0]


def test_tantivy_document_frequencies_read_words_as_the_index_stems_them(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path / "lexical")
    index.upsert([source("syn:1", "antisense therapies were tested"), source("syn:2", "therapy")])
    index.commit(1)
    assert index.document_frequencies(["therapy", "therapies", "threapy"]) == [2, 2, 0]
