"""Settings: the one place that reads the environment (prefix ``MEDCITE_``).

Grouped by what they configure — ``store``, ``index``, ``models``, ``llm``, ``pubmed`` — with the same
environment variable names as before the grouping (``MEDCITE_HOME``, ``MEDCITE_DENSE_GRANULARITY``,
``MEDCITE_LLM_BASE_URL``, ``MEDCITE_PUBMED_ONLINE``, ...). Build one with :func:`load_settings` and pass
it in; nothing else reads the environment.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from medcite.errors import ConfigError


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "medcite"


class StoreSettings(BaseSettings):
    """Where medcite keeps its data (``MEDCITE_HOME``, ``MEDCITE_DATABASE_URL``, ...)."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_", frozen=True, extra="ignore")

    home: Path = Field(default_factory=_default_home, description="Indexes, caches, the default database.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite under home.")
    data_dir: Path = Field(default=Path("../shared/data"), description="The shared datasets.")
    ingest_workers: int = Field(
        default=1, ge=1, description="Processes for per-record ingest work (>1 needs a __main__ guard)."
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'medcite.sqlite3'}"


class IndexSettings(BaseSettings):
    """Search indexes and ranking (``MEDCITE_FUSION``, ``MEDCITE_DENSE``, ...)."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_", frozen=True, extra="ignore")

    fusion: Literal["rrf", "weighted"] = Field(
        default="weighted", description="weighted: min-max normalised sum (measured best), or rrf"
    )
    rrf_k: int = 60
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    evidence_prior: float = Field(default=0.0, ge=0.0, description="Boost per evidence level step (0 = off).")
    recency_prior: float = Field(default=0.0, ge=0.0, description="Boost for recent sources (0 = off).")
    candidate_k: int = Field(default=100, ge=1, description="Candidates per retriever before fusion.")
    rerank_k: int = Field(
        default=20, ge=1, description="Fused sources the relevance reranker re-orders (with MEDCITE_RERANK)."
    )
    rerank_weight: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="Reranker weight against the fused score (1: reranker alone; 0.2 tuned on BioASQ).",
    )
    dense: bool = Field(default=True, description="Use dense retrieval (off: BM25 only, no embedding model).")
    dense_granularity: Literal["passages", "sources"] = Field(
        default="passages",
        description="passages: one vector per sentence plus one per source (title + abstract head); "
        "sources: only the per-source vector (about 10x faster to index, passages then ranked lexically).",
    )


class ModelSettings(BaseSettings):
    """The shipped ONNX models at run time (``MEDCITE_THREADS``, ``MEDCITE_EMBED_BATCH_SIZE``)."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_", frozen=True, extra="ignore")

    threads: int = Field(
        default=2,
        ge=1,
        description="CPU threads for onnxruntime: the embedder's threads per batch; the cross-encoders' "
        "(verifier, stance reader, relevance model) pairs read at once, one thread each.",
    )
    embed_batch_size: int = Field(default=32, ge=1)
    rerank: bool = Field(
        default=False, description="Re-order the fused search results with the relevance cross-encoder."
    )
    relevance_floor: float = Field(
        default=0.05,
        ge=0.0,
        le=1.0,
        description="Sources that the relevance cross-encoder scores below this against the question are "
        "left out of an answer as off-topic (0: no gate). 0.05 chosen on the even halves of BioASQ 7B-9B and "
        "PubMedQA dev: the best yes/no accuracy of 0, 0.05, 0.1, 0.2 (bench/bench_answers.py).",
    )
    stance_reader: bool = Field(
        default=True,
        description="Decide the yes/no stance with the shipped stance reader (each verified finding read "
        "against the question); off: the wording rule (bench_answers with MEDCITE_STANCE_READER=false).",
    )


class LLMSettings(BaseSettings):
    """The optional OpenAI-compatible LLM composer (``MEDCITE_LLM_*``); never a silent cloud fallback."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_LLM_", frozen=True, extra="ignore")

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = 120.0


class PubMedSettings(BaseSettings):
    """PubMed E-utilities (``MEDCITE_PUBMED_*``)."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_PUBMED_", frozen=True, extra="ignore")

    base_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    api_key: SecretStr | None = None
    tool: str = "medcite"
    email: str | None = None
    batch_size: int = Field(default=200, ge=1, le=10000)
    timeout_s: float = 30.0
    max_retries: int = Field(default=5, ge=0)
    online: bool = Field(default=True, description="Fetch from PubMed when the store is empty.")


