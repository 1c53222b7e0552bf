"""The one module that names the adapters: it builds the engine and its boundaries from settings.

Everything above (the CLI, the web app) calls :func:`open_engine`; everything below (services, pipeline
stages) sees only the ports in :mod:`medcite.ports`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from medcite.adapters.eutils import EutilsClient
from medcite.adapters.index_lock import IndexWriteLock, index_errors
from medcite.adapters.llm_openai import OpenAICompatClient
from medcite.adapters.onnx_embedder import OnnxEmbedder
from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir
from medcite.adapters.sql import Store
from medcite.adapters.sql.articles import SqlArticleRepository
from medcite.adapters.tantivy_index import LEXICAL_DIR, TantivyIndex
from medcite.adapters.usearch_index import DENSE_DIR, UsearchIndex
from medcite.config import Settings
from medcite.corpus.detect import parse_path
from medcite.errors import StoreError
from medcite.ports import Embedder, LiteratureSource, LLMClient, Verifier
from medcite.services.engine import Engine, Wiring
from medcite.services.indexing import Indexes
from medcite.verify import ClaimVerifier
from medcite.verify.decide import Thresholds
from medcite.verify.mesh import MeshVocabulary


def load_verifier(settings: Settings, disabled: frozenset[str] = frozenset()) -> ClaimVerifier:
    """The shipped verifier, loaded from the installed package (no network). Raises ModelError if missing.
    ``disabled`` switches rule checks off by name (ablations only; see medcite.verify.decide.RULES)."""
    model = NLIModel(shipped_model_dir(), threads=settings.models.threads)
    thresholds = Thresholds(model.config.supported_threshold, model.config.contradicted_threshold)
    return ClaimVerifier(model, MeshVocabulary.load(), thresholds, disabled)


def load_embedder(settings: Settings) -> OnnxEmbedder:
    """The shipped MiniLM sentence encoder (int8 ONNX)."""
    return OnnxEmbedder(threads=settings.models.threads, batch_size=settings.models.embed_batch_size)


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
) -> Engine:
    """The engine over the configured store (SQLite under ``home`` by default, PostgreSQL by URL)."""
    _make_home(settings.home)
    store = Store.open(settings.resolved_database_url)
    wiring = Wiring(
        settings=settings,
        sources=store,
        articles=SqlArticleRepository(store.engine),
        parse_path=parse_path,
        embedder=lambda: load_embedder(settings),
        verifier=lambda: load_verifier(settings),
        indexes=lambda emb: open_indexes(settings, emb),
        literature=lambda: literature(settings),
        close=store.close,
        index_lock=IndexWriteLock(settings.index_dir).hold,
    )
    return Engine(wiring, embedder=embedder, dense=dense, verifier=verifier)
