"""Settings: the one place that reads the environment (prefix ``MEDCITE_``)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "medcite"


class Settings(BaseSettings):
    """All of medcite's settings. Build one and pass it in explicitly; nothing else reads the env."""

    model_config = SettingsConfigDict(env_prefix="MEDCITE_", frozen=True, extra="ignore")

    home: Path = Field(default_factory=_default_home, description="Indexes, caches, the default database.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite under home.")
    data_dir: Path = Field(default=Path("../shared/data"), description="The shared datasets.")

    # PubMed E-utilities
    pubmed_base_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    pubmed_api_key: SecretStr | None = None
    pubmed_tool: str = "medcite"
    pubmed_email: str | None = None
    pubmed_batch_size: int = Field(default=200, ge=1, le=10000)
    pubmed_timeout_s: float = 30.0
    pubmed_max_retries: int = Field(default=5, ge=0)
    pubmed_online: bool = Field(default=True, description="Fetch from PubMed when the store is empty.")

    # retrieval
    fusion: Literal["rrf", "weighted"] = Field(
        default="weighted", description="weighted: min-max normalised sum (measured best), or rrf"
    )
    rrf_k: int = 60
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    evidence_prior: float = Field(default=0.0, ge=0.0, description="Boost per evidence level step (0 = off).")
    recency_prior: float = Field(default=0.0, ge=0.0, description="Boost for recent sources (0 = off).")
    candidate_k: int = Field(default=100, ge=1, description="Candidates per retriever before fusion.")
    embed_batch_size: int = Field(default=32, ge=1)
    dense: bool = Field(default=True, description="Use dense retrieval (off: BM25 only, no embedding model).")
    dense_granularity: Literal["passages", "sources"] = Field(
        default="passages",
        description="passages: one vector per sentence plus one per source (title + abstract head); "
        "sources: only the per-source vector (about 10x faster to index, passages then ranked lexically).",
    )
    threads: int = Field(default=2, ge=1, description="CPU threads for onnxruntime.")
    ingest_workers: int = Field(
        default=1, ge=1, description="Processes for per-record ingest work (>1 needs a __main__ guard)."
    )

    # LLM composer (optional, OpenAI-compatible; never a silent cloud fallback)
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = 120.0

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'medcite.sqlite3'}"

    @property
    def index_dir(self) -> Path:
        """Folder of the search indexes; one per database, so two stores never share an index."""
        digest = hashlib.sha256(self.resolved_database_url.encode()).hexdigest()[:12]
        return self.home / "indexes" / digest

    def fingerprint(self) -> str:
        """A stable hash of the settings that change answers (recorded in article provenance)."""
        keep = self.model_dump(
            exclude={"home", "database_url", "data_dir", "pubmed_api_key", "llm_api_key", "pubmed_email"}
        )
        text = repr(sorted((k, str(v)) for k, v in keep.items()))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides on top."""
    return Settings(**overrides)  # type: ignore[arg-type]