class WebSettings(BaseSettings):
    """The web app and its job queue (``MEDCITE_REDIS_URL``, ``MEDCITE_JOB_WORKERS``, ...)."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_", frozen=True, extra="ignore")

    redis_url: str | None = Field(
        default=None, description="Redis for the job queue (RQ); unset: in-process."
    )
    redis_queue: str = Field(default="medcite", description="The RQ queue name that answer jobs go to.")
    job_workers: int = Field(default=2, ge=1, description="Answer jobs run at once by the in-process queue.")
    job_stale_after_s: float = Field(default=30.0, gt=0, description="A running job silent this long failed.")
    max_body_bytes: int = Field(default=64 * 1024, ge=1024, description="Larger requests get 413.")
    cookie_secure: bool = Field(
        default=True, description="Send cookies over HTTPS only (localhost is exempt)."
    )
    rate_ask: str = Field(default="20/minute", description="Answers one client may start (limits syntax).")
    rate_login: str = Field(default="5/minute", description="Login attempts per client and per username.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    rate_comment: str = Field(default="10/minute", description="Comments and feedback per client.")
    comment_edit_window_s: int = Field(
        default=900, ge=0, description="How long an author may edit a comment."
    )
    comment_max_links: int = Field(default=2, ge=0, description="Links a comment may carry (spam guard).")
    smtp_host: str | None = Field(
        default=None, description="SMTP server for notification email; unset: in-app only."
    )
    smtp_port: int = Field(default=25, ge=1, le=65535)
    mail_from: str = Field(default="medcite@localhost", description="The From address of notification email.")
    mail_attempts: int = Field(default=3, ge=1, description="Tries per email before it is marked failed.")
    public_url: str = Field(default="http://127.0.0.1:8000", description="Base of links in email.")


#: group name -> (group class, prefix of its fields' flat names, as in the environment variables)
_GROUPS: dict[str, tuple[type[BaseSettings], str]] = {
    "store": (StoreSettings, ""),
    "index": (IndexSettings, ""),
    "models": (ModelSettings, ""),
    "llm": (LLMSettings, "llm_"),
    "pubmed": (PubMedSettings, "pubmed_"),
    "web": (WebSettings, ""),
}
# not part of the answer fingerprint: where things are, and secrets
_NOT_FINGERPRINTED = frozenset(
    {"home", "database_url", "data_dir", "pubmed_api_key", "llm_api_key", "pubmed_email"}
    | set(WebSettings.model_fields)
)


class Settings(BaseModel):
    """All of medcite's settings, grouped. Build with :func:`load_settings`; pass it in explicitly."""

    model_config = ConfigDict(frozen=True)

    store: StoreSettings = Field(default_factory=StoreSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    models: ModelSettings = Field(default_factory=ModelSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    pubmed: PubMedSettings = Field(default_factory=PubMedSettings)
    web: WebSettings = Field(default_factory=WebSettings)

    @property
    def home(self) -> Path:
        return self.store.home

    @property
    def resolved_database_url(self) -> str:
        return self.store.resolved_database_url

    @property
    def index_dir(self) -> Path:
        """Folder of the search indexes; one per database, so two stores never share an index."""
        digest = hashlib.sha256(self.resolved_database_url.encode()).hexdigest()[:12]
        return self.store.home / "indexes" / digest

    def flat(self) -> dict[str, Any]:
        """Every setting under its flat name (the environment variable without ``MEDCITE_``)."""
        out: dict[str, Any] = {}
        for name, (_cls, prefix) in _GROUPS.items():
            group: BaseSettings = getattr(self, name)
            out.update({prefix + k: v for k, v in group.model_dump().items()})
        return out

    def fingerprint(self) -> str:
        """A stable hash of the settings that change answers (recorded in article provenance)."""
        keep = {k: v for k, v in self.flat().items() if k not in _NOT_FINGERPRINTED}
        text = repr(sorted((k, str(v)) for k, v in keep.items()))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def with_overrides(self, **flat: object) -> Settings:
        """A copy with some settings changed, by flat name (``dense=False``, ``llm_model=...``)."""
        parts = _split(flat)
        groups = {
            name: getattr(self, name).model_copy(update=parts[name]) for name in _GROUPS if parts.get(name)
        }
        return self.model_copy(update=groups)


def _split(flat: dict[str, object]) -> dict[str, dict[str, object]]:
    parts: dict[str, dict[str, object]] = {}
    for key, value in flat.items():
        for name, (cls, prefix) in _GROUPS.items():
            field = key.removeprefix(prefix) if prefix and key.startswith(prefix) else key
            if (not prefix or key.startswith(prefix)) and field in cls.model_fields:
                parts.setdefault(name, {})[field] = value
                break
        else:
            raise ConfigError(f"unknown setting {key!r}")
    return parts


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides on top (flat names: ``home=...``,
    ``dense=False``, ``pubmed_online=False``). A bad value raises ConfigError naming the setting."""
    try:
        parts = _split(overrides)
        groups = {name: cls.model_validate(parts.get(name, {})) for name, (cls, _p) in _GROUPS.items()}
        return Settings.model_validate(groups)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"bad setting {where or '?'}: {first['msg']}") from None
