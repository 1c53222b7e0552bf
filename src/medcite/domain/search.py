"""Search results and filters."""

from __future__ import annotations

from dataclasses import dataclass

from medcite.domain.records import Design, StoredSource
from medcite.domain.store import SourceMeta


@dataclass(frozen=True, slots=True)
class PassageHit:
    passage_id: int
    text: str
    section: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class SearchHit:
    source: StoredSource
    score: float
    passages: tuple[PassageHit, ...]


@dataclass(frozen=True, slots=True)
class SearchFilters:
    since: int | None = None
    until: int | None = None
    designs: frozenset[Design] | None = None
    human_only: bool = False
    exclude_retracted: bool = True

    def admits(self, meta: SourceMeta) -> bool:
        """Whether a source with these filter columns passes (the semantics every index applies): a year
        bound excludes a source of unknown year; ``human_only`` keeps sources of unknown species."""
        y = meta.year
        if self.since is not None and (y is None or y < self.since):
            return False
        if self.until is not None and (y is None or y > self.until):
            return False
        if self.designs and meta.design not in self.designs:
            return False
        if self.human_only and meta.human is False:
            return False
        return not (self.exclude_retracted and meta.retracted)
