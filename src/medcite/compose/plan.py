"""Retrieval plan: a few sub-queries per question type, run through a Searcher, merged by evidence level."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from medcite.compose.directness import grade, names_no_condition, topic_text
from medcite.compose.naming import Concept, concepts, query_abbreviations
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.compose.shapes import names_condition
from medcite.domain import LEVEL, SearchFilters, SearchHit
from medcite.ports import Reranker, Searcher
from medcite.retrieve.hybrid import document_text
from medcite.text import term_overlap, terms
from medcite.text.abbreviations import defined_abbreviations

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
    model_score: float | None = None  # the relevance cross-encoder's score against the question (if run)


def _join(*parts: str | None) -> str:
    return " ".join(" ".join(p for p in parts if p).split())


def plan_queries(a: QuestionAnalysis, max_queries: int = MAX_QUERIES) -> tuple[SubQuery, ...]:
    """The sub-queries for the sections that the question type calls for (the question itself first)."""
    i, c, p = a.expanded(a.intervention), a.expanded(a.condition), a.population
    k = a.expanded(a.comparator)
    base = _join(i, c, p) or a.question
    shorts = query_abbreviations(a)
    qs: list[SubQuery] = [SubQuery("primary", _join(a.question, *(e for _, e in a.expansions), *shorts))]
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


#: a source that names a concept of the question by an abbreviation or a synonym is credited with the
#: concept's words in the share of key terms that ranks it (:func:`run_plan`)
NAMED_OVERLAP = True


_ABBREVIATION = re.compile(r"\b[A-Za-z0-9-]*[A-Z][a-z0-9-]*[A-Z][A-Za-z0-9-]*\b")  # two capitals: rhEPO, HMO


def learned_abbreviations(a: QuestionAnalysis, sources: Iterable[RankedSource | SearchHit]) -> dict[str, str]:
    """Long forms of the question's abbreviations that the glossary does not expand, as the sources define
    them (the most frequent definition): "rhEPO" -> "recombinant human erythropoietin"."""
    known = {ab for ab, _ in a.expansions}
    wanted = {w for w in _ABBREVIATION.findall(a.question) if w not in known}
    if not wanted:
        return {}
    seen: dict[str, Counter[str]] = {}
    for rs in sources:
        src = rs.hit.source if isinstance(rs, RankedSource) else rs.source
        for sf, lf in source_abbreviations(src.record.title, src.record.text).items():
            if sf in wanted:
                seen.setdefault(sf, Counter())[lf.lower()] += 1
    return {sf: c.most_common(1)[0][0] for sf, c in seen.items()}


@lru_cache(maxsize=4096)
def source_abbreviations(title: str, text: str) -> Mapping[str, str]:
    """The abbreviations a source defines in its title and abstract (cached: the plan, the directness
    split, the concept check and the candidates each ask for the same sources; read-only)."""
    return MappingProxyType(defined_abbreviations(f"{title}. {text}" if title else text))


def source_text(rs: RankedSource | SearchHit) -> str:
    src = rs.hit.source if isinstance(rs, RankedSource) else rs.source
    mesh = " ".join(m.descriptor for m in src.record.mesh)
    return f"{src.record.title} {mesh} {src.record.text}"


def missing_concepts(a: QuestionAnalysis, rs: RankedSource, cs: list[Concept] | None = None) -> list[str]:
    """The question's intervention / condition that a source does not mention (in title, MeSH or text,
    reading the abbreviations the source defines)."""
    rec = rs.hit.source.record
    text, defined = source_text(rs), source_abbreviations(rec.title, rec.text)
    return [c.name for c in (concepts(a) if cs is None else cs) if not c.found_in(text, defined)]


#: whether split_direct applies the directness rules beyond the concepts (a switch for measuring them)
DIRECTNESS_RULES = True
# When no source is direct by its words, a source that the relevance cross-encoder scores at least this
# high against the question counts as naming the question's concepts, though their words are missing (a
# partial abstract, a synonym outside MeSH, a clause misread as a concept). None: the words alone decide.
# Only as a fallback: applied to every answer (even half of BioASQ 7B-9B yes/no, 0.7: stance 57.1% against
# 54.1% without), it let general studies into answers that had direct ones (a paired reading of 20
# articles: off-question statements 58 -> 74). Tried for relevance v2 (which scores more sharply), 0.5:
# even halves PubMedQA stance 68.8 -> 70.4%, "insufficient" answers 15 -> 13, BioASQ yes/no 62.0 -> 62.4%;
# held-out odd PubMedQA 67.2 -> 67.6%; but at 0.5 or 0.6 a ketamine analgesia trial answers "What is the
# role of ketamine in treating anxiety?" (v2 scores it 0.6-0.7), where the right answer is "insufficient
# direct evidence". Not kept.
MODEL_NAMES: float | None = 0.7
# ... but not for the disease or symptom a question names (MeSH C, F03: shapes.names_condition) where the
# source shares none of its words: a systematic review of ketamine-induced uropathy, scored 0.7 or more,
# answered "What is the role of ketamine in treating anxiety?" with "moderate" certainty (the held-out
# reading of 2026-12-06; the abstract never names anxiety). A source on "major depressive disorder" still
# answers "Can simvastatin alleviate depressive symptoms?" (even half). Off: the model stands in for the
# condition in any case
CONDITION_BY_WORDS = True
# A partial record (no title: a snippet of an abstract) that names the question's intervention but no
# condition at all (MeSH C, F03), and that the relevance model scores at least this high, is direct though
# it lacks the condition's words: they may be in the part not stored ("Treatment with lanabecestat was well
# tolerated and did not slow cognitive or functional decline", 0.997, for "Is Lanabecestat effective for
# Alzheimer's disease?"); the ketamine uropathy review names its condition. None: off
PARTIAL_DIRECT: float | None = 0.95


def _partial_on_topic(rs: RankedSource) -> bool:
    """A partial record that names no condition and that the model scores over :data:`PARTIAL_DIRECT`."""
    score = rs.model_score
    if PARTIAL_DIRECT is None or score is None or score < PARTIAL_DIRECT:
        return False
    return names_no_condition(rs.hit.source.record)


#: a question that asks for a thing ("Which gene ...?") is judged by the relevance model, not by naming its
#: concepts (its clauses read badly as concepts); on: where some sources name one of them, the sources
#: that name none are off-topic all the same
ENTITY_NAMES = True


def split_direct(
    a: QuestionAnalysis, sources: list[RankedSource], by_model: bool = False
) -> tuple[list[RankedSource], list[tuple[RankedSource, list[str]]]]:
    """Direct sources and indirect ones with the reasons (:mod:`medcite.compose.directness`): a source
    that names neither the intervention nor the condition is off-topic and left out; one that names only
    one of them, studies animals or cells for a question about patients, or studies another condition,
    setting or age group is indirect. When none is direct, the relevance model's score stands in for the
    concept words (:data:`MODEL_NAMES`)."""
    cs = concepts(a, learned_abbreviations(a, sources))
    cond = next((c for c in cs if c.name == a.condition), None)
    misses = {id(rs): missing_concepts(a, rs, cs) for rs in sources} if cs else {}  # read once per source
    # an outcome that no source names with the intervention is a wording, not evidence that is missing
    if a.condition is None and len(cs) == 2 and all(misses.values()):
        cs, dropped = cs[:1], cs[1].name
        misses = {k: [m for m in v if m != dropped] for k, v in misses.items()}
    if by_model and ENTITY_NAMES and cs:
        # where some sources name a concept of the question, those that name none are off-topic
        sources = [rs for rs in sources if len(misses[id(rs)]) < len(cs)] or sources
    direct: list[RankedSource] = []
    indirect: list[tuple[RankedSource, list[str]]] = []
    by_score: list[RankedSource] = []  # direct but for the concept words, and scored high by the model
    # the condition the model may not stand in for where a source shares none of its words
    guarded = cond if CONDITION_BY_WORDS and not by_model and cond and names_condition(cond.name) else None
    for rs in sources:
        miss = [] if by_model else misses.get(id(rs), [])
        scored = MODEL_NAMES is not None and rs.model_score is not None and rs.model_score >= MODEL_NAMES
        if scored and guarded is not None and guarded.name in misses.get(id(rs), []):
            scored = bool(set(guarded.terms) & set(terms(source_text(rs))))  # "major depressive disorder"
        if miss and cond is not None and miss == [cond.name] and _partial_on_topic(rs):
            miss = []
        if cs and len(miss) == len(cs) and not scored:
            continue
        if not DIRECTNESS_RULES:
            (indirect.append((rs, [f"does not mention {' or '.join(miss)}"])) if miss else direct.append(rs))
            if miss and scored:
                by_score.append(rs)
            continue
        rec = rs.hit.source.record
        named = cond is not None and cond.found_in(topic_text(rec), source_abbreviations(rec.title, rec.text))
        graded = grade(a, rs.hit.source, miss, named)
        if graded.direct:
            direct.append(rs)
            continue
        if miss and scored and grade(a, rs.hit.source, [], named).direct:
            by_score.append(rs)
        if not (cs and len(miss) == len(cs)):  # naming neither concept: off-topic unless the model says not
            indirect.append((rs, list(graded.reasons)))
    gap = FAR_LOGIT if a.qtype is QuestionType.YES_NO else None
    if direct and by_score and MODEL_OVER_WORDS and not far_below(direct, by_score, gap)[0]:
        # every source direct by its words reads as another question, and one the model reads as on it
        # misses only their words ("Jamaica making a difference"): the model's reading decides
        indirect += [(rs, [ANOTHER_QUESTION]) for rs in direct]
        direct = []
    if direct:
        direct, below = far_below(direct, gap=gap)
        indirect += [(rs, [ANOTHER_QUESTION]) for rs in below]
    if direct or not by_score:
        return direct, indirect
    promoted = {id(rs) for rs in by_score}
    return by_score, [(rs, why) for rs, why in indirect if id(rs) not in promoted]


# A source direct by its words that the relevance model scores under FAR_BELOW[0] while another direct
# source of the same answer scores FAR_BELOW[1] or more reads as another question on the same words:
# indirect (a hypertension trial measuring carotid intima-media thickness, 0.25, beside the study of
# HDL-lowering mutations and carotid intima-media thickness, 1.0). Chosen on the even halves (PubMedQA
# statements from the question's own abstract 63.1 -> 79.0%, stance 70.0 -> 70.8%; BioASQ yes/no stance
# 62.9% both; summary ROUGE-2 51.1 -> 50.4; commit 1e58f3d has the table). None: off.
# Low end 0.7 -> 0.85 with each pair read alone (2026-12-04): on-topic sources score 0.95-1.0, and a reading
# of 32 tuning-half articles found sources at 0.74-0.83 beside them off the question (a vaccine-hesitancy
# commentary for vaccine storage, a MeSH teaching paper for ezTag, an HIV-negative PrEP trial population for
# HIV-infected people, an olanzapine trial in social anxiety disorder for the SAD PERSONS scale); at 0.85 the
# sample lost 9 such statements and 1-2 on the question. Even halves: PubMedQA stance 73.2 -> 72.8% (one
# answer), statements 631 -> 613 with 83.4 -> 85.6% from the own abstract; BioASQ yes/no 68.8% unchanged,
# statements 620 -> 594, from gold documents 72.7 -> 75.3%; factoid 44.5 / 60.9 -> 44.5 / 60.5% (one
# question); summary ROUGE-2 50.81 -> 50.68.
FAR_BELOW: tuple[float, float] | None = (0.85, 0.95)
#: the same test between the sources direct by their words and those the relevance model alone reads as
#: direct (:data:`MODEL_NAMES`): where all the former are far below one of the latter, the latter answer
MODEL_OVER_WORDS = True
ANOTHER_QUESTION = "it shares the question's words but answers another question (read by the relevance model)"


# ... and, in a yes/no answer where the best direct source scores FAR_BELOW[1] or more, one whose relevance
# logit is more than FAR_LOGIT below the best's: the model's scores saturate near 1 on studies that share
# the question's words ("Chronic functional somatic symptoms: a single syndrome?": the question's own study
# 0.9992, logit 7.1; a review of somatic symptoms in children of ill parents 0.9953, logit 5.3; a snippet on
# Parkinson's disease 0.9913, logit 4.7; a reading of 16 tuning-half articles, 2026-12-05). Chosen on the
# even halves, FAR_LOGIT off / 4 / 3 / 2.5 / 2 / 1.5: PubMedQA stance 72.8 / 73.2 / 73.2 / 73.2 / 73.2 /
# 73.2%, statements 612 / 600 / 599 / 597 / 589 / 580, from the question's own abstract 85.6 / 87.3 / 87.3 /
# 87.3 / 88.5 / 89.5%; BioASQ yes/no 68.8 / 69.3 / 69.3 / 68.8 / 69.3 / 68.8%, statements 588 / 572 / 553 /
# 539 / 509 / 491, from gold documents 75.7 / 77.3 / 77.9 / 77.7 / 78.6 / 79.8%, bottom line from one 77.1 /
# 78.0 / 78.5 / 78.5 / 77.1 / 77.6%, "insufficient" 18 / 18 / 18 / 19 / 22 / 23. At 3 (fewest answers
# lost to "insufficient") the example above keeps all three (gaps 1.8 and 2.4). Applied to every question,
# 3 cost factoid answers (bottom line / article 46.2 / 60.9 -> 45.8 / 58.8%) and summary ROUGE-2 (50.81 ->
# 49.61): yes/no answers only. None: off
FAR_LOGIT: float | None = 3.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def far_below(
    direct: list[RankedSource], against: list[RankedSource] | None = None, gap: float | None = None
) -> tuple[list[RankedSource], list[RankedSource]]:
    """(kept, set aside) by :data:`FAR_BELOW`, against the best of ``direct`` itself or of ``against``, and
    by a relevance logit more than ``gap`` below the best's (:data:`FAR_LOGIT`); sources without a model
    score are kept."""
    if FAR_BELOW is None:
        return direct, []
    low, high = FAR_BELOW
    best = max((rs.model_score for rs in against or direct if rs.model_score is not None), default=None)
    if best is None or best < high:
        return direct, []
    cut = None if gap is None else _logit(best) - gap
    below = [
        rs
        for rs in direct
        if rs.model_score is not None
        and (rs.model_score < low or (cut is not None and _logit(rs.model_score) < cut))
    ]
    gone = {id(rs) for rs in below}
    return [rs for rs in direct if id(rs) not in gone], below


ENTITY_FALLBACK = True  # a switch for measuring it (see on_topic)
# the relevance floor of a question that asks for a thing, where the model alone judges what is on topic
# (the general floor, MEDCITE_RELEVANCE_FLOOR, when that is higher). Even half of BioASQ 7B-9B
# (bench_bioasq --set plan.ENTITY_FLOOR=...), factoid answer in the bottom line / article, factoid
# statements from gold documents, summary ROUGE-2: 0.05 (the general floor) 45.0 / 60.1%, 66.9%, 50.77;
# 0.2: 45.4 / 60.9%, 69.0%, 50.77; 0.3: 45.8 / 60.9%, 69.8%, 50.77; 0.5: 45.8 / 60.5%, 69.8%, 50.42
ENTITY_FLOOR = 0.3
ENTITY_FALLBACK_K = 5


def on_topic(
    a: QuestionAnalysis,
    sources: list[RankedSource],
    relevance: Reranker | None,
    floor: float,
    by_model: bool = False,
) -> list[RankedSource]:
    """The sources that a question-study relevance cross-encoder (``relevance``, trained on question and
    abstract pairs: ``models/relevance``) scores at ``floor`` or above against the question, in their order,
    and those that name every one of the question's concepts (two or more: the intervention and the
    condition, in words, MeSH headings or defined abbreviations; the model misreads an abstract that only
    says "DBE"). ``by_model``: the model alone decides (a question that asks for a thing has no concepts to
    name). Without a model, or with floor 0, all of them. The floor was chosen on the even halves of BioASQ
    7B-9B and PubMedQA dev (``bench/bench_relevance_gate.py``)."""
    if relevance is None or floor <= 0 or not sources:
        return sources
    floor = max(floor, ENTITY_FLOOR) if by_model else floor
    scores = relevance.score(a.question, [document_text(rs.hit.source) for rs in sources])
    cs = [] if by_model else concepts(a, learned_abbreviations(a, sources))
    scored = [replace(rs, model_score=float(s)) for rs, s in zip(sources, scores, strict=True)]
    kept = [
        rs
        for rs in scored
        if (rs.model_score or 0.0) >= floor or (len(cs) >= 2 and not missing_concepts(a, rs, cs))
    ]
    if kept or not by_model or not ENTITY_FALLBACK:
        return kept
    # a question that asks for a thing, and no source the model reads as on it (relevance v1 misread
    # "Amantadine is an NMDA receptor antagonist ..." for "Which receptor does amantadine antagonize?"; v2
    # reads it as on the question, but may misread others the same way): the best-ranked
    # sources that name every concept of the question; their sentences are still ranked by the model
    cs = concepts(a, learned_abbreviations(a, sources))
    named = [rs for rs in scored if cs and not missing_concepts(a, rs, cs)]
    return named[:ENTITY_FALLBACK_K]


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
    by_model: bool = False,
) -> list[RankedSource]:
    """Run each sub-query, fuse by reciprocal rank, weight by evidence level, keep relevant sources.
    ``by_model``: a relevance model judges the sources afterwards (:func:`on_topic`); the concept rule is
    then not applied here."""
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
    cs = concepts(analysis, learned_abbreviations(analysis, hits.values()))
    ranked: list[RankedSource] = []
    for key, s in fused.items():
        src = hits[key].source
        full = source_text(hits[key])
        defined = source_abbreviations(src.record.title, src.record.text)
        named = [c.name for c in cs if c.found_in(full, defined)]
        # a concept named by an abbreviation or a synonym counts as its words ("ALS")
        rel = term_overlap(kt, _join(full, *named) if NAMED_OVERLAP else full) if kt else 1.0
        # on topic: names a concept of the question (words, expansion, synonym or acronym), or most key terms
        on_topic = bool(named) if cs else rel >= 0.3
        if kt and not on_topic and rel < 0.6 and not by_model:
            continue  # off-topic: neither the intervention nor most key terms
        level_weight = 1.0 + 0.1 * (6 - LEVEL[src.evidence.design])
        ranked.append(RankedSource(hits[key], s * level_weight * (0.5 + rel), rel, frozenset(found_by[key])))
    ranked.sort(key=lambda r: -r.score)
    return ranked[:MAX_SOURCES]
