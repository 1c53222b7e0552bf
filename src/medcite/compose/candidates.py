"""Evidence sentences: splitting with offsets, section roles, cue tags, direction, attribution prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from medcite.domain import SECTION_SEPARATOR, Design, Evidence, StoredSource, evidence_from
from medcite.text.sentences import split_sentences as passage_spans

Role = Literal["background", "methods", "results", "conclusions", "unknown"]
Direction = Literal["positive", "negative", "hedged", "neutral"]


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int, str]]:
    """Sentences of ``text`` as (start, end, sentence) with offsets shifted by ``base``: the same
    splitter as the passage index (:func:`medcite.text.sentences.split_sentences`)."""
    return [(base + s, base + e, text[s:e]) for s, e in passage_spans(text)]


_LABEL_MAIN = (
    "BACKGROUND|INTRODUCTION|CONTEXT|IMPORTANCE|OBJECTIVES?|PURPOSES?|AIMS?|RATIONALE|METHODS?|DESIGN|"
    "SETTINGS?|PATIENTS?|PARTICIPANTS|SUBJECTS|INTERVENTIONS?|MEASURES|MEASUREMENTS|MATERIALS?|RESULTS?|"
    "FINDINGS|CONCLUSIONS?|DISCUSSION|INTERPRETATION|IMPLICATIONS?|LIMITATIONS|SIGNIFICANCE|OUTCOMES?|"
    "SELECTION|CRITERIA|REGISTRATION|SUMMARY|ACQUISITION|SYNTHESIS"
)
_LABEL_FILL = (
    "AND|OF|FOR|THE|MAIN|STUDY|DATA|CASE|TRIAL|PRACTICE|PRINCIPAL|SOURCES|COLLECTION|ANALYSIS|EVIDENCE"
)
# "...were enrolled. RESULTS: Mortality..." inside an unlabelled abstract (common in screening sets): a label
# holds at least one main label word and ends in a colon, or in a full stop when it follows a sentence end
_INLINE_LABEL = re.compile(
    rf"(?:^|(?<=[\s.;:]))((?:(?:{_LABEL_FILL})[ /&,]+)*(?:{_LABEL_MAIN})"
    rf"(?:[ /&,]+(?:{_LABEL_MAIN}|{_LABEL_FILL}))*)([:.])\s+(?=[A-Z0-9(])"
)


def inline_sections(text: str) -> list[tuple[str, int, str]]:
    """Split an unlabelled section at inline structured-abstract labels: (label, offset, text) pieces,
    the labels themselves left out. Text without such labels comes back as one unlabelled piece."""
    marks = [
        m for m in _INLINE_LABEL.finditer(text) if any(c.islower() for c in text[m.end() : m.end() + 40])
    ]
    if len(marks) < 2:
        return [("", 0, text)]
    out = [("", 0, text[: marks[0].start()])] if text[: marks[0].start()].strip() else []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        end = nxt.start() if nxt is not None else len(text)
        out.append((m.group(1), m.end(), text[m.end() : end]))
    return out


def record_sentences(source: StoredSource) -> list[tuple[str, int, int, str]]:
    """All sentences of a source as (section label, start, end, text), offsets into ``record.text``."""
    out: list[tuple[str, int, int, str]] = []
    pos = 0
    for sec in source.record.sections:
        pieces = inline_sections(sec.text) if not sec.label else [(sec.label, 0, sec.text)]
        for label, off, piece in pieces:
            for s, e, t in split_sentences(piece, pos + off):
                out.append((label, s, e, t))
        pos += len(sec.text) + len(SECTION_SEPARATOR)
    return out


def role_of(label: str, text: str) -> Role:
    lab = label.upper()
    if any(k in lab for k in ("CONCLU", "INTERPRETATION", "IMPLICATION", "SIGNIFICANCE")):
        return "conclusions"
    if any(k in lab for k in ("RESULT", "FINDING")):
        return "results"
    if any(
        k in lab for k in ("METHOD", "DESIGN", "SETTING", "PATIENT", "PARTICIPANT", "INTERVENTION", "MEASURE")
    ):
        return "methods"
    if any(
        k in lab
        for k in ("BACKGROUND", "INTRODUCTION", "CONTEXT", "OBJECTIVE", "PURPOSE", "AIM", "RATIONALE")
    ):
        return "background"
    if (_AIM_CUE.match(text) or _ASSIGNED.search(text)) and not (
        _RESULT_CUE.search(text) or _CONCLUSION_CUE.search(text)
    ):
        return "methods"
    if _CONCLUSION_CUE.search(text):
        return "conclusions"
    if _RESULT_CUE.search(text):
        return "results"
    return "unknown"


# an unlabelled sentence that states the aim or the method, not a finding
_AIM_CUE = re.compile(
    r"(?:to (?:evaluate|assess|determine|investigate|examine|compare|study|test|explore|describe)\b|"
    r"(?:in (?:this|the present|the current) study,? )?we (?:compared|examined|investigated|evaluated|"
    r"assessed|studied|conducted|performed|enrolled|recruited|randomi[sz]ed|aimed|sought|hypothesi[sz]ed|"
    r"designed|tested|explored|analy[sz]ed|reviewed|measured|used)\b|"
    r"(?:this|the present|the current|our) (?:study|trial|review|analysis) (?:was|is|aimed|aims|"
    r"examined|investigated|evaluated|assessed|compared|sought|describes)\b|"
    r"(?:the )?(?:primary |secondary |main )?(?:outcome )?measures? (?:of \w+ )?(?:was|were|included)\b|"
    r"(?:prospective|retrospective),? (?:randomi[sz]ed |controlled |observational )*(?:study|trial|"
    r"analysis|review)\b)",
    re.I,
)
_ASSIGNED = re.compile(
    r"\bwere (?:randomly |randomi[sz]ed and )?(?:assigned|randomi[sz]ed|allocated|enrolled|recruited|"
    r"initiated on|included)\b",
    re.I,
)
_CONCLUSION_CUE = re.compile(
    r"\b(?:we conclude|in conclusion|conclusions?|these (?:results|findings|data) (?:suggest|indicate|show)|"
    r"our (?:results|findings|data) (?:suggest|indicate|show)|in summary|taken together|overall,)",
    re.I,
)
_RESULT_CUE = re.compile(
    r"\b(?:p\s?[<=>]\s?0?\.\d|95%\s?CI|confidence interval|odds ratio|hazard ratio|relative risk|"
    r"\d+(?:\.\d+)?\s?%|significant(?:ly)?)",
    re.I,
)
_LEAD_TRIM = re.compile(
    r"^(?:(?:in conclusion|conclusions?|in summary|to conclude|taken together|overall|results?|"
    r"interpretation|findings|however|conversely|moreover|furthermore|in addition|additionally|also|thus|"
    r"therefore|hence|finally|importantly|notably)\s*[:,]?\s+)+",
    re.I,
)

NEGATIVE = re.compile(
    r"\b(?:did not|does not|do not|was not|were not|is not|are not|has not|have not|could not|cannot|"
    r"no (?:statistically )?significant|not (?:statistically )?significant(?:ly)?|"
    r"no (?:significant )?differences?|"
    r"not associated|no association|no (?:clear |convincing )?evidence|failed to|no (?:beneficial )?effect|"
    r"no benefit|not effective|ineffective|no role|not related|no relationship|no correlation|"
    r"not superior|not improve|neither|nor|unrelated|independent of|no longer|no advantage|lack of|"
    r"no impact|no influence|not predictive|not useful|not justified|not necessary|not recommended|"
    r"not (?:be )?(?:required|needed|warranted))\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|potential(?:ly)?|appears? to|seems? to|further (?:studies|"
    r"research|trials|"
    r"investigations?|evaluation|work)|more (?:research|studies)|larger|warrant(?:ed|s)?|remains? (?:unclear|"
    r"uncertain|controversial|to be)|unclear|uncertain|preliminary|inconclusive|controversial|conflicting|"
    r"not (?:yet )?(?:clear|known|established)|limited evidence|needs? to be|"
    r"should be (?:confirmed|investigated))\b",
    re.I,
)
POSITIVE = re.compile(
    r"\b(?:significant(?:ly)?|improv\w*|reduc\w*|effective\w*|efficac\w*|associated with|benefit\w*|"
    r"superior|increas\w*|decreas\w*|safe|useful|feasible|predict\w*|lower|higher|better|successful\w*|"
    r"accurate|reliable|valid|recommended|support\w*|promot\w*|enhanc\w*|prevent\w*|protect\w*)",
    re.I,
)


def direction_of(text: str) -> Direction:
    neg = len(NEGATIVE.findall(text))
    hedge = len(HEDGE.findall(text))
    pos = len(POSITIVE.findall(text))
    if neg and neg >= pos:
        return "negative"
    if hedge and not neg:
        return "hedged" if pos <= hedge else "positive"
    if pos or neg:
        return "positive" if pos > neg else "negative"
    return "neutral"


TAGS: dict[str, re.Pattern[str]] = {
    "safety": re.compile(
        r"\b(?:adverse|side[- ]effects?|toxicit\w*|tolerab\w*|tolerated|safety|safe|complications?|nausea|"
        r"vomiting|dizziness|headaches?|sedation|hallucinat\w*|dissociat\w*|psychotomimetic|deaths?|fatal|"
        r"serious|withdrawal|bleeding|hepatotox\w*|cardiotox\w*|abuse|dependence|misuse|harms?|overdose)\b",
        re.I,
    ),
    "dosing": re.compile(
        r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|μg|g|ml|mL|units?|IU)(?:/kg)?\b(?!/d?[lL])|\b(?:doses?|"
        r"dosing|dosage|infusions?|"
        r"intravenous\w*|intranasal\w*|oral(?:ly)?|intramuscular\w*|subcutaneous\w*|sublingual\w*|routes?|"
        r"administered|administration|twice daily|once daily|per day|weekly|titrat\w*|regimens?)\b",
        re.I,
    ),
    "mechanism": re.compile(
        r"\b(?:mechanisms?|receptors?|antagonis\w*|agonis\w*|inhibit\w*|pathways?|mediat\w*|neurotransmi\w*|"
        r"glutamat\w*|synap\w*|signal\w*|modulat\w*|BDNF|mTOR|binding|pharmacolog\w*)\b",
        re.I,
    ),
    "pitfalls": re.compile(
        r"\b(?:limitations?|limited by|relapse\w*|recurren\w*|cautio\w*|contraindicat\w*|off-label|"
        r"not approved|"
        r"unapproved|abuse|misuse|diversion|dependence|small sample|short[- ]term|short follow-up|"
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
    "considerations": re.compile(
        r"\b(?:eligib\w*|inclusion|exclusion|excluded|refractory|resistant|history of|comorbid\w*|candidates|"
        r"selected|predictors?|responders?|baseline|individuali[sz]ed|protocol|maintenance|follow-up)\b",
        re.I,
    ),
    "efficacy": re.compile(
        r"\b(?:improv\w*|reduc\w*|efficac\w*|effective\w*|significant\w*|respon\w*|remission|benefit\w*|"
        r"decreas\w*|increas\w*|superior|odds ratio|relative risk|hazard ratio|difference|associated|"
        r"outcomes?|sensitivity|specificity|accuracy|survival|mortality|predict\w*)\b|\bp\s?[<=]|95% CI",
        re.I,
    ),
}


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

    @property
    def key(self) -> str:
        return self.source.key

    @property
    def level(self) -> int:
        from medcite.domain import LEVEL

        return LEVEL[self.source.evidence.design]

    @property
    def trimmed(self) -> str:
        return trim_sentence(self.text)

    def tags(self) -> frozenset[str]:
        return frozenset(name for name, pat in TAGS.items() if pat.search(self.text))

    def direction(self) -> Direction:
        return direction_of(self.text)

    def as_evidence(self) -> Evidence:
        return evidence_from(self.source, self.text, self.start)


_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|br|p|span|div)\b[^>]*>", re.I)
_LEAD_LABEL = re.compile(r"^[A-Z][A-Z/&, ]{2,40}:\s+")  # "DISCUSSION: ...", "AIM: ..."


def trim_sentence(text: str) -> str:
    """The sentence as a statement: markup, a leading section label and connectives removed."""
    t = " ".join(_HTML_TAG.sub(" ", text).split())
    t = _LEAD_TRIM.sub("", _LEAD_LABEL.sub("", t))
    t = t[0].upper() + t[1:] if t else t
    if t and t[-1] not in ".!?)":
        t += "."
    return t


_WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    "a an the of in on for to and or with without by from at as is are was were be been being do does did "
    "can could should would will may might must what which who whom how why when where there their this "
    "that these those it its into than then vs versus about after before during between among role use "
    "effect effects patients patient people treatment treating therapy study studies any have has had not "
    "no yes".split()
)


def terms(text: str) -> list[str]:
    return [w[:6] for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2]


def overlap(query_terms: Iterable[str], text: str) -> float:
    q = set(query_terms)
    if not q:
        return 0.0
    return len(q & set(terms(text))) / len(q)


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
_PEOPLE = (
    r"(?:patients|participants|subjects|children|adolescents|adults|women|men|infants|neonates|volunteers|"
    r"individuals|persons|people|veterans|students|cases|outpatients|inpatients|survivors|smokers|mothers|"
    r"pregnancies|residents|users|elderly)"
)
_FUNCTION_START = frozenset(
    "the this these those a an in our we there it its patients participants overall both all most no none "
    "treatment compared after among at during however although with".split()
)


@dataclass(frozen=True, slots=True)
class Prefix:
    text: str  # e.g. "In a randomised controlled trial of 36 children undergoing adenotonsillectomy, "
    n_value: str | None = None
    n_start: int = -1  # offset of the sample size inside record.text (-1: from metadata)
    n_end: int = -1
    evidence: tuple[int, int] | None = None  # the sentence the population phrase came from
    phrase: str = ""  # the population phrase, verbatim from the source text
    phrase_start: int = -1  # its offset in record.text


def reliable_n(source: StoredSource) -> int | None:
    """EvidenceInfo.sample_size when the text backs it: stated as a count of people and not smaller
    than another count of people in the abstract (a subgroup count is not the study's n)."""
    n = source.evidence.sample_size
    if n is None or n <= 0:
        return None
    text = source.record.text
    counts = [
        int(m.group(1).replace(",", ""))
        for m in re.finditer(
            rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}\b", text
        )
    ]
    if counts and n < max(counts):
        return None
    return n


