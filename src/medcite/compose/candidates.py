"""Evidence sentences as candidate statements: cue tags, trimming, attribution prefixes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from medcite.corpus import study_card
from medcite.corpus.classify import says_not_randomised, shown_design, trial_not_randomised
from medcite.corpus.extract import people_counts
from medcite.corpus.sample_size import NUMBER_WORDS
from medcite.domain import Design, Evidence, StoredSource, evidence_from
from medcite.domain.cards import StudyCard
from medcite.text import (
    ATTRIBUTED_PEOPLE,
    Polarity,
    Role,
    alternation,
    finding_polarity,
    record_sentences,
    terms,
    year_not_count,
)
from medcite.text.anaphora import shown_before
from medcite.text.design_cues import NAMES_NON_HUMAN, UNRANDOMISED_CUE
from medcite.text.direction_cues import ADJUSTED, UNADJUSTED
from medcite.text.words import HARM_AS_AIM, word_number

# safety that is no treatment's ("road safety practices", filed under Safety in a tuning-half reading)
_OTHER_SAFETY = "".join(
    rf"(?<!{w}[\s-])" for w in "road traffic food fire public water workplace occupational pedestrian".split()
)
# the considerations cues: who was selected or responds, and the protocol; and time points, which a result
# shares with any outcome ("at the 6-month follow-up, 40% ...": draft.FOLLOW_UP_IS_NO_SELECTION)
_SELECTION = (
    r"eligib\w*|inclusion|exclusion|excluded|refractory|resistant|history of|comorbid\w*|candidates|selected|"
    r"predictors?|responders?|individuali[sz]ed|protocol"
)
_TIME_POINT = r"baseline|maintenance|follow-up"
SELECTION_CUE = re.compile(rf"\b(?:{_SELECTION})\b", re.I)
TAGS: dict[str, re.Pattern[str]] = {
    "safety": re.compile(
        rf"\b{HARM_AS_AIM}(?:adverse|side[- ]effects?|toxicit\w*|tolerab\w*|tolerated|"
        + _OTHER_SAFETY
        + r"safety|safe|complications?|nausea|serious|withdrawal|"
        r"vomiting|dizziness|headaches?|sedation|hallucinat\w*|dissociat\w*|psychotomimetic|deaths?|fatal|"
        r"bleeding|(?:hepato|cardio)tox\w*|abuse|dependence(?! of\b)|misuse|harms?|overdose)\b",
        re.I,
    ),
    "dosing": re.compile(
        # not a concentration measured in blood ("56.2 μg/mL", "5 mg/dL", "2 g/L")
        r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|μg|g|ml|mL|units?|IU)(?:/kg)?\b(?!/[dm]?[lL]\b)|\b(?:(?<!metered-)doses?|"
        r"dosing|dosage|infusions?|subcutaneous\w*|sublingual\w*|routes? of (?:administration|delivery)|"
        r"intravenous\w*|intranasal\w*|oral(?:ly)?(?![\s-]+(?:active|available|bioavailable))|intramuscular\w*|"
        r"(?:both|either|two|different|same|\w+al|\w+ous)\s+routes?|"  # not "formation routes" (tune37)
        # not an agency ("the US Food and Drug Administration", "Veterans Health Administration")
        r"administered|(?<!drug )(?<!health )administration|"
        r"(?:once|twice|thrice|three times|\d times) (?:a |per )?"
        r"(?:day|daily|week|weekly|month|monthly)|titrat\w*|regimens?)\b",
        re.I,
    ),
    "mechanism": re.compile(
        r"\b(?:mechanisms?|receptors?|antagonis\w*|agonis\w*|inhibit\w*|pathways?|mediat\w*|neurotransmi\w*|"
        r"glutamat\w*|synap\w*|signal\w*|modulat\w*|BDNF|mTOR|binding|"
        # "pharmacological properties", not "pharmacologic treatment" (a kind of treatment, no mechanism)
        r"pharmacolog\w*\b(?!\s+(?:treatments?|therap(?:y|ies)|interventions?|management|options?|agents?|"
        r"approach(?:es)?|strateg(?:y|ies)|drugs?|prophylaxis)\b))\b",
        re.I,
    ),
    "pitfalls": re.compile(
        r"\b(?:limitations?|limited by|relapse\w*|recurren\w*|cautio\w*|contraindicat\w*|off-label|"
        r"not approved|"
        r"unapproved|abuse|misuse|diversion|dependence(?! of\b)|small sample|short[- ]term|short follow-up|"
        r"bias(?:ed)?|"
        r"confound\w*|should not|avoid\w*|risk of|warnings?|interactions?|monitor\w*|transient|wane\w*)\b",
        re.I,
    ),
    "emerging": re.compile(
        r"\b(?:novel|emerging|preliminary|pilot|promising|further (?:studies|research|trials)|"
        r"future (?:studies|"
        r"research|trials)|ongoing|new (?:approach|treatment|option|therapy)|investigational|warrant\w*)\b",
        re.I,
    ),
    "considerations": re.compile(rf"\b(?:{_SELECTION}|{_TIME_POINT})\b", re.I),
    "efficacy": re.compile(
        r"\b(?:improv\w*|reduc\w*|efficac\w*|effective\w*|significant\w*|respon\w*|remission|benefit\w*|"
        r"decreas\w*|increas\w*|superior|odds ratio|relative risk|hazard ratio|difference|associated|"
        r"outcomes?|sensitivity|specificity|accuracy|survival|mortality|predict\w*)\b|\bp\s?[<=]|95% CI",
        re.I,
    ),
}


# a drug class named beside an effect or a harm is no mechanism: "PD-1 blockade with cemiplimab has antitumor
# activity with adverse events similar to other PD-1 inhibitors", "the anti-CD19 chimeric antigen receptor
# (CAR) T-cell therapy tisagenlecleucel produced high rates of complete remission" (a reading of tuning-half
# articles found such findings under Mechanism of Action). What one drug is stays mechanism ("X is an
# autologous, CD19-directed chimeric antigen receptor T-cell product", "X, a selective JAK1 inhibitor",
# "inhibitors of Y")
CLASS_APART = True
_CLASS_NAME = re.compile(r"inhibitors(?!\s+of\b)|(?<=antigen )receptors?", re.I)


# a substance named before "dependence", "withdrawal", "abuse" or "misuse" names a condition people are
# treated for ("tobacco dependence", "nicotine withdrawal symptoms"), no harm of the treatment, unless the
# substance is what the question asks about (:func:`disorder_cues`): the bupropion answer filed "The
# antidepressant with the greatest weight of evidence for efficacy in the treatment of tobacco dependence is
# bupropion" under Safety and Side Effects
SUBSTANCE_DISORDER = re.compile(
    r"\b(?P<substance>tobacco|nicotine|cigarettes?|smoking|alcohol|opioids?|opiates?|cocaine|cannabis|"
    r"marijuana|methamphetamines?|amphetamines?|heroin|benzodiazepines?|substances?)[\s-]+(?:use[\s-]+)?"
    r"(?P<word>dependence|withdrawal|abuse|misuse)\b",
    re.I,
)


def disorder_cues(text: str, asked: set[str]) -> Counter[str]:
    """The safety and pitfalls cues of ``text`` that name a substance disorder (:data:`SUBSTANCE_DISORDER`)
    whose substance is none of the ``asked`` terms: what :func:`section_counts` should not count."""
    out: Counter[str] = Counter()
    for m in SUBSTANCE_DISORDER.finditer(text):
        if set(terms(m.group("substance"))) & asked:
            continue
        for section in ("safety", "pitfalls"):
            if TAGS[section].fullmatch(m.group("word")):
                out[section] += 1
    return out


# a harm word that names what is treated, or the condition asked about, is no harm of the treatment: "the
# only FDA-approved treatment for the hallucinations and delusions ...", "especially useful in acute
# overt-obscure GI bleeding" for a question on GI bleeding (a tuning-half reading, 2026-12-05, found both
# under Complications and Risks). Not on a question that asks about a harm (compose.draft applies it)
CONDITION_APART = True
_TREATED = re.compile(
    r"\b(?:(?:treatments?|therap(?:y|ies)|management|prevention|prophylaxis|options?)\s+(?:of|for)|"
    r"(?:indicated|approved|treated)\s+for|treat(?:s|ing))\s+(?:(?:the|a|an|all|acute|chronic|severe)\s+)*"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


def condition_cues(text: str, condition: set[str], asked: set[str]) -> Counter[str]:
    """The safety cues of ``text`` that name a ``condition`` term, or what is treated (:data:`_TREATED` just
    before them) unless the question ``asked`` about that word ("Does tobacco use cause dependence?"): what
    :func:`section_counts` should not count."""
    out: Counter[str] = Counter()
    for m in TAGS["safety"].finditer(text):
        named = set(terms(m.group(0)))
        treated = _TREATED.search(text, max(0, m.start() - 60), m.start()) and not named <= asked
        if (named and named <= condition) or treated:
            out["safety"] += 1
    return out


def section_counts(text: str) -> Counter[str]:
    """How many cues of each section (:data:`TAGS`) the sentence holds; the mechanism cues that only name a
    drug class beside an effect or a harm do not count (:data:`CLASS_APART`)."""
    counts = Counter({k: len(TAGS[k].findall(text)) for k in TAGS})
    if CLASS_APART and counts["mechanism"] and (counts["efficacy"] or counts["safety"]):
        counts["mechanism"] = sum(1 for m in TAGS["mechanism"].finditer(text) if not _names_class(text, m))
    return counts


def _names_class(text: str, m: re.Match[str]) -> bool:
    cm = _CLASS_NAME.match(text, m.start())
    return cm is not None and cm.end() == m.end()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One evidence sentence that may become a statement."""

    source: StoredSource
    text: str  # the sentence as it stands in the source
    start: int  # offsets into source.record.text
    end: int
    label: str
    role: Role
    passage_id: int | None
    score: float  # merged retrieval score of the source
    relevance: float  # overlap with the question's terms (0..1)
    from_passage: bool  # chosen by retrieval (True) or read from the record around it
    # the question-study relevance model's score of this sentence against the question (0..1), or None
    # where no model ran (see :func:`medcite.compose.fit.with_fit`)
    fit: float | None = None
    # the same model's score of the whole source against the question (``RankedSource.model_score``)
    source_fit: float | None = None

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def level(self) -> int:
        from medcite.domain import LEVEL

        return LEVEL[self.source.evidence.design]

    def tags(self) -> frozenset[str]:
        return frozenset(name for name, n in section_counts(self.text).items() if n)

    def direction(self) -> Polarity:
        """The polarity of the finding (:func:`medcite.text.finding_polarity`), not the direction of an
        effect (that is :func:`medcite.text.effect_direction`)."""
        return finding_polarity(self.text)

    def as_evidence(self) -> Evidence:
        return evidence_from(self.source, self.text, self.start)


