"""The verify use case: check a claim against given evidence texts or a stored source."""

from __future__ import annotations

from collections.abc import Sequence

from medcite.domain import Evidence, Verdict, evidence_from
from medcite.errors import NotFoundError
from medcite.ports import SourceRepository, Verifier


def verify_claim(
    verifier: Verifier,
    sources: SourceRepository,
    claim: str,
    texts: Sequence[str] | None = None,
    *,
    pmid: str | None = None,
) -> Verdict:
    """Check ``claim`` against evidence texts, or against the stored source with this PMID."""
    if pmid is not None:
        src = sources.get_by_key(pmid)
        if src is None:
            raise NotFoundError(f"PMID {pmid} is not in the store: ingest it first")
        evidence = [evidence_from(src)]
    else:
        evidence = [Evidence(text=t) for t in (texts or [])]
    return verifier.verify(claim, evidence)
