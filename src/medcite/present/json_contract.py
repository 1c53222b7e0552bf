"""The article's JSON contract (pydantic models at the edge).

Stable fields (schema_version 1): ``question``, ``bottom_line``, ``stance`` (yes|no|uncertain|null),
``certainty`` (high|moderate|low|very low|null), ``sections: [{key, title, statements: [{text,
citations: [n], verdict}]}]`` (``verdict`` is a verifier label, or null for a gap note that makes no
claim about the evidence), ``references: [{n, pmid, doi, title, journal, year, design}]``, ``status``,
``created_at``. Other fields are additive. ``ArticleModel.model_json_schema()`` gives the JSON Schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from medcite.domain.article import (
    Article,
    CertaintyRating,
    NumberPin,
    Pin,
    Provenance,
    QuestionSummary,
    Readability,
    Reference,
    Section,
    Statement,
)

SCHEMA_VERSION = 1
Verdict = Literal["supported", "partial", "unsupported", "contradicted"]


class _M(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PinModel(_M):
    ref: int = Field(ge=0)
    source_key: str
    start: int
    end: int
    passage_id: int | None = None


class NumberPinModel(_M):
    value: str
    ref: int = Field(ge=0)
    source_key: str
    start: int
    end: int
    origin: Literal["text", "sample_size"] = "text"


class StatementModel(_M):
    text: str
    citations: list[int]
    verdict: Verdict | None
    probability: float | None = None
    kind: Literal["support", "contrast", "caveat", "gap"] = "support"
    pins: list[PinModel] = []
    numbers: list[NumberPinModel] = []
    core: str = ""
    reasons: list[str] = []


class SectionModel(_M):
    key: str
    title: str
    intro: str = ""
    statements: list[StatementModel]


class ReferenceModel(_M):
    n: int = Field(ge=1)
    key: str = ""
    pmid: str | None
    doi: str | None
    title: str
    journal: str | None
    year: int | None
    design: str
    authors: list[str] = []
    sample_size: int | None = None
    ama: str = ""
    urls: list[str] = []


class CertaintyModel(_M):
    conclusion: str
    level: Literal["high", "moderate", "low", "very low"]
    reasons: list[str]
    citations: list[int] = []


class ProvenanceModel(_M):
    corpus_version: str
    settings_hash: str
    model_ids: list[str]
    created_at: str


class AnalysisModel(_M):
    qtype: str
    focus: str
    yes_no: bool
    intervention: str | None = None
    condition: str | None = None
    population: str | None = None
    comparator: str | None = None
    outcome: str | None = None
    expansions: list[tuple[str, str]] = []
    queries: list[str] = []


class ReadabilityModel(_M):
    framing_fk_grade: float | None
    full_text_fk_grade: float | None
    target: float = 8.0


class ArticleModel(_M):
    schema_version: int = SCHEMA_VERSION
    question: str
    audience: Literal["clinician", "patient"] = "clinician"
    bottom_line: str
    bottom_line_citations: list[int] = []
    stance: Literal["yes", "no", "uncertain"] | None
    stance_reasons: list[str] = []
    certainty: Literal["high", "moderate", "low", "very low"] | None
    certainty_details: list[CertaintyModel] = []
    sections: list[SectionModel]
    references: list[ReferenceModel]
    status: str
    disclaimer: str = ""
    created_at: str
    provenance: ProvenanceModel
    analysis: AnalysisModel
    insufficient: bool = False
    composer: str = "extractive"
    readability: ReadabilityModel | None = None
    dropped: int = 0


def to_json(a: Article) -> dict[str, Any]:
    from medcite.present.citations import ama, doi_url, pubmed_url

    p = a.provenance
    model = ArticleModel(
        question=a.question,
        audience=a.audience,
        bottom_line=a.bottom_line,
        bottom_line_citations=list(a.bottom_line_citations),
        stance=a.stance,
        stance_reasons=list(a.stance_reasons),
        certainty=a.certainty,
        certainty_details=[
            CertaintyModel(
                conclusion=c.conclusion, level=c.level, reasons=list(c.reasons), citations=list(c.citations)
            )
            for c in a.certainty_details
        ],
        sections=[
            SectionModel(
                key=s.key,
                title=s.title,
                intro=s.intro,
                statements=[
                    StatementModel(
                        text=st.text,
                        citations=list(st.citations),
                        verdict=st.verdict,  # type: ignore[arg-type]
                        probability=st.probability,
                        kind=st.kind,
                        pins=[PinModel(**_d(pin)) for pin in st.pins],
                        numbers=[NumberPinModel(**_d(n)) for n in st.numbers],
                        core=st.core,
                        reasons=list(st.reasons),
                    )
                    for st in s.statements
                ],
            )
            for s in a.sections
        ],
        references=[
            ReferenceModel(
                n=r.n,
                key=r.key,
                pmid=r.pmid,
                doi=r.doi,
                title=r.title,
                journal=r.journal,
                year=r.year,
                design=r.design,
                authors=list(r.authors),
                sample_size=r.sample_size,
                ama=ama(r),
                urls=[u for u in (pubmed_url(r), doi_url(r)) if u],
            )
            for r in a.references
        ],
        status=a.status,
        disclaimer=a.disclaimer,
        created_at=p.created_at,
        provenance=ProvenanceModel(
            corpus_version=p.corpus_version,
            settings_hash=p.settings_hash,
            model_ids=list(p.model_ids),
            created_at=p.created_at,
        ),
        analysis=AnalysisModel(
            **{
                **_d(a.analysis),
                "expansions": list(a.analysis.expansions),
                "queries": list(a.analysis.queries),
            }
        ),
        insufficient=a.insufficient,
        composer=a.composer,
        readability=None if a.readability is None else ReadabilityModel(**_d(a.readability)),
        dropped=a.dropped,
    )
    return model.model_dump(mode="json")


def _d(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def from_json(data: dict[str, Any]) -> Article:
    m = ArticleModel.model_validate(data)
    return Article(
        question=m.question,
        audience=m.audience,
        bottom_line=m.bottom_line,
        stance=m.stance,
        certainty=m.certainty,
        sections=tuple(
            Section(
                key=s.key,
                title=s.title,
                intro=s.intro,
                statements=tuple(
                    Statement(
                        text=st.text,
                        citations=tuple(st.citations),
                        verdict=st.verdict,
                        probability=st.probability,
                        kind=st.kind,
                        pins=tuple(Pin(**p.model_dump()) for p in st.pins),
                        numbers=tuple(NumberPin(**n.model_dump()) for n in st.numbers),
                        core=st.core,
                        reasons=tuple(st.reasons),
                    )
                    for st in s.statements
                ),
            )
            for s in m.sections
        ),
        references=tuple(
            Reference(
                n=r.n,
                key=r.key,
                title=r.title,
                pmid=r.pmid,
                doi=r.doi,
                journal=r.journal,
                year=r.year,
                authors=tuple(r.authors),
                design=r.design,
                sample_size=r.sample_size,
            )
            for r in m.references
        ),
        provenance=Provenance(
            corpus_version=m.provenance.corpus_version,
            settings_hash=m.provenance.settings_hash,
            model_ids=tuple(m.provenance.model_ids),
            created_at=m.created_at,
        ),
        analysis=QuestionSummary(
            **{
                **m.analysis.model_dump(),
                "expansions": tuple(tuple(e) for e in m.analysis.expansions),
                "queries": tuple(m.analysis.queries),
            }
        ),
        certainty_details=tuple(
            CertaintyRating(c.conclusion, c.level, tuple(c.reasons), tuple(c.citations))
            for c in m.certainty_details
        ),
        bottom_line_citations=tuple(m.bottom_line_citations),
        stance_reasons=tuple(m.stance_reasons),
        insufficient=m.insufficient,
        composer=m.composer,
        readability=None if m.readability is None else Readability(**m.readability.model_dump()),
        status=m.status,
        disclaimer=m.disclaimer,
        dropped=m.dropped,
    )


def json_schema() -> dict[str, Any]:
    return ArticleModel.model_json_schema()
