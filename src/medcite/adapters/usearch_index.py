"""Dense index (usearch HNSW, cosine, int8 storage), persisted and grown incrementally.

Keys pack the source id and the passage position: ``key = source_id << 16 | (idx + 1)``; position 0 is
the source itself (title + the head of its abstract). So a hit maps to its source without a database look-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

SHIFT = 16
TITLE = 0


def pack(source_id: int, slot: int) -> int:
    """slot 0 is the title; passage ``idx`` lives at slot ``idx + 1``."""
    return (source_id << SHIFT) | slot


def unpack(key: int) -> tuple[int, int]:
    return key >> SHIFT, key & ((1 << SHIFT) - 1)


class DenseIndex:
    def __init__(self, path: Path, dim: int, *, dtype: str = "i8") -> None:
        # onnxruntime must be loaded before usearch: the other order segfaults on import
        # (onnxruntime 1.32 with usearch 2.26, seen here); importing it first is harmless.
        import onnxruntime  # noqa: F401
        from usearch.index import Index

        self._path = path
        self._index = Index(
            ndim=dim, metric="cos", dtype=dtype, connectivity=16, expansion_add=64, expansion_search=64
        )
        if path.exists():
            self._index.load(str(path))

    def __len__(self) -> int:
        return len(self._index)

    @property
    def memory_bytes(self) -> int:
        return int(self._index.memory_usage)

    def add(self, keys: Sequence[int], vectors: npt.NDArray[np.float32]) -> None:
        if len(keys) == 0:
            return
        arr = np.asarray(keys, dtype=np.uint64)
        self.remove(arr.tolist())
        self._index.add(arr, vectors)

    def remove(self, keys: Iterable[int]) -> None:
        ks = [k for k in keys if k in self._index]
        if ks:
            self._index.remove(np.asarray(ks, dtype=np.uint64))

    def remove_sources(self, sources: Iterable[tuple[int, int]]) -> None:
        """Remove (source_id, passage_count) entries: the title and every passage."""
        self.remove(pack(sid, slot) for sid, n in sources for slot in range(n + 1))

    def get(self, keys: Sequence[int]) -> npt.NDArray[np.float32]:
        """Vectors of ``keys``; a key not in the index gives a row of NaN."""
        out = np.full((len(keys), self._index.ndim), np.nan, dtype=np.float32)
        if len(keys) == 0:
            return out
        vecs = self._index.get(np.asarray(keys, dtype=np.uint64), dtype="f32")
        rows: list[object] = list(vecs) if vecs is not None else []
        for i, v in enumerate(rows):
            if v is not None:
                out[i] = np.asarray(v, dtype=np.float32).reshape(-1)[: out.shape[1]]
        return out

    def search(self, vector: npt.NDArray[np.float32], k: int) -> list[tuple[int, float]]:
        if len(self._index) == 0:
            return []
        matches = self._index.search(vector, min(k, len(self._index)))
        return [
            (int(key), 1.0 - float(dist)) for key, dist in zip(matches.keys, matches.distances, strict=True)
        ]

    def save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        self._index.save(str(tmp))
        tmp.replace(self._path)