_CLAUSE_END = re.compile(r"\s*(?:[,.;:)]|$)")


def attribution(source: StoredSource) -> Prefix:
    """The design/population prefix, built from EvidenceInfo and the source's own words, never invented.

    "In a randomised controlled trial of 36 children undergoing adenotonsillectomy, " when the population
    phrase ends cleanly in the text; "In an observational study (n = 2211), " when only the number is
    checkable; just the design otherwise.
    """
    ev = source.evidence
    design = DESIGN_PHRASE[ev.design]
    n = reliable_n(source)
    if n is None:
        if ev.design is Design.OTHER:
            return Prefix("")
        return Prefix(f"In {design}, ")
    text = source.record.text
    pat = re.compile(
        rf"\b{n:d}\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}"
        r"(?:\s+(?:with|undergoing|who|aged|receiving|treated|admitted|"
        r"scheduled)\b(?:\s+[^\s,.;:()\[\]]+){1,7})?",
    )
    m = pat.search(text)
    if m and len(m.group(0).split()) <= 14:
        phrase = m.group(0).rstrip()
        if not _CLAUSE_END.match(text, m.start() + len(phrase)) or re.search(
            r"\b(?:and|or|of|with|between|from|to|the|a|an|in|at|for|who)$", phrase, re.I
        ):
            # the phrase would be cut mid-clause: keep only "N patients"
            base = re.match(rf"{n:d}\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{_PEOPLE}", phrase)
            phrase = base.group(0) if base else ""
        if phrase:
            sent = next(((s, e) for _, s, e, _t in record_sentences(source) if s <= m.start() < e), None)
            return Prefix(
                f"In {design} of {phrase}, ",
                str(n),
                m.start(),
                m.start() + len(str(n)),
                sent,
                phrase,
                m.start(),
            )
    # the sample size must be checkable in the text: cite the sentence that states it, or leave it out
    num = re.compile(rf"(?<![\d.,]){n:d}(?![\d.,]\d)")
    for _lab, s, e, t in record_sentences(source):
        if nm := num.search(t):
            at = s + nm.start()
            return Prefix(f"In {design} (n = {n}), ", str(n), at, at + len(str(n)), (s, e))
    return Prefix(f"In {design}, ")