DESIGN_PHRASE: dict[Design, str] = {
    Design.GUIDELINE: "a clinical practice guideline",
    Design.META_ANALYSIS: "a systematic review or meta-analysis",
    Design.RCT: "a randomised controlled trial",
    Design.OBSERVATIONAL: "an observational study",
    Design.CASE_CONTROL: "a case-control study",
    Design.CASE_SERIES: "a case series or case report",
    Design.REVIEW: "a narrative review",
    Design.ANIMAL: "an animal or laboratory study",
    Design.OTHER: "a study",
}
_PEOPLE = alternation(ATTRIBUTED_PEOPLE)
NON_RANDOMISED_TRIAL = "a non-randomised trial"
# a tuning-half reading found "In a non-randomised trial, as compared with placebo, semagacestat did not
# improve ..." for the phase 3 trial whose snippets name no randomisation
UNSTATED_TRIAL = "a trial not stated to be randomised"


def design_phrase(source: StoredSource) -> str:
    """The design as the article names it (:data:`DESIGN_PHRASE` of :func:`shown_design`), a non-randomised
    design that is a clinical trial (:func:`trial_not_randomised`) as "a non-randomised trial" where its
    words say so (:func:`says_not_randomised`), else as "a trial not stated to be randomised"."""
    shown = shown_design(source)
    if shown is Design.OBSERVATIONAL and trial_not_randomised(source):
        return NON_RANDOMISED_TRIAL if says_not_randomised(source) else UNSTATED_TRIAL
    return DESIGN_PHRASE[shown]


