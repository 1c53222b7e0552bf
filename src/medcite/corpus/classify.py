"""Evidence classification of a source: study design, sample size, and whether the subjects are human.

Design, strongest evidence wins (see :data:`medcite.domain.LEVEL`):

1. Publication types (NLM): Practice Guideline / Guideline -> GUIDELINE; Meta-Analysis / Systematic Review /
   Network Meta-Analysis -> META_ANALYSIS; Randomized Controlled Trial -> RCT; Controlled Clinical Trial,
   Clinical Trial (any phase), Observational Study, Comparative Study, Multicenter Study, Twin Study,
   Validation/Evaluation Study -> OBSERVATIONAL (it means "non-randomised or observational"); Case Reports ->
   CASE_SERIES; Review -> REVIEW; any "..., Veterinary" type -> ANIMAL; Editorial, Comment, Letter, News,
   Published Erratum... (and no study type) -> OTHER.
2. MeSH study-design descriptors (not the "... as Topic" ones): Case-Control Studies -> CASE_CONTROL; Cohort,
   Prospective, Retrospective, Cross-Sectional, Longitudinal, Follow-Up Studies -> OBSERVATIONAL.

   The text sharpens a coarse index term (``inferred=True``): a trial of unstated allocation, or a design
   from MeSH alone ("Prospective Studies" is given to trials too, and is all the screening sets carry),
   whose title or abstract says it was randomised is an RCT (a "Comparative Study": when the title says
   so); a "Review" that is a systematic review (its title says so, or its abstract names one and a
   literature search) is META_ANALYSIS, and so is a design from MeSH alone whose abstract searched a named
   bibliographic database for a meta-analysis of its own; a cost-effectiveness or decision-analytic model
   whose design comes from MeSH alone ("Case-Control Studies" describes its inputs) is OTHER.
   :func:`indexed_design` gives this design, or None where the indexing decides nothing (the design
   benchmark's truth).
3. Only when neither decides (e.g. the JSONL corpora, which have no publication types): cues in the title and
   abstract, with ``inferred=True``, read sentence by sentence; a sentence that calls for future research
   ("further randomized trials are needed") is skipped. A comment or erratum title -> OTHER; a title that
   presents a guideline (not one about guidelines) -> GUIDELINE unless a trial or a report is named; then
   "meta-analysis"/"systematic review" -> META_ANALYSIS; an economic or decision model -> OTHER; a review
   ("this review", "we review", a review title) -> REVIEW unless cases are reported; a case report or series
   -> CASE_SERIES unless a trial or a case-control study is named; otherwise the strongest of "randomly
   assigned" (RCT), "case-control"/"case-referent" (CASE_CONTROL), "cohort", "retrospective", "phase II
   trial", "qualitative interviews" (OBSERVATIONAL). Without any cue: a count of people studied ("120
   patients") -> OBSERVATIONAL; an abstract of four or more sentences without a single digit -> REVIEW.
   The cue lists are in :mod:`medcite.text.cues`, the animal and human words in :mod:`medcite.text.words`.

The text model never answers ANIMAL for a text about people alone (:mod:`medcite.corpus.subjects`).
Non-human subjects override the design: MeSH "Animals" without "Humans", or (without MeSH) a title that
names animals as the subjects ("in adult Wistar rats"), or animal and laboratory cues (animal words, strains,
cell lines, "in vitro", "murine model") that outnumber the words for people by more than one, give ANIMAL.

The sample size is read by :mod:`medcite.corpus.sample_size`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from medcite.corpus.design_model import model_design
from medcite.corpus.sample_size import NUMBER_WORDS, counts_people, sample_size
from medcite.corpus.subjects import human as subject_human
from medcite.corpus.subjects import people_only
from medcite.domain import LEVEL, Design, EvidenceInfo, SourceRecord, StoredSource
from medcite.text import (
    rough_sentences,
)
from medcite.text.design_cues import (
    ABOUT_GUIDELINES,
    BLINDED_CONTROLLED_CUE,
    CASE_CONTROL_CUE,
    CASE_SERIES_CUE,
    ECONOMIC_MODEL,
    FUTURE_RESEARCH,
    GUIDANCE_CUE,
    GUIDELINE_TITLE,
    LITERATURE_SEARCH,
    META_ANALYSIS_CUE,
    NAMED_DATABASE,
    NAMES_NON_HUMAN,
    NOT_A_STUDY_TITLE,
    NOT_A_TRIAL,
    OBSERVATIONAL_CUE,
    POOLED_ESTIMATE,
    RANDOMISED,
    RCT_CUE,
    RCT_TITLE,
    REVIEW_CUE,
    REVIEW_TITLE,
    TRIAL_CUE,
    UNRANDOMISED_CUE,
)
from medcite.text.words import plain_dashes

_PUBTYPE_DESIGN: dict[str, Design] = {
    "practice guideline": Design.GUIDELINE,
    "guideline": Design.GUIDELINE,
    "meta-analysis": Design.META_ANALYSIS,
    "network meta-analysis": Design.META_ANALYSIS,
    "systematic review": Design.META_ANALYSIS,
    "randomized controlled trial": Design.RCT,
    "controlled clinical trial": Design.OBSERVATIONAL,
    "clinical trial": Design.OBSERVATIONAL,
    "clinical trial, phase i": Design.OBSERVATIONAL,
    "clinical trial, phase ii": Design.OBSERVATIONAL,
    "clinical trial, phase iii": Design.OBSERVATIONAL,
    "clinical trial, phase iv": Design.OBSERVATIONAL,
    "pragmatic clinical trial": Design.OBSERVATIONAL,
    "equivalence trial": Design.OBSERVATIONAL,
    "adaptive clinical trial": Design.OBSERVATIONAL,
    "observational study": Design.OBSERVATIONAL,
    "comparative study": Design.OBSERVATIONAL,
    "multicenter study": Design.OBSERVATIONAL,
    "twin study": Design.OBSERVATIONAL,
    "validation study": Design.OBSERVATIONAL,
    "evaluation study": Design.OBSERVATIONAL,
    "case reports": Design.CASE_SERIES,
    "review": Design.REVIEW,
}
# Not studies: with one of these and no study type, the design is OTHER without looking at the text.
_NON_STUDY_TYPES = frozenset(
    {"published erratum", "retraction of publication", "editorial", "comment", "letter", "news", "biography",
     "interview", "congress", "lecture", "portrait", "historical article"}
)  # fmt: skip
_TRIAL_TYPES = frozenset(k for k in _PUBTYPE_DESIGN if "trial" in k and k != "randomized controlled trial")
_MESH_DESIGN: dict[str, Design] = {
    "case-control studies": Design.CASE_CONTROL,
    "cohort studies": Design.OBSERVATIONAL,
    "prospective studies": Design.OBSERVATIONAL,
    "retrospective studies": Design.OBSERVATIONAL,
    "cross-sectional studies": Design.OBSERVATIONAL,
    "longitudinal studies": Design.OBSERVATIONAL,
    "follow-up studies": Design.OBSERVATIONAL,
}

# the study designs the text can name, with cheap substring checks that must pass before the regex runs
_TEXT_CUES: tuple[tuple[Design, re.Pattern[str], tuple[str, ...]], ...] = (
    (Design.META_ANALYSIS, META_ANALYSIS_CUE, ("analys", "systematic")),
    (Design.RCT, RCT_CUE, ("random",)),
    (Design.RCT, BLINDED_CONTROLLED_CUE, ("blind", "mask")),
    (Design.CASE_CONTROL, CASE_CONTROL_CUE, ("case",)),
    (
        Design.OBSERVATIONAL,
        OBSERVATIONAL_CUE,
        ("cohort", "retrospectiv", "prospectiv", "cross-sectional", "observational", "population-based",
         "longitudinal", "chart review", "registry", "randomi", "phase", "qualitative", "interview",
         "focus group", "survey"),
    ),
    (
        Design.CASE_SERIES,
        CASE_SERIES_CUE,
        ("case", "-old", "we report", "we describe", "we present", "authors report", "authors describe",
         "authors present", "a patient with"),
    ),
)  # fmt: skip
_ECONOMIC_KEYS = ("cost", "decision", "markov", "simulation", "economic")
_REVIEW_KEYS = ("review", "summari", "discusses")
_NOT_RANDOMISED_MESH = frozenset({"retrospective studies", "cross-sectional studies"})
_DIGIT = re.compile(r"\d")

# Step 3 (no indexing): how the text decides (measured in bench/bench_design.py, chosen out-of-fold on the
# MEDLINE tuning half by training/train_design.py). "combined" keeps every answer the cue rules give (they
# won wherever they answered) and asks the model where they find no cue in an abstract, never for an RCT.
TEXT_DESIGN = "combined"
_NOT_WITHOUT_CUE = frozenset({Design.RCT})
# a MeSH-only observational design whose abstract searched a named bibliographic database and states a
# meta-analysis is one (PubMedQA 28006766 of the 1,000 PubMedQA records, none of the MEDLINE records of
# bench_design, whose truth this refinement is part of; off: not)
MESH_META = True
# Equal evidence levels: the more specific design wins (a "case-control" cue beats "observational").
_TIE_ORDER = [Design.CASE_CONTROL, *(d for d in Design if d != Design.CASE_CONTROL)]


def classify(record: SourceRecord, text_design: str = TEXT_DESIGN) -> EvidenceInfo:
    """Study design, sample size and human/non-human subjects of ``record``. ``text_design`` says how step 3
    decides where the indexing does not: "rules" (the cue rules alone), "model" (the trained classifier
    alone, :mod:`medcite.corpus.design_model`) or "combined" (see :data:`TEXT_DESIGN`)."""
    text = record.text
    human = subject_human(record, text)
    # non-human subjects give ANIMAL whatever step 3 says: the model is not asked
    design, inferred = _design(record, text, "rules" if human is False else text_design, human)
    if human is False:
        design = Design.ANIMAL
    return EvidenceInfo(design=design, inferred=inferred, sample_size=sample_size(text), human=human)


def indexed_design(record: SourceRecord, refine: bool = True) -> Design | None:
    """The design that NLM's indexing gives: rules 1 and 2 (publication types, then MeSH design
    descriptors; ANIMAL for a "..., Veterinary" type or MeSH "Animals" without "Humans"), or None when it
    does not decide (no indexing, or only "Journal Article" and the like). With ``refine`` (what
    :func:`classify` does), the text sharpens a coarse index term as rule 1 describes (a "Clinical Trial"
    that says it was randomised is an RCT); without it no text is read."""
    descriptors = {m.descriptor for m in record.mesh}
    if "Animals" in descriptors and "Humans" not in descriptors:
        return Design.ANIMAL
    found = _indexed(record, record.text, refine)
    return found[0] if found else None


def _design(record: SourceRecord, text: str, mode: str, human: bool | None = None) -> tuple[Design, bool]:
    found = _indexed(record, text, refine=True)
    if found is not None:
        return found
    inferred = _infer_design(record.title, text)
    if mode == "model" and (record.title.strip() or text.strip()):
        return model_design(record.title, text, inferred, exclude=_not_animal(record, text, human))[0], True
    if mode == "combined" and inferred is None and text.strip():
        # the rules found no cue in an abstract: the model decides, but not RCT (no randomisation cue)
        exclude = _NOT_WITHOUT_CUE | _not_animal(record, text, human)
        return model_design(record.title, text, None, exclude=exclude)[0], True
    return (inferred, True) if inferred is not None else (Design.OTHER, not record.publication_types)


def _not_animal(record: SourceRecord, text: str, human: bool | None) -> frozenset[Design]:
    """ANIMAL, for a text about people with no animal or laboratory cue (no animal study, whatever the model
    guesses: "Patients were also evaluated by using the Parkinson Disease Questionnaire", a tuning-half
    reading); else nothing. Read only when the model is asked."""
    return frozenset({Design.ANIMAL}) if human and people_only(record, text) else frozenset()


def text_rules_design(title: str, text: str) -> Design | None:
    """What the text cue rules of step 3 say (None: no cue), the model's ``rule`` feature."""
    return _infer_design(title, text)


