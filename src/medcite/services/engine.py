"""The one facade that the CLI, the API and the web app use: use cases over the ports.

The engine is built by :func:`medcite.bootstrap.open_engine`, which chooses the adapters; the engine itself
names none. Models load lazily, on first use.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from medcite.compose import render_patient
from medcite.compose.candidates import card_of
from medcite.config import Settings
from medcite.domain import (
    Article,
    ArticleRecord,
    ParseItem,
    SearchFilters,
    SearchHit,
    Stage,
    StoreStats,
    User,
    Verdict,
)
from medcite.domain.audit import AuditReport
from medcite.errors import ConfigError, EmptyEvidenceError, InputError, NetworkError
from medcite.ports import (
    ArticleRepository,
    EditorialRepository,
    Embedder,
    EntailmentModel,
    FeedbackRepository,
    JobStore,
    LiteratureSource,
    LLMClient,
    Mailer,
    Reranker,
    SourceRepository,
    UserRepository,
    Verifier,
)
from medcite.retrieve import HybridSearcher, Mode, RetrievalParams
from medcite.services.answer import AnswerService, AskResult, checked_question
from medcite.services.audit import Auditor, Resolver
from medcite.services.editorial import EditorialService
from medcite.services.indexing import Indexes, SyncReport
from medcite.services.ingest import IngestReport, ingest_paths, store_items
from medcite.services.verification import check_text, verify_claim
from medcite.verify.citation_check import CitationReport

Progress = Callable[[int], None]
#: How long a sync waits for another process's sync (the index write lock) before giving up.
INDEX_LOCK_WAIT_S = 600.0
FIRST_YEAR = 1800  # publication-year filters: from here to next year


@dataclass(frozen=True, slots=True)
class Wiring:
    """What :mod:`medcite.bootstrap` hands the engine: the stores, and factories for what loads lazily."""

    settings: Settings
    sources: SourceRepository
    articles: ArticleRepository
    parse_path: Callable[[Path], Iterator[ParseItem]]
    embedder: Callable[[], Embedder]
    verifier: Callable[[], Verifier]
    indexes: Callable[[Embedder | None], Indexes]
    literature: Callable[[], LiteratureSource]
    close: Callable[[], None]
    # the index folder's write lock: (seconds to wait, called once if we wait) -> held in a with-block
    index_lock: Callable[[float, Callable[[], None] | None], AbstractContextManager[None]]
    users: UserRepository
    jobs: JobStore
    # the relevance reranker applied after fusion (``MEDCITE_RERANK``); None: no rerank step
    reranker: Callable[[], Reranker] | None = None
    # the relevance cross-encoder that gates an answer's sources (``MEDCITE_RELEVANCE_FLOOR`` > 0)
    relevance: Callable[[], Reranker] | None = None
    # the stance reader that decides yes/no answers (``MEDCITE_STANCE_READER``); None: the wording rule
    stance_reader: Callable[[], EntailmentModel] | None = None
    # the editorial workflow and reader feedback stores; the mailer (None: no SMTP server configured)
    editorial: EditorialRepository | None = None
    feedback: FeedbackRepository | None = None
    mailer: Callable[[], Mailer] | None = None


@dataclass(frozen=True, slots=True)
class EngineStats:
    store: StoreStats
    lexical_docs: int
    dense_vectors: int
    dense_bytes: int
    index_lag: int  # store changes not yet in the indexes


class Engine:
    """medcite's API. Build with :func:`medcite.bootstrap.open_engine` (which accepts test doubles)."""

    def __init__(
        self,
        wiring: Wiring,
        *,
        embedder: Embedder | None = None,
        dense: bool = True,
        verifier: Verifier | None = None,
    ) -> None:
        self._wiring = wiring
        self.settings = wiring.settings
        self.store = wiring.sources
        self.articles = wiring.articles
        self.users = wiring.users
        self.jobs = wiring.jobs
        self._embedder = embedder
        self._verifier = verifier
        self._dense = dense and wiring.settings.index.dense
        self._indexes: Indexes | None = None
        self._reranker: Reranker | None = None
        self._relevance: Reranker | None = None
        self._stance_reader: EntailmentModel | None = None

    def close(self) -> None:
        self._wiring.close()

    # --- editorial workflow and reader feedback ---------------------------------------------------
    @property
    def editorial(self) -> EditorialRepository:
        if self._wiring.editorial is None:
            raise ConfigError("this engine has no editorial store")
        return self._wiring.editorial

    @property
    def feedback(self) -> FeedbackRepository:
        if self._wiring.feedback is None:
            raise ConfigError("this engine has no feedback store")
        return self._wiring.feedback

    def mailer(self) -> Mailer | None:
        """The SMTP mailer when ``MEDCITE_SMTP_HOST`` is set, else None (in-app notifications only)."""
        return self._wiring.mailer() if self._wiring.mailer is not None else None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- boundaries (lazy: loading models costs time) ----------------------------------
    @property
    def embedder(self) -> Embedder | None:
        if self._embedder is None and self._dense:
            self._embedder = self._wiring.embedder()
        return self._embedder

    @property
    def verifier(self) -> Verifier:
        if self._verifier is None:
            self._verifier = self._wiring.verifier()
        return self._verifier

    @property
    def indexes(self) -> Indexes:
        if self._indexes is None:
            self._indexes = self._wiring.indexes(self.embedder)
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
        parse = self._wiring.parse_path
        report = ingest_paths(self.store, paths, parse, progress, self.settings.store.ingest_workers)
        if index:
            self._timed_sync(report, index_progress)
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
        if not query.strip():
            raise InputError("the PubMed query is empty")
        if max_n < 1:
            raise InputError(f"--max must be at least 1 (got {max_n})")
        report = IngestReport()
        t0 = time.perf_counter()
        client = self._wiring.literature()
        try:
            store_items(self.store, client.fetch(query, max_n, self.store.has_key), report, progress)
        finally:
            client.close()
        report.seconds = time.perf_counter() - t0
        if index:
            self._timed_sync(report, index_progress)
        return report

    def _timed_sync(self, report: IngestReport, progress: Progress | None) -> None:
        """Sync the indexes after an ingest; the report's seconds include it."""
        started = time.perf_counter()
        self.sync_indexes(progress=progress)
        report.seconds += time.perf_counter() - started

    def sync_indexes(
        self,
        *,
        progress: Progress | None = None,
        wait_s: float = INDEX_LOCK_WAIT_S,
        on_wait: Callable[[], None] | None = None,
    ) -> SyncReport:
        """Bring the indexes up to the store, as the only writer: under the index folder's write lock,
        waiting up to ``wait_s`` for another process's sync (then IndexBusyError)."""
        with self._wiring.index_lock(wait_s, on_wait):
            return self.indexes.sync(self.store, progress=progress)

    def index_lag(self) -> int:
        """Store changes not yet in the indexes (searches answer from what is indexed)."""
        return self.indexes.pending(self.store)

    # --- search -------------------------------------------------------------------------
    def searcher(self, mode: Mode | None = None) -> HybridSearcher:
        idx = self.indexes
        params = RetrievalParams(**self.settings.index.model_dump(exclude={"dense", "dense_granularity"}))
        searcher = HybridSearcher(self.store, idx.lexical, idx.vector, idx.embedder, params, mode)
        if self._wiring.reranker is None:
            return searcher
        if self._reranker is None:
            self._reranker = self._wiring.reranker()  # loads on first search
        return searcher.reranked_by(self._reranker)

    def relevance(self) -> Reranker | None:
        """The cross-encoder that judges an answer's sources against the question (loaded on first use),
        or None when the gate is off (``MEDCITE_RELEVANCE_FLOOR=0``)."""
        if self._wiring.relevance is None:
            return None
        if self._relevance is None:
            self._relevance = self._wiring.relevance()
        return self._relevance

    def stance_reader(self) -> EntailmentModel | None:
        """The model that reads each finding against a yes/no question (loaded on first use), or None when
        it is off (``MEDCITE_STANCE_READER=false``)."""
        if self._wiring.stance_reader is None:
            return None
        if self._stance_reader is None:
            self._stance_reader = self._wiring.stance_reader()
        return self._stance_reader

    def search(
        self, query: str, k: int = 10, filters: SearchFilters | None = None, mode: Mode | None = None
    ) -> list[SearchHit]:
        """Search what is indexed (the last committed indexes): never syncs, never waits for a writer;
        :meth:`index_lag` says how far the indexes are behind the store."""
        check_filters(filters)
        return self.searcher(mode).search(query, k, filters)

    def stats(self) -> EngineStats:
        idx = self.indexes
        dense = idx.vector
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
        return verify_claim(self.verifier, self.store, claim, evidence, pmid=pmid)

    def check_citations(self, text: str, references: Mapping[int, str]) -> CitationReport:
        """Check every ``[n]`` citation of ``text`` against the stored source keyed ``references[n]``."""
        return check_text(self.verifier, self.store, text, references)

    def audit(
        self, data: bytes | str, *, name: str | None = None, online: bool = False, suggest: bool = True
    ) -> AuditReport:
        """Audit the citations of an article someone else wrote (text, Markdown or HTML): each reference
        resolved (the store by PMID, DOI or title; PubMed too when ``online``), each citing sentence checked
        against each reference it cites, better stored sources suggested for the claims that fail."""
        return self.auditor(online=online, suggest=suggest).audit(data, name)

    def auditor(self, *, online: bool = False, suggest: bool = True) -> Auditor:
        def search(query: str, k: int) -> list[SearchHit]:
            return self.search(query, k) if self.indexes.lexical.num_docs else []

        resolver = Resolver(
            self.store,
            search,
            self._wiring.literature if online else None,
            self.store.upsert,
        )
        return Auditor(resolver, lambda: self.verifier, card_of, search if suggest else None)

    # --- ask ----------------------------------------------------------------------------
    def answers(self) -> AnswerService:
        return AnswerService(
            sources=self.store,
            articles=self.articles,
            searcher=self.searcher,
            verifier=lambda: self.verifier,
            settings_hash=self.settings.fingerprint(),
            model_ids=self._model_ids,
            relevance=self.relevance,
            relevance_floor=self.settings.models.relevance_floor,
            stance_reader=self.stance_reader,
            vocabulary=lambda: self.indexes.lexical,
        )

    def ask(
        self,
        question: str,
        *,
        audience: str = "clinician",
        thread_id: str | None = None,
        llm: LLMClient | None = None,
        filters: SearchFilters | None = None,
        progress: Callable[[Stage], None] | None = None,
    ) -> AskResult:
        """Answer a question with a verified, cited article; store it (and its thread). ``progress``
        hears the stages (searching, reading, checking, writing) as the work reaches them."""
        question, aud = checked_question(question, audience)
        check_filters(filters)
        service = self.answers()
        service.context(thread_id)  # an unknown thread fails before any work
        self._ensure_evidence(question)
        return service.ask(
            question, audience=aud, thread_id=thread_id, llm=llm, filters=filters, progress=progress
        )

    def article(self, article_id: str) -> ArticleRecord:
        return self.articles.get(article_id)

    def editorial_service(self) -> EditorialService:
        """The review workflow over this engine's stores and verifier."""
        return EditorialService(self.articles, self.editorial, self.store, lambda: self.verifier)

    def regenerate(
        self,
        article_id: str,
        actor: User,
        base_version: int,
        progress: Callable[[Stage], None] | None = None,
    ) -> ArticleRecord:
        """Compose the article's question again from the store and append it as a new version (the
        workflow decides whether ``actor`` may, as for any edit)."""
        rec = self.articles.get(article_id)
        context = None
        if rec.thread_id is not None:
            before = [r for r in self.articles.thread(rec.thread_id) if r.created_at < rec.created_at]
            context = before[-1].article if before else None
        self._ensure_evidence(rec.article.question)
        article = self.answers().compose(
            rec.article.question, rec.article.audience, context, progress=progress
        )
        return self.editorial_service().regenerated(article_id, article, base_version, actor)

    @staticmethod
    def for_audience(article: Article, audience: str) -> Article:
        """The article in the words of ``audience``: a clinician article becomes the patient version."""
        return render_patient(article) if audience == "patient" else article

    def _model_ids(self) -> list[str]:
        """The models every answer uses: the embedder, the verifier and the relevance gate (when it is on).
        The stance reader adds its id where it decided a yes/no answer (``compose_article``)."""
        emb, rel = self.embedder, self.relevance()
        ids = (emb.model_id if emb else None, self.verifier.model_id, rel.model_id if rel else None)
        return [m for m in ids if m]

    def _ensure_evidence(self, question: str) -> None:
        """Evidence to answer from: the store, filled from PubMed (and indexed) when empty and online.
        Otherwise the answer uses what is indexed; a sync is ingest's work, never a question's."""
        if self.store.current_seq() == 0:
            self._fill_empty_store(question)

    def _fill_empty_store(self, question: str) -> None:
        how = (
            "ingest sources first, e.g. `medcite ingest ../shared/data/pubmedqa/abstracts.jsonl` "
            'or, online, `medcite ingest --pubmed "QUERY"`'
        )
        if not self.settings.pubmed.online:
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


def check_filters(filters: SearchFilters | None) -> None:
    """InputError for a publication-year bound outside 1800..next year, or ``since`` after ``until``."""
    if filters is None:
        return
    last = dt.date.today().year + 1
    for name, year in (("--since", filters.since), ("--until", filters.until)):
        if year is not None and not FIRST_YEAR <= year <= last:
            raise InputError(
                f"{name} {year} is not a publication year: give a year from {FIRST_YEAR} to {last}"
            )
    if filters.since is not None and filters.until is not None and filters.since > filters.until:
        raise InputError(f"--since {filters.since} is after --until {filters.until}: nothing could match")


def parse_designs(text: str | None) -> frozenset[str] | None:
    if not text:
        return None
    return frozenset(t.strip() for t in text.split(",") if t.strip())
