"""The rerank step of the hybrid searcher, over the ports (SQLite store, in-memory indexes, a scripted
reranker), and the MEDCITE_RERANK wiring. The records are synthetic test fixtures, not evidence."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from medcite.adapters.sql import Store
from medcite.bootstrap import open_engine
from medcite.config import load_settings
from medcite.retrieve import HybridSearcher, RetrievalParams
from medcite.retrieve.fusion import blend
from medcite.services.indexing import Indexes
from medcite.testing import HashingEmbedder, InMemoryLexicalIndex, InMemoryVectorIndex, TermOverlapReranker
from tests.retrieve.test_over_ports import record


@dataclass
class PreferKey:
    """Scores a document 0.9 when it names ``favourite``, else 0.1; records what it was asked."""

    favourite: str
    seen: list[list[str]] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return "test-double:prefer-key"

    def score(self, query: str, documents: Sequence[str]) -> npt.NDArray[np.float32]:
        self.seen.append(list(documents))
        return np.array([0.9 if self.favourite in d else 0.1 for d in documents], dtype=np.float32)


@pytest.fixture
def hybrid(tmp_path: Path) -> Iterator[HybridSearcher]:
    store = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    # syn:0 names the query word once, the others three times: fusion ranks syn:0 last
    store.upsert(
        [record("syn:0", "quokkatoken once.")]
        + [record(f"syn:{i}", "quokkatoken quokkatoken quokkatoken.") for i in range(1, 8)]
    )
    emb = HashingEmbedder()
    idx = Indexes(InMemoryLexicalIndex(), InMemoryVectorIndex(emb.dim), emb)
    idx.sync(store)
    yield HybridSearcher(
        store, idx.lexical, idx.vector, idx.embedder, RetrievalParams(rerank_k=8, rerank_weight=1.0)
    )
    store.close()


def test_the_reranker_reorders_the_fused_candidates(hybrid: HybridSearcher) -> None:
    fused = [h.source.key for h in hybrid.search("quokkatoken", k=8)]
    assert fused[0] != "syn:0"
    reranker = PreferKey("fixture syn:0 ")
    hits = hybrid.reranked_by(reranker).search("quokkatoken", k=3)
    assert hits[0].source.key == "syn:0" and hits[0].score == pytest.approx(0.9)
    assert [h.source.key for h in hits[1:]] == [k for k in fused if k != "syn:0"][:2]  # ties keep fused order
    assert len(reranker.seen) == 1 and len(reranker.seen[0]) == 8  # rerank_k candidates, one batch
    assert all(d.startswith("Synthetic test fixture syn:") for d in reranker.seen[0])  # title + abstract


def test_only_rerank_k_candidates_are_scored_and_the_rest_follow(hybrid: HybridSearcher) -> None:
    from dataclasses import replace

    searcher = HybridSearcher(
        hybrid.store, hybrid.lexical, hybrid.vector, hybrid.embedder, replace(hybrid.params, rerank_k=3)
    )
    fused = [h.source.key for h in searcher.search("quokkatoken", k=8)]
    reranker = PreferKey(f"fixture {fused[2]} ")
    hits = searcher.reranked_by(reranker).search("quokkatoken", k=8)
    keys = [h.source.key for h in hits]
    assert len(reranker.seen[0]) == 3
    assert keys[:3] == [fused[2], fused[0], fused[1]] and keys[3:] == fused[3:]
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_the_setting_turns_the_rerank_step_on(tmp_path: Path) -> None:
    off = load_settings(home=tmp_path, dense=False)
    with open_engine(off) as eng:
        assert eng.searcher().reranker is None
    on = load_settings(home=tmp_path, dense=False, rerank=True, rerank_k=12)
    double = TermOverlapReranker()
    with open_engine(on, reranker=double) as eng:
        searcher = eng.searcher()
        assert searcher.reranker is double and searcher.params.rerank_k == 12


def test_the_blend_weight_moves_from_the_fused_order_to_the_reranker_order() -> None:
    fused = {"a": 3.0, "b": 2.9, "c": 1.0}
    relevance = {"a": 0.1, "b": 0.5, "c": 0.99}
    order = lambda s: sorted(s, key=lambda d: -s[d])  # noqa: E731
    assert order(blend(fused, relevance, 0.0)) == ["a", "b", "c"]
    assert order(blend(fused, relevance, 1.0)) == ["c", "b", "a"]
    assert blend(fused, relevance, 1.0) == relevance  # the reranker alone keeps its probabilities
    mid = blend(fused, relevance, 0.5)  # b: nearly first by fusion, second by the reranker
    assert order(mid)[0] == "b" and all(0.0 <= v <= 1.0 for v in mid.values())