def _indexed(record: SourceRecord, text: str, refine: bool) -> tuple[Design, bool] | None:
    types = [t.lower() for t in record.publication_types]
    if any(t.endswith(", veterinary") for t in types):
        return Design.ANIMAL, False
    by_type = _best(_PUBTYPE_DESIGN[t] for t in types if t in _PUBTYPE_DESIGN)
    by_mesh = _best(_MESH_DESIGN[d] for m in record.mesh if (d := m.descriptor.lower()) in _MESH_DESIGN)
    best = _best(d for d in (by_type, by_mesh) if d is not None)
    if best is None:
        return (Design.OTHER, False) if any(t in _NON_STUDY_TYPES for t in types) else None
    if refine:
        refined = _refine(best, by_type, types, record, text)
        if refined is not None:
            return refined, True
    return best, False


def _refine(
    best: Design, by_type: Design | None, types: list[str], record: SourceRecord, text: str
) -> Design | None:
    """A sharper design than the index terms give, where the title and abstract state it; else None."""
    title = record.title
    model = by_type is None and _mentions(f"{title} {text}".lower(), _ECONOMIC_KEYS)
    model = model and _states(ECONOMIC_MODEL, title, text)
    if model and _economic_model(title, _sentences(title, text), _states(RCT_CUE, "", text)):
        return Design.OTHER  # a model: MeSH design terms describe its inputs ("Case-Control Studies")
    if best == Design.OBSERVATIONAL and "observational study" not in types:
        trial = any(t in _TRIAL_TYPES for t in types)
        if by_type is None or trial:  # MeSH only ("Prospective Studies"), or a trial of unstated allocation
            retrospective = any(m.descriptor.lower() in _NOT_RANDOMISED_MESH for m in record.mesh)
            if not (retrospective and not trial) and _states(RANDOMISED if trial else RCT_CUE, title, text):
                return Design.RCT
        elif _states(RCT_CUE, title, ""):  # "Comparative Study" and the like: the title must say it
            return Design.RCT
        if by_type is None and _states(CASE_CONTROL_CUE, title, text):
            return Design.CASE_CONTROL  # MeSH "Retrospective Studies" on a case-control (case-referent) study
    if best == Design.REVIEW and (
        META_ANALYSIS_CUE.search(title)
        or (LITERATURE_SEARCH.search(text) and _states(META_ANALYSIS_CUE, "", text))
    ):
        return Design.META_ANALYSIS  # a systematic review indexed before NLM had "Systematic Review" (2019)
    if MESH_META and best == Design.OBSERVATIONAL and by_type is None and _pooled_literature(text):
        # MeSH "Retrospective Studies" on a cohort pooled with the literature's in a meta-analysis ("we
        # quantitatively combined the results with those from the published literature in a meta-analysis
        # after searching several databases", PubMedQA 28006766, a tuning-half reading, 2026-12-07)
        return Design.META_ANALYSIS
    return None


