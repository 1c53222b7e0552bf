"""Progress of an answer in stages: searching, reading, checking, writing.

The composer is not told about progress; the searcher and the verifier it is given are wrapped so that
their calls report the stage: a search means searching, its results mean reading the sources, a
verification means checking. A stage only moves forward.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from medcite.domain import STAGES, Evidence, SearchFilters, SearchHit, Stage, Verdict
from medcite.ports import Searcher, Verifier


@dataclass
class StageReporter:
    report: Callable[[Stage], None]
    _at: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reach(self, stage: Stage) -> None:
        """Report ``stage`` unless the work is already there or further on."""
        n = STAGES.index(stage)
        with self._lock:
            if n <= self._at:
                return
            self._at = n
        self.report(stage)

    def searcher(self, inner: Searcher) -> Searcher:
        return _StagedSearcher(inner, self)

    def verifier(self, inner: Verifier) -> Verifier:
        return _StagedVerifier(inner, self)


@dataclass(frozen=True)
class _StagedSearcher:
    inner: Searcher
    stages: StageReporter

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        self.stages.reach("searching")
        hits = self.inner.search(query, k, filters)
        self.stages.reach("reading")
        return hits


@dataclass(frozen=True)
class _StagedVerifier:
    inner: Verifier
    stages: StageReporter

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def verify(self, claim: str, evidence: Sequence[Evidence]) -> Verdict:
        self.stages.reach("checking")
        return self.inner.verify(claim, evidence)

    def verify_batch(self, items: Sequence[tuple[str, Sequence[Evidence]]]) -> list[Verdict]:
        self.stages.reach("checking")
        return self.inner.verify_batch(items)