@dataclass(frozen=True, slots=True)
class Prefix:
    text: str  # e.g. "In a randomised controlled trial of 36 children undergoing adenotonsillectomy, "
    n_value: str | None = None
    n_start: int = -1  # offset of the sample size inside record.text (-1: from metadata)
    n_end: int = -1
    evidence: tuple[int, int] | None = None  # the sentence the population phrase came from
    phrase: str = ""  # the population phrase, verbatim from the source text
    phrase_start: int = -1  # its offset in record.text
    design: Design | None = None  # the design the prefix names (None: no prefix)


_CARDS: dict[tuple[str, int], StudyCard] = {}
MAX_CARDS = 20_000


def card_of(source: StoredSource) -> StudyCard:
    """The source's study card, cached by source key and text (cards are pure functions of the text)."""
    key = (source.key, hash(source.record.text))
    card = _CARDS.get(key)
    if card is None:
        if len(_CARDS) >= MAX_CARDS:
            _CARDS.clear()
        card = _CARDS[key] = study_card(source)
    return card


def study_n(source: StoredSource) -> int | None:
    """The study's n as every part of an article states it (statement prefixes aside): the classifier's
    sample size where the text backs it (:func:`reliable_n`), else the count its study card pins in the
    methods ("120 patients", "(n = 38)")."""
    return reliable_n(source) or card_of(source).n or None


