"""What the verifier reads (Evidence) and what it answers (Verdict)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from medcite.domain.records import Design, StoredSource


class Label(StrEnum):
    SUPPORTED = "supported"
    PARTIAL = "partial"
    UNSUPPORTED = "unsupported"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of evidence handed to the verifier: a passage or a whole source text."""

    text: str
    source_key: str | None = None
    offset: int = 0  # where ``text`` starts inside the source text, so offsets can be reported
    title: str | None = None
    mesh: tuple[str, ...] = ()  # MeSH descriptors of the source, for the population check
    design: Design | None = None
    publication_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceSentence:
    text: str
    source_key: str | None
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome, e.g. name="numbers", passed=False, detail="'7 days' not found in the evidence"."""

    name: str
    passed: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Verdict:
    label: Label
    probability: float  # calibrated probability that the claim is supported by the evidence
    evidence: tuple[EvidenceSentence, ...] = ()
    reasons: tuple[str, ...] = ()
    checks: tuple[CheckResult, ...] = field(default=())


def evidence_from(source: StoredSource, text: str | None = None, offset: int = 0) -> Evidence:
    """What the verifier reads of a stored source: ``text`` (a sentence starting at ``offset`` in the
    source text) or the whole abstract (the title when there is none), with the source's title, MeSH
    descriptors, design and publication types for the population and design checks."""
    r = source.record
    return Evidence(
        text=(r.text or r.title) if text is None else text,
        source_key=r.key,
        offset=offset,
        title=r.title or None,
        mesh=tuple(m.descriptor for m in r.mesh),
        design=source.evidence.design,
        publication_types=r.publication_types,
    )