# "Twenty-seven studies were included in the meta-analysis": the abstract counts the studies it pooled
# (PubMedQA 21457946, MeSH "Longitudinal Studies" for the studies it reviewed, read as one observational study
# in a tuning-half reading, 2026-12-07; 1 more of the 1,000 PubMedQA records)
_STUDIES_POOLED = re.compile(
    rf"\b(?:\d+|{NUMBER_WORDS}) (?:[\w-]+ )?(?:studies|trials|articles|reports|cohorts) (?:were|was) "
    r"(?:included|pooled|combined|analy[sz]ed) in (?:the|this|our) (?:meta-?analysis|systematic review)\b",
    re.I,
)


def _pooled_literature(text: str) -> bool:
    """Whether the abstract searched a named bibliographic database or counts the studies it pooled, and
    states a meta-analysis of its own (:data:`MESH_META`)."""
    found = NAMED_DATABASE.search(text) or _STUDIES_POOLED.search(text)
    return bool(found) and _states(META_ANALYSIS_CUE, "", text)


_GLUE = re.compile(r"(?<=\.);\s+")


@lru_cache(maxsize=4)
def _sentences(title: str, text: str) -> tuple[str, ...]:
    """The sentences of the title and the abstract, without those that call for future research (cut at the
    ".; " section glue of some screening sets too, so that "Few studies have ...; Randomized,
    placebo-controlled trial." keeps its design)."""
    sentences = tuple(
        part for s in (*rough_sentences(title), *rough_sentences(text)) for part in _GLUE.split(s) if part
    )
    if not FUTURE_RESEARCH.search(f"{title}\n{text}"):
        return sentences  # the common case: one search instead of one a sentence
    return tuple(s for s in sentences if not FUTURE_RESEARCH.search(s))