def reliable_n(source: StoredSource) -> int | None:
    """EvidenceInfo.sample_size when the text backs it: not smaller than any count of people stated in the
    abstract, in digits or in words (a subgroup count is not the study's n; a year before the people's word is
    no count). A sample summed from a sex split ("59 men and 36 women": 95) is stated by its parts."""
    n = source.evidence.sample_size
    if n is None or n <= 0:
        return None
    text = source.record.text
    counts = [
        int(m.group(1).replace(",", ""))
        for m in re.finditer(
            rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}\b", text
        )
        if not (
            m.group(1).isdigit() and year_not_count(int(m.group(1)), text[max(0, m.start() - 12) : m.start()])
        )
    ]
    counts += [c for c, s, _e in people_counts(text) if not text[s].isdigit()]  # "Forty-eight women ..."
    if counts and n < max(counts):
        return None
    return n


# where a people phrase ends: punctuation (not a decimal point: "while using 0.03% ...", nor an abbreviation's
# stop: "with a mean±s.d. age", tune36), or the verb of its clause ("120 adults with asthma were randomised")
_VERB = r"(?:were|was|are|is|had|have|received|underwent|completed|participated)\b"
_CLAUSE_END = re.compile(rf"\s*(?:[,;:)]|\.(?![\da-z])|$)|\s+{_VERB}")
# after a count: up to three words, the people's word, and what qualifies them ("629 smokers with
# cardiovascular disease", "36 children undergoing adenotonsillectomy")
_PEOPLE_PHRASE = (
    rf"(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}\b"
    r"(?:\s+(?:with|undergoing|who|aged|receiving|treated|admitted|"
    rf"scheduled)\b(?:\s+(?!{_VERB}|which\b|whom\b)[^\s,.;:()\[\]]+){{1,7}})?"
)
#: a count of people written in words ("Six hundred twenty-nine", "Forty-eight"), any case
_WORD_COUNT = rf"(?i:{NUMBER_WORDS})"
_NOT_TAKEN_IN = re.compile(
    r"\s+(?:were\s+|was\s+)?(?:screened|approached|invited|contacted|assessed for eligibility|eligible|"
    r"excluded|refused|declined)\b",
    re.I,
)
_NOT_A_MODIFIER = re.compile(r"\b(?:and|or|of|in|the|were|was|had|included|enrolled|from|to)\b", re.I)
_DANGLING = re.compile(r"\b(?:and|or|of|with|between|from|to|the|a|an|in|at|for|who)$", re.I)
# a phrase cut at a comma inside the noun phrase it had begun: "1094 patients with chronic heart failure in
# a double-blind, placebo-controlled ...", "345 subjects with mild to moderate, stable chronic heart
# failure", "35 inpatients with chronic, treatment refractory schizophrenia"; or inside a number ("with
# 1,282,996 person-years")
_OPEN_END = re.compile(
    r"(?:\b(?:in|into|on)\s+(?:a|an|the)\s+[\w-]+|\b(?:chronic|acute|stable|severe|mild|moderate|recent|"
    r"early|late|advanced|newly|age))$",
    re.I,
)
_IN_NUMBER = re.compile(r",\d{3}\b")


