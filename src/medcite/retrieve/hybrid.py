"""Hybrid retrieval: BM25 (tantivy) + dense passages (usearch), fused, filtered and primed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from medcite.adapters.sql import PassageRow, SourceMeta, Store
from medcite.adapters.tantivy_index import LexicalIndex
from medcite.adapters.usearch_index import DenseIndex, pack, unpack
from medcite.config import Settings
from medcite.domain import PassageHit, SearchFilters, SearchHit
from medcite.errors import InputError
from medcite.ports import Embedder
from medcite.retrieve.fusion import prior, rank, rrf, weighted
from medcite.services.indexing import Indexes
from medcite.text import prefix_overlap, query_terms

MAX_QUERY_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Mode:
    lexical: bool = True
    dense: bool = True


def passes(m: SourceMeta, f: SearchFilters) -> bool:
    """Whether a source passes the filters (the dense side filters after the search)."""
    y = m.year
    if f.since is not None and (y is None or y < f.since):
        return False
    if f.until is not None and (y is None or y > f.until):
        return False
    if f.designs and m.design not in f.designs:
        return False
    if f.human_only and m.human is False:
        return False
    return not (f.exclude_retracted and m.retracted)


class HybridSearcher:
    """Implements :class:`medcite.ports.Searcher` over a store and its indexes."""

    def __init__(self, store: Store, indexes: Indexes, settings: Settings, mode: Mode | None = None) -> None:
        self.store = store
        self.settings = settings
        self.lexical: LexicalIndex = indexes.lexical
        self.dense: DenseIndex | None = indexes.dense
        self.embedder: Embedder | None = indexes.embedder
        self.mode = mode or Mode(dense=indexes.dense is not None)
        self._this_year = dt.date.today().year

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        query = query.strip()
        if not query:
            raise InputError("the query is empty: type a clinical question or keywords")
        if len(query) > MAX_QUERY_CHARS:
            raise InputError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
        if k < 1:
            raise InputError(f"k must be at least 1 (got {k})")
        f = filters or SearchFilters()
        n_cand = max(self.settings.candidate_k, k)
        rankings: list[list[int]] = []
        score_maps: list[dict[int, float]] = []
        weights: list[float] = []
        qvec: np.ndarray | None = None
        if self.mode.lexical:
            lex = self.lexical.search(query, n_cand, f)
            rankings.append([sid for sid, _ in lex])
            score_maps.append(dict(lex))
            weights.append(self.settings.lexical_weight)
        if self.mode.dense and self.dense is not None and self.embedder is not None:
            qvec = self.embedder.embed([query])[0]
            filtering = f != SearchFilters(exclude_retracted=f.exclude_retracted)
            hits = self.dense.search(qvec, n_cand * (12 if filtering else 4))
            best: dict[int, float] = {}
            for key, sim in hits:
                sid, _slot = unpack(key)
                if sim > best.get(sid, -2.0):
                    best[sid] = sim
            dense_rank = rank(best)[: n_cand * (3 if filtering else 1)]
            rankings.append(dense_rank)
            score_maps.append({sid: best[sid] for sid in dense_rank})
            weights.append(self.settings.dense_weight)
        candidates = sorted({sid for r in rankings for sid in r})
        if not candidates:
            return []
        meta = self.store.meta(candidates)  # light columns only: full records are read for the top k
        if self.settings.fusion == "rrf":
            fused = rrf(rankings, self.settings.rrf_k, weights)
        else:
            fused = weighted(score_maps, weights)
        scores: dict[int, float] = {}
        for sid, sc in fused.items():
            m = meta.get(sid)
            if m is None or not passes(m, f):
                continue
            scores[sid] = sc * prior(
                m.design,
                m.year,
                evidence_weight=self.settings.evidence_prior,
                recency_weight=self.settings.recency_prior,
                this_year=self._this_year,
            )
        top = rank(scores)[:k]
        sources = self.store.get_sources(top)
        rows = self.store.passages_of(top)
        return [
            SearchHit(sources[sid], scores[sid], self._best_passages(query, qvec, sid, rows[sid]))
            for sid in top
        ]

    def _best_passages(
        self, query: str, qvec: np.ndarray | None, sid: int, rows: Sequence[PassageRow], n: int = 3
    ) -> tuple[PassageHit, ...]:
        if not rows:
            return ()
        terms = set(query_terms(query))
        lex = np.array([prefix_overlap(terms, r.passage.text) for r in rows], dtype=np.float32)
        if qvec is not None and self.dense is not None:
            vecs = self.dense.get([pack(sid, r.passage.idx + 1) for r in rows])
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
