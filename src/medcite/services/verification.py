"""The verify use cases: check a claim against evidence texts or a stored source; check the numbered
citations of a text against the stored sources they cite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medcite.domain import Evidence, Verdict, evidence_from
from medcite.errors import NotFoundError
from medcite.ports import SourceRepository, Verifier
from medcite.verify.citation_check import CitationReport, check_citations


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


def check_text(
    verifier: Verifier, sources: SourceRepository, text: str, references: Mapping[int, str]
) -> CitationReport:
    """Check the ``[n]`` citations of ``text``, where ``references`` maps each number to the key (PMID) of a
    stored source; a reference that is not in the store is reported as missing evidence."""
    evidence: dict[int, list[Evidence]] = {}
    for n, key in references.items():
        src = sources.get_by_key(key)
        if src is not None:
            evidence[n] = [evidence_from(src)]
    return check_citations(text, evidence, verifier)
