"""What the verifier reads (Evidence) and what it answers (Verdict)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from medcite.domain.records import Design


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
