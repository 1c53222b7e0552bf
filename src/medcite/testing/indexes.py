"""In-memory search indexes: small, honest implementations of the index ports for tests and examples.

They pass the same contract suites as the real adapters (``tests/contracts``): same addressing by source
key and :class:`PassageRef`, same filter semantics (:meth:`SearchFilters.admits`), same checkpoint. They
persist nothing: a new instance starts empty, at checkpoint 0.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from medcite.domain import PassageRef, SearchFilters, SourceMeta, StoredSource

Vectors = npt.NDArray[np.float32]
_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class InMemoryLexicalIndex:
    """:class:`medcite.ports.LexicalIndex` as plain BM25 (k1 1.2, b 0.75) over lowercased words, with no
    stemming. Like tantivy, writes become visible at :meth:`commit`."""

    K1 = 1.2
    B = 0.75

    def __init__(self) -> None:
        self._docs: dict[str, tuple[Counter[str], int, SourceMeta]] = {}  # key -> (term counts, length, meta)
        self._pending: list[tuple[str, StoredSource | None]] = []  # (key, new source or None: removed)
        self._checkpoint = 0

    @property
    def checkpoint(self) -> int:
        return self._checkpoint

    @property
    def num_docs(self) -> int:
        return len(self._docs)

    def upsert(self, sources: Sequence[StoredSource]) -> None:
        self._pending.extend((s.key, s) for s in sources)

    def remove(self, source_keys: Iterable[str]) -> None:
        self._pending.extend((key, None) for key in source_keys)

    def commit(self, checkpoint: int) -> None:
        for key, source in self._pending:
            if source is None:
                self._docs.pop(key, None)
                continue
            r = source.record
            words = _tokens(f"{r.title}\n{r.text}\n" + " ".join(m.descriptor for m in r.mesh))
            self._docs[key] = (Counter(words), len(words), SourceMeta.of(source))
        self._pending = []
        self._checkpoint = checkpoint

    def search(self, text: str, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        f = filters or SearchFilters()
        terms = list(dict.fromkeys(_tokens(text)))
        if not terms or k < 1 or not self._docs:
            return []
        n = len(self._docs)
        avg_len = sum(length for _c, length, _m in self._docs.values()) / n
        df = {t: sum(1 for c, _l, _m in self._docs.values() if t in c) for t in terms}
        scores: dict[str, float] = {}
        for key, (counts, length, meta) in self._docs.items():
            if not f.admits(meta):
                continue
            score = 0.0
            for t in terms:
                tf = counts.get(t, 0)
                if tf:
                    idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                    norm = tf + self.K1 * (1 - self.B + self.B * length / max(avg_len, 1e-9))
                    score += idf * tf * (self.K1 + 1) / norm
            if score > 0:
                scores[key] = score
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]

    def document_frequencies(self, words: Sequence[str]) -> list[int]:
        out: list[int] = []
        for w in words:
            t = _tokens(w)
            out.append(sum(1 for c, _l, _m in self._docs.values() if t[0] in c) if len(t) == 1 else 0)
        return out


class InMemoryVectorIndex:
    """:class:`medcite.ports.VectorIndex` as exact (brute-force) cosine search over a numpy matrix."""

    def __init__(self, dim: int) -> None:
        self._dim = dim
        self._vectors: dict[PassageRef, Vectors] = {}
        self._meta: dict[str, SourceMeta] = {}
        self._checkpoint = 0

    @property
    def checkpoint(self) -> int:
        return self._checkpoint

    @property
    def memory_bytes(self) -> int:
        return len(self._vectors) * self._dim * 4

    def __len__(self) -> int:
        return len(self._vectors)

    def upsert(self, entries: Sequence[tuple[PassageRef, SourceMeta]], vectors: Vectors) -> None:
        if len(entries) != len(vectors):
            raise ValueError(f"{len(entries)} entries but {len(vectors)} vectors")
        for (ref, meta), vec in zip(entries, np.asarray(vectors, dtype=np.float32), strict=True):
            norm = float(np.linalg.norm(vec))
            self._vectors[ref] = vec / norm if norm > 0 else vec.copy()
            self._meta[ref.source_key] = meta

    def remove(self, source_keys: Iterable[str]) -> None:
        gone = set(source_keys)
        self._vectors = {ref: v for ref, v in self._vectors.items() if ref.source_key not in gone}
        for key in gone:
            self._meta.pop(key, None)

    def commit(self, checkpoint: int) -> None:
        self._checkpoint = checkpoint

    def search(
        self, vector: Vectors, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[PassageRef, float]]:
        f = filters or SearchFilters()
        refs = [ref for ref in self._vectors if f.admits(self._meta[ref.source_key])]
        if not refs or k < 1:
            return []
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(q))
        sims = np.stack([self._vectors[r] for r in refs]) @ (q / norm if norm > 0 else q)
        order = sorted(range(len(refs)), key=lambda i: (-float(sims[i]), i))[:k]
        return [(refs[i], float(sims[i])) for i in order]

    def vectors(self, refs: Sequence[PassageRef]) -> Vectors:
        out = np.full((len(refs), self._dim), np.nan, dtype=np.float32)
        for i, ref in enumerate(refs):
            vec = self._vectors.get(ref)
            if vec is not None:
                out[i] = vec
        return out
