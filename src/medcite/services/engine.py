"""The one facade that the CLI, the API and the web app use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medcite.adapters.sql import Store, StoreStats
from medcite.adapters.sql.articles import ArticleRepository
from medcite.config import Settings
from medcite.domain import Evidence, SearchFilters, SearchHit, Verdict
from medcite.errors import EmptyEvidenceError, InputError, NetworkError, NotFoundError
from medcite.ports import Embedder, LLMClient, Verifier
from medcite.retrieve import HybridSearcher, Mode
from medcite.services.indexing import Indexes, SyncReport
from medcite.services.ingest import IngestReport, ingest_paths, store_items

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
        self,
        settings: Settings,
        store: Store,
        *,
        embedder: Embedder | None = None,
        dense: bool = True,
        verifier: Verifier | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._embedder = embedder
        self._verifier = verifier
        self._dense = dense and settings.dense
        self._indexes: Indexes | None = None

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        dense: bool = True,
        verifier: Verifier | None = None,
    ) -> Engine:
        settings.home.mkdir(parents=True, exist_ok=True)
        return cls(
            settings,
            Store.open(settings.resolved_database_url),
            embedder=embedder,
            dense=dense,
            verifier=verifier,
        )

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
            from medcite.adapters.onnx_embedder import OnnxEmbedder

            self._embedder = OnnxEmbedder(
                threads=self.settings.threads, batch_size=self.settings.embed_batch_size
            )
        return self._embedder

    @property
    def verifier(self) -> Verifier:
        if self._verifier is None:
            from medcite.bootstrap import load_verifier

            self._verifier = load_verifier(self.settings)
        return self._verifier

    @property
    def indexes(self) -> Indexes:
        if self._indexes is None:
            self._indexes = Indexes(
                self.settings.index_dir, self.embedder, passages=self.settings.dense_granularity == "passages"
            )
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

        report = ingest_paths(self.store, paths, parse_path, progress, self.settings.ingest_workers)
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

        from medcite.adapters.eutils import EutilsClient

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

    # --- verify -------------------------------------------------------------------------
    def verify(
        self, claim: str, evidence: Sequence[str] | None = None, *, pmid: str | None = None
    ) -> Verdict:
        """Check a claim against evidence text(s), or against a stored source by PMID."""
        if pmid is not None:
            src = self.store.get_by_key(pmid)
            if src is None:
                raise NotFoundError(f"PMID {pmid} is not in the store: ingest it first")
            r = src.record
            ev = [
                Evidence(
                    text=r.text or r.title,
                    source_key=r.key,
                    title=r.title,
                    mesh=tuple(m.descriptor for m in r.mesh),
                    design=src.evidence.design,
                    publication_types=r.publication_types,
                )
            ]
        else:
            ev = [Evidence(text=t) for t in (evidence or [])]
        return self.verifier.verify(claim, ev)

    # --- ask ----------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        *,
        audience: str = "clinician",
        thread_id: str | None = None,
        llm: LLMClient | None = None,
        filters: SearchFilters | None = None,
    ) -> AskResult:
        """Answer a question with a verified, cited article; store it (and its thread)."""
        from medcite.compose import compose_article, render_patient
        from medcite.domain import Provenance
        from medcite.present.json_contract import from_json, to_json

        question = question.strip()
        if not question:
            raise InputError("the question is empty")
        if audience not in ("clinician", "patient"):
            raise InputError(f"audience must be clinician or patient (got {audience!r})")
        repo = ArticleRepository(self.store)
        context = None
        if thread_id is not None:
            history = repo.thread_articles(thread_id)
            if history:
                context = from_json(repo.get(history[-1][0]))
        if self.store.current_seq() == 0:
            self._fill_empty_store(question)
        if self.indexes.pending(self.store) > 0:
            self.sync_indexes()
        n_sources = self.store.count()
        model_ids = [
            m
            for m in (
                self.embedder.model_id if self.embedder else None,
                self.verifier.model_id,
                llm.model_id if llm else None,
            )
            if m
        ]
        prov = Provenance(
            corpus_version=f"{n_sources} sources, store seq {self.store.current_seq()}",
            settings_hash=self.settings.fingerprint(),
            model_ids=tuple(model_ids),
        )
        article = compose_article(
            question,
            self.searcher(),
            self.verifier,
            audience="clinician",
            llm=llm,
            context=context,
            provenance=prov,
            filters=filters,
        )
        if audience == "patient":
            article = render_patient(article)
        if thread_id is None:
            thread_id = repo.new_thread()
        aid = repo.save(
            to_json(article),
            question=question,
            audience=audience,
            status=article.status,
            thread_id=thread_id,
        )
        return AskResult(article, aid, thread_id)

    def article(self, article_id: str) -> Any:
        from medcite.present.json_contract import from_json

        return from_json(ArticleRepository(self.store).get(article_id))

    def _fill_empty_store(self, question: str) -> None:
        how = (
            "ingest sources first, e.g. `medcite ingest ../shared/data/pubmedqa/abstracts.jsonl` "
            'or, online, `medcite ingest --pubmed "QUERY"`'
        )
        if not self.settings.pubmed_online:
            raise EmptyEvidenceError(f"the evidence store is empty: {how}")
        try:
            self.ingest_pubmed(question, 50)
        except NetworkError as exc:
            raise EmptyEvidenceError(
                f"the evidence store is empty and PubMed cannot be reached ({exc}): {how}"
            ) from exc
        if self.store.current_seq() == 0:
            raise EmptyEvidenceError(
                f"PubMed returned nothing for this question and the store is empty: {how}"
            )


@dataclass(frozen=True, slots=True)
class AskResult:
    article: Any  # medcite.compose.Article (imported lazily: composing is optional for search-only use)
    article_id: str
    thread_id: str


def parse_designs(text: str | None) -> frozenset[str] | None:
    if not text:
        return None
    return frozenset(t.strip() for t in text.split(",") if t.strip())


def default_corpus(settings: Settings) -> Sequence[Path]:
    """The shared corpora ingested by the README's main command (read from MEDCITE_DATA_DIR)."""
    d = settings.data_dir
    return [d / "medline_sample" / "medline16n0902.xml.gz", d / "pubmedqa" / "abstracts.jsonl"]