def _states(cue: re.Pattern[str], title: str, text: str) -> bool:
    """Whether the title or a sentence of the abstract matches ``cue``, outside calls for future research."""
    return bool(cue.search(f"{title}\n{text}")) and _said(cue, _sentences(title, text))


def _said(cue: re.Pattern[str], sentences: tuple[str, ...]) -> bool:
    return any(cue.search(s) for s in sentences)


def _economic_model(title: str, sentences: tuple[str, ...], trial: bool) -> bool:
    """A cost-effectiveness or decision model: the title says so, or the abstract does and names no trial of
    its own (a trial's secondary cost-effectiveness analysis leaves it a trial)."""
    return bool(ECONOMIC_MODEL.search(title)) or (not trial and _said(ECONOMIC_MODEL, sentences))


def _pooled_search(whole: str, sentences: tuple[str, ...]) -> bool:
    """A literature search and a pooled estimate, each stated (:data:`LITERATURE_SEARCH`,
    :data:`POOLED_ESTIMATE`): a meta-analysis, whether or not it calls itself one."""
    cues = (LITERATURE_SEARCH, POOLED_ESTIMATE)
    return all(c.search(whole) for c in cues) and all(_said(c, sentences) for c in cues)


def _mentions(lower: str, keys: tuple[str, ...]) -> bool:
    """A cheap substring check that must pass before a cue's regex runs (most abstracts match few cues)."""
    return any(k in lower for k in keys)