def _whole_phrase(text: str, m: re.Match[str]) -> str:
    """The matched count-and-people phrase where it ends cleanly in the text; where it would be cut
    mid-clause, only "N patients"."""
    phrase = m.group(0).rstrip()
    end = m.start() + len(phrase)
    cut = _DANGLING.search(phrase) or _OPEN_END.search(phrase) or _IN_NUMBER.match(text, end)
    if _CLAUSE_END.match(text, end) and not cut:
        return phrase
    base = re.match(rf"\S+\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}\b", phrase)
    return base.group(0) if base else ""


def people_phrase(source: StoredSource) -> tuple[str, int] | None:
    """The people a study took in, in its own words, and where the phrase starts: the study's n
    (:func:`study_n`) followed by the people's word and what qualifies them ("893 smokers", "784 healthy
    community volunteers"). None where the text does not state the n that way."""
    n = study_n(source)
    return _people_at(source.record.text, n) if n is not None else None


def _people_at(text: str, n: int) -> tuple[str, int] | None:
    """The first phrase of ``text`` that states ``n`` people ("1,524 smokers with ...", "Six hundred
    twenty-nine smokers ..."), cut at its clause, and its offset; the statement prefix (:func:`attribution`)
    and the evidence table share it. Not a count of people screened or excluded, nor a year followed by a
    clause ("in 2005 and included ...")."""
    for m in re.finditer(rf"\b(?:{n:d}|{n:,d}|(?P<words>{_WORD_COUNT}))\s+{_PEOPLE_PHRASE}", text):
        if m.group("words") and word_number(m.group("words")) != n:
            continue  # "twenty-nine smokers" inside "Six hundred twenty-nine smokers", or another count
        if _NOT_TAKEN_IN.match(text, m.end()) or len(m.group(0).split()) > 14:
            continue  # "1,200 patients were screened": not the sample
        between = re.match(rf"\S+\s+((?:[A-Za-z][\w-]*\s+){{0,3}}?){_PEOPLE}\b", m.group(0))
        if between and _NOT_A_MODIFIER.search(between.group(1)):
            continue  # "2005 and included African volunteers": a year, then a clause
        if phrase := _whole_phrase(text, m):
            return phrase, m.start()
    return None


