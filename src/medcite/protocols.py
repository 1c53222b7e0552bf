"""The boundaries of medcite, as Protocols. Each has a real implementation and small test doubles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medcite.domain import Evidence, SearchFilters, SearchHit, Verdict

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    @property
    def dim(self) -> int: ...

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class Verifier(Protocol):
    """Checks a claim against evidence."""

    @property
    def model_id(self) -> str: ...

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict: ...

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]: ...


class Searcher(Protocol):
    """Finds sources and their best passages for a query."""

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]: ...


class LLMClient(Protocol):
    """A chat-completion endpoint (OpenAI-compatible)."""

    @property
    def model_id(self) -> str: ...

    def complete(self, system: str, user: str, max_tokens: int = 800, temperature: float = 0.0) -> str: ...
