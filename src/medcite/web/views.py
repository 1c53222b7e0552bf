"""The article as the templates see it: each citation with its evidence sentence, the study's design and
n, and the statement's verdict (what a reader opens on hover, focus or tap)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.domain import Article, ArticleRecord, ArticleStatus, Reference, Statement, StoredSource
from medcite.present.citations import ama, describe, design_shown, links

STATUS_LABELS: dict[ArticleStatus, str] = {
    ArticleStatus.DRAFT: "AI draft, not reviewed",
    ArticleStatus.SUBMITTED: "Submitted for review",
    ArticleStatus.UNDER_REVIEW: "Under review",
    ArticleStatus.CHANGES_REQUESTED: "Changes requested",
    ArticleStatus.APPROVED: "Approved by a medical reviewer",
    ArticleStatus.REJECTED: "Rejected",
    ArticleStatus.STALE: "Approved, evidence since changed",
}
REVIEW_STEPS: tuple[ArticleStatus, ...] = (
    ArticleStatus.SUBMITTED,
    ArticleStatus.UNDER_REVIEW,
    ArticleStatus.APPROVED,
)
CITE_MARKS = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")  # "[1]", "[1, 3]": shown as buttons instead
VERDICT_LABELS = {
    "supported": "Supported by the source",
    "partial": "Partly supported",
    "unsupported": "Not supported",
    "contradicted": "Contradicted",
}


@dataclass(frozen=True)
class Cite:
    n: int
    evidence: str  # the cited sentence of the source, or "" where none is pinned
    design: str
    n_text: str  # "n = 120" or ""
    verdict: str  # supported | partial | ...
    verdict_label: str


@dataclass(frozen=True)
class Line:
    text: str
    kind: str
    verdict: str | None
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Ref:
    n: int
    ama: str
    described: str
    pmid: str | None
    doi: str | None
    urls: tuple[str, ...]
    key: str


def _evidence(st: Statement, n: int, texts: dict[str, str]) -> str:
    for pin in st.pins:
        if pin.ref == n and pin.source_key in texts:
            return " ".join(texts[pin.source_key][pin.start : pin.end].split())
    return ""


def line(st: Statement, refs: dict[int, Reference], texts: dict[str, str]) -> Line:
    cites = []
    for n in st.citations:
        r = refs.get(n)
        verdict = st.verdict or ""
        cites.append(
            Cite(
                n=n,
                evidence=_evidence(st, n, texts),
                design=design_shown(r) if r else "",
                n_text=f"n = {r.sample_size}" if r and r.sample_size else "",
                verdict=verdict,
                verdict_label=VERDICT_LABELS.get(verdict, "No claim about the evidence"),
            )
        )
    return Line(st.text, st.kind, st.verdict, tuple(cites))


@dataclass(frozen=True)
class ArticleView:
    record: ArticleRecord
    article: Article
    status_label: str
    approved: bool
    bottom: Line
    sections: tuple[tuple[str, str, str, tuple[Line, ...]], ...]  # key, title, intro, lines
    refs: tuple[Ref, ...]
    review_steps: tuple[tuple[str, bool], ...]  # label, reached


def article_view(rec: ArticleRecord, article: Article, sources: dict[str, StoredSource]) -> ArticleView:
    texts = {k: s.record.text for k, s in sources.items()}
    refs = {r.n: r for r in article.references}
    cites = article.bottom_line_citations
    # the bottom line sums up statements below; each number shows the statement that cites it
    backing = [
        next((st for s in article.sections for st in s.statements if n in st.citations), None) for n in cites
    ]
    pins = tuple(p for st in backing if st is not None for p in st.pins)
    verdict = next((st.verdict for st in backing if st is not None), None)
    bottom = Statement(CITE_MARKS.sub("", article.bottom_line), cites, verdict, pins=pins)
    sections = tuple(
        (s.key, s.title, s.intro, tuple(line(st, refs, texts) for st in s.statements))
        for s in article.sections
    )
    reached = REVIEW_STEPS.index(rec.status) if rec.status in REVIEW_STEPS else -1
    return ArticleView(
        record=rec,
        article=article,
        status_label=STATUS_LABELS.get(rec.status, rec.status.value),
        approved=rec.status is ArticleStatus.APPROVED,
        bottom=line(bottom, refs, texts),
        sections=sections,
        refs=tuple(
            Ref(r.n, ama(r), describe(r), r.pmid, r.doi, tuple(links(r)), r.key) for r in article.references
        ),
        review_steps=tuple((STATUS_LABELS[s], i <= reached) for i, s in enumerate(REVIEW_STEPS)),
    )
