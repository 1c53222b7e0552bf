"""Keeps the search indexes in step with the store (incremental, resumable), over the ports only.

Each index keeps its own checkpoint: the store sequence number it is in step with. A sync reads the
store's changes after that checkpoint up to the store's committed watermark (see
:meth:`SourceRepository.iter_changes`), applies the removals, then the new and changed sources, batch by
batch, and commits the index during the sync, at the safe checkpoint the store reports with each batch,
whenever ``commit_every`` sources have been applied since the last commit, and at the end. So a sync that
is killed (or fails) resumes from its last commit, not from 0: at most ``commit_every`` sources are redone.
An index that is new (a new schema or model starts at 0) catches up on its own, whatever the other index's
state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from medcite.domain import Changes, PassageRef, SourceMeta, StoredSource
from medcite.ports import Embedder, LexicalIndex, SourceRepository, VectorIndex

Progress = Callable[[int], None]
COMMIT_EVERY = 4096  # sources between two commits of an index during a sync: at most this much is redone


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
        self,
        store: SourceRepository,
        *,
        progress: Progress | None = None,
        batch: int = 512,
        commit_every: int = COMMIT_EVERY,
    ) -> SyncReport:
        """Bring every index up to the store's committed watermark, each from its own checkpoint, committing
        every ``commit_every`` sources (module docstring)."""
        seq = store.current_seq()
        n_src = n_vec = n_rm = 0
        lexical = self.lexical
        start = _start(lexical.checkpoint, seq)
        if start < seq:
            for changes in _committed_batches(store, start, batch, commit_every, lexical.commit):
                if changes.removed:
                    lexical.remove(changes.removed)
                    n_rm += len(changes.removed)
                if changes.upserted:
                    lexical.upsert(changes.upserted)
                    n_src += len(changes.upserted)
                if progress is not None and self.vector is None:
                    progress(len(changes.upserted))
        start = self._vector_start(seq)
        if self.vector is not None and start < seq:
            vector = self.vector
            for changes in _committed_batches(store, start, batch, commit_every, vector.commit):
                if changes.removed:
                    vector.remove(changes.removed)
                if changes.upserted:
                    n_vec += self._embed(store, vector, changes.upserted)
                if progress is not None:
                    progress(len(changes.upserted))
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


def _committed_batches(
    store: SourceRepository, start: int, batch: int, every: int, commit: Callable[[int], None]
) -> Iterator[Changes]:
    """The store's changes after ``start``, one batch at a time; after the caller has applied a batch, the
    index is committed at the batch's safe checkpoint once ``every`` sources have been applied since the
    last commit, and at the end at the window's top (the watermark when the iteration began)."""
    top = start
    since = 0
    committed = start
    for changes in store.iter_changes(start, batch=batch):
        yield changes  # the caller applies it before the next step runs
        top = max(top, changes.max_seq)
        since += len(changes.upserted)
        if since >= every and changes.checkpoint > committed:
            commit(changes.checkpoint)
            committed, since = changes.checkpoint, 0
    commit(top)


def _start(checkpoint: int, seq: int) -> int:
    """Where an index syncs from: its checkpoint, or 0 when that is ahead of the store (the store was
    replaced under the same URL: the index is rebuilt)."""
    return checkpoint if checkpoint <= seq else 0
