"""Retrieval: lexical BM25, dense passages, fusion."""

from medcite.retrieve.hybrid import HybridSearcher, Mode
from medcite.retrieve.indexer import Indexes, SyncReport

__all__ = ["HybridSearcher", "Indexes", "Mode", "SyncReport"]
