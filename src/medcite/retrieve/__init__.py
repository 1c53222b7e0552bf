"""Retrieval over the ports: hybrid lexical + dense search, fusion and priors."""

from medcite.retrieve.hybrid import HybridSearcher, Mode
from medcite.retrieve.params import RetrievalParams

__all__ = ["HybridSearcher", "Mode", "RetrievalParams"]
