"""Keeps the search indexes in step with the store (incremental, resumable)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medcite.adapters.sql import Store
from medcite.adapters.tantivy_index import LEXICAL_VERSION, LexicalIndex
from medcite.adapters.usearch_index import DenseIndex, pack
from medcite.domain import StoredSource
from medcite.ports import Embedder

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class SyncReport:
    sources_indexed: int
    passages_embedded: int
    removed: int
    seq: int


class Indexes:
    """The lexical and dense indexes of one store, under one folder."""

    def __init__(self, folder: Path, embedder: Embedder | None, *, passages: bool = True) -> None:
        self.embed_passages = passages
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.lexical = LexicalIndex(folder / f"lexical-v{LEXICAL_VERSION}")
        self.embedder = embedder
        self.dense = DenseIndex(folder / "dense.usearch", embedder.dim) if embedder is not None else None
        self._state_path = folder / "state.json"

    def state(self) -> dict[str, object]:
        if self._state_path.is_file():
            loaded: dict[str, object] = json.loads(self._state_path.read_text())
            return loaded
        return {"seq": 0, "dense_seq": 0}

    def pending(self, store: Store) -> int:
        """How many sequence steps the indexes are behind the store."""
        lex_seq, dense_seq = self._seqs()
        seen = min(lex_seq, dense_seq) if self.dense is not None else lex_seq
        return store.current_seq() - seen

    def _seqs(self) -> tuple[int, int]:
        st = self.state()
        lex_seq = int(str(st.get("seq", 0)))
        if st.get("lexical_version") != LEXICAL_VERSION:
            lex_seq = 0  # a new lexical schema: rebuild it (the dense index is kept)
        return lex_seq, int(str(st.get("dense_seq", 0)))

    def sync(self, store: Store, *, progress: Progress | None = None, batch: int = 512) -> SyncReport:
        """Bring both indexes up to the store's current sequence number (each from where it stands)."""
        lex_seq, dense_seq = self._seqs()
        n_src = n_pas = n_rm = 0
        max_seq = store.current_seq()
        if lex_seq < max_seq:
            for changes in store.iter_changes(lex_seq, batch=batch):
                if changes.removed:
                    self.lexical.remove(sid for sid, _ in changes.removed)
                    n_rm += len(changes.removed)
                if changes.upserted:
                    self.lexical.add(changes.upserted)
                    n_src += len(changes.upserted)
                if progress is not None and self.dense is None:
                    progress(len(changes.upserted))
            self.lexical.commit()
            lex_seq = max_seq
            self._save_state(lex_seq, dense_seq)
        if self.dense is not None and dense_seq < max_seq:
            for changes in store.iter_changes(dense_seq, batch=batch):
                if changes.removed:
                    self.dense.remove_sources(changes.removed)
                if changes.upserted:
                    n_pas += self._embed(store, changes.upserted)
                if progress is not None:
                    progress(len(changes.upserted))
            self.dense.save()
            dense_seq = max_seq
            self._save_state(lex_seq, dense_seq)
        return SyncReport(n_src, n_pas, n_rm, max_seq)

    def _save_state(self, lex_seq: int, dense_seq: int) -> None:
        state = {"seq": lex_seq, "dense_seq": dense_seq, "lexical_version": LEXICAL_VERSION}
        tmp = self._state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self._state_path)

    def _embed(self, store: Store, items: list[StoredSource]) -> int:
        assert self.embedder is not None and self.dense is not None
        by_source = store.passages_of([s.id for s in items]) if self.embed_passages else {}
        keys: list[int] = []
        texts: list[str] = []
        for s in items:
            head = f"{s.record.title} {s.record.text}".strip()
            if head:
                keys.append(pack(s.id, 0))
                texts.append(head)  # the tokenizer keeps the first 128 tokens
            if not self.embed_passages:
                continue
            for row in by_source.get(s.id, []):
                keys.append(pack(s.id, row.passage.idx + 1))
                texts.append(row.passage.text)
        if texts:
            self.dense.add(keys, self.embedder.embed(texts))
        return len(texts)
