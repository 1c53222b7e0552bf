"""The parameters of hybrid retrieval (filled from the settings by whoever builds the searcher)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class RetrievalParams:
    fusion: Literal["rrf", "weighted"] = "weighted"  # weighted: min-max normalised sum (measured best)
    rrf_k: int = 60
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    evidence_prior: float = 0.0  # boost per evidence level step (0 = off)
    recency_prior: float = 0.0  # boost for recent sources (0 = off)
    candidate_k: int = 100  # candidate sources per retriever before fusion
    rerank_k: int = 20  # fused sources a reranker re-orders (only when the searcher has one)
    rerank_weight: float = 0.2  # weight of the reranker against the fused score (1 = the reranker alone)
