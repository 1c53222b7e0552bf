"""Assembling the article from verified statements: key conclusions and their certainty, the bottom line,
sections in layout order and reference numbers by first use (each statement as shown, with its number pins:
:mod:`medcite.compose.shown`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import replace

from medcite.compose import asking
from medcite.compose.asking import asks_which, introduces_name, mentions, title_name
from medcite.compose.candidates import Candidate
from medcite.compose.certainty import inconsistent_down
from medcite.compose.checked import Checked, Rating, Verified
from medcite.compose.defining import defines, subject_defined
from medcite.compose.draft import Draft
from medcite.compose.evidence_table import (
    evidence_rows,
    number_by_first_use,
    reference,
)
from medcite.compose.figures import FIGURE_WORDS, figures_of, with_figures
from medcite.compose.fit import answers, closeness
from medcite.compose.layout import FINDINGS_LAYOUT, TITLES, layout_for, primary_key, section_title
from medcite.compose.leads import own_conclusion, pick_bottom
from medcite.compose.leads import word_count as _words
from medcite.compose.leaning import leanings
from medcite.compose.naming import concepts
from medcite.compose.notes import for_audience, gap_notes, indirect_notes
from medcite.compose.plan import plan_queries
from medcite.compose.question import QuestionAnalysis
from medcite.compose.rating import rate
from medcite.compose.shown import shown_statement
from medcite.compose.spelling import Definition, article_definitions, spell_out, spelled_in_order
from medcite.compose.stance import NEAR_TIE, StanceResult, caveat
from medcite.compose.synthesis import StudyFinding, against_findings, shown_rows, synthesize
from medcite.domain import (
    Article,
    Audience,
    CertaintyLevel,
    CertaintyRating,
    Label,
    Provenance,
    Section,
    Statement,
    StoredSource,
    Verdict,
)
from medcite.domain.article import OutcomeSummary

BOTTOM_LINE_WORDS = 60
# a question of fact ("Which gene ...?") gets no GRADE certainty, which rates estimates of effect (a
# tuning-half reading found "very low" on 5 of 16 such answers); the evidence table still rates each study.
# Nor does a laboratory question (:data:`medcite.compose.layout.FINDINGS_LAYOUT`: "What is the role of the
# Hof1-Cyk3 interaction in yeast?" had "Certainty of evidence: very low" on a yeast finding, tune38)
UNGRADED_FACTS = True


def assemble(
    question: str,
    a: QuestionAnalysis,
    audience: Audience,
    provenance: Provenance,
    v: Verified,
    stance: StanceResult | None = None,
    found: Sequence[StudyFinding] = (),
    lead: Draft | None = None,
) -> Article:
    prim = [c for c in v.kept if c.draft.section == primary_key(a)]
    pick, ratings, supported = _bottom_pick(a, prim, v, stance, lead)
    ratings = _pick_rated_first(pick, ratings, prim, v.cross)
    bl_keys = _bottom_keys(pick, prim)
    sections_out = _sections_in_layout(a, v.kept, _lead_to_move(a, prim, v.kept, pick))
    # abbreviations written out at first use: in the bottom line, then again in the body
    shared = article_definitions([pick.draft, *(c.draft for _k, st in sections_out for c in st)])
    spelled, _defs = spell_out(pick.draft, set(), shared)
    also = None
    if a.asks_entity and stance is None and audience != "patient" and v.composer == "extractive":
        once = dict.fromkeys(bl_keys, 1)
        one = _bottom_text(a, None, ratings[0][1], pick, bool(supported), bl_keys, once, "", spelled)
        also = _second_answer(a, pick, supported, shared, _words(one)) if pick in supported else None
    also_keys = [] if also is None else [also[0].draft.cites[0].key]
    order = number_by_first_use(
        [bl_keys + also_keys, *[[c.key for s in st for c in s.draft.cites] for _k, st in sections_out]]
    )
    sof, synopsis = synthesize(a, {c.draft.cites[0].key for c in prim}, found, order)
    if lead is not None and pick.draft is lead:  # what the subject is answers, not studies of it
        synopsis = ""
    stance = against_findings(question, stance, sof[0] if synopsis else None)
    if stance is not None and stance.inconsistent:  # a near tie, or the counted findings read otherwise
        ratings, sof = _split_graded(ratings, sof, bool(synopsis), stance.split)
    # the bottom line states the certainty of the summary of findings, else of the conclusion it quotes
    level = sof[0].certainty if synopsis else ratings[0][1]
    graded = not (UNGRADED_FACTS and (a.asks_entity or layout_for(a) == FINDINGS_LAYOUT) and stance is None)
    bottom = _bottom_text(a, stance, level, pick, bool(supported), bl_keys, order, synopsis, spelled, graded)
    if figure := "" if a.asks_entity else figures_of(pick, supported, leanings(a.question, stance)[1]):
        bottom = with_figures(bottom, figure, order[bl_keys[0]], BOTTOM_LINE_WORDS + FIGURE_WORDS)
    if also is not None:
        bottom = _with_second(bottom, also[1], f"[{order[also_keys[0]]}]")
    sections, details = _body(a, sections_out, ratings, order, shared)
    cited = [s for k in order for s in [_source_of(k, v.kept)] if s is not None]
    gaps = gap_notes(a, [k for k, _ in sections_out], cited, v.sources) + indirect_notes(v.indirect)
    sections += [_gaps(a, gaps)] if gaps else []
    table = evidence_rows(cited, order, sections, details)
    art = Article(
        question=question,
        audience="clinician",
        bottom_line=bottom,
        stance=None if stance is None else stance.stance,
        certainty=level if graded else None,
        sections=tuple(sections),
        references=tuple(reference(order[s.key], s) for s in cited),
        provenance=provenance,
        analysis=a.summary(tuple(q.query for q in plan_queries(a))),
        certainty_details=details if graded else (),
        bottom_line_citations=tuple(order[k] for k in bl_keys + also_keys),
        stance_reasons=() if stance is None else stance.reasons,
        composer=v.composer,
        dropped=v.dropped,
        evidence_table=table,
        summary_of_findings=shown_rows(sof) if graded else (),  # GRADE rates effects, not facts
    )
    return for_audience(art, audience)


def _body(
    a: QuestionAnalysis,
    sections_out: list[tuple[str, list[Checked]]],
    ratings: list[Rating],
    order: dict[str, int],
    shared: Mapping[str, Definition],
) -> tuple[list[Section], tuple[CertaintyRating, ...]]:
    """The sections and the key conclusions as shown, each abbreviation written out at its first use in
    the body (the bottom line writes its own out again)."""
    body = spelled_in_order((c.draft for _k, st in sections_out for c in st), shared)
    shown = {id(c): shown_statement(c, order, body.get(id(c.draft))) for _k, st in sections_out for c in st}
    sections = [Section(k, section_title(a, k), tuple(shown[id(c)] for c in st)) for k, st in sections_out]
    details = []
    for c, lvl, reasons, srcs in ratings:
        st = shown.get(id(c)) or shown_statement(c, order, body.get(id(c.draft)))
        rated = [order[s.key] for s in srcs if s.key in order]
        own = tuple(n for n in rated if n in st.citations) or tuple(rated[:1])
        details.append(CertaintyRating(st.text, lvl, reasons, own, tuple(n for n in rated if n not in own)))
    return sections, tuple(details)


def _bottom_pick(
    a: QuestionAnalysis, prim: list[Checked], v: Verified, stance: StanceResult | None, lead: Draft | None
) -> tuple[Checked, list[Rating], list[Checked]]:
    """The statement the bottom line quotes, the key conclusions rated (the first three leads), and the
    statements their sources fully support (the bottom line quotes only one of those)."""
    lead_pool = [c for c in prim if c.draft.kind == "support"] or prim or v.kept
    # which of the intervention and the condition each statement names, read once
    cs = concepts(a)[:2]
    names = {id(c): [x.found_in(c.draft.text) for x in cs] for c in lead_pool}
    # key conclusions: statements naming the intervention and the condition first (stable otherwise)
    lead_pool = sorted(lead_pool, key=lambda c: -sum(names[id(c)]))
    ratings = [rate(c, prim, v.cross) for c in lead_pool[:3]]
    # the bottom line quotes only a statement its source fully supports; otherwise it says why not
    supported = [r[0] for r in ratings if r[0].verdict.label is Label.SUPPORTED]
    supported += [c for c in lead_pool if c.verdict.label is Label.SUPPORTED and c not in supported]
    # a statement that decided the answer (what the subject is, for a kind question) is the one quoted
    led = [c for c in supported if lead is not None and c.draft is lead]
    leans_along, leans_against = leanings(a.question, stance)
    opposed = _leaning_against(supported, leans_along, leans_against) if STUDY_AGAINST else set()
    against = leans_against if NO_QUOTE_AGAINST else set()
    along = leans_along if ALONG_FIRST else set()
    pool = [c for c in supported if c.draft.core not in against] or supported
    pool = [c for c in pool if c.draft.cites[0].key not in opposed] or pool
    if NAMES_ANSWER and a.asks_entity and asks_which(a.question) and asking.named_kind(a.question):
        if asking.TITLE_NAMES:  # the name a source's title opens with ("Arioc: GPU-accelerated ...")
            pool = [c for c in pool if mentions(c.draft.core, title_name(_title(c), a.question))] or pool
        kind_first = bool(cs) and asked_kind(a.question, cs[0].name)
        pool = _answer_named(pool, names, a.question, kind_first)
    if a.asks_entity and asking.asks_date(a.question):  # "When was X licensed?": a sentence with a date
        pool = [c for c in pool if asking.states_date(c.draft.core)] or pool
    if COUNT_FIRST and a.asks_entity and (noun := asking.counted_noun(a.question)):
        pool = [c for c in pool if asking.states_count(c.draft.core, noun)] or pool  # "How many genes ...?"
    if subject := subject_defined(a.question):  # "What is achalasia?": a sentence saying what it is
        pool = [c for c in pool if defines(c.draft.core, subject)] or pool
    pick = led[0] if led else _choose_bottom(pool, names, ratings[0][0], stance, a.asks_entity, along)
    return pick, ratings, supported


# a question naming the kind of thing it asks for ("Which database ...?") is answered by a statement opening
# with a name it does not use ("3DSNP is a valuable resource ...": :func:`_answer_named`); off: the closest.
# BioASQ 7B-9B factoid, even half: answer in the bottom line 44.5 -> 45.0% (+3; -2 that say "JAK1", "XLH")
NAMES_ANSWER = True
# ... nor name the first concept where it is the kind asked for ("Which deep learning algorithm ...?": "A
# deep convolutional neural network can call ..." had been quoted over "DeepVariant can learn to call ...")
KIND_NOT_SUBJECT = True


def _title(c: Checked) -> str:
    return c.draft.cites[0].source.record.title


def asked_kind(question: str, name: str) -> bool:
    """Whether the concept ``name`` is (part of) the kind of thing asked for ("Which deep learning algorithm
    ...?": "DeepVariant can learn to call variants ..." need not say "deep learning")."""
    return bool(re.match(rf"^\s*(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(name)}\b", question, re.I))


def _answer_named(
    pool: list[Checked], names: dict[int, list[bool]], question: str, kind_first: bool = False
) -> list[Checked]:
    """The statements of ``pool`` that open with a name the question does not use (:func:`introduces_name`)
    and name its first concept where another does (unless it is the kind asked for: ``kind_first``), before
    those restating the question; all of ``pool`` where none does."""
    subject = not (KIND_NOT_SUBJECT and kind_first) and any(names[id(c)][:1] == [True] for c in pool)
    named = [c for c in pool if (names[id(c)][:1] == [True] or not subject)]
    return [c for c in named if introduces_name(c.draft.core, question)] or pool


# the bottom line of a yes or no answer does not quote a statement that the stance reader reads as leaning
# the other way, where there is another ("No" to "Are serum leptin levels a prognostic factor in advanced
# lung cancer?" had quoted "... significantly lower in lung cancer patients ..."; off: any supported one)
NO_QUOTE_AGAINST = True
# ... nor another sentence of a study whose quoted sentences lean only the other way ("Neonatologists should
# incorporate SGA into the risk assessment" beside the same meta-analysis's "SGA was associated with increased
# odds of ... ROP", for a "No" read from a cohort's "being SGA was not a significant risk factor"; a
# tuning-half reading, 2026-12-07). Off: its other sentences may be quoted
STUDY_AGAINST = True


def _leaning_against(supported: list[Checked], along: Set[str], against: Set[str]) -> set[str]:
    """The sources of ``supported`` with a sentence leaning against the answer and none leaning its way."""
    along_keys = {c.draft.cites[0].key for c in supported if c.draft.core in along}
    return {c.draft.cites[0].key for c in supported if c.draft.core in against} - along_keys


# ... and, among the candidates of the strongest design, quotes one that the reader read as leaning its way,
# where there is one (off: any of them)
ALONG_FIRST = True
# "How many genes ...?": the bottom line quotes a statement that counts the asked noun where one does
# (:func:`medcite.compose.asking.states_count`; tune34: "How many doses of vaxchora are required?" had quoted
# a review's selection of studies over "the reformulated, single-dose oral CVD 103-HgR cholera vaccine");
# off: any statement
COUNT_FIRST = True


def _choose_bottom(
    supported: list[Checked],
    names: dict[int, list[bool]],
    key_check: Checked,
    stance: StanceResult | None,
    entity: bool = False,
    along: Set[str] = frozenset(),
) -> Checked:
    """The statement the bottom line quotes: a fully supported one, preferring statements that name the
    intervention (a vitamin K result is no answer on vitamin D) and the condition too (a statin result in
    peripheral arterial disease is no answer on stroke). A question that asks for a thing ("Which gene
    ...?") takes the statement naming every concept (:data:`NAMED_FIRST`) whose words overlap the question
    most, whatever its design; a yes/no answer prefers one leaning its way (``along``:
    :func:`medcite.compose.leads.pick_bottom`)."""
    if not supported:
        return key_check
    longest = (
        "Uncertain (very low certainty). " if stance is not None else " Certainty of evidence: very low."
    )
    budget = BOTTOM_LINE_WORDS - _words(longest) - 8
    # naming both concepts, or the intervention in a sentence the relevance model reads as answering the
    # question ("continuous smoking abstinence rates were higher with bupropion" for "smoking cessation")
    named = [c for c in supported if all(names[id(c)][:1])]
    every = [c for c in named if all(names[id(c)])] if ALL_NAMED_FIRST and not entity else []
    both = every or [c for c in named if all(names[id(c)]) or answers(c.draft.cites[0])]
    pool = both or named or supported
    if entity:  # naming every concept first (NAMED_FIRST), then the closest answer
        fits = [c for c in pool if _words(c.draft.text) <= budget or _words(c.draft.core) <= budget]
        return max(
            fits or pool,
            key=lambda c: (
                NAMED_FIRST and all(names[id(c)]),
                closeness(c.draft.cites[0]) + _overlap_bonus(c.draft.cites[0]),
            ),
        )
    if stance is not None and stance.split:
        budget -= len(NEAR_TIE.split())  # the bottom line then says so
    return own_conclusion(
        pick_bottom(pool, budget, along), supported, budget, along, yes_no=stance is not None
    )


# statements naming both concepts before those the relevance model reads as answering with one of them
# (tune32: "Has ubrogepant entered clinical phase III trials?" had quoted a phase IIb trial's conclusion over
# "Two pivotal phase III clinical trials (ACHIEVE I and ACHIEVE II) demonstrated ..."); off: both alike
ALL_NAMED_FIRST = True
# a question that asks for a thing: among the bottom line's candidates, one that names every concept of the
# question before one the relevance model reads as closer but that misses one ("SELANSI runs under the MATLAB
# environment" before "This work presents SELANSI ..., a software toolbox" for "Under which environment does
# SELANSI run?"); off: the closest
NAMED_FIRST = True
# ... and among those, the relevance model's closeness plus this weight times the sentence's word overlap with
# the question. BioASQ 7B-9B factoid, even half: answer in the bottom line 122 -> 125 of 238 at 0.3, 0.5 and
# 1.0 alike, none lost (0: off)
ENTITY_OVERLAP = 0.3
# a question that asks for a thing ("Which molecule is targeted by olaratumab?") is answered in the bottom
# line by its best sentence and another source's that names the subject and that the relevance model reads
# as answering (SECOND_FIT), within SECOND_WORDS; clinician articles of the extractive composer only
SECOND_ANSWER = True
SECOND_FIT = 0.8
SECOND_WORDS = 90


def _overlap_bonus(c: Candidate) -> float:
    """:data:`ENTITY_OVERLAP` times the sentence's word overlap with the question, for a sentence the
    relevance model scored (an unscored one's closeness is its overlap less 1)."""
    return ENTITY_OVERLAP * c.relevance if c.fit is not None else 0.0


def _second_answer(
    a: QuestionAnalysis, pick: Checked, supported: list[Checked], shared: Mapping[str, Definition], used: int
) -> tuple[Checked, str] | None:
    """The bottom line's second answer to a kind question and its wording (abbreviations written out where
    that fits): the fully supported statement of another source that names the subject and answers
    closest, at :data:`SECOND_FIT` or more, if it fits beside the ``used`` words; None otherwise."""
    if not SECOND_ANSWER:
        return None
    key, subject = pick.draft.cites[0].key, concepts(a)[:1]
    if (defined := subject_defined(a.question)) and defines(pick.draft.core, defined):
        # a definition is followed by another, not by a methods sentence ("What is CVT-301?", tune21)
        supported = [c for c in supported if defines(c.draft.core, defined)]
    best = max(
        (
            c
            for c in supported
            if c.draft.cites[0].key != key
            and c.draft.cites[0].fit is not None
            and closeness(c.draft.cites[0]) >= SECOND_FIT
            and all(x.found_in(c.draft.text) for x in subject)
        ),
        key=lambda c: closeness(c.draft.cites[0]),
        default=None,
    )
    if best is None:
        return None
    spelled, _defs = spell_out(best.draft, set(), shared)
    fits = [
        t for t in (spelled.text, best.draft.text, best.draft.core) if used + _words(t) + 1 <= SECOND_WORDS
    ]
    return (best, fits[0]) if fits else None  # + 1: its citation


def _with_second(bottom: str, body: str, cite: str) -> str:
    """The bottom line with the second answer after the quoted statement, before the certainty if any."""
    head, sep, tail = bottom.rpartition(" Certainty of evidence:")
    return f"{head} {body.rstrip('.')} {cite}.{sep}{tail}" if sep else f"{bottom} {body.rstrip('.')} {cite}."


def _pick_rated_first(
    pick: Checked, ratings: list[Rating], prim: list[Checked], cross: list[tuple[Draft, str, Verdict]]
) -> list[Rating]:
    """The certainty stated is the certainty of the conclusion the bottom line quotes: rated first, by the
    same rule as the other key conclusions (the agreeing studies of the primary section count; rated on its
    own citations alone, a trial that two others agree with read "a single study")."""
    rated = next((r for r in ratings if r[0] is pick), None)
    if rated is None:
        return [rate(pick, prim, cross), *ratings[:2]]
    return [rated, *(r for r in ratings if r is not rated)]


# the bottom line's statement opens the main section when no other is filed there and it is "Key Findings":
# "PF-05190457 is a well-tolerated first-in-class ghrelin receptor inverse agonist with acceptable
# pharmacokinetics for oral daily dosing" had stood alone under Dosing (tune38); not "Efficacy" (an
# independent review: mechanism statements of "Is palbociclib effective for glioblastoma?" had moved there).
# Off: its cues decide
LEAD_IN_MAIN = True


def _lead_to_move(
    a: QuestionAnalysis, prim: list[Checked], kept: list[Checked], pick: Checked
) -> Checked | None:
    """The bottom line's statement where it opens the main section (:data:`LEAD_IN_MAIN`): no statement is
    filed there, and the section is "Key Findings" (not "Efficacy": a mechanism is no efficacy)."""
    generic = section_title(a, primary_key(a)) == TITLES["findings"]
    return pick if generic and not prim and any(c is pick for c in kept) else None


def _sections_in_layout(
    a: QuestionAnalysis, kept: list[Checked], lead: Checked | None = None
) -> list[tuple[str, list[Checked]]]:
    """The sections of the layout that hold statements, in order; ``lead`` (the bottom line's statement, where
    the main section holds none) in the main section (:data:`LEAD_IN_MAIN`)."""
    main = primary_key(a)
    moved = lead if LEAD_IN_MAIN and lead is not None else None
    out: list[tuple[str, list[Checked]]] = []
    for key in layout_for(a):
        if key == "gaps":
            continue
        stmts = [c for c in kept if c.draft.section == key and c is not moved]
        stmts = [moved, *stmts] if moved is not None and key == main else stmts
        if stmts:
            out.append((key, stmts))
    return out


def _gaps(a: QuestionAnalysis, gaps: Sequence[str]) -> Section:
    return Section("gaps", section_title(a, "gaps"), tuple(Statement(g, (), None, kind="gap") for g in gaps))


def _split_graded(
    ratings: list[Rating], sof: tuple[OutcomeSummary, ...], main_row: bool, split: bool
) -> tuple[list[Rating], tuple[OutcomeSummary, ...]]:
    """An answer against part of its evidence (:func:`.certainty.inconsistent_down`) grades down the quoted
    key conclusion and, where it answers the question (``main_row``), the summary of findings' main row."""
    c, lvl, why, srcs = ratings[0]
    lvl, why = inconsistent_down(lvl, why, split)
    if main_row and sof:
        row_level, row_why = inconsistent_down(sof[0].certainty, sof[0].reasons, split)
        sof = (replace(sof[0], certainty=row_level, reasons=row_why), *sof[1:])
    return [(c, lvl, why, srcs), *ratings[1:]], sof


def _bottom_keys(pick: Checked, prim: list[Checked]) -> list[str]:
    """The bottom line's sources: the quoted statement's, then one that points the other way ("some
    studies point the other way"), never the quoted one itself."""
    key = pick.draft.cites[0].key
    against = [c.draft.cites[0].key for c in prim if c.draft.kind == "contrast"]
    return [key, *[k for k in against if k != key][:1]]


def _bottom_text(
    a: QuestionAnalysis,
    stance: StanceResult | None,
    level: CertaintyLevel,
    pick: Checked,
    supported: bool,
    bl_keys: list[str],
    order: dict[str, int],
    synopsis: str = "",
    spelled: Draft | None = None,
    graded: bool = True,
) -> str:
    head = "" if stance is None else f"{stance.stance.capitalize()} ({level} certainty). "
    tail = f" Certainty of evidence: {level}." if stance is None and graded else ""
    extra = f" Some studies point the other way [{order[bl_keys[1]]}]." if len(bl_keys) > 1 else ""
    if stance is not None and stance.inconsistent:
        extra += " " + caveat(stance)
    if supported:
        ds = (pick.draft,) if spelled is None else (spelled, pick.draft)
        return _bottom_line(head, ds, f"[{order[bl_keys[0]]}]", tail + extra, synopsis)
    so = f", so certainty is {level}" if graded else ""
    why = (
        f"No key finding is fully supported by its cited source, only in part{so}; "
        f"see {section_title(a, pick.draft.section)} [{order[bl_keys[0]]}]."
    )
    return f"{head}{synopsis}{why}{tail}{extra}".strip()


def _bottom_line(head: str, ds: Sequence[Draft], cite: str, tail: str, synopsis: str = "") -> str:
    """The head ("Yes (low certainty). "), the summary of findings in one sentence, then the quoted
    statement within :data:`BOTTOM_LINE_WORDS` together with the head and tail: the first of ``ds`` (the
    statement with its abbreviations written out, then as quoted) that fits whole, with its design prefix
    if it fits, else its core; else the last one's core, cut."""
    budget = BOTTOM_LINE_WORDS - _words(head) - _words(tail) - 1
    head += synopsis
    for body in [d.text for d in ds] + [d.core for d in ds]:
        if _words(body) <= budget:
            return f"{head}{body.rstrip('.')} {cite}.{tail}".strip()
    cut = " ".join(ds[-1].core.split()[: max(budget, 5)]).rstrip(",;:.")
    return f"{head}{cut}… {cite}.{tail}".strip()


def _source_of(key: str, kept: list[Checked]) -> StoredSource | None:
    return next((c.source for k in kept for c in k.draft.cites if c.key == key), None)