def _best(designs: Iterable[Design]) -> Design | None:
    ranked = sorted(designs, key=lambda d: (LEVEL[d], _TIE_ORDER.index(d)))
    return ranked[0] if ranked else None


def _guideline_title(title: str, text: str, in_title: set[Design]) -> bool:
    """A title that names a guideline, not a study or a discussion of guidelines: "... guidelines: a 5-year
    follow-up", "Review article: ... guidelines for prevention", "... Evidence Report for a Clinical Practice
    Guideline" (a systematic review), "JNC-7 guidelines: are they still relevant?" (a commentary). A title
    whose only such word is "guidelines" needs an abstract that recommends, or names a panel, a consensus or
    a society (:data:`GUIDANCE_CUE`): "Bupropion for the treatment of tobacco dependence: guidelines for
    balancing risks and benefits" summarises trials and recommends nothing (a review)."""
    if not GUIDELINE_TITLE.search(title) or ABOUT_GUIDELINES.search(title):
        return False
    question = title.rstrip().endswith("?")
    if REVIEW_TITLE.search(title) or Design.META_ANALYSIS in in_title or question:
        return False
    word_only = not GUIDELINE_TITLE.search(re.sub(r"\bguidelines?\b", " ", title, flags=re.I))
    return not (word_only and text.strip() and not GUIDANCE_CUE.search(text))


