"""Retrieval plan: a few sub-queries per question type, run through a Searcher, merged by evidence level."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from medcite.compose.directness import grade, topic_text
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.domain import LEVEL, SearchFilters, SearchHit
from medcite.ports import Reranker, Searcher
from medcite.retrieve.hybrid import document_text
from medcite.text import CONNECTIVES, term_overlap, terms
from medcite.text.abbreviations import defined_abbreviations, with_definitions
from medcite.text.identifiers import (
    compounds,
    identifiers,
    measure_of,
    names_abbreviation,
    names_identifier,
    names_tagged,
    tagged,
)
from medcite.text.synonyms import names_any, synonyms, word_key
from medcite.text.words import common_terms, plurals

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


def _abbrevs_for(concept: str) -> list[str]:
    """Abbreviations (from the glossary) whose expansion contains ``concept``: "heart failure" -> CHF."""
    from medcite.compose.question import abbreviations

    low = concept.lower()
    return [ab for ab, exp in abbreviations().items() if len(low) > 3 and low in exp.lower()]


@dataclass(frozen=True, slots=True)
class Concept:
    """A PICO element of the question and the ways a source may name it."""

    name: str
    terms: tuple[str, ...]  # stemmed terms of the name and of the expansions of its abbreviations
    alt_terms: tuple[str, ...]  # stemmed terms of the expansions alone (a synonym)
    abbrevs: tuple[str, ...]  # abbreviations that stand for it
    parts: tuple[tuple[str, ...], ...] = ()  # "pretreatment with statins": each side of the preposition
    synonyms: tuple[frozenset[str], ...] = ()  # other wordings (MeSH entry terms), as :func:`word_key` sets
    ids: tuple[str, ...] = ()  # identifiers with a number in the name ("miR-25", "IL-6"): each must be named
    # the MeSH wordings and abbreviations of the identifiers themselves (IL-6: "Interleukin-6", "IL6"): the
    # only other names that stand for a missing identifier
    id_synonyms: tuple[frozenset[str], ...] = ()
    id_abbrevs: tuple[str, ...] = ()
    id_terms: frozenset[str] = frozenset()  # the identifiers' own terms: named with them in any spelling
    wholes: tuple[frozenset[str], ...] = ()  # each hyphenated modifier's terms, all to be named (compounds)

    def found_in(self, text: str, defined: Mapping[str, str] | None = None) -> bool:
        """Whether ``text`` names the concept: most of its words, its expansion, a head part of a
        compound ("statins" for "pretreatment with statins"), a synonym ("myocardial infarction" for
        "heart attack"), or its abbreviation. ``defined``: the abbreviations the source defines ("rhEPO"
        -> "recombinant human erythropoietin"), read as their long forms where ``text`` uses them."""
        if defined:
            text = with_definitions(text, defined)
        if self.ids and not all(names_identifier(i, text) for i in self.ids):
            if self.id_synonyms and names_any(self.id_synonyms, word_key(text)):
                return True
            return names_abbreviation(self.id_abbrevs, text)
        if not self.terms and self.ids:  # the name is its identifiers ("IL-6"): naming them is enough
            return True
        # "vitamin D" must not match "vitamin K"
        if not all(names_tagged(word, tag, text) for word, tag in tagged(self.name)):
            return names_abbreviation(self.abbrevs, text)
        have = set(terms(text)) | self.id_terms  # "SARS-CoV2" names the words of "SARS-CoV-2" too
        have |= plurals(have, self.name) if PLURALS else set()  # "trial" names "trials"
        whole = all(w <= have for w in self.wholes)  # "small-activating", not "small"
        if whole and (_enough(self.terms, have) or (self.alt_terms and _enough(self.alt_terms, have))):
            return True
        if whole and any(_enough(p, have) for p in self.parts):
            return True
        if self.synonyms and names_any(self.synonyms, word_key(text)):
            return True
        return names_abbreviation(self.abbrevs, text)


# a name of three or more terms (its expansions' included) not all common words of abstracts (text.words.
# common_terms) is named by half of them only if one named term is not common: "emergency ... programs" does
# not name "emergency ultrasound fellowship programs" (20 held-out articles: 5 of 7 statements from feedback
# surveys). Even halves: PubMedQA statements 949 -> 931, from the own abstract 55.1 -> 56.5%, stance 70.8%;
# BioASQ yes/no 757 -> 752 statements, stance 61.5 -> 61.0%; factoid and summary unchanged (58.8%, 47.6)
SPECIFIC_TERMS = True


def _enough(ts: tuple[str, ...], have: set[str]) -> bool:
    if not ts:
        return False
    hit = sum(1 for t in ts if t in have)
    if len(ts) <= 2:
        return hit == len(ts)
    if hit / len(ts) < 0.5:
        return False
    common = common_terms()
    specific = [t for t in ts if t not in common] if SPECIFIC_TERMS else []
    return not specific or any(t in have for t in specific)


# words of a question that judge rather than name (``terms`` stems: first six letters)
JUDGING_TERMS = frozenset(
    terms(
        "able efficacious effective safe safety necessary justified possible dangerous useful beneficial "
        "still need needed influence influences affect associated related consequence result results "
        "included omitted improve improves increase increased reduce reduced lower higher better worse "
        "impact predict risk factor factors clinical outcome outcomes reports relationship common"
    )
)


#: whether a concept's identifiers with a number must be named (:func:`identifiers`; a switch for measuring)
IDENTIFIERS = True
#: whether concepts carry their MeSH synonyms (a switch for measuring their effect)
USE_SYNONYMS = True
#: whether a short word names its plural and back (:func:`medcite.text.words.plurals`)
PLURALS = True
#: whether a question with no condition takes its outcome as the second concept ("Is cohesin linked to myeloid
#: differentiation?": a source must name myeloid differentiation too, not cohesin alone)
OUTCOME_CONCEPT = True


def concepts(a: QuestionAnalysis, learned: Mapping[str, str] | None = None) -> list[Concept]:
    """The intervention and the condition of the question (those that were recognised; with no condition,
    the outcome, :data:`OUTCOME_CONCEPT`). ``learned``: long forms of the question's abbreviations that the
    glossary lacks, as the retrieved sources define them (:func:`learned_abbreviations`)."""
    out: list[Concept] = []
    second = a.condition or (a.outcome if OUTCOME_CONCEPT else None)
    for name in (a.intervention, second):
        if not name:
            continue
        own = tuple(dict.fromkeys(t for t in terms(name) if t not in JUDGING_TERMS))
        ids = identifiers(name) if IDENTIFIERS else ()
        if not own and not ids:
            continue
        if ids and measure_of(name, ids):
            own = ()  # "Overexpression of Ki-67": the identifiers name it ("high Ki-67 expression")
        exp = a.expanded(name)
        extra = [lf for sf, lf in (learned or {}).items() if re.search(rf"\b{re.escape(sf)}\b", name)]
        exp = " ".join([exp, *extra])
        alt = tuple(dict.fromkeys(t for t in terms(exp[len(name) :]) if t not in own))
        pieces = re.split(r"\s+(?:with|of|for|in|on|after|during|and|or)\s+", name, flags=re.I)
        parts = tuple(
            p
            for piece in pieces
            if (p := tuple(t for t in terms(piece) if t not in JUDGING_TERMS)) and p != own
        )
        phrases = [name, exp[len(name) :].strip(), *pieces]
        syn, syn_abbrevs = _synonyms(phrases) if USE_SYNONYMS else ((), ())
        id_syn, id_abbrevs = _synonyms(ids, by_abbreviation=True) if USE_SYNONYMS else ((), ())
        abbrevs = tuple(dict.fromkeys((*_abbrevs_for(name), *_acronym(name), *syn_abbrevs, *id_abbrevs)))
        syn = tuple(dict.fromkeys((*syn, *id_syn)))
        id_terms = frozenset(terms(" ".join(ids)))
        wholes = tuple(frozenset(terms(w)) for w in compounds(name))
        out.append(Concept(name, own, alt, abbrevs, parts, syn, ids, id_syn, id_abbrevs, id_terms, wholes))
    return out


def _synonyms(
    phrases: Iterable[str], by_abbreviation: bool = False
) -> tuple[tuple[frozenset[str], ...], tuple[str, ...]]:
    """The other wordings and the abbreviations of the MeSH descriptors that ``phrases`` name;
    ``by_abbreviation``: a phrase may also be a descriptor's abbreviation ("IL-6"; only for identifiers:
    "DIC" abbreviates Dacarbazine too)."""
    vocab = synonyms()
    keys: dict[frozenset[str], None] = {}
    abbrevs: dict[str, None] = {}
    for phrase in phrases:
        d = vocab.lookup(phrase) if phrase else None
        if d is None and phrase and by_abbreviation:
            d = vocab.by_abbreviation(phrase)
        if d is None:
            continue
        keys.update((word_key(w), None) for w in d.wordings)
        abbrevs.update((ab, None) for ab in d.abbrevs)
    return tuple(k for k in keys if k), tuple(abbrevs)


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


def _acronym(name: str) -> tuple[str, ...]:
    """The initials of a multi-word name, which abstracts often use alone after defining them in the
    title: "double balloon enteroscopy" -> DBE. Judging words ("efficacious") and connectives are left out."""
    words = [
        w
        for w in re.findall(r"[A-Za-z]+", name)
        if w.lower() not in CONNECTIVES and not (set(terms(w)) & JUDGING_TERMS)
    ]
    return ("".join(w[0] for w in words).upper(),) if 2 <= len(words) <= 5 else ()


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
    for rs in sources:
        miss = [] if by_model else misses.get(id(rs), [])
        scored = MODEL_NAMES is not None and rs.model_score is not None and rs.model_score >= MODEL_NAMES
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
    if direct:
        direct, below = far_below(direct)
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
FAR_BELOW: tuple[float, float] | None = (0.7, 0.95)
ANOTHER_QUESTION = "the relevance model reads it as another question on the same words"


def far_below(direct: list[RankedSource]) -> tuple[list[RankedSource], list[RankedSource]]:
    """(kept, set aside) by :data:`FAR_BELOW`; sources without a model score are kept."""
    if FAR_BELOW is None:
        return direct, []
    low, high = FAR_BELOW
    best = max((rs.model_score for rs in direct if rs.model_score is not None), default=None)
    if best is None or best < high:
        return direct, []
    below = [rs for rs in direct if rs.model_score is not None and rs.model_score < low]
    gone = {id(rs) for rs in below}
    return [rs for rs in direct if id(rs) not in gone], below


ENTITY_FALLBACK = True  # a switch for measuring it (see on_topic)
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
        rel = term_overlap(kt, full) if kt else 1.0
        defined = source_abbreviations(src.record.title, src.record.text)
        # on topic: names a concept of the question (words, expansion, synonym or acronym), or most key terms
        on_topic = any(c.found_in(full, defined) for c in cs) if cs else rel >= 0.3
        if kt and not on_topic and rel < 0.6 and not by_model:
            continue  # off-topic: neither the intervention nor most key terms
        level_weight = 1.0 + 0.1 * (6 - LEVEL[src.evidence.design])
        ranked.append(RankedSource(hits[key], s * level_weight * (0.5 + rel), rel, frozenset(found_by[key])))
    ranked.sort(key=lambda r: -r.score)
    return ranked[:MAX_SOURCES]
