"""The one facade that the CLI, the API and the web app use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medcite.config import Settings
from medcite.domain import SearchFilters, SearchHit
from medcite.errors import InputError
from medcite.ingest import IngestReport, ingest_paths, store_items
from medcite.protocols import Embedder
from medcite.retrieve import HybridSearcher, Indexes, Mode, SyncReport
from medcite.store import Store, StoreStats

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class EngineStats:
    store: StoreStats
    lexical_docs: int
    dense_vectors: int
    dense_bytes: int
    index_lag: int  # store changes not yet in the indexes


class Engine:
    """medcite's API. Build with :meth:`open`; pass test doubles for the boundaries if needed."""

    def __init__(
        self, settings: Settings, store: Store, *, embedder: Embedder | None = None, dense: bool = True
    ) -> None:
        self.settings = settings
        self.store = store
        self._embedder = embedder
        self._dense = dense
        self._indexes: Indexes | None = None

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None, dense: bool = True) -> Engine:
        settings.home.mkdir(parents=True, exist_ok=True)
        return cls(settings, Store.open(settings.resolved_database_url), embedder=embedder, dense=dense)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- boundaries (lazy: loading models costs time) ----------------------------------
    @property
    def embedder(self) -> Embedder | None:
        if self._embedder is None and self._dense:
            from medcite.retrieve.embed import OnnxEmbedder

            self._embedder = OnnxEmbedder(
                threads=self.settings.threads, batch_size=self.settings.embed_batch_size
            )
        return self._embedder

    @property
    def indexes(self) -> Indexes:
        if self._indexes is None:
            self._indexes = Indexes(self.settings.index_dir, self.embedder,
                                    passages=self.settings.dense_granularity == "passages")
        return self._indexes

    # --- ingest -------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path],
        *,
        progress: Progress | None = None,
        index: bool = True,
        index_progress: Progress | None = None,
    ) -> IngestReport:
        from medcite.corpus.detect import parse_path

        report = ingest_paths(self.store, paths, parse_path, progress)
        if index:
            self.sync_indexes(progress=index_progress)
        return report

    def ingest_pubmed(
        self,
        query: str,
        max_n: int,
        *,
        progress: Progress | None = None,
        index: bool = True,
        index_progress: Progress | None = None,
    ) -> IngestReport:
        import time

        from medcite.corpus.eutils import EutilsClient

        if not query.strip():
            raise InputError("the PubMed query is empty")
        if max_n < 1:
            raise InputError(f"--max must be at least 1 (got {max_n})")
        report = IngestReport()
        t0 = time.perf_counter()
        with EutilsClient(self.settings) as client:
            store_items(self.store, client.fetch(query, max_n, self.store.has_key), report, progress)
        report.seconds = time.perf_counter() - t0
        if index:
            self.sync_indexes(progress=index_progress)
        return report

    def sync_indexes(self, *, progress: Progress | None = None) -> SyncReport:
        return self.indexes.sync(self.store, progress=progress)

    # --- search -------------------------------------------------------------------------
    def searcher(self, mode: Mode | None = None) -> HybridSearcher:
        return HybridSearcher(self.store, self.indexes, self.settings, mode)

    def search(
        self, query: str, k: int = 10, filters: SearchFilters | None = None, mode: Mode | None = None
    ) -> list[SearchHit]:
        if self.indexes.pending(self.store) > 0:
            self.sync_indexes()
        return self.searcher(mode).search(query, k, filters)

    def stats(self) -> EngineStats:
        idx = self.indexes
        dense = idx.dense
        return EngineStats(
            store=self.store.stats(),
            lexical_docs=idx.lexical.num_docs,
            dense_vectors=len(dense) if dense is not None else 0,
            dense_bytes=dense.memory_bytes if dense is not None else 0,
            index_lag=idx.pending(self.store),
        )


def parse_designs(text: str | None) -> frozenset[str] | None:
    if not text:
        return None
    return frozenset(t.strip() for t in text.split(",") if t.strip())


def default_corpus(settings: Settings) -> Sequence[Path]:
    """The shared corpora ingested by the README's main command (read from MEDCITE_DATA_DIR)."""
    d = settings.data_dir
    return [d / "medline_sample" / "medline16n0902.xml.gz", d / "pubmedqa" / "abstracts.jsonl"]
