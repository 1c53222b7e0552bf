"""A searcher double: IDF-weighted term overlap over a list of sources, with the filters applied."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from medcite.domain import PassageHit, SearchFilters, SearchHit, SourceMeta, StoredSource
from medcite.errors import InputError
from medcite.text.sentences import record_sentences
from medcite.text.words import terms


@dataclass
class OverlapSearcher:
    """Ranks sources by the IDF-weighted overlap of their terms with the query; a source's best three
    sentences (by the same score) are its passages. It records the queries it was asked."""

    sources: Sequence[StoredSource]
    calls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._terms = [Counter(terms(f"{s.record.title} {s.record.text}")) for s in self.sources]
        df: Counter[str] = Counter()
        for t in self._terms:
            df.update(t.keys())
        n = max(1, len(self.sources))
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        if not query.strip():
            raise InputError("the query is empty: type a clinical question or keywords")
        if k < 1:
            raise InputError(f"k must be at least 1 (got {k})")
        self.calls.append(query)
        f = filters or SearchFilters()
        q = set(terms(query))
        scored = []
        for src, tf in zip(self.sources, self._terms, strict=True):
            s = sum(self._idf.get(w, 0.0) for w in q if w in tf)
            if s > 0 and f.admits(SourceMeta.of(src)):
                scored.append((s, src))
        scored.sort(key=lambda x: -x[0])
        return [SearchHit(src, s, self._passages(src, q)) for s, src in scored[:k]]

    def _passages(self, src: StoredSource, q: set[str]) -> tuple[PassageHit, ...]:
        sents = record_sentences(src)
        ranked = sorted(sents, key=lambda x: -sum(self._idf.get(w, 0) for w in q & set(terms(x[3]))))
        return tuple(
            PassageHit(passage_id=src.id * 1000 + j, text=t, section=lab, start=a, end=b, score=1.0)
            for j, (lab, a, b, t) in enumerate(ranked[:3])
        )
