"""The composed article: frozen dataclasses, the only article types.

The JSON contract (``medcite.present.json_contract``) is generated from these classes, so a new field is
added here and nowhere else. Standard library only: validation lives at the edge (present/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Literal

Audience = Literal["clinician", "patient"]
Stance = Literal["yes", "no", "uncertain"]
CertaintyLevel = Literal["high", "moderate", "low", "very low"]
StatementKind = Literal["support", "contrast", "caveat", "gap"]
# a statement's verifier label: the values of medcite.domain.Label
VerdictLabel = Literal["supported", "partial", "unsupported", "contradicted"]
NumberOrigin = Literal["text", "sample_size"]
# how the direct studies' findings on one outcome point (the direction of each study's key finding)
OutcomeDirection = Literal["increased", "decreased", "no difference", "mixed", "not compared"]

STATUS = "AI-generated, not reviewed"
DISCLAIMER = (
    "This article was generated automatically from published abstracts and has not been reviewed by a "
    "clinician. It is information for qualified health professionals, not medical advice, and does not "
    "replace clinical judgement, full-text appraisal or current guidelines."
)
PATIENT_DISCLAIMER = (
    "This summary was made by a computer from research papers. No doctor has checked it. "
    "It is not medical advice. Talk with your doctor, nurse or pharmacist before you change any treatment."
)
INSUFFICIENT = "Insufficient evidence in the searched literature"


@dataclass(frozen=True, slots=True)
class Pin:
    """Where a statement's evidence sentence lies: ``record.text[start:end]`` of the cited source."""

    ref: int  # reference number (by first use); 0 before numbering
    source_key: str
    start: int
    end: int
    passage_id: int | None = None


@dataclass(frozen=True, slots=True)
class NumberPin:
    """A number shown in a statement and where it came from in the cited source text."""

    value: str
    ref: int
    source_key: str
    start: int  # offset in the source text; -1 when it came from metadata (see ``origin``)
    end: int
    origin: NumberOrigin = "text"


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    citations: tuple[int, ...]
    verdict: VerdictLabel | None  # None for a gap note (no claim about the evidence)
    probability: float | None = None
    kind: StatementKind = "support"
    pins: tuple[Pin, ...] = ()
    numbers: tuple[NumberPin, ...] = ()
    core: str = ""  # the extractive evidence text without the design/population prefix
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # stable id: efficacy, dosing, mechanism, considerations, safety, emerging, pitfalls, gaps, ...
    title: str
    statements: tuple[Statement, ...]
    intro: str = ""  # framing text written by medcite (no medical claims)


@dataclass(frozen=True, slots=True)
class Reference:
    n: int
    key: str
    title: str
    pmid: str | None = None
    doi: str | None = None
    journal: str | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    design: str = "other"
    sample_size: int | None = None
    opening: str = ""  # a record stored without a title: the first words of its abstract, to know it by
    # the design in words, as the evidence table and the statements name it ("randomised controlled trial",
    # "non-randomised trial", "unstated-design study"); "" in articles stored before it was added
    design_label: str = ""


