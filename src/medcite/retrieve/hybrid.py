"""Hybrid retrieval over the ports: lexical (BM25) + dense passages, fused, filtered and primed, then
optionally re-ordered by a relevance cross-encoder (the first ``rerank_k`` fused sources).

Everything is addressed by source key. The indexes apply the filters themselves; the fused list is checked
against the store's filter columns once more (a source deleted or changed since the indexes' last sync).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from medcite.domain import PassageHit, PassageRef, PassageRow, SearchFilters, SearchHit, StoredSource
from medcite.errors import InputError
from medcite.ports import Embedder, LexicalIndex, Reranker, SourceRepository, VectorIndex
from medcite.retrieve.fusion import blend, prior, rank, rrf, weighted
from medcite.retrieve.params import RetrievalParams
from medcite.text import prefix_overlap, query_terms

MAX_QUERY_CHARS = 2000
DENSE_HITS_PER_SOURCE = 4  # passage hits asked of the vector index per candidate source


@dataclass(frozen=True, slots=True)
class Mode:
    lexical: bool = True
    dense: bool = True


class HybridSearcher:
    """Implements :class:`medcite.ports.Searcher` over a source repository and its indexes."""

    def __init__(
        self,
        store: SourceRepository,
        lexical: LexicalIndex,
        vector: VectorIndex | None = None,
        embedder: Embedder | None = None,
        params: RetrievalParams | None = None,
        mode: Mode | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.vector = vector
        self.embedder = embedder
        self.params = params or RetrievalParams()
        self.mode = mode or Mode(dense=vector is not None)
        self.reranker = reranker
        self._this_year = dt.date.today().year

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        query = _checked(query, k)
        f = filters or SearchFilters()
        p = self.params
        n_cand = max(p.candidate_k, k)
        rankings: list[list[str]] = []
        score_maps: list[dict[str, float]] = []
        weights: list[float] = []
        qvec: np.ndarray | None = None
        if self.mode.lexical:
            lex = self.lexical.search(query, n_cand, f)
            rankings.append([key for key, _ in lex])
            score_maps.append(dict(lex))
            weights.append(p.lexical_weight)
        if self.mode.dense and self.vector is not None and self.embedder is not None:
            qvec = self.embedder.embed([query])[0]
            dense = _best_per_source(self.vector.search(qvec, n_cand * DENSE_HITS_PER_SOURCE, f), n_cand)
            rankings.append(list(dense))
            score_maps.append(dense)
            weights.append(p.dense_weight)
        scores = self._fuse(rankings, score_maps, weights, f)
        top = rank(scores)[: max(k, p.rerank_k) if self.reranker is not None else k]
        sources = self.store.get_sources(top)
        if self.reranker is not None:
            top, scores = self._reranked(
                self.reranker, query, [t for t in top if t in sources], sources, scores
            )
            top = top[:k]
        rows = self.store.passages_of(top)
        return [
            SearchHit(sources[key], scores[key], self._best_passages(query, qvec, key, rows.get(key, [])))
            for key in top
            if key in sources
        ]

    def _fuse(
        self,
        rankings: list[list[str]],
        score_maps: list[dict[str, float]],
        weights: list[float],
        f: SearchFilters,
    ) -> dict[str, float]:
        """Fused scores times the priors, of candidates the store still has and that pass ``f``."""
        candidates = sorted({key for r in rankings for key in r})
        if not candidates:
            return {}
        p = self.params
        meta = self.store.meta(candidates)  # light columns only: full records are read for the top k
        fused = rrf(rankings, p.rrf_k, weights) if p.fusion == "rrf" else weighted(score_maps, weights)
        scores: dict[str, float] = {}
        for key, sc in fused.items():
            m = meta.get(key)
            if m is None or not f.admits(m):
                continue
            scores[key] = sc * prior(
                m.design,
                m.year,
                evidence_weight=p.evidence_prior,
                recency_weight=p.recency_prior,
                this_year=self._this_year,
            )
        return scores

    def reranked_by(self, reranker: Reranker) -> HybridSearcher:
        """The same searcher with a rerank step after fusion."""
        return HybridSearcher(
            self.store, self.lexical, self.vector, self.embedder, self.params, self.mode, reranker
        )

    def _reranked(
        self,
        reranker: Reranker,
        query: str,
        top: list[str],
        sources: dict[str, StoredSource],
        fused: dict[str, float],
    ) -> tuple[list[str], dict[str, float]]:
        """The first ``rerank_k`` of ``top`` ordered by the reranker, blended with their fused score by
        ``rerank_weight`` (both min-max scaled); the rest keep their fused order, scored below them."""
        head, tail = top[: self.params.rerank_k], top[self.params.rerank_k :]
        rel = reranker.score(query, [document_text(sources[key]) for key in head])
        scores = blend(
            {key: fused[key] for key in head},
            dict(zip(head, rel.tolist(), strict=True)),
            self.params.rerank_weight,
        )
        head = sorted(head, key=lambda key: -scores[key])  # stable: ties keep the fused order
        floor = min(scores.values(), default=1.0)
        top_fused = max((fused[key] for key in tail), default=1.0) or 1.0
        scores.update({key: floor * 0.99 * fused[key] / top_fused for key in tail})
        return head + tail, scores

    def _best_passages(
        self, query: str, qvec: np.ndarray | None, key: str, rows: Sequence[PassageRow], n: int = 3
    ) -> tuple[PassageHit, ...]:
        if not rows:
            return ()
        terms = set(query_terms(query))
        lex = np.array([prefix_overlap(terms, r.passage.text) for r in rows], dtype=np.float32)
        if qvec is not None and self.vector is not None:
            vecs = self.vector.vectors([PassageRef(key, r.passage.idx) for r in rows])
            sim = np.nan_to_num(vecs @ qvec, nan=0.0)
            score = 0.7 * sim + 0.3 * lex
        else:
            score = lex
        order = sorted(range(len(rows)), key=lambda i: (-float(score[i]), i))[:n]
        return tuple(
            PassageHit(
                rows[i].id,
                rows[i].passage.text,
                rows[i].passage.section,
                rows[i].passage.start,
                rows[i].passage.end,
                float(score[i]),
            )
            for i in order
        )


def document_text(source: StoredSource) -> str:
    """What a reranker reads of a source: its title and abstract."""
    rec = source.record
    return f"{rec.title} {rec.text}" if rec.title else rec.text


def _checked(query: str, k: int) -> str:
    query = query.strip()
    if not query:
        raise InputError("the query is empty: type a clinical question or keywords")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
    if k < 1:
        raise InputError(f"k must be at least 1 (got {k})")
    return query


def _best_per_source(hits: Sequence[tuple[PassageRef, float]], n: int) -> dict[str, float]:
    """The best similarity of each source among passage hits, for the ``n`` best sources, best first."""
    best: dict[str, float] = {}
    for ref, sim in hits:
        if sim > best.get(ref.source_key, -2.0):
            best[ref.source_key] = sim
    return {key: best[key] for key in rank(best)[:n]}
