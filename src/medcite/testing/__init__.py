"""Test doubles shipped with the library: small, honest implementations of the ports (no disk, no models).

Each passes the same contract suite as the real adapter it stands in for (``tests/contracts``).
"""

from medcite.testing.indexes import InMemoryLexicalIndex, InMemoryVectorIndex
from medcite.testing.models import (
    FixedEntailment,
    HashingEmbedder,
    ScriptedLLM,
    StaticLiterature,
    TermOverlapReranker,
    WordOverlapVerifier,
)
from medcite.testing.search import OverlapSearcher
from medcite.testing.stores import InMemoryArticleRepository

__all__ = [
    "FixedEntailment",
    "HashingEmbedder",
    "InMemoryArticleRepository",
    "InMemoryLexicalIndex",
    "InMemoryVectorIndex",
    "OverlapSearcher",
    "ScriptedLLM",
    "StaticLiterature",
    "TermOverlapReranker",
    "WordOverlapVerifier",
]
