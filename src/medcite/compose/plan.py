"""Retrieval plan: a few sub-queries per question type, run through a Searcher, merged by evidence level."""

from __future__ import annotations

from dataclasses import dataclass

from medcite.compose.evidence import Candidate, overlap, record_sentences, role_of, terms
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.domain import LEVEL, SearchFilters, SearchHit
from medcite.protocols import Searcher

MAX_QUERIES = 5
PER_QUERY_K = 8
MAX_SOURCES = 14


@dataclass(frozen=True, slots=True)
class SubQuery:
    section: str  # the section the query is meant to feed ("primary" for the question itself)
    query: str


@dataclass(frozen=True, slots=True)
class RankedSource:
    hit: SearchHit
    score: float  # merged: reciprocal-rank fusion over the sub-queries, times an evidence-level weight
    relevance: float  # share of the key question terms found in the source
    queries: frozenset[str]  # sections whose sub-queries found it


def _join(*parts: str | None) -> str:
    return " ".join(" ".join(p for p in parts if p).split())


def plan_queries(a: QuestionAnalysis, max_queries: int = MAX_QUERIES) -> tuple[SubQuery, ...]:
    """The sub-queries for the sections that the question type calls for (the question itself first)."""
    i, c, p = a.expanded(a.intervention), a.expanded(a.condition), a.population
    k = a.expanded(a.comparator)
    base = _join(i, c, p) or a.question
    qs: list[SubQuery] = [SubQuery("primary", _join(a.question, *(e for _, e in a.expansions)))]
    focus = a.focus
    if focus is QuestionType.THERAPY:
        qs += [
            SubQuery("efficacy", _join(base, a.outcome, "efficacy randomized")),
            SubQuery("safety", _join(i or base, p, "adverse effects safety")),
            SubQuery("dosing", _join(i or base, c, "dose route administration")),
            SubQuery("mechanism", _join(i or base, "mechanism of action", c)),
            SubQuery("considerations", _join(base, "patient selection response predictors")),
        ]
    elif focus is QuestionType.DOSING:
        qs += [
            SubQuery("dosing", _join(base, "dose route administration")),
            SubQuery("efficacy", _join(base, "efficacy randomized")),
            SubQuery("safety", _join(i or base, p, "adverse effects safety")),
        ]
    elif focus is QuestionType.ADVERSE:
        qs += [
            SubQuery("safety", _join(base, "adverse effects safety")),
            SubQuery("pitfalls", _join(i or base, "contraindications risk abuse")),
            SubQuery("efficacy", _join(base, "efficacy randomized")),
        ]
    elif focus is QuestionType.MECHANISM:
        qs += [
            SubQuery("mechanism", _join(i or base, "mechanism of action receptor pathway", c)),
            SubQuery("efficacy", _join(base, "efficacy")),
        ]
    elif focus is QuestionType.COMPARISON:
        qs += [
            SubQuery("efficacy", _join(i, "versus", k, c, p, "randomized comparison")),
            SubQuery("safety", _join(i, k, "adverse effects")),
        ]
    elif focus is QuestionType.DIAGNOSIS:
        qs += [
            SubQuery("findings", _join(base, "sensitivity specificity diagnostic accuracy")),
            SubQuery("pitfalls", _join(base, "limitations false positive")),
        ]
    else:  # prognosis
        qs += [
            SubQuery("findings", _join(base, a.outcome, "prognosis outcome cohort")),
            SubQuery("considerations", _join(base, "predictors risk factors")),
        ]
    if a.yes_no:
        qs = qs[:3]
    seen: set[str] = set()
    out: list[SubQuery] = []
    for q in qs:
        if q.query.lower() not in seen:
            seen.add(q.query.lower())
            out.append(q)
    return tuple(out[:max_queries])


def key_terms(a: QuestionAnalysis) -> list[str]:
    """Terms a relevant source should mention: the intervention and condition, or the question's words."""
    named = _join(a.intervention, a.condition, a.outcome)
    ts = terms(named) if named else terms(a.question)
    return list(dict.fromkeys(ts))


def run_plan(
    searcher: Searcher,
    plan: tuple[SubQuery, ...],
    analysis: QuestionAnalysis,
    *,
    k: int = PER_QUERY_K,
    filters: SearchFilters | None = None,
) -> list[RankedSource]:
    """Run each sub-query, fuse by reciprocal rank, weight by evidence level, keep relevant sources."""
    fused: dict[str, float] = {}
    hits: dict[str, SearchHit] = {}
    found_by: dict[str, set[str]] = {}
    for sq in plan:
        for rank, hit in enumerate(searcher.search(sq.query, k=k, filters=filters)):
            key = hit.source.key
            weight = 1.0 if sq.section == "primary" else 0.6
            fused[key] = fused.get(key, 0.0) + weight / (10 + rank)
            found_by.setdefault(key, set()).add(sq.section)
            old = hits.get(key)
            if old is None:
                hits[key] = hit
            else:  # keep every passage any sub-query found
                seen = {p.start for p in old.passages}
                extra = tuple(p for p in hit.passages if p.start not in seen)
                hits[key] = SearchHit(old.source, max(old.score, hit.score), old.passages + extra)
    kt = key_terms(analysis)
    it = list(dict.fromkeys(terms(analysis.intervention or "")))
    ranked: list[RankedSource] = []
    for key, s in fused.items():
        src = hits[key].source
        full = f"{src.record.title} {src.record.text}"
        rel = overlap(kt, full) if kt else 1.0
        on_topic = overlap(it, full) >= 0.5 if it else rel >= 0.3
        if kt and not on_topic and rel < 0.6:
            continue  # off-topic: neither the intervention nor most key terms
        level_weight = 1.0 + 0.1 * (6 - LEVEL[src.evidence.design])
        ranked.append(RankedSource(hits[key], s * level_weight * (0.5 + rel), rel, frozenset(found_by[key])))
    ranked.sort(key=lambda r: -r.score)
    return ranked[:MAX_SOURCES]


def candidates(sources: list[RankedSource], analysis: QuestionAnalysis) -> list[Candidate]:
    """Evidence sentences: the passages retrieval chose, plus the results and conclusions of each source."""
    qterms = list(dict.fromkeys(key_terms(analysis) + terms(analysis.question)))
    out: list[Candidate] = []
    for rs in sources:
        src = rs.hit.source
        seen: set[int] = set()
        labels = {s: lab for lab, s, _e, _t in record_sentences(src)}
        for p in rs.hit.passages:
            if p.start in seen or not p.text.strip():
                continue
            seen.add(p.start)
            label = p.section or labels.get(p.start, "")
            out.append(
                Candidate(
                    src,
                    p.text.strip(),
                    p.start,
                    p.end,
                    label,
                    role_of(label, p.text),
                    p.passage_id,
                    rs.score,
                    overlap(qterms, p.text),
                    True,
                )
            )
        for label, s, e, t in record_sentences(src):
            role = role_of(label, t)
            if s in seen or role not in ("results", "conclusions"):
                continue
            seen.add(s)
            out.append(Candidate(src, t, s, e, label, role, None, rs.score, overlap(qterms, t), False))
    return out