def _count_in(phrase: str) -> str:
    """The count a people phrase opens with, as written: "1,524" or "Six hundred twenty-nine"."""
    words = re.match(_WORD_COUNT, phrase)
    return words.group(0) if words else phrase.split(maxsplit=1)[0]


def attribution(source: StoredSource) -> Prefix:
    """The design/population prefix, built from EvidenceInfo and the source's own words, never invented.

    "In a randomised controlled trial of 36 children undergoing adenotonsillectomy, " when the population
    phrase ends cleanly in the text; "In an observational study (n = 2211), " when only the number is
    checkable; just the design otherwise.
    """
    # a design the source does not state (only guessed from its text) is not put in its mouth: "a study"
    shown = shown_design(source)
    design = design_phrase(source)
    n = reliable_n(source)
    if n is None:
        if shown is Design.OTHER:
            return Prefix("")
        return Prefix(f"In {design}, ", design=shown)
    text = source.record.text
    if found := _people_at(text, n):
        phrase, at = found
        count = _count_in(phrase)  # as written: "1,524", "Six hundred twenty-nine"
        sent = next(((s, e) for _, s, e, _t in record_sentences(source) if s <= at < e), None)
        shown_phrase = count.lower() + phrase[len(count) :] if count[0].isalpha() else phrase
        return Prefix(f"In {design} of {shown_phrase}, ", count, at, at + len(count), sent, phrase, at, shown)
    # the sample size must be checkable in the text: cite the sentence that states it, or leave it out
    num = re.compile(rf"(?<![\d.,]){n:d}(?![\d.,]\d)")
    for _lab, s, e, t in record_sentences(source):
        if nm := num.search(t):
            at = s + nm.start()
            return Prefix(f"In {design} (n = {n}), ", str(n), at, at + len(str(n)), (s, e), design=shown)
    return Prefix(f"In {design}, ", design=shown)


# a sentence that names its own design takes no design prefix, nor one that says what made its part of a
# trial non-randomised (design_cues.UNRANDOMISED_CUE): "In a randomised controlled trial, at the end of
# open-label bupropion treatment, 461 of 784 participants (58.8%) were abstinent" put a randomisation on a
# phase that the trial's randomisation came after
_SAYS_DESIGN = re.compile(
    r"\b(?:randomi[sz]ed|trial|meta-analys\w*|systematic review|case-control|case-referent|cohort|"
    r"case series|case report|observational|cross-sectional|prospective(?:ly)?|retrospective(?:ly)?|"
    r"guideline|(?:this|our|the present|the current) (?:\w+ )?(?:study|review|analysis|series|survey)|"
    r"in this|we (?:studied|enrolled|conducted|performed|reviewed))\b"
    rf"|{UNRANDOMISED_CUE.pattern}",
    re.I,
)


# a sentence that would read badly after a prefix: an enumeration ("1) X; 2) Y"), advice, the authors ("In an
# animal or laboratory study, the authors present ..."), the study as its subject ("..., the study presents")
_BAD_AFTER_PREFIX = re.compile(
    r"^(?:\(?\d+\)|\(?[a-z]\)\s|We\b|Our\b|The authors\b|"
    r"The (?:\w+ )?(?:study|trial|analysis|review|survey|report|investigation|experiment|work|paper)\b)"
    r"|^(?P<advice>(?:(?!\b(?:who|that|which)\b)[^,;])*?\b(?:should|must|ought to)\b)"  # "who should": none
)


def with_prefix(prefix: Prefix, sentence: str) -> str:
    """The sentence with the prefix, unless it names its design or sample size, reads badly after it or tells
    earlier work (:func:`medcite.text.anaphora.shown_before`). An animal or laboratory study keeps its prefix
    unless the sentence names its subjects: "... an inverse relationship ... is novel" was a study in mice."""
    animal = prefix.design is Design.ANIMAL and not NAMES_NON_HUMAN.search(sentence)
    bad = (m := _BAD_AFTER_PREFIX.match(sentence)) and not (animal and m.group("advice"))  # lab: still lab
    n = prefix.n_value and re.search(rf"(?<![\d.]){re.escape(prefix.n_value)}(?![\d.])", sentence, re.I)
    told = shown_before(sentence) or (_SAYS_DESIGN.search(sentence) and not animal)
    if not prefix.text or bad or told or n:
        return sentence
    return prefix.text + lower_first(sentence)


