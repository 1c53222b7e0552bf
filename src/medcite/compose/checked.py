"""The verified statements the article is assembled from (:mod:`medcite.compose.assemble`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medcite.compose.draft import Draft
from medcite.compose.plan import RankedSource
from medcite.domain import CertaintyLevel, StoredSource, Verdict


@dataclass(frozen=True, slots=True)
class Checked:
    """A draft statement with the verifier's verdict on it."""

    draft: Draft
    verdict: Verdict


# a key conclusion, its certainty level and reasons, and the sources that agree with it
Rating = tuple[Checked, CertaintyLevel, tuple[str, ...], list[StoredSource]]


@dataclass(frozen=True, slots=True)
class Verified:
    """What verification left of the drafts: kept statements, cross-check verdicts, the ranked sources."""

    kept: list[Checked]
    cross: list[tuple[Draft, str, Verdict]]  # (lead draft, other source key, verdict on the lead there)
    rank: dict[str, int]
    sources: list[RankedSource]
    indirect: Sequence[tuple[RankedSource, list[str]]]
    dropped: int
    composer: str
