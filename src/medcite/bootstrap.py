"""The one module that names the adapters: it builds the engine and its boundaries from settings.

Everything above (the CLI, the web app) calls :func:`open_engine`; everything below (services, pipeline
stages) sees only the ports in :mod:`medcite.ports`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from medcite.adapters.eutils import EutilsClient
from medcite.adapters.index_lock import IndexWriteLock, index_errors
from medcite.adapters.llm_openai import OpenAICompatClient
from medcite.adapters.onnx_embedder import OnnxEmbedder
from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir, shipped_stance_dir
from medcite.adapters.onnx_reranker import OnnxReranker, shipped_reranker_dir
from medcite.adapters.smtp_mail import SmtpMailer
from medcite.adapters.sql import Store
from medcite.adapters.sql.accounts import SqlUserRepository
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.adapters.sql.editorial import SqlEditorialRepository
from medcite.adapters.sql.feedback import SqlFeedbackRepository
from medcite.adapters.sql.jobs import SqlJobStore
from medcite.adapters.tantivy_index import LEXICAL_DIR, TantivyIndex
from medcite.adapters.usearch_index import DENSE_DIR, UsearchIndex
from medcite.config import Settings, load_settings
from medcite.corpus.detect import parse_path
from medcite.errors import StoreError
from medcite.ports import Embedder, JobQueue, LiteratureSource, LLMClient, Reranker, Verifier
from medcite.services.engine import Engine, Wiring
from medcite.services.indexing import Indexes
from medcite.services.job_queue import InProcessQueue
from medcite.services.jobs import run_job
from medcite.verify import ClaimVerifier
from medcite.verify.decide import Thresholds
from medcite.verify.mesh import shipped_mesh


def load_verifier(
    settings: Settings, disabled: frozenset[str] = frozenset(), model_dir: Path | None = None
) -> ClaimVerifier:
    """The shipped verifier, loaded from the installed package (no network), or the model in ``model_dir``
    (candidate evaluation). Raises ModelError if missing. ``disabled`` switches rule checks off by name
    (ablations only; see medcite.verify.decide.RULES)."""
    model = NLIModel(model_dir or shipped_model_dir(), threads=settings.models.threads)
    thresholds = Thresholds(model.config.supported_threshold, model.config.contradicted_threshold)
    return ClaimVerifier(model, shipped_mesh(), thresholds, disabled)


def load_stance_reader(settings: Settings, model_dir: Path | None = None) -> NLIModel:
    """The shipped stance reader (int8 ONNX MiniLM: a finding read against a yes/no question), or the one
    in ``model_dir``. Raises ModelError if missing."""
    return NLIModel(model_dir or shipped_stance_dir(), threads=settings.models.threads, what="stance reader")


def load_embedder(settings: Settings) -> OnnxEmbedder:
    """The shipped MiniLM sentence encoder (int8 ONNX)."""
    return OnnxEmbedder(threads=settings.models.threads, batch_size=settings.models.embed_batch_size)


def load_reranker(settings: Settings, model_dir: Path | None = None) -> OnnxReranker:
    """The shipped relevance cross-encoder (int8 ONNX MiniLM), or the one in ``model_dir``. Raises
    ModelError if missing."""
    return OnnxReranker(model_dir or shipped_reranker_dir(), threads=settings.models.threads)


def open_indexes(settings: Settings, embedder: Embedder | None) -> Indexes:
    """The tantivy and usearch indexes under :attr:`Settings.index_dir` (usearch only with an embedder).

    Files that only older versions read (their own sync state, indexes addressed by row id) are deleted:
    the new indexes start at checkpoint 0 and are rebuilt from the store by the next sync.
    """
    folder = settings.index_dir
    with index_errors(folder, "open"):
        folder.mkdir(parents=True, exist_ok=True)
        _drop_legacy_indexes(folder)
    lexical = TantivyIndex(folder / LEXICAL_DIR)
    vector = UsearchIndex(folder / DENSE_DIR, embedder.dim) if embedder is not None else None
    return Indexes(lexical, vector, embedder, passages=settings.index.dense_granularity == "passages")


def _make_home(home: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"MEDCITE_HOME {home} cannot be used as medcite's data folder ({exc.strerror or exc}); "
            "set MEDCITE_HOME to a writable folder"
        ) from exc


def _drop_legacy_indexes(folder: Path) -> None:
    for name in ("state.json", "state.tmp", "dense.usearch", "dense.tmp"):
        (folder / name).unlink(missing_ok=True)
    for old in folder.glob("lexical-v*"):
        if old.is_dir() and old.name != LEXICAL_DIR:
            shutil.rmtree(old, ignore_errors=True)


def llm_client(settings: Settings) -> LLMClient:
    """The OpenAI-compatible endpoint at MEDCITE_LLM_BASE_URL (never a cloud fallback)."""
    return OpenAICompatClient(settings)


def literature(settings: Settings) -> LiteratureSource:
    return EutilsClient(settings)


def open_engine(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    dense: bool = True,
    verifier: Verifier | None = None,
    reranker: Reranker | None = None,
) -> Engine:
    """The engine over the configured store (SQLite under ``home`` by default, PostgreSQL by URL); its
    searcher reranks with ``reranker``, or with the shipped one when ``MEDCITE_RERANK`` is true."""
    _make_home(settings.home)
    store = Store.open(settings.resolved_database_url)
    articles = SqlArticleRepository(store.engine)
    web = settings.web
    smtp = web.smtp_host
    wiring = Wiring(
        settings=settings,
        sources=store,
        articles=articles,
        parse_path=parse_path,
        embedder=lambda: load_embedder(settings),
        verifier=lambda: load_verifier(settings),
        indexes=lambda emb: open_indexes(settings, emb),
        literature=lambda: literature(settings),
        close=store.close,
        index_lock=IndexWriteLock(settings.index_dir).hold,
        users=SqlUserRepository(store.engine),
        jobs=SqlJobStore(store.engine),
        reranker=_reranker_factory(settings, reranker),
        relevance=(lambda: load_reranker(settings)) if settings.models.relevance_floor > 0 else None,
        stance_reader=(lambda: load_stance_reader(settings)) if settings.models.stance_reader else None,
        editorial=SqlEditorialRepository(store.engine, articles),
        feedback=SqlFeedbackRepository(store.engine),
        mailer=(lambda: SmtpMailer(smtp, web.smtp_port, web.mail_from)) if smtp else None,
    )
    return Engine(wiring, embedder=embedder, dense=dense, verifier=verifier)


def _reranker_factory(settings: Settings, reranker: Reranker | None) -> Callable[[], Reranker] | None:
    """The given reranker, else the shipped one when ``MEDCITE_RERANK`` is true, else none."""
    if reranker is not None:
        return lambda: reranker
    if settings.models.rerank:
        return lambda: load_reranker(settings)
    return None


def open_job_queue(engine: Engine, settings: Settings | None = None) -> JobQueue:
    """Where answer jobs run: RQ workers on Redis when ``MEDCITE_REDIS_URL`` is set, else a thread pool in
    this process (the embedded mode) that runs them on ``engine``. ``settings`` default to the engine's."""
    web = (settings or engine.settings).web
    if web.redis_url:
        from medcite.adapters.rq_queue import RqJobQueue  # redis is needed only then

        return RqJobQueue(web.redis_url, web.redis_queue)
    return InProcessQueue(
        engine.jobs,
        lambda job_id: run_job(engine, job_id),
        workers=web.job_workers,
        stale_after_s=web.job_stale_after_s,
    )


_worker_engine: list[Engine] = []


def run_queued_job(job_id: str) -> None:
    """The RQ worker's entry point: run one job on an engine opened from the environment (kept open
    for the worker's next jobs)."""
    if not _worker_engine:
        _worker_engine.append(open_engine(load_settings()))
    run_job(_worker_engine[0], job_id)
