"""Study cards: a structured extraction of one source, every field pinned to characters of its text.

Offsets are into ``StoredSource.record.text`` (the text that :class:`medcite.domain.Pin` points into):
``text[span.start:span.end] == span.text`` holds for every :class:`Span` of a card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The role of a sentence in its abstract (the five headings of a structured abstract).
Role = Literal["background", "objective", "methods", "results", "conclusions"]
ROLES: tuple[Role, ...] = ("background", "objective", "methods", "results", "conclusions")

#: Which way an outcome moved with the intervention against the comparator (Evidence Inference's labels).
Direction = Literal["increased", "decreased", "no_difference"]
DIRECTIONS: tuple[Direction, ...] = ("increased", "decreased", "no_difference")

Species = Literal["human", "animal", "in_vitro", "unknown"]
AgeGroup = Literal["children", "adults", "older adults", "mixed", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` of the source's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported result: a results or conclusions sentence and what it says."""

    sentence: Span
    outcome: Span | None
    direction: Direction | None  # None when no comparison is reported
    confidence: float  # the model's probability of ``direction`` (0 when None)
    effect: Span | None = None  # "OR 0.62", "reduced by 34%", "mean difference -2.1"
    ci: Span | None = None
    p: Span | None = None
    intervention: Span | None = None
    comparator: Span | None = None


@dataclass(frozen=True, slots=True)
class StudyCard:
    """What one study is, who was in it, what was compared and what happened, pinned to its text."""

    source_key: str
    design: str  # the source's EvidenceDesign value (corpus/classify)
    n: int | None
    n_span: Span | None
    species: Species
    species_span: Span | None
    age_group: AgeGroup
    age_span: Span | None
    condition: Span | None
    setting: Span | None
    interventions: tuple[Span, ...]
    comparator: Span | None
    findings: tuple[Finding, ...]  # results/conclusions sentences with a finding, in text order
    adverse_events: tuple[Span, ...]
    dose_route: tuple[Span, ...]
    follow_up: Span | None
    conclusion: Span | None  # the authors' conclusion sentence(s)
    roles: tuple[tuple[Span, Role], ...]  # every sentence with its role
    # (short form, long form) of each abbreviation the abstract defines: "recombinant human erythropoietin
    # (rhEPO)"
    abbreviations: tuple[tuple[Span, Span], ...] = ()

    def spans(self) -> tuple[Span, ...]:
        """Every span of the card (for checks that each lies in the text)."""
        out: list[Span | None] = [
            self.n_span,
            self.species_span,
            self.age_span,
            self.condition,
            self.setting,
            self.comparator,
            self.follow_up,
            self.conclusion,
            *self.interventions,
            *self.adverse_events,
            *self.dose_route,
            *(s for s, _ in self.roles),
            *(s for pair in self.abbreviations for s in pair),
        ]
        for f in self.findings:
            out += [f.sentence, f.outcome, f.effect, f.ci, f.p, f.intervention, f.comparator]
        return tuple(s for s in out if s is not None)
