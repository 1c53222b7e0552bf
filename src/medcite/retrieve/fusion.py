"""Rank fusion and priors (pure functions over document ids: source keys, or integers in tests)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TypeVar

from medcite.domain import LEVEL, Design

K = TypeVar("K", int, str)  # a document id


def rrf(
    rankings: Sequence[Sequence[K]], k: int = 60, weights: Sequence[float] | None = None
) -> dict[K, float]:
    """Reciprocal rank fusion: score(d) = sum_i w_i / (k + rank_i(d)), ranks starting at 1.

    A document absent from a ranking gets nothing from it. Duplicates within one ranking count once
    (at their best rank).
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    scores: dict[K, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        seen: set[K] = set()
        for rank, doc in enumerate(ranking, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    return scores


def minmax(scores: Mapping[K, float]) -> dict[K, float]:
    """Scale scores to [0, 1]; all-equal scores map to 1."""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return dict.fromkeys(scores, 1.0)
    return {d: (s - lo) / (hi - lo) for d, s in scores.items()}


def weighted(parts: Sequence[Mapping[K, float]], weights: Sequence[float]) -> dict[K, float]:
    """Convex combination of min-max normalised score maps."""
    out: dict[K, float] = {}
    for part, w in zip(parts, weights, strict=True):
        for d, s in minmax(part).items():
            out[d] = out.get(d, 0.0) + w * s
    return out


def blend(fused: Mapping[K, float], relevance: Mapping[K, float], weight: float) -> dict[K, float]:
    """A reranker's relevance (probabilities in (0, 1), compared as logits) blended with the fused scores:
    ``weight`` * minmax(logit) + (1 - ``weight``) * minmax(fused). ``weight`` 1 is the reranker's order
    (probabilities kept as the scores), 0 the fused order."""
    if weight >= 1.0:
        return {d: float(p) for d, p in relevance.items()}
    logits = {d: math.log(max(p, 1e-7) / max(1.0 - p, 1e-7)) for d, p in relevance.items()}
    return weighted([fused, logits], [1.0 - weight, weight])


def prior(
    design: Design, year: int | None, *, evidence_weight: float, recency_weight: float, this_year: int
) -> float:
    """Multiplicative prior >= 1 for stronger designs and recent work (1.0 when both weights are 0)."""
    level_bonus = (max(LEVEL.values()) - LEVEL[design]) * evidence_weight
    recency = 0.0
    if year is not None and recency_weight > 0:
        age = max(0, this_year - year)
        recency = recency_weight / (1.0 + age / 5.0)
    return 1.0 + level_bonus + recency


def rank(scores: Mapping[K, float]) -> list[K]:
    """Documents by descending score; ties broken by ascending id so the order is deterministic."""
    return sorted(scores, key=lambda d: (-scores[d], d))
