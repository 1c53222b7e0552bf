"""Evidence classification of a source: study design, sample size, and whether the subjects are human.

Design, strongest evidence wins (see :data:`medcite.domain.LEVEL`):

1. Publication types (NLM): Practice Guideline / Guideline -> GUIDELINE; Meta-Analysis / Systematic Review /
   Network Meta-Analysis -> META_ANALYSIS; Randomized Controlled Trial -> RCT; Controlled Clinical Trial,
   Clinical Trial (any phase), Observational Study, Comparative Study, Multicenter Study, Twin Study,
   Validation/Evaluation Study -> OBSERVATIONAL (it means "non-randomised or observational"; a trial whose
   abstract says it was randomised becomes RCT, with ``inferred=True``); Case Reports -> CASE_SERIES;
   Review -> REVIEW; any "..., Veterinary" type -> ANIMAL; Editorial, Comment, Letter, News, Published
   Erratum... (and no study type) -> OTHER.
2. MeSH study-design descriptors (not the "... as Topic" ones): Case-Control Studies -> CASE_CONTROL; Cohort,
   Prospective, Retrospective, Cross-Sectional, Longitudinal, Follow-Up Studies -> OBSERVATIONAL.
3. Only when neither decides (e.g. the JSONL corpora, which have no publication types): cues in the title and
   abstract ("randomly assigned", "meta-analysis", "cohort", "case report", ...), with ``inferred=True``.
   Cues in a sentence that calls for future research ("further randomized trials are needed") are ignored.

Non-human subjects override the design: MeSH "Animals" without "Humans", or (without MeSH) animal or in-vitro
cues with no human cues, give ANIMAL.

``sample_size`` is read from phrases such as "A total of 1,234 patients", "36 children were randomized",
"We enrolled 120 adults" or a lone "Adolescents (n = 852)"; None when no phrase is clear. Years, doses,
ages and percentages are not counts of people, and the phrase must name people (patients, women...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medcite.domain import LEVEL, Design, EvidenceInfo, SourceRecord
from medcite.text import FUTURE_RESEARCH, SAMPLED_PEOPLE, TEENS, TENS, UNITS, alternation, rough_sentences

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

_RANDOMISED = re.compile(
    r"(?<!non-)(?<!non)(?<!quasi-)\b(randomi[sz]ed|randomly (assigned|allocated))\b", re.IGNORECASE
)
_TEXT_CUES: tuple[tuple[Design, re.Pattern[str]], ...] = (
    (Design.META_ANALYSIS, re.compile(r"\bmeta-?\s?analys[ie]s\b|\bsystematic (literature )?review\b", re.I)),
    (
        Design.RCT,
        re.compile(
            r"(?<!non-)(?<!non)(?<!quasi-)\brandomi[sz]ed[, ]+(\w+[- ]?\w*[, ]+){0,4}(trial|study)\b"
            r"|\b(were|was|being) randomi[sz]ed\b|\brandomly (assigned|allocated)\b|\bwe randomi[sz]ed\b",
            re.I,
        ),
    ),
    (Design.CASE_CONTROL, re.compile(r"\bcase[- ]control\b", re.I)),
    (
        Design.OBSERVATIONAL,
        re.compile(
            r"\bcohort\b|\bretrospective(ly)?\b|\bprospective(ly)? (study|analysis|cohort|observational)\b"
            r"|\bcross-sectional\b|\bobservational\b|\bpopulation-based\b|\blongitudinal study\b"
            r"|\bchart review\b|\bregistry\b|\bnon-?randomi[sz]ed\b",
            re.I,
        ),
    ),
    (
        Design.CASE_SERIES,
        re.compile(
            r"\bcase reports?\b|\bcase series\b|\bwe (report|describe|present) (a|an|the|two|three|\d+) "
            r"(\w+ ){0,3}(case|cases|patient|patients|man|woman|boy|girl|infant)\b"
            r"|\ba \d+-(year|month|day)-old (man|woman|boy|girl|male|female|patient|infant)\b",
            re.I,
        ),
    ),
)
# Cheap substring checks that must pass before a cue's regex runs (speed: most abstracts match few cues).
_CUE_KEYWORDS: dict[Design, tuple[str, ...]] = {
    Design.META_ANALYSIS: ("analys", "systematic"),
    Design.RCT: ("randomi", "randomly"),
    Design.CASE_CONTROL: ("case",),
    Design.OBSERVATIONAL: (
        "cohort", "retrospectiv", "prospectiv", "cross-sectional", "observational", "population-based",
        "longitudinal", "chart review", "registry", "randomi",
    ),
    Design.CASE_SERIES: ("case", "-old", "we report", "we describe", "we present"),
}  # fmt: skip
_GUIDELINE_TITLE = re.compile(r"\bguidelines?\b|\bconsensus statement\b|\bposition statement\b", re.I)
_REVIEW_TITLE = re.compile(r"\breview\b|\boverview\b|\bupdate on\b", re.I)
_WORD = re.compile(r"[a-z]+")
_ANIMAL_WORDS = frozenset(
    """mice mouse murine rat rats rabbit rabbits dog dogs pig pigs piglets porcine sheep ovine bovine cattle
    monkey monkeys primates zebrafish drosophila hamster hamsters""".split()
)
# a title that names animals as the subjects: "in adult Wistar rats", "of mice"
_ANIMAL_SUBJECTS = re.compile(
    r"\b(?:in|of|on|from|using)\s+(?:[\w-]+\s+){0,3}?(?:mice|mouse|rats?|rabbits?|dogs|pigs|piglets|"
    r"sheep|cattle|monkeys|primates|zebrafish|drosophila|hamsters)\b"
)
_AGE_WORDS = frozenset("adult adults infant infants neonates pregnant".split())  # also said of animals
_ANIMAL_PHRASES = ("in vitro", "cell line", "cultured cells", "guinea pig")
_HUMAN_WORDS = frozenset(
    """patient patients participant participants subjects volunteer volunteers women men children adult adults
    infant infants adolescent adolescents human humans persons people individuals mothers pregnant neonates
    students residents outpatients inpatients""".split()
)

# -- sample size ---------------------------------------------------------------------------------------
_PEOPLE = alternation(SAMPLED_PEOPLE | {"healthy volunteers"})
_PEOPLE_FAST = re.compile("|".join(sorted(set(re.findall(r"[a-z]+", _PEOPLE.replace("?:", ""))))))
_ADJ = (
    r"(?:(?:consecutive|eligible|adult|healthy|hospitali[sz]ed|critically ill|elderly|older|pediatric|"
    r"paediatric|unselected|evaluable|male|female|postmenopausal|pregnant|obese|diabetic|consenting|"
    r"Japanese|Chinese|Korean|American|European|Caucasian|African|new|unrelated|premature|preterm|"
    r"term|treatment-naive|symptomatic|asymptomatic|ambulatory|community-dwelling|overweight)\s+){0,3}"
)
_NUMBER_WORD = "(?:" + "|".join({**UNITS, **TEENS, **TENS}) + ")"
_NUMBER = rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})?)"
_SAMPLE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:a )?total of {_NUMBER} {_ADJ}{_PEOPLE}\b", re.I),
    re.compile(
        rf"(?:^|[.;:]\s+|\b(?:of|in|among|from|including|involving|comprising)\s+){_NUMBER} "
        rf"{_ADJ}{_PEOPLE} (?:\w+ ){{0,6}}?(?:were|was) (?:\w+ )?(?:randomi[sz]ed|randomly|enrolled|included|"
        r"recruited|studied|assigned|analy[sz]ed|evaluated|examined|followed|identified|investigated)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:enrolled|recruited|included|randomi[sz]ed|studied|evaluated|examined|analy[sz]ed|followed|"
        rf"surveyed|interviewed|identified) {_NUMBER} {_ADJ}{_PEOPLE}\b",
        re.I,
    ),
    re.compile(
        rf"^{_NUMBER} {_ADJ}{_PEOPLE} (?:with|who|were|from|aged|undergoing|having|receiving)\b", re.I
    ),
)
_PEOPLE_BEFORE = re.compile(rf"\b{_PEOPLE}\b[^.;]*$", re.I)
_N_EQUALS = re.compile(r"\b[Nn]\s?=\s?(\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*(?:per|in each|each)\b)(?![.,]\d)")
_BELOW_TWENTY = {**UNITS, **TEENS}
_MAX_SAMPLE = 50_000_000
# Equal evidence levels: the more specific design wins (a "case-control" cue beats "observational").
_TIE_ORDER = [Design.CASE_CONTROL, *(d for d in Design if d != Design.CASE_CONTROL)]


def classify(record: SourceRecord) -> EvidenceInfo:
    """Study design, sample size and human/non-human subjects of ``record``."""
    text = record.text
    human = _human(record, text)
    design, inferred = _design(record, text)
    if human is False:
        design = Design.ANIMAL
    return EvidenceInfo(design=design, inferred=inferred, sample_size=sample_size(text), human=human)


def _design(record: SourceRecord, text: str) -> tuple[Design, bool]:
    types = [t.lower() for t in record.publication_types]
    if any(t.endswith(", veterinary") for t in types):
        return Design.ANIMAL, False
    found = [_PUBTYPE_DESIGN[t] for t in types if t in _PUBTYPE_DESIGN]
    found += [_MESH_DESIGN[m.descriptor.lower()] for m in record.mesh if m.descriptor.lower() in _MESH_DESIGN]
    best = _best(found)
    if best is not None:
        if best == Design.OBSERVATIONAL and any(t in _TRIAL_TYPES for t in types) and _says_randomised(text):
            return Design.RCT, True
        return best, False
    if any(t in _NON_STUDY_TYPES for t in types):
        return Design.OTHER, False
    inferred = _infer_design(record.title, text)
    return (inferred, True) if inferred is not None else (Design.OTHER, not record.publication_types)


def _best(designs: Iterable[Design]) -> Design | None:
    ranked = sorted(designs, key=lambda d: (LEVEL[d], _TIE_ORDER.index(d)))
    return ranked[0] if ranked else None


def _says_randomised(text: str) -> bool:
    return any(_RANDOMISED.search(s) and not FUTURE_RESEARCH.search(s) for s in rough_sentences(text))


def _infer_design(title: str, text: str) -> Design | None:
    if _GUIDELINE_TITLE.search(title):
        return Design.GUIDELINE
    lower = f"{title}\n{text}".lower()
    whole = f"{title}\n{text}"
    # a cue that matches nowhere in the whole text cannot match in one sentence: skip the sentence loop for it
    cues = [
        (d, cue) for d, cue in _TEXT_CUES if any(k in lower for k in _CUE_KEYWORDS[d]) and cue.search(whole)
    ]
    found: list[Design] = []
    if cues:
        for sentence in [title, *rough_sentences(text)]:
            if FUTURE_RESEARCH.search(sentence):
                continue
            found.extend(design for design, cue in cues if cue.search(sentence))
    if not found and _REVIEW_TITLE.search(title):
        return Design.REVIEW
    return _best(found)


def _human(record: SourceRecord, text: str) -> bool | None:
    descriptors = {m.descriptor for m in record.mesh}
    if "Humans" in descriptors:
        return True
    if "Animals" in descriptors:
        return False
    title = record.title.lower()
    if _ANIMAL_SUBJECTS.search(title) and not set(_WORD.findall(title)) & (_HUMAN_WORDS - _AGE_WORDS):
        return False  # "... in adult Wistar rats": the title names the subjects
    blob = f"{record.title} {text}".lower()
    words = set(_WORD.findall(blob))
    if words & _HUMAN_WORDS:
        return True
    if words & _ANIMAL_WORDS or any(phrase in blob for phrase in _ANIMAL_PHRASES):
        return False
    return None


def sample_size(text: str) -> int | None:
    """The number of people studied, where the abstract states it clearly; otherwise None."""
    for sentence in rough_sentences(text):
        if not _PEOPLE_FAST.search(sentence.lower()):
            continue  # cheap prefilter: every pattern needs a word for people
        for pattern in _SAMPLE_PATTERNS:
            for match in pattern.finditer(sentence):
                value = _number(match.group(1))
                if value is not None and _plausible(value, sentence, match.start(1)):
                    return value
    # "Adolescents (n = 852)": only when it is the abstract's one "n =" and it follows a word for people
    equals = list(_N_EQUALS.finditer(text))
    if len(equals) == 1 and _PEOPLE_BEFORE.search(text[max(0, equals[0].start() - 40) : equals[0].start()]):
        value = int(equals[0].group(1).replace(",", ""))
        return value if 1 < value <= _MAX_SAMPLE else None
    return None


def _plausible(value: int, sentence: str, pos: int) -> bool:
    if value < 2 or value > _MAX_SAMPLE:
        return False
    before = sentence[max(0, pos - 12) : pos].lower()
    is_year = 1900 <= value <= 2100 and re.search(r"\b(in|since|from|between|during|until|of|to)\s+$", before)
    return not is_year


def _number(token: str) -> int | None:
    token = token.strip()
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    words = re.split(r"[- ]", token.lower())
    total = 0
    for word in words:
        if word in TENS:
            total += TENS[word]
        elif word in _BELOW_TWENTY:
            total += _BELOW_TWENTY[word]
        else:
            return None
    return total or None
