"""Search results and filters."""

from __future__ import annotations

from dataclasses import dataclass

from medcite.domain.records import Design, StoredSource


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