@dataclass(frozen=True, slots=True)
class CertaintyRating:
    conclusion: str
    level: CertaintyLevel
    reasons: tuple[str, ...]
    citations: tuple[int, ...] = ()  # the sources the conclusion cites (that state it)
    # other cited studies whose finding points the same way: they count toward the grade, and do not state
    # the conclusion (a reading of 16 tuning-half articles found 38 key conclusions cited to every study of
    # the group, as if each said it)
    agreeing: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One row of the evidence table: a cited study, what it was and what it found.

    Nothing is written for it: ``population`` and ``comparison`` are cut from the source text where
    ``population_pin`` and ``comparison_pin`` point (the patient version rewords them, as it does statement
    text), ``main_result`` is the core of the first statement quoting one of the study's findings, else the
    study's own lead conclusion (else first result) sentence, trimmed as statements are, where the study is
    cited only for background or methods (that sentence is the source's, not checked as a statement is),
    else the first statement citing it; ``n`` a sample size the text backs; an empty string or None where
    the source does not say.
    """

    ref: int  # reference number
    study: str  # "Hays et al. (2001)", the title's first words where there are no authors, or "PMID n"
    design: str  # the design in words ("randomised controlled trial")
    n: int | None
    certainty: CertaintyLevel  # of the key conclusion the study supports, else of its main result alone
    population: str = ""
    comparison: str = ""  # "compared with placebo", "versus sertraline"
    main_result: str = ""
    population_pin: Pin | None = None
    comparison_pin: Pin | None = None


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """One row of the summary of findings (GRADE style): one outcome across the direct studies.

    Nothing is written for it: ``outcome`` names the question's outcome (or "adverse events"), the counts
    come from the study cards, and ``effect`` is cut from the text of the largest study that states an
    effect size, where ``effect_pin`` points (empty when none does).
    """

    outcome: str
    studies: int
    participants: int | None  # the total n of the studies that report one; None when none does
    direction: OutcomeDirection
    reporting_n: int = 0  # how many of the studies report their n (the participants are theirs)
    counts: tuple[tuple[str, int], ...] = ()  # ("increased", 2), ("no difference", 1): studies per direction
    effect: str = ""
    effect_pin: Pin | None = None
    certainty: CertaintyLevel = "very low"
    reasons: tuple[str, ...] = ()
    citations: tuple[int, ...] = ()

    def participants_words(self, short: bool = False) -> str:
        """ "1,284 participants", or "n = 15 in the 1 of 5 studies whose n was found" ("... in the 1 whose
        n was found" when ``short``, in a table whose row already counts the studies). medcite reads a sample
        size only where an abstract states it in a clear phrase, so "not found" is not "not reported"."""
        if self.participants is None:
            return "n not found in the abstracts"
        if self.reporting_n >= self.studies:
            return f"{self.participants:,} participants"
        of = "" if short else f" of {self.studies} studies"
        return f"n = {self.participants:,} in the {self.reporting_n}{of} whose n was found"


@dataclass(frozen=True, slots=True)
class Provenance:
    corpus_version: str = "unknown"
    settings_hash: str = "unknown"
    model_ids: tuple[str, ...] = ()
    created_at: str = field(default_factory=lambda: utc_now())


@dataclass(frozen=True, slots=True)
class QuestionSummary:
    """What the question analysis found (stored so that follow-ups can reuse it)."""

    qtype: str
    focus: str
    yes_no: bool
    intervention: str | None = None
    condition: str | None = None
    population: str | None = None
    comparator: str | None = None
    outcome: str | None = None
    expansions: tuple[tuple[str, str], ...] = ()
    queries: tuple[str, ...] = ()
    # misspelt words of the question and the words they were read as ("threapy", "therapy")
    respelled: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Readability:
    framing_fk_grade: float | None
    full_text_fk_grade: float | None
    target: float = 8.0


@dataclass(frozen=True, slots=True)
class Article:
    question: str
    audience: Audience
    bottom_line: str
    stance: Stance | None
    certainty: CertaintyLevel | None
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    provenance: Provenance
    analysis: QuestionSummary
    certainty_details: tuple[CertaintyRating, ...] = ()
    bottom_line_citations: tuple[int, ...] = ()
    stance_reasons: tuple[str, ...] = ()
    insufficient: bool = False
    composer: str = "extractive"
    readability: Readability | None = None
    status: str = STATUS
    disclaimer: str = DISCLAIMER
    dropped: int = 0  # statements removed because the verifier did not support them
    evidence_table: tuple[EvidenceRow, ...] = ()  # one row per reference, in reference order
    summary_of_findings: tuple[OutcomeSummary, ...] = ()  # one row per key outcome of the direct studies

    @property
    def created_at(self) -> str:
        return self.provenance.created_at

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def utc_now() -> str:
    """Now, in UTC, as the stores write it: ``2026-11-30T15:10:27Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_utc(iso: str) -> datetime:
    """A time as :func:`utc_now` writes it (or any ISO 8601 time with an offset), as an aware datetime."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def age_s(iso: str) -> float:
    """Seconds since the ISO time ``iso``."""
    return (datetime.now(UTC) - parse_utc(iso)).total_seconds()


class ArticleStatus(StrEnum):
    """Where an article stands in editorial review (the workflow adds the transitions)."""

    DRAFT = "draft"  # AI-generated, not reviewed
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    STALE = "stale"  # the evidence changed after approval


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article: the article itself with its id, version, review status and timestamps."""

    id: str
    version: int
    status: ArticleStatus
    article: Article
    thread_id: str | None
    created_at: str  # ISO 8601 UTC, when the first version was stored
    updated_at: str  # when this version was stored
    approved_version: int | None = None  # the stable version readers see (None before any approval)
    author_id: str | None = None  # whose edit made this version (None: written by machine)


def left_out(dropped: int) -> str:
    """The note on candidate statements that verification did not support."""
    if dropped == 1:
        return "1 candidate statement was left out because verification did not support it."
    return f"{dropped} candidate statements were left out because verification did not support them."