def prefixed(prefix: Prefix, core: str) -> tuple[str, str, Prefix]:
    """The statement (:func:`with_prefix`), its core and the prefix used: a core naming the study at its
    opening (:data:`_OWN_STUDY_OPENER`) loses it after a prefix; the prefix counts people named once."""
    prefix = _counted_only(prefix, core)
    bare = _OWN_STUDY_OPENER.sub("", core, count=1)
    if bare != core:
        bare = bare[:1].upper() + bare[1:]
        text = with_prefix(prefix, bare)
        if text != bare:
            return text, bare, prefix
    if m := _THE_STUDY.match(core):
        core = f"In one {m.group(1)}{core[m.end(1) :]}"
    return with_prefix(prefix, core), core, prefix


def _counted_only(prefix: Prefix, core: str) -> Prefix:
    """ "In an observational study (n = 114), trauma patients have ..." rather than "In an observational
    study of 114 trauma patients, trauma patients have ..." (a held-out reading found such prefixes in
    several articles): the people are named once, by the sentence."""
    count, phrase = prefix.n_value or "", prefix.phrase
    people = phrase[len(count) :].strip() if count and phrase.startswith(count) else ""
    m = re.match(r"^In (.+?) of ", prefix.text)
    if not (people and m and count.replace(",", "").isdigit() and core.lower().startswith(people.lower())):
        return prefix
    return replace(prefix, text=f"In {m.group(1)} (n = {count}), ", phrase="", phrase_start=-1)


# the study named again after the prefix ("In a study of 15 patients, in the study ..."): the sentence's goes
_OWN_STUDY_OPENER = re.compile(
    r"^In the (?:[\w-]+,? ){0,4}?(?:study|trial|analysis|survey|cohort|series|sample|population),?\s+(?=\S)"
)
_THE_STUDY = re.compile(r"^In the (study|trial|analysis|survey|cohort|series)(?=,\s)")


def lower_first(sentence: str) -> str:
    """The sentence with its first word in lower case, to follow a prefix ("In a trial, the ..."); an
    acronym, a word with inner capitals or a possessive name ("Crohn's") keeps its case; the article "A"
    does not ("In an observational study of 182 patients, a separate model indicated ...")."""
    first, _, rest = sentence.partition(" ")
    if first.replace("-", "").isalpha() and (first[1:].islower() or (first == "A" and rest[:1].islower())):
        return first.lower() + (" " + rest if rest else "")
    return sentence


# a figure as written ("45%", "-1.2", "1,524"), not the digit of a name ("IL-6", "CD40", "COVID-19")
NUMBER = re.compile(r"(?<![\w.])(?<![A-Za-z][-−])[-−]?\d+(?:[.,]\d+)*%?")


# an unadjusted result is not quoted where its study gives an adjusted one: "In bivariate analysis, parents of
# children with a regular clinician reported slightly higher interpersonal quality (69 vs. 65, P = 0.01)" hid
# the multivariate "... but not anticipatory guidance content" (a tuning-half reading, 2026-12-06); off: both
ADJUSTED_ONLY = True


def adjusted_only(cands: list[Candidate]) -> list[Candidate]:
    """``cands`` without the unadjusted results of a source that also has an adjusted one among them."""
    if not ADJUSTED_ONLY:
        return cands
    adjusted = {c.key for c in cands if ADJUSTED.search(c.text) and not UNADJUSTED.search(c.text)}
    return [c for c in cands if not (c.key in adjusted and UNADJUSTED.search(c.text))]
