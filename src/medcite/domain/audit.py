"""The citation audit of an article someone else wrote: its references, its citing sentences and what the
check found for each (frozen dataclasses; the JSON contract is ``medcite.present.audit.audit_json``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RefKind(StrEnum):
    """What a reference points to; only research articles are checked against the literature."""

    RESEARCH = "research"
    MANUAL = "manual"  # a diagnostic or classification manual (DSM-5, ICD-11)
    BOOK = "book"  # a textbook, a handbook, a chapter
    WEBSITE = "website"  # a health website, a fact sheet, a page with a URL and no journal

    @property
    def checkable(self) -> bool:
        return self is RefKind.RESEARCH


class AuditVerdict(StrEnum):
    SUPPORTS = "supports"
    PARTIAL = "partially supports"
    DOES_NOT_SUPPORT = "does not support"
    CONTRADICTS = "contradicts"
    NOT_CHECKABLE = "not checkable"
    NOT_RESEARCH = "not a research article"

    @property
    def failing(self) -> bool:
        return self in (AuditVerdict.DOES_NOT_SUPPORT, AuditVerdict.CONTRADICTS)


#: from the worst verdict to the best: a reference's verdict is the worst over the sentences citing it
SEVERITY: tuple[AuditVerdict, ...] = (
    AuditVerdict.CONTRADICTS,
    AuditVerdict.DOES_NOT_SUPPORT,
    AuditVerdict.PARTIAL,
    AuditVerdict.SUPPORTS,
    AuditVerdict.NOT_CHECKABLE,
    AuditVerdict.NOT_RESEARCH,
)


@dataclass(frozen=True, slots=True)
class CitedReference:
    """One entry of the article's reference list, as parsed (every field but ``n`` and ``raw`` may be
    missing)."""

    n: int
    raw: str
    kind: RefKind = RefKind.RESEARCH
    authors: tuple[str, ...] = ()
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None

    @property
    def first_author(self) -> str | None:
        return self.authors[0] if self.authors else None


@dataclass(frozen=True, slots=True)
class CitingStatement:
    """A sentence of the article body that cites references; offsets are into the body text."""

    text: str  # without its citation markers
    start: int
    end: int
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The article as read: body text (citations as ``[n]``), its citing sentences and its references."""

    body: str
    statements: tuple[CitingStatement, ...]
    references: tuple[CitedReference, ...]
    notes: tuple[str, ...] = ()  # what the reader noticed (unmatched author-year citations, ...)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a reference was found: the stored source's key and how it was matched."""

    n: int
    source_key: str | None  # None: unresolved
    matched_by: str = ""  # "pmid" | "doi" | "title" | "online pmid" | ...
    title: str | None = None  # the stored source's title


@dataclass(frozen=True, slots=True)
class CitationCheck:
    """One citation of one sentence: the verdict of reference ``n`` for that sentence."""

    n: int
    verdict: AuditVerdict
    reasons: tuple[str, ...]
    decisive: str | None = None  # the source sentence that decided
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class StatementAudit:
    statement: CitingStatement
    citations: tuple[CitationCheck, ...]


@dataclass(frozen=True, slots=True)
class ReferenceAudit:
    reference: CitedReference
    resolution: Resolution
    verdict: AuditVerdict
    reasons: tuple[str, ...]
    decisive: str | None = None
    cited_in: tuple[int, ...] = ()  # indexes of the statements that cite it


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A stored source that supports a failing claim better than its citation, with its verdict."""

    statement: int  # index into AuditReport.statements
    source_key: str
    pmid: str | None
    title: str
    year: int | None
    verdict: AuditVerdict
    probability: float
    decisive: str | None = None


@dataclass(frozen=True, slots=True)
class AuditReport:
    body: str
    references: tuple[ReferenceAudit, ...]
    statements: tuple[StatementAudit, ...]
    suggestions: tuple[Suggestion, ...]
    summary: str
    notes: tuple[str, ...] = ()
    created_at: str = ""