def _infer_design(title: str, text: str) -> Design | None:
    title = plain_dashes(title)
    if NOT_A_STUDY_TITLE.search(title):
        return Design.OTHER
    whole = f"{title}\n{plain_dashes(text)}"
    lower = whole.lower()
    sentences = _sentences(title, whole[len(title) + 1 :])
    # a cue that matches nowhere in the whole text cannot match in one sentence: skip the sentence loop for it
    cues = [(d, cue) for d, cue, keys in _TEXT_CUES if _mentions(lower, keys) and cue.search(whole)]
    found = {design for design, cue in cues if any(cue.search(s) for s in sentences)}
    in_title = {design for design, cue in cues if cue.search(title)}
    if RCT_TITLE.search(title):
        found.add(Design.RCT)
        in_title.add(Design.RCT)
    trial_or_report = found & {Design.RCT, Design.CASE_CONTROL, Design.CASE_SERIES}
    if _guideline_title(title, text, in_title) and not trial_or_report:
        return Design.GUIDELINE
    if Design.META_ANALYSIS in found or _pooled_search(whole, sentences):
        return Design.META_ANALYSIS
    if _mentions(lower, _ECONOMIC_KEYS) and _economic_model(title, sentences, Design.RCT in found):
        return Design.OTHER
    review = (REVIEW_TITLE.search(title) and not in_title) or (
        _mentions(lower, _REVIEW_KEYS) and REVIEW_CUE.search(whole) and _said(REVIEW_CUE, sentences)
    )
    if review and Design.CASE_SERIES not in found:
        return Design.REVIEW
    if not found and (sample_size(text) is not None or counts_people(text)):
        return Design.OBSERVATIONAL  # people were studied, and no trial, review or report is named
    if not found and not _DIGIT.search(text) and len(sentences) >= 4:
        return Design.REVIEW  # prose without a single number: no data of its own
    return _best(found)


# the words that name each design in a title or abstract (the cues of step 3)
_NAMED_BY: dict[Design, tuple[re.Pattern[str], ...]] = {
    Design.META_ANALYSIS: (META_ANALYSIS_CUE,),
    Design.RCT: (RCT_CUE, BLINDED_CONTROLLED_CUE),
    Design.CASE_CONTROL: (CASE_CONTROL_CUE,),
    Design.OBSERVATIONAL: (OBSERVATIONAL_CUE,),
    Design.CASE_SERIES: (CASE_SERIES_CUE,),
    Design.REVIEW: (REVIEW_CUE, REVIEW_TITLE),
    Design.GUIDELINE: (GUIDELINE_TITLE,),
    Design.ANIMAL: (NAMES_NON_HUMAN,),
}


_RCTS = re.compile(
    r"\bRCTs?\b|\b(?:placebo-|randomi[sz]ed )?controlled (?:clinical )?trials\b|\bclinical trials\b"
)


def names_randomised_trials(source: StoredSource) -> bool:
    """Whether the title or abstract names randomisation or controlled trials ("randomized", "RCTs",
    "controlled trials", "clinical trials"): for a systematic review or meta-analysis, whether it reviews
    trials (GRADE starts one of non-randomised studies low)."""
    text = f"{source.record.title} {source.record.text}"
    return bool(RANDOMISED.search(text) or _RCTS.search(text))


def design_stated(source: StoredSource) -> bool:
    """Whether the source's design is one it states: taken from its publication types or MeSH (not
    inferred), or named in its title or abstract ("randomised", "cohort", "systematic review"; for an
    animal or laboratory study, its subjects: "mice", "in vitro", "cell lines"). A design only guessed
    (prose without numbers read as a review, counted people as an observational study, the text model's
    answer: a one-sentence snippet on "the DNA double-strand break marker gamma-H2AX" read as laboratory
    work) is not to be stated as fact."""
    ev = source.evidence
    if not ev.inferred or ev.design is Design.OTHER or (ev.design is Design.ANIMAL and ev.human is False):
        return True
    return _names_design(ev.design, source.record.title, source.record.text) or trial_not_randomised(source)


