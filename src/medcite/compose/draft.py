"""Extractive drafting: choose, trim, de-duplicate and order evidence sentences into sections."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from medcite.compose import asking, fit, kinds
from medcite.compose.asking import asks_which, mentions, title_name
from medcite.compose.candidates import (
    CONDITION_APART,
    NUMBER,
    SELECTION_CUE,
    TAGS,
    Candidate,
    Prefix,
    adjusted_only,
    attribution,
    condition_cues,
    disorder_cues,
    lower_first,
    prefixed,
    section_counts,
)
from medcite.compose.defining import defines, subject_defined
from medcite.compose.directness import QUESTION_PROCEDURE, about_patients
from medcite.compose.dosing import dosing_apart
from medcite.compose.fit import answers, closeness, off_question
from medcite.compose.kinds import names_kind, on_kind, what_it_is
from medcite.compose.layout import layout_for, primary_key
from medcite.compose.naming import JUDGING_TERMS
from medcite.compose.question import QuestionAnalysis, QuestionType
from medcite.compose.stance import ROLE_WEIGHT
from medcite.corpus.roles import alone_not_finding
from medcite.domain import Evidence, evidence_from
from medcite.domain.article import StatementKind
from medcite.text import terms
from medcite.text.cues import EQUIVALENCE, RESULT_CUE, states_aim
from medcite.text.research_calls import asks_for_research
from medcite.text.statements import presents_made, readable, trim_sentence

QUOTA: dict[str, int] = {
    "efficacy": 6,
    "findings": 6,
    "dosing": 3,
    "mechanism": 3,
    "considerations": 3,
    "safety": 5,
    "emerging": 2,
    "pitfalls": 4,
}
MAX_PER_SOURCE = 2
# sections of findings, where a sentence off the question is ranked last but may still fill the section
FINDING_SECTIONS = frozenset({"efficacy", "findings", "safety"})
# the roles of the sentences the yes/no stance is read from (a background sentence in Key Findings would
# leave the answer "uncertain": kinds.KIND_FIRST files only these)
VOTING_ROLES = frozenset(role for role, weight in ROLE_WEIGHT.items() if weight > 0)
# on: answers with no yes/no hold no off-question sentence in any section. Off: on the even half, summary
# ROUGE-2 recall was 37.6 with it, 39.1 without, 38.5 before the sentence fit (bench_bioasq --strict-floor)
STRICT_WITHOUT_STANCE = False
ROLE_ORDER = {"conclusions": 0, "results": 1, "unknown": 2, "methods": 3, "background": 4}
OPPOSITE = {"positive": "negative", "negative": "positive"}


# a question that asks for a thing: a sentence the relevance model scores under this share of the best
# sentence's score (or under LOW_FIT) is not drafted (None: off). Off: on the even half of BioASQ 7B-9B
# (bench_bioasq --set draft.ENTITY_REL_FIT=...) 0.5 raised the statements from gold documents 55.4 -> 63.4%
# but found the factoid answer in fewer articles (58.8 -> 49.6%) and cut summary ROUGE-2 47.8 -> 41.8;
# 0.25: 61.9%, 52.5%, 45.7. The model's reading of single sentences is too weak (AUC 0.70) to cut on.
ENTITY_REL_FIT: float | None = None


def on_par(cands: list[Candidate], share: float | None) -> list[Candidate]:
    """The candidates scored at ``share`` of the best score or above, and at :data:`LOW_FIT` or above
    (unscored ones stay; all of them without a share or a score, or where none is left)."""
    best = max((c.fit for c in cands if c.fit is not None), default=None)
    if share is None or best is None:
        return cands
    floor = max(fit.LOW_FIT, share * best)
    return [c for c in cands if c.fit is None or c.fit >= floor] or cands


@dataclass(frozen=True, slots=True)
class Draft:
    """A statement before verification: its text, the sentences it cites and how it was built."""

    section: str
    text: str
    core: str
    cites: tuple[Candidate, ...]
    kind: StatementKind = "support"
    prefix: Prefix | None = None

    def evidence(self) -> list[Evidence]:
        ev = [c.as_evidence() for c in self.cites]
        if self.prefix and self.prefix.evidence and self.cites:
            s, e = self.prefix.evidence
            c = self.cites[0]
            if not c.start <= s < c.end:
                ev.append(evidence_from(c.source, c.source.record.text[s:e], s))
        return ev


# no statement quotes a call for research or action ("Prospective studies are needed ...", "This article
# reviews ..."), and the dosing and protocol sections quote no aim ("To compare the analgesic effects of
# ...", which carries dose words). Found reading 20 held-out articles (5 of 80 statements). Even halves: no
# change in stance accuracy (PubMedQA 70.8%, BioASQ yes/no 61.5%) or summary ROUGE-2 (47.6); statements
# 954 -> 949 and 762 -> 757; factoid answer in the bottom line 32.8 -> 32.4% (one question).
NO_CALLS_OR_AIMS = True


# a question that asks for a thing: a background sentence the model reads as answering it (ANSWERS_FIT) is
# a finding ("Stimulator of interferon genes (STING) is an endoplasmic reticulum-localized adaptor protein"
# answers "What is the function of STING?"). Off: on the even half of BioASQ 7B-9B, summary ROUGE-2 47.6 ->
# 48.3, factoid answer in the bottom line 32.8 -> 32.4%, in the article 58.8 -> 58.8%: within noise (measured
# again 2026-12-05 with ENTITY_INTRODUCED: ROUGE-2 53.4 -> 53.6, factoid unchanged).
ENTITY_BACKGROUND = False
# a sentence in which the authors present a named thing they made is a finding of a question for a thing
# ("The authors present SLIC-CAGE, a Super-Low Input Carrier-CAGE approach to capture ...": the answer to
# "Describe SLIC-CAGE", read as methods). Even half of BioASQ 7B-9B: summary ROUGE-2 52.6 -> 53.4, factoid
# answer in the bottom line and in the article unchanged (47.5 / 61.8%).
ENTITY_INTRODUCED = True
# a result or a sentence of no known role that the relevance model reads as answering at this score or more is
# a finding of the main section, cue words or none ("Knocking down HMGB2 suffices for senescence-induced CTCF
# clustering ..." for "What is the effect of HMGB2 loss on CTCF clustering?" had no efficacy cue word: a
# tuning-half reading, 2026-12-07). Even half of BioASQ 7B-9B: summary ROUGE-2 54.6 -> 55.5; yes/no, factoid
# and PubMedQA unchanged (None: off)
FINDING_FIT: float | None = 0.9

# a sentence with words of mechanism and none of effect ("Cariprazine displays higher affinity at dopamine D3
# receptors ...") is no efficacy finding, in a yes/no answer too: it goes to the mechanism section where the
# layout has one (off: it filled the efficacy section of yes/no answers; a reading of 16 tuning-half
# articles). A word of effect keeps a sentence there ("the GLP-1 receptor agonist semaglutide reduced body
# weight": a drug class is named in mechanism words). A question that asks for a thing keeps the sentence
# that answers it best in its main section.
MECHANISM_APART = True


# Key Findings takes a finding whose cues are mostly of harms: no layout with Key Findings has a Safety
# section to file it under ("1. DBE is a safe and accurate method to diagnose small bowel disorders", the
# authors' conclusion, had been left out of every section, and the answer quoted "Two patients underwent DBE
# to exclude Crohn's disease ..." instead; tune35). Off: it goes to no section
SAFETY_IN_FINDINGS = True


def _eligible(
    section: str,
    c: Candidate,
    tags: frozenset[str],
    counts: Counter[str],
    loose: bool,
    entity: bool = False,
    mechanism_apart: bool = False,
) -> bool:
    role = c.role
    if len(c.text.split()) < 6:
        return False
    if section == "findings" and entity and ENTITY_BACKGROUND and role == "background" and answers(c):
        return c.fit is not None and counts["safety"] <= counts["efficacy"]
    if section == "findings" and entity and ENTITY_INTRODUCED and role == "methods" and presents_made(c.text):
        return answers(c) and c.fit is not None
    if section in ("efficacy", "findings"):
        if role not in ("results", "conclusions", "unknown") or (c.relevance == 0 and role == "unknown"):
            return False
        if loose and c.relevance > 0:  # yes/no and findings questions: any relevant finding
            # an adverse-event report belongs under safety, and one on how a drug acts under mechanism
            # (a sentence the model reads as off the question stays: the mechanism section would not take it)
            apart = (
                mechanism_apart and counts["mechanism"] > 0 and not counts["efficacy"] and not off_question(c)
            )
            harms_here = SAFETY_IN_FINDINGS and section == "findings"
            return (harms_here or counts["safety"] <= counts["efficacy"]) and not (
                section == "efficacy" and apart
            )
        other = max(counts["safety"], counts["pitfalls"])
        read = FINDING_FIT is not None and c.fit is not None and c.fit >= FINDING_FIT
        return ("efficacy" in tags or role == "conclusions" or read) and counts["efficacy"] >= other
    if section == "safety":  # an effect finding that mentions a harm in passing is an efficacy finding
        return (
            "safety" in tags
            and role not in ("background", "methods")
            and counts["safety"] >= counts["efficacy"]
        )
    if (
        section in ("dosing", "considerations")
        and NO_CALLS_OR_AIMS
        and role == "methods"
        and states_aim(c.text)
    ):
        return False
    if section == "dosing":
        return "dosing" in tags and role != "background"
    if section == "mechanism":
        return "mechanism" in tags and role != "methods" and c.relevance > 0
    if section == "considerations":
        return (
            "considerations" in tags
            and role in ("methods", "results", "conclusions")
            and counts["considerations"] > counts["efficacy"]
            and not (FOLLOW_UP_IS_NO_SELECTION and role != "methods" and not SELECTION_CUE.search(c.text))
        )
    if section == "emerging":
        return "emerging" in tags and role in ("conclusions", "unknown", "background")
    if section == "pitfalls":
        return (
            "pitfalls" in tags
            and role not in ("background", "methods")
            and counts["pitfalls"] > counts["efficacy"]
        )
    return False


# a result whose only consideration cue is a time point ("at the 6-month follow-up, 40% ... maintained smoking
# cessation", under Clinical Considerations in the bupropion answer) is an outcome, not patient selection
FOLLOW_UP_IS_NO_SELECTION = True


# the strongest design first, then conclusions before results (issue 9: "strongest and most direct first");
# off: conclusions of any design first (bupropion's Efficacy had opened on a case-control conclusion)
LEVEL_FIRST = True
# within a design, a study of fewer people comes after the others (unknown n keeps its place): bupropion's
# Efficacy had opened on a "Preliminary Study" of 15 veterans, ahead of trials of 707 and 629 smokers
SMALL_LAST = 30


def _small(c: Candidate) -> bool:
    return (n := c.source.evidence.sample_size) is not None and n < SMALL_LAST


def _drafting_order(c: Candidate) -> tuple[bool, int, int | bool, int | bool, float, float, int]:
    """Sentences on the question first, then stronger designs, small studies after the others of their
    design (:data:`SMALL_LAST`), conclusions before results, closer answers."""
    if LEVEL_FIRST:
        return (off_question(c), c.level, _small(c), ROLE_ORDER[c.role], -closeness(c), -c.score, c.start)
    return (off_question(c), ROLE_ORDER[c.role], c.level, _small(c), -closeness(c), -c.score, c.start)


# each study's lead sentence, then its first result with a figure (a percentage, p, CI, ratio, "significant")
# that the relevance model reads as answering the question (ANSWERS_FIT), before any study's second
# conclusion: a clinician wants what happened, with numbers, beside what the authors concluded. A
# single-trial answer (PMID 10808977, PubMedQA even half) quoted two conclusions, "additional interventions
# will be needed ..." among them, and not its result "telephone counseling promoted a significantly higher
# proportion of women having mammograms on schedule (71% vs 61%) ..."
RESULT_SECOND = True


def results_second(ranked: list[Candidate]) -> list[Candidate]:
    """``ranked`` (drafting order) with each source's first sentence and its first result sentence that
    states a result figure and answers the question (:func:`answers`) ahead of the others, order otherwise
    kept; sentences off the question stay last."""
    lead: dict[str, Candidate] = {}
    figure: dict[str, Candidate] = {}
    for c in ranked:
        if c.key not in lead:
            lead[c.key] = c
        elif c.role == "results" and c.key not in figure and RESULT_CUE.search(c.text) and answers(c):
            figure[c.key] = c
    front = {id(c) for c in (*lead.values(), *figure.values())}
    order = {id(c): i for i, c in enumerate(ranked)}
    return sorted(ranked, key=lambda c: (off_question(c), id(c) not in front, order[id(c)]))


# a sentence the model reads as off the question (under LOW_FIT) from a source it scores under this is drafted
# only when the answer has no other sentence to draft (None: off). Even halves, with cues._METHOD_CUE's aims:
# PubMedQA statements 1,077 -> 963, from the own abstract 49.1 -> 54.8%, stance 70.4 -> 71.2%; BioASQ yes/no
# statements 789 -> 766, stance 61.5%; factoid in the article 58.8 -> 58.4%, ROUGE-2 47.8 -> 47.7. Never
# drafting them: PubMedQA 936 statements (56.0% from gold), 14 "insufficient" for 8, BioASQ 60.5%.
OFF_SOURCE: float | None = 0.5


def adrift(c: Candidate) -> bool:
    """Off the question by its own score and from a source the model reads as off-topic too
    (:data:`OFF_SOURCE`)."""
    return (
        OFF_SOURCE is not None and off_question(c) and c.source_fit is not None and c.source_fit < OFF_SOURCE
    )


# a sentence of no known role that the sentence-role model, reading its words alone, takes for background, an
# aim or methods at this probability or more is no finding ("In September 2015, the FDA approved the use of
# cariprazine ..."): drafted only in an answer with no other statement (None: off); a question that asks for
# a thing keeps them. From 16 tuning-half articles (13 of 24 off-question statements; 2 of 26 on it). Even
# halves (0.9 / 0.7): PubMedQA stance 70.8 -> 70.8 / 70.4%, statements 661 -> 640 / 633, from the own
# abstract 79.0 -> 81.6 / 82.3%; BioASQ yes/no 62.9% all, statements 683 -> 569 / 524; ROUGE-2 50.7 -> 50.5
# / 49.5; factoid unchanged (34.5% / 60.5%).
NOT_FINDING: float | None = 0.9


def asks_findings(a: QuestionAnalysis) -> bool:
    """Whether background facts stay out of the answer (:data:`NOT_FINDING`): a question about patients
    (:func:`medcite.compose.directness.about_patients`) or a procedure, unless it asks for a thing or how
    something works. Other questions are answered by what the sources take as known: "Describe the
    mechanism of action of apalutamide" (on the tuning half such questions lost summary ROUGE-2), "Is
    Netrin-1 a secreted protein?" ("Netrin-1 is a secreted protein ..."), and so is a question that asks which
    class a thing belongs to (:func:`medcite.compose.kinds.asks_class`)."""
    if a.asks_entity or a.focus is QuestionType.MECHANISM or kinds.asks_class_of(a):
        return False
    named = tuple(x for x in (a.condition, a.intervention, a.outcome) if x)  # "the risk of seizures with X"
    return about_patients(a.question, a.population, named) or bool(QUESTION_PROCEDURE.search(a.question))


def background_fact(c: Candidate) -> bool:
    """A sentence of no known role that reads as background, an aim or methods (:data:`NOT_FINDING`)."""
    return NOT_FINDING is not None and c.role == "unknown" and alone_not_finding(c.text) >= NOT_FINDING


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= 0.6


def _of_the_study(c: Candidate) -> bool:
    """Whether the sentence says what the study found or did, so that the design prefix ("In a randomised
    controlled trial, ...") belongs in front of it: not a background sentence, nor an unlabelled one with no
    finding in it ("Lactobacillus gasseri BNR17 is a type of probiotic strain isolated from human breast
    milk" opens a trial of it in obesity: the trial did not establish it)."""
    if c.role == "background":
        return False
    cue = TAGS["efficacy"].search(c.text) or EQUIVALENCE.search(c.text) or NUMBER.search(c.text)
    return c.role != "unknown" or bool(cue)


def make_draft(section: str, c: Candidate, kind: StatementKind = "support") -> Draft:
    prefix = attribution(c.source) if _of_the_study(c) else Prefix("")
    text, core, prefix = prefixed(prefix, readable(c.text) or trim_sentence(c.text))
    if kind == "contrast":
        text = "In contrast, " + lower_first(text)
    return Draft(section, text, core, (c,), kind, prefix)


def extractive_drafts(a: QuestionAnalysis, cands: list[Candidate]) -> list[Draft]:
    """The default composer: pick evidence sentences per section (results and conclusions first,
    higher-level evidence first), at most ``MAX_PER_SOURCE`` per source per section, no near-duplicates, none
    that speaks as its authors."""
    if a.asks_entity:  # "Which gene ...?": the sentences that answer the question best first
        titled = asking.TITLE_NAMES and asks_which(a.question)
        # the name each source's title opens with, read once per source
        named = {c.source.key: title_name(c.source.record.title, a.question) for c in cands} if titled else {}
        dated = asking.asks_date(a.question)  # "When was X licensed?": a sentence with a date first
        ranked = sorted(
            on_par(cands, ENTITY_REL_FIT),
            key=lambda c: (
                -(dated and asking.states_date(c.text)),
                -mentions(c.text, named.get(c.source.key)),
                -closeness(c),
                ROLE_ORDER[c.role],
                -c.score,
                c.start,
            ),
        )
    else:  # sentences the model reads as off the question only fill what the others leave
        ranked = sorted(cands, key=_drafting_order)
        if RESULT_SECOND:
            ranked = results_second(ranked)
    # a sentence that still speaks as its authors once trimmed and repaired ("We believe ...") is none
    fit = [c for c in ranked if readable(c.text) is not None]
    if NO_CALLS_OR_AIMS:
        fit = [c for c in fit if not asks_for_research(trim_sentence(c.text))]  # "OBJECTIVE To examine ..."
    if (kind := what_it_is(a)) is not None:
        fit = on_kind(a, kind, fit)
    # sentences adrift are drafted only when the whole answer would have no statement without them (the
    # model misreads an abstract that says only "DBE", kept for naming every concept of the question: its
    # sentences answer); background facts only when the main section would have none without them
    kept = [c for c in fit if not adrift(c)] or fit
    kept = adjusted_only(kept)
    held = [_cues(a, c) for c in kept]  # each sentence's cues, read once for every pool below
    if asks_findings(a) and len(findings := [t for t in held if not background_fact(t[0])]) < len(held):
        primary = primary_key(a)
        drafts = _section_drafts(a, findings)
        if any(d.section == primary for d in drafts):
            return drafts
        fuller = _section_drafts(a, held)
        return fuller if any(d.section == primary for d in fuller) or not drafts else drafts
    # no fall back to the sentences adrift when those held yield no statement: an honest "no study" answer
    # (a follow-up "What about older adults?" on a study of no older adults), though a lone aim sentence
    # not adrift then leaves an answer empty whose own study the model misread ("Can computerised
    # tomography replace bone scintigraphy ...?": tried, and the follow-up answered from the wrong study)
    return _section_drafts(a, held)


# a question about a harm names it ("What is the risk of seizures with bupropion?"): a sentence that names
# that harm is a safety finding, whether or not it uses the safety cues' words (off: in the article for that
# clinical sample question a case report of a seizure was filed under Efficacy, and the gaps said no
# evidence on safety was found)
HARM_OUTCOME = True


# "tobacco dependence" in an answer about bupropion is the condition treated, no harm (candidates.
# SUBSTANCE_DISORDER)
SUBSTANCE_APART = True


def _cues(a: QuestionAnalysis, c: Candidate) -> tuple[Candidate, frozenset[str], Counter[str]]:
    """The sentence's section cues and their counts (a cue is there when it is counted: each pattern is
    run once), the question's harm counting as a safety cue."""
    counts = section_counts(c.text)
    if SUBSTANCE_APART and (counts["safety"] or counts["pitfalls"]):
        counts -= disorder_cues(c.text, set(terms(a.intervention or "")))
    if CONDITION_APART and counts["safety"] and a.focus is not QuestionType.ADVERSE:
        counts -= condition_cues(c.text, set(terms(a.condition or "")), set(terms(a.question)))
    counts["dosing"] -= dosing_apart(c.text, counts, set(terms(a.question)), a.focus is QuestionType.DOSING)
    tags = frozenset(k for k, n in counts.items() if n)
    if HARM_OUTCOME and a.focus is QuestionType.ADVERSE and a.outcome and not counts["safety"]:
        want = set(terms(a.outcome)) - JUDGING_TERMS  # "risk factor" names no harm
        if want and want <= set(terms(c.text)):
            tags, counts["safety"] = tags | {"safety"}, 1
    return c, tags, counts


# each study one statement before any study a second (issue 9: "one statement per study per point"; the
# bupropion answer quoted a 15-patient pilot twice and left out a 629-patient trial's "43 vs. 19%, OR 3.27")
ONE_PER_STUDY_FIRST = True


def _pick(
    a: QuestionAnalysis,
    section: str,
    tagged: list[tuple[Candidate, frozenset[str], Counter[str]]],
    used: set[tuple[str, int]],
    chosen_terms: list[set[str]],
    apart: bool,
) -> list[Candidate]:
    """The sentences of one section, in drafting order: at most :data:`QUOTA` of them and
    :data:`MAX_PER_SOURCE` per source, each study's first before any study's second
    (:data:`ONE_PER_STUDY_FIRST`), no near-duplicates; ``used`` and ``chosen_terms`` are updated."""
    per_source: Counter[str] = Counter()
    picked: list[Candidate] = []
    loose = a.yes_no or a.asks_entity or section == "findings"
    # what the subject of a kind question is called answers it, whatever else the sentence says
    kind = what_it_is(a) if kinds.KIND_FIRST and section in ("findings", "efficacy") else None
    # ... and so does what a thing asked to be defined is ("What is achalasia?": "Achalasia is a rare ...")
    subject = subject_defined(a.question) if section in ("findings", "efficacy") else None
    for cap in (1, MAX_PER_SOURCE) if ONE_PER_STUDY_FIRST else (MAX_PER_SOURCE,):
        for c, tags, counts in tagged:
            if len(picked) >= QUOTA[section]:
                return picked
            if (c.key, c.start) in used or per_source[c.key] >= cap:
                continue
            if off_question(c) and (
                section not in FINDING_SECTIONS or (STRICT_WITHOUT_STANCE and not a.yes_no)
            ):
                # beyond the findings, and in answers with no yes/no to vote on, only what the model reads
                # as on the question
                continue
            said = kind is not None and c.role in VOTING_ROLES and names_kind(kind, c.text)
            said = said or (subject is not None and defines(c.text, subject))
            if not said and not _eligible(section, c, tags, counts, loose, a.asks_entity, apart):
                continue
            ts = set(terms(c.text))
            if any(_similar(ts, o) for o in chosen_terms):
                continue
            used.add((c.key, c.start))
            chosen_terms.append(ts)
            per_source[c.key] += 1
            picked.append(c)
    return picked


def _section_drafts(
    a: QuestionAnalysis, tagged: list[tuple[Candidate, frozenset[str], Counter[str]]]
) -> list[Draft]:
    """The drafts of each section of the question's layout, from the sentences in drafting order with their
    cues (:func:`_cues`)."""
    used: set[tuple[str, int]] = set()
    chosen_terms: list[set[str]] = []
    drafts: list[Draft] = []
    primary = primary_key(a)
    layout = layout_for(a)
    apart = MECHANISM_APART and not a.asks_entity and "mechanism" in layout
    if subject := subject_defined(a.question):  # the sentences saying what the subject is come first
        tagged = sorted(tagged, key=lambda t: not defines(t[0].text, subject))
    for section in layout:
        if section == "gaps":
            continue
        picked = _pick(a, section, tagged, used, chosen_terms, apart)
        kind: StatementKind = "caveat" if section in ("safety", "pitfalls") else "support"
        # a question that asks for a thing has no direction to point against ("In contrast, the FDA
        # greenlighted cemiplimab to treat ... cutaneous squamous cell carcinoma" read as opposing evidence)
        if section == primary and picked and not a.asks_entity:
            drafts.extend(_with_contrasts(section, picked, kind))
        else:
            drafts.extend(make_draft(section, c, kind) for c in picked)
    return drafts


def _with_contrasts(section: str, picked: list[Candidate], kind: StatementKind) -> list[Draft]:
    """Order the primary section: the majority polarity first, the opposing evidence shown as such."""
    # only a finding the model reads as answering the question can point the other way
    polarities = [c.direction() if answers(c) else "neutral" for c in picked]
    tally = Counter(p for p in polarities if p in OPPOSITE)
    if not tally:
        return [make_draft(section, c, kind) for c in picked]
    lead_polarity = polarities[0] if polarities[0] in OPPOSITE else tally.most_common(1)[0][0]
    against = OPPOSITE[lead_polarity]
    lead = [make_draft(section, c, kind) for c, p in zip(picked, polarities, strict=True) if p != against]
    contra = [
        make_draft(section, c, "contrast") for c, p in zip(picked, polarities, strict=True) if p == against
    ]
    return lead + contra
