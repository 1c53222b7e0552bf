"""Keeps the search indexes in step with the store (incremental, resumable), over the ports only.

Each index keeps its own checkpoint: the store sequence number it is in step with. A sync reads the
store's changes after that checkpoint, applies the removals, then the new and changed sources, and
commits the index at the sequence number the changes were read at. An index that was interrupted, or is
new (a new schema or model starts at 0), catches up on its own, whatever the other index's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medcite.domain import PassageRef, SourceMeta, StoredSource
from medcite.ports import Embedder, LexicalIndex, SourceRepository, VectorIndex

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class SyncReport:
    sources_indexed: int
    passages_embedded: int  # vectors written: one per source (title + abstract head), one per passage
    removed: int
    seq: int


class Indexes:
    """The lexical index and, optionally, the vector index (with the embedder that fills it) of one store.

    ``passages``: embed every passage as well as the whole source (else the source only).
    """

    def __init__(
        self,
        lexical: LexicalIndex,
        vector: VectorIndex | None = None,
        embedder: Embedder | None = None,
        *,
        passages: bool = True,
    ) -> None:
        if (vector is None) != (embedder is None):
            raise ValueError("a vector index needs an embedder, and an embedder a vector index")
        self.lexical = lexical
        self.vector = vector
        self.embedder = embedder
        self.embed_passages = passages

    def pending(self, store: SourceRepository) -> int:
        """How many sequence steps the index furthest behind is behind the store."""
        seq = store.current_seq()
        return seq - min(_start(self.lexical.checkpoint, seq), self._vector_start(seq))

    def _vector_start(self, seq: int) -> int:
        return seq if self.vector is None else _start(self.vector.checkpoint, seq)

    def sync(
        self, store: SourceRepository, *, progress: Progress | None = None, batch: int = 512
    ) -> SyncReport:
        """Bring every index up to the store's current sequence number, each from its own checkpoint."""
        seq = store.current_seq()
        n_src = n_vec = n_rm = 0
        start = _start(self.lexical.checkpoint, seq)
        if start < seq:
            top = start
            for changes in store.iter_changes(start, batch=batch):
                if changes.removed:
                    self.lexical.remove(changes.removed)
                    n_rm += len(changes.removed)
                if changes.upserted:
                    self.lexical.upsert(changes.upserted)
                    n_src += len(changes.upserted)
                if progress is not None and self.vector is None:
                    progress(len(changes.upserted))
                top = max(top, changes.max_seq)
            self.lexical.commit(top)
        start = self._vector_start(seq)
        if self.vector is not None and start < seq:
            top = start
            for changes in store.iter_changes(start, batch=batch):
                if changes.removed:
                    self.vector.remove(changes.removed)
                if changes.upserted:
                    n_vec += self._embed(store, self.vector, changes.upserted)
                if progress is not None:
                    progress(len(changes.upserted))
                top = max(top, changes.max_seq)
            self.vector.commit(top)
        return SyncReport(n_src, n_vec, n_rm, seq)

    def _embed(self, store: SourceRepository, vector: VectorIndex, items: list[StoredSource]) -> int:
        assert self.embedder is not None
        by_source = store.passages_of([s.key for s in items]) if self.embed_passages else {}
        entries: list[tuple[PassageRef, SourceMeta]] = []
        texts: list[str] = []
        for s in items:
            meta = SourceMeta.of(s)
            head = f"{s.record.title} {s.record.text}".strip()
            if head:
                entries.append((PassageRef(s.key), meta))
                texts.append(head)  # the tokenizer keeps the first 128 tokens
            for row in by_source.get(s.key, []):
                entries.append((PassageRef(s.key, row.passage.idx), meta))
                texts.append(row.passage.text)
        if texts:
            vector.upsert(entries, self.embedder.embed(texts))
        return len(texts)


def _start(checkpoint: int, seq: int) -> int:
    """Where an index syncs from: its checkpoint, or 0 when that is ahead of the store (the store was
    replaced under the same URL: the index is rebuilt)."""
    return checkpoint if checkpoint <= seq else 0