# the study's own trial, just before the trial's words: "We report the results of the phase 1 study", "In this
# open-label trial" (not "We compared ... with the results of a phase 3 trial of another drug")
_OWN_STUDY = re.compile(
    r"\b(?:[Ww]e (?:\w+ ){0,3}?|[Oo]ur |[Ii]n (?:this|the present|the current) |[Tt]his |"
    r"[Tt]he (?:present|current) )(?:(?:results|findings) of )?(?:an? |the )?$"
)
# any word of randomisation, in any spelling ("ran‐domized" with U+2010, "randomization group"), not negated
# ("non-randomised", "nonrandomized", "quasi-randomized", "without randomization" are the trials meant here):
# a veto wider than the design cue RANDOMISED, which names how the study itself allocated
_RANDOM_WORD = re.compile(
    r"(?<!non)(?<!non-)(?<!non )(?<!quasi-)(?<!quasi )(?<!without )(?<!no )ran\W?domi[sz]", re.I
)


def trial_not_randomised(source: StoredSource) -> bool:
    """Whether a non-randomised design (OBSERVATIONAL: "non-randomised or observational") is a clinical
    trial that names no randomisation: its publication types name a trial ("Clinical Trial, Phase II",
    "Pragmatic Clinical Trial"), or its title, or a sentence where the study speaks of itself, names a phase
    I-IV, single-arm, open-label, non-randomised or uncontrolled trial ("We report the results of the phase 1
    study", "an open-label trial" in the title); not one to come, and not with retrospective, cohort-study or
    registry words. The cemiplimab phase 1/2 trials were "observational studies" in their statements'
    prefixes."""
    if source.evidence.design is not Design.OBSERVATIONAL:
        return False
    return _non_randomised_trial(source.record.title, source.record.text, source.record.publication_types)


@lru_cache(maxsize=4096)
def _non_randomised_trial(title: str, text: str, types: tuple[str, ...]) -> bool:
    words = f"{title} {text}"
    if _RANDOM_WORD.search(words):
        return False
    if any(t.lower() in _TRIAL_TYPES for t in types):
        return True
    if NOT_A_TRIAL.search(words):
        return False
    if TRIAL_CUE.search(title):
        return True
    own = (s for s in rough_sentences(text) if not FUTURE_RESEARCH.search(s))
    return any(_OWN_STUDY.search(s[: m.start()]) for s in own for m in TRIAL_CUE.finditer(s))


def says_not_randomised(source: StoredSource) -> bool:
    """Whether a trial that names no randomisation (:func:`trial_not_randomised`) says what makes it a
    non-randomised one; a "phase 3 trial ... compared with placebo" that names no randomisation may well be
    randomised, and is only not stated to be."""
    return bool(UNRANDOMISED_CUE.search(f"{source.record.title} {source.record.text}"))


def shown_design(source: StoredSource) -> Design:
    """The design an article may state for the source: its own where :func:`design_stated`, else OTHER
    ("a study"), for the statements' prefixes and the reference list alike."""
    return source.evidence.design if design_stated(source) else Design.OTHER


def non_human(source: StoredSource) -> bool:
    """Whether the source studies animals or cells, as its indexing or its words say (a design the text
    model only guessed to be laboratory work does not count)."""
    ev = source.evidence
    return ev.human is False or (ev.design is Design.ANIMAL and design_stated(source))


@lru_cache(maxsize=4096)
def _names_design(design: Design, title: str, text: str) -> bool:
    """Whether the title or abstract names ``design`` (cached: every statement's prefix and every table row
    asks again for the same source)."""
    return any(_states(cue, title, text) for cue in _NAMED_BY.get(design, ()))
