"""Bibliographic records, their passages and their evidence classification (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Design(StrEnum):
    """Study design, best evidence first (see :data:`LEVEL`)."""

    GUIDELINE = "guideline"
    META_ANALYSIS = "meta-analysis"  # systematic review or meta-analysis
    RCT = "rct"
    OBSERVATIONAL = "observational"  # non-randomised or observational (cohort, cross-sectional)
    CASE_CONTROL = "case-control"
    CASE_SERIES = "case-series"  # case series or case report
    REVIEW = "review"  # narrative review
    ANIMAL = "animal"  # animal or in-vitro study
    OTHER = "other"


#: Evidence level: 1 is the strongest. Used for ordering and as a retrieval prior.
LEVEL: dict[Design, int] = {
    Design.GUIDELINE: 1,
    Design.META_ANALYSIS: 1,
    Design.RCT: 2,
    Design.OBSERVATIONAL: 3,
    Design.CASE_CONTROL: 3,
    Design.CASE_SERIES: 4,
    Design.REVIEW: 5,
    Design.ANIMAL: 6,
    Design.OTHER: 6,
}


@dataclass(frozen=True, slots=True)
class AbstractSection:
    label: str  # as given (BACKGROUND, METHODS, ...), "" for an unlabelled abstract
    text: str
    category: str | None = None  # NlmCategory where the XML gives it


@dataclass(frozen=True, slots=True)
class MeshHeading:
    descriptor: str
    ui: str | None = None
    major: bool = False
    qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A CommentsCorrections link, e.g. kind="RetractionIn" pmid="123"."""

    kind: str
    pmid: str | None = None
    ref: str = ""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One bibliographic record as parsed from any input format."""

    key: str  # upsert key: the PMID, or "<dataset>:<id>" where there is no PMID
    title: str
    sections: tuple[AbstractSection, ...] = ()
    pmid: str | None = None
    doi: str | None = None
    pmcid: str | None = None
    journal: str | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    publication_types: tuple[str, ...] = ()
    mesh: tuple[MeshHeading, ...] = ()
    links: tuple[Link, ...] = ()
    origin: str = ""  # the dataset or file it came from

    @property
    def text(self) -> str:
        """The abstract text that passage offsets point into: section texts joined by blank lines."""
        return SECTION_SEPARATOR.join(s.text for s in self.sections)

    @property
    def retracted(self) -> bool:
        return any(link.kind == "RetractionIn" for link in self.links)


SECTION_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Deletion:
    """A DeleteCitation entry of a MEDLINE update file: remove this record."""

    pmid: str


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """A malformed record that was skipped; the rest of the file is still read."""

    file: str
    record: int  # 1-based position in the file
    pmid: str | None
    reason: str


ParseItem = SourceRecord | Deletion | ParseProblem


@dataclass(frozen=True, slots=True)
class EvidenceInfo:
    design: Design
    inferred: bool  # True when the design came from the text, not the publication types
    sample_size: int | None = None
    human: bool | None = None  # None: unknown


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a source with character offsets into :attr:`SourceRecord.text`."""

    idx: int
    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class StoredSource:
    """A source as read back from the store, with its evidence classification."""

    id: int
    record: SourceRecord
    evidence: EvidenceInfo

    @property
    def key(self) -> str:
        return self.record.key


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A record with what is derived from it before storing (its classification and passages): the CPU
    work of ingest, which can run in another process."""

    record: SourceRecord
    evidence: EvidenceInfo
    passages: tuple[Passage, ...]

    @property
    def key(self) -> str:
        return self.record.key