_SAYS_DESIGN = re.compile(
    r"\b(?:randomi[sz]ed|trial|meta-analys\w*|systematic review|case-control|case-referent|cohort|"
    r"case series|case report|observational|cross-sectional|prospective(?:ly)?|retrospective(?:ly)?|"
    r"guideline|(?:this|our|the present|the current) (?:\w+ )?(?:study|review|analysis|series|survey)|"
    r"in this|we (?:studied|enrolled|conducted|performed|reviewed))\b",
    re.I,
)


def with_prefix(prefix: Prefix, sentence: str) -> str:
    """The sentence with the prefix, unless the sentence already names its design or sample size."""
    if not prefix.text or _SAYS_DESIGN.search(sentence):
        return sentence
    if prefix.n_value and re.search(rf"(?<![\d.]){prefix.n_value}(?![\d.])", sentence):
        return sentence
    return prefix.text + lower_first(sentence)


def lower_first(sentence: str) -> str:
    """The sentence with its first word in lower case, to follow a prefix ("In a trial, the ..."); an
    acronym, a word with inner capitals or a possessive name ("Crohn's") keeps its case."""
    first, _, rest = sentence.partition(" ")
    if (
        first.replace("-", "").isalpha()
        and first[1:].islower()
        and (first.lower() in _FUNCTION_START or len(first) > 1)
    ):
        return first.lower() + (" " + rest if rest else "")
    return sentence


NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*%?")
