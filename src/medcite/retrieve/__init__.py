"""Retrieval over the ports: hybrid lexical + dense search, fusion and priors."""

from medcite.retrieve.hybrid import HybridSearcher, Mode

__all__ = ["HybridSearcher", "Mode"]
