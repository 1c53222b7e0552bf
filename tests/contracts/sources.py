"""Synthetic sources for the index contract suites. They are test fixtures, not evidence: the words are
chosen so that each source is found by one made-up token."""

from __future__ import annotations

from medcite.domain import AbstractSection, Design, EvidenceInfo, Link, SourceMeta, SourceRecord, StoredSource


def source(
    key: str,
    text: str,
    *,
    year: int | None = 2020,
    design: Design = Design.RCT,
    human: bool | None = True,
    retracted: bool = False,
) -> StoredSource:
    """A stored source whose abstract is ``text`` (prefixed: a synthetic test fixture, not evidence)."""
    record = SourceRecord(
        key=key,
        title=f"Synthetic test fixture {key}",
        sections=(AbstractSection("", f"Synthetic test fixture, not evidence. {text}"),),
        year=year,
        links=(Link("RetractionIn", "1"),) if retracted else (),
        origin="synthetic",
    )
    return StoredSource(id=0, record=record, evidence=EvidenceInfo(design, inferred=False, human=human))


def meta(
    *,
    year: int | None = 2020,
    design: Design = Design.RCT,
    human: bool | None = True,
    retracted: bool = False,
) -> SourceMeta:
    return SourceMeta(year, design, human, retracted)
