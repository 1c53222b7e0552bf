"""Claim verification: does the cited evidence support the statement?

    from medcite.bootstrap import load_verifier
    verifier = load_verifier(settings)
    verdict = verifier.verify(claim, [Evidence(text=passage)])
    citation_check = verifier.verify_citations(claim, [[ev1], [ev2]])

One verdict combines the entailment model (shipped int8 ONNX cross-encoder) with rule checks: numbers,
population/indication (MeSH), direction of effect and design overreach.
"""

from __future__ import annotations

from medcite.verify.citations import CitationPrecision, CitationSetVerdict, verify_citations
from medcite.verify.verifier import MAX_CLAIM_CHARS, MAX_EVIDENCE_CHARS, ClaimVerifier, validate

__all__ = [
    "MAX_CLAIM_CHARS",
    "MAX_EVIDENCE_CHARS",
    "CitationPrecision",
    "CitationSetVerdict",
    "ClaimVerifier",
    "validate",
    "verify_citations",
]
