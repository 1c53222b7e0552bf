"""Rule-based question analysis: question type, PICO elements, abbreviation expansion, follow-ups."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from medcite.compose.asking import AUX, LEAD_PREPOSITION, PREDICTS, asks_for_thing, asks_yes_no
from medcite.compose.purpose import read_purposes
from medcite.compose.shapes import (
    ACTS_ON,
    FRAMED_SPLIT,
    SUBJECT_SPLIT,
    Clause,
    frame_object,
    helped,
    is_wh,
    names_condition,
    people_only,
    read_clause,
    read_wh,
    risk_exposure,
)
from medcite.domain.article import QuestionSummary
from medcite.errors import InputError
from medcite.text.brackets import mask_brackets, tidy_brackets, unmask

if TYPE_CHECKING:
    from medcite.domain.article import Article


class QuestionType(StrEnum):
    THERAPY = "therapy"  # therapy / efficacy
    DOSING = "dosing"
    ADVERSE = "adverse effects"
    DIAGNOSIS = "diagnosis"
    PROGNOSIS = "prognosis"
    MECHANISM = "mechanism"
    COMPARISON = "comparison"
    YES_NO = "yes/no"


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    question: str
    qtype: QuestionType  # YES_NO for a yes/no question; ``focus`` then says what it is about
    focus: QuestionType
    intervention: str | None = None
    condition: str | None = None
    population: str | None = None
    comparator: str | None = None
    outcome: str | None = None
    expansions: tuple[tuple[str, str], ...] = ()  # (abbreviation, expansion) found in the question
    respelled: tuple[tuple[str, str], ...] = ()  # (misspelt word, word read): ``question`` is as read

    @property
    def yes_no(self) -> bool:
        return self.qtype is QuestionType.YES_NO

    @property
    def asks_entity(self) -> bool:
        """Whether the question asks for a thing ("Which gene is mutated in ...?", "What is the most common
        ... ?") rather than for the evidence on an effect ("What is the role of X in Y?")."""
        return not self.yes_no and asks_for_thing(self.question)

    def expanded(self, term: str | None) -> str:
        """``term`` with the expansions of the abbreviations it contains appended."""
        if not term:
            return ""
        extra = [exp for abbr, exp in self.expansions if re.search(rf"\b{re.escape(abbr)}\b", term)]
        return " ".join([term, *extra])

    def summary(self, queries: tuple[str, ...] = ()) -> QuestionSummary:
        return QuestionSummary(
            qtype=self.qtype.value,
            focus=self.focus.value,
            yes_no=self.yes_no,
            intervention=self.intervention,
            condition=self.condition,
            population=self.population,
            comparator=self.comparator,
            outcome=self.outcome,
            expansions=self.expansions,
            queries=queries,
            respelled=self.respelled,
        )

    @classmethod
    def from_summary(cls, question: str, s: QuestionSummary) -> QuestionAnalysis:
        return cls(
            question=question,
            qtype=QuestionType(s.qtype),
            focus=QuestionType(s.focus),
            intervention=s.intervention,
            condition=s.condition,
            population=s.population,
            comparator=s.comparator,
            outcome=s.outcome,
            expansions=s.expansions,
        )


@dataclass(frozen=True, slots=True)
class ThreadContext:
    """What a conversation has established so far (the lead stores threads; this is the pure part)."""

    question: str
    analysis: QuestionAnalysis


@cache
def abbreviations() -> dict[str, str]:
    raw = resources.files("medcite.compose").joinpath("glossary.json").read_text(encoding="utf-8")
    data: dict[str, str] = json.loads(raw)
    return {k: v for k, v in data.items() if not k.startswith("_")}


_TYPE_RULES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (
        QuestionType.MECHANISM,
        re.compile(r"\bmechanism|\bhow (?:does|do|can) .+ work\b|\bmode of action\b", re.I),
    ),
    (
        QuestionType.DOSING,
        re.compile(r"\b(?:doses?|dosage|dosing|how much|how often|titrat\w*|regimen)\b", re.I),
    ),
    # tried, not kept (tune36): a harm that is predicted ("... can it predict adverse outcome?") read as a
    # prognostic question: 4 of 1,997 dev questions; even half PubMedQA 74.4 -> 74.0% (a BRCA risk answer)
    (
        QuestionType.ADVERSE,
        re.compile(
            r"\b(?:side[- ]effects?|adverse|safety|safe|risks?|harms?|harmful|toxicity|complications?)\b",
            re.I,
        ),
    ),
    (
        QuestionType.DIAGNOSIS,
        re.compile(r"\b(?:diagnos\w*|sensitivity|specificity|screening|accuracy|predictive value)\b", re.I),
    ),
    (
        QuestionType.COMPARISON,
        re.compile(r"\b(?:vs\.?|versus|compared (?:with|to)|better than|superior to|inferior to)\b", re.I),
    ),
    (
        QuestionType.PROGNOSIS,
        re.compile(r"\b(?:prognos\w*|survival|life expectancy|long-term outcomes?)\b", re.I),
    ),
    (QuestionType.PROGNOSIS, PREDICTS),
)

_POPULATIONS = tuple(
    "older adults|elderly patients|elderly|pregnant women|pregnancy|adolescents|teenagers|children|"
    "paediatric patients|pediatric patients|infants|neonates|newborns|adults|women|men|veterans|"
    "postmenopausal women".split("|")
)
_POP_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _POPULATIONS), key=len, reverse=True)) + r")\b", re.I
)

_VERBS = (
    r"(?:improve|improves|reduce|reduces|prevent|prevents|treat|treats|increase|increases|decrease|decreases|"
    r"lower|lowers|help|helps|relieve|relieves|affect|affects|cause|causes|shorten|shortens|promote|promotes|"
    r"predict|predicts|be (?:used|effective|safe|beneficial)(?: for| in)?|work for|benefit)"
)
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?:role|efficacy|effectiveness|effects?|benefits?|use|usefulness|value|safety|doses?|dosing|dosage|"
        r"side[- ]effects|adverse effects|risks?|mechanism(?: of action)?|evidence) (?:of|for) "
        r"(?P<i>.+?)(?: (?:in|for|on|among|to treat|to prevent) (?P<c>.+))?$",
        re.I,
    ),
    re.compile(rf"^(?:{AUX} )?(?P<i>.+?) {_VERBS} (?P<o>.+)$", re.I),
    re.compile(r"how (?:does|do|can) (?P<i>.+?) work(?: (?:in|for) (?P<c>.+))?$", re.I),
    re.compile(rf"^(?:{AUX} )?(?P<i>.+?) (?:effective|safe|beneficial|useful) (?:for|in) (?P<c>.+)$", re.I),
    re.compile(r"^(?P<i>.+?) (?:for|in) (?P<c>.+)$", re.I),
    # "Assessment of carotid artery stenosis before coronary artery bypass surgery": the procedure or the
    # event it is done around is a concept of its own (the whole title as one intervention let a carotid
    # endarterectomy series and a hypertension trial pass as direct evidence)
    re.compile(r"^(?P<i>.+?) (?:before|after|prior to|during|following) (?P<c>.+)$", re.I),
)
_COMPARE = re.compile(
    r"(?P<i>[\w\- ]+?) (?:vs\.?|versus|compared (?:with|to)|better than|superior to|or) (?P<k>[\w\- ]+?)"
    r"(?: (?:for|in|among) (?P<c>.+))?$",
    re.I,
)
_LEAD = re.compile(
    r"^(?:what|which|how|when|who|why|where)\s+(?:is|are|was|were|do|does|should|can)\s+"
    r"(?:the\s+|there\s+|any\s+)?(?:current\s+|known\s+|best\s+|recommended\s+|usual\s+)?",
    re.I,
)
_TRIM_LEAD = re.compile(
    r"^(?:the|a|an|any|treating|treatment of|the treatment of|managing|management of|preventing|"
    r"prevention of|patients? with|people with|adults with|children with|symptoms of|it|with|in|among|"
    r"for|(?-i:as))\s+",
    re.I,
)
_CONDITION_SPLIT = re.compile(r"\s+(?:in|among|for|after|with|during|of patients with)\s+", re.I)
_TREAT_VERB = re.compile(r"\b(?:treat|treats|relieve|relieves|help|helps|work for|benefit|be used)\b", re.I)


_KIND_LEAD = re.compile(r"^(?:enzyme|protein|gene|disease|drug|hormone|molecule|compound)\s+(?=\S)", re.I)


def _clean(term: str | None) -> str | None:
    if not term:
        return None
    t = term.strip(" ?.!,;:\"'")
    prev = None
    while prev != t:
        prev = t
        t = _TRIM_LEAD.sub("", t).strip()
        t = re.sub(rf"^(?:{AUX}|there|still)\s+", "", t, flags=re.I).strip()
    t = re.sub(r"\s+(?:patients|treatment|therapy|work)$", "", t, flags=re.I) if len(t.split()) > 1 else t
    t = _KIND_LEAD.sub("", t) if len(t.split()) > 1 else t  # "the enzyme ERAP2" -> "ERAP2"
    t = re.sub(r"(?:^|\s+)(?:used\s+)?(?:for|in|of|with|by|to|about|and|or)$", "", t, flags=re.I)
    if t.lower() in ("it", "they", "this", "that", "these", "those", "them", "there", "we") or re.match(
        r"(?:which|what)\b", t, re.I
    ):
        return None  # a pronoun, or the wh-phrase itself ("which disease")
    if re.fullmatch(r"[\d.,%()\s]+", t):
        return None  # a count left of "in 370 postmenopausal women" once the people are taken out; "(2018)"
    return t or None


def _qtype(question: str, yes_no: bool = False) -> QuestionType:
    """The question's focus by :data:`_TYPE_RULES`; a question that asks what a drug binds or acts on is a
    mechanism question (:data:`medcite.compose.shapes.ACTS_ON`), unless it asks yes or no."""
    if not yes_no and ACTS_ON.search(question):
        return QuestionType.MECHANISM
    for qt, pat in _TYPE_RULES:
        if pat.search(question):
            return qt
    return QuestionType.THERAPY


_DATE_LEAD = re.compile(
    r"^(?:as of|since|until|by|in|from)\s+(?:[A-Za-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4},\s*", re.I
)
_SETTING_WORDS = re.compile(
    r"\s+(?:both\s+)?in\s+(?:vitro|vivo|silico)(?:\s+(?:and|or)\s+in\s+(?:vitro|vivo|silico))?(?=\s*$)", re.I
)


_STRESS = re.compile(r"\b(?:really|actually|truly|indeed|necessarily)\s+(?=\w)", re.I)


def analyze_question(question: str) -> QuestionAnalysis:
    """Classify a question and pull out its PICO elements (rule-based, no model)."""
    # no space inside brackets: "the SFTS ( severe fever with thrombocytopenia syndrome) virus" had been read
    # with "( severe fever" as the outcome
    q = tidy_brackets(" ".join(question.split()))
    if len(q) < 3 or not re.search(r"[A-Za-z]", q):
        raise InputError("The question is empty or has no words.")
    if len(q) > 1000:
        raise InputError("The question is too long (more than 1000 characters).")
    yes_no = asks_yes_no(q)
    focus = _qtype(q, yes_no)
    body = re.sub(r",?\s*yes,?\s+or\s+no\s*$", "", q.rstrip("?.! "), flags=re.I).rstrip("?.! ")
    # a date frame or a laboratory setting is no concept ("As of Feb 2019, are ...", "... in vitro")
    body = _SETTING_WORDS.sub("", _DATE_LEAD.sub("", body)).strip() or body
    # an adverb that only stresses the question is no part of a concept ("Is cholecystectomy really an
    # indication for ...?" had read "cholecystectomy really" as the intervention)
    body = _STRESS.sub("", body)
    # "In which tissues is Xist expressed?" is read as "Which tissues is Xist expressed?"
    body = LEAD_PREPOSITION.sub("", body)
    # a bracketed group is read as one word ("SFTS (severe fever with thrombocytopenia syndrome) virus": its
    # "with" splits no concept)
    masked, groups = mask_brackets(body)
    intervention, comparator, condition, outcome = (unmask(x, groups) for x in read_pico(masked, focus))
    population = None
    if pm := _POP_RE.search(q):
        population = pm.group(1).lower()
        condition = _without_population(condition, population, keep_empty=False)
        intervention = _without_population(intervention, population, keep_empty=True)
        outcome = _without_population(outcome, population, keep_empty=False)
    intervention, condition, outcome = read_purposes(q, intervention, condition, outcome, _clean)
    abbr = abbreviations()
    found = tuple((w, abbr[w]) for w in dict.fromkeys(re.findall(r"[A-Za-z][A-Za-z0-9\-]*", q)) if w in abbr)
    return QuestionAnalysis(
        question=q,
        qtype=QuestionType.YES_NO if yes_no else focus,
        focus=focus,
        intervention=intervention,
        condition=condition,
        population=population,
        comparator=comparator,
        outcome=outcome,
        expansions=found,
    )


def read_pico(body: str, focus: QuestionType) -> tuple[str | None, str | None, str | None, str | None]:
    """(intervention, comparator, condition, outcome) of the question's body, cleaned. "Topic: is it ...?"
    reads the topic when the question after the colon has no subject of its own."""
    m = _TOPIC.match(body)
    if m is None:
        return _pico(body, focus)
    head, tail = m.group("head").strip(), m.group("tail").strip()
    i, k, c, o = _pico(tail, focus)
    asks = bool(re.match(rf"^(?:{AUX}|what|which|how)\b", tail, re.I))
    if not asks or i is None or _PRONOUN.match(tail) or _only_frame(i):
        hi, hk, hc, ho = _pico(head, focus, topic=True)
        # a condition that the question after the colon asks about comes first ("Women with synchronous
        # primary cancers of the endometrium and ovary: do they have Lynch syndrome?" had read "ovary")
        return hi or _clean(head), hk or k, c if c and names_condition(c) else hc or c, ho or o
    # the title's topic is the condition when the question after it names none ("Undescended testes: ..."):
    # a short title as it stands, of a long one the condition it names ("Chemoradiotherapy in the
    # management of locally advanced squamous cell carcinoma esophagus")
    topic = _clean(frame_object(head) or head) if len(head.split()) <= 6 else None
    if topic is None and (hc := _pico(head, focus, topic=True)[2]) and names_condition(hc):
        topic = hc
    return i, k, c or topic, o


# "Topic: is it ...?", "Topic, is it ...?", "Topic. Are they ...?"
_TOPIC = re.compile(
    rf"^(?P<head>[^:]{{3,}}?)(?::|[,.](?=\s+(?:{AUX})\s+(?:it|they|this|there)\b))\s*(?P<tail>.+)$", re.I
)
_PRONOUN = re.compile(rf"^(?:(?:{AUX})\s+)?(?:it|they|this|these|them|we)\b", re.I)


_FRAME_NOUNS = frozenset(
    "role association relationship link benefit effect influence impact place need".split()
)


def _only_frame(value: str) -> bool:
    """ "an association", "an etiologic role": a frame noun and at most two words before it, no concept."""
    words = [w for w in re.findall(r"[\w-]+", value.lower()) if w not in ("a", "an", "the", "any")]
    return not words or (words[-1] in _FRAME_NOUNS and len(words) <= 3)


_BE_AUX = frozenset({"is", "are", "was", "were"})


def _pico(
    body: str, focus: QuestionType, topic: bool = False
) -> tuple[str | None, str | None, str | None, str | None]:
    if focus is QuestionType.COMPARISON and (m := _COMPARE.search(_LEAD.sub("", body))):
        intervention = re.sub(rf"^(?:{AUX}|what|which|is)\s+", "", m.group("i"), flags=re.I)
        inner = read_clause(intervention)  # "X result in lower expenditures compared with Y"
        if inner is not None and inner.shape == "verb" and inner.subject:
            return _clean(inner.subject), _clean(m.group("k")), _clean(m.group("c")), _clean(inner.obj)
        return _clean(intervention), _clean(m.group("k")), _clean(m.group("c")), None
    if topic and (m := re.match(r"^(?P<i>.+?)\s+(?P<w>and|versus|vs\.?)\s+(?P<c>.+)$", body, re.I)):
        if m.group("w").lower() == "and":  # "X and Y: is there an association?"
            return _clean(m.group("i")), None, _clean(m.group("c")), None
        return _clean(m.group("i")), _clean(m.group("c")), None, None  # "X vs Y: does it ...?"
    clause, body = _clause(body)
    if clause is None or not clause.subject:
        return _old_pico(_LEAD.sub("", body))
    subject, obj, condition, outcome = clause.subject, clause.obj, None, None
    people = clause.shape != "at-risk" and people_only(subject)  # "Are smokers at risk of Y?": the exposure
    if obj and (re.match(r"(?:we|you|one|i)\b", subject, re.I) or people):
        subject, obj = obj, None  # "Are we seeing the effects of X?", "Should all patients undergo X?"
    if obj and (helps := helped(body, obj)):
        condition, outcome = helps  # "help people stop smoking": the condition is "smoking"
    elif obj:
        parts = _CONDITION_SPLIT.split(obj, maxsplit=1)
        if clause.shape == "is-a" and len(parts) == 1:
            outcome = obj  # "Is X a viral infection?": what X is, not a condition it acts on
        elif clause.shape == "adjective" or _TREAT_VERB.search(body):
            condition = obj
        elif len(parts) > 1:
            outcome, condition = parts
        elif names_condition(obj):
            condition = obj
        else:
            outcome = obj
    subject = frame_object(subject) or subject
    condition = condition and (frame_object(condition) or condition)
    # "the dose of X for Y": what follows the preposition is the condition
    framed = clause.shape == "wh-frame"
    if framed and condition is None and (risk := risk_exposure(body, subject)):
        exposure, where, harm = risk  # "the risk of seizures with bupropion"
        return _clean(exposure), _clean(clause.comparator), _clean(where), _clean(harm)
    split = (FRAMED_SPLIT if framed else SUBJECT_SPLIT).match(subject)
    if condition is None and (m := split) and (framed or names_condition(m.group(2))):
        subject, condition = m.group(1), m.group(2)  # "X as adjunctive therapy in depression"
    outcome = None if outcome and people_only(outcome) else outcome  # "when considering patients for ..."
    return _clean(subject), _clean(clause.comparator), _clean(condition), _clean(outcome)


_HOW = re.compile(r"^how\s+(?:(?!much\b|many\b)\w+\s+)?(?:does|do|can|could|is|are|might|would)\s+", re.I)


def _clause(body: str) -> tuple[Clause | None, str]:
    """The clause of ``body`` and the body without its "How does" lead (for the fallback patterns)."""
    if m := _HOW.match(body):
        body = body[m.end() :]
    elif is_wh(body):
        return read_wh(body), body
    if m := re.match(rf"^({AUX})\s+", body, re.I):
        return read_clause(body[m.end() :], copula=m.group(1).lower() in _BE_AUX), body
    return read_clause(body), body


def _old_pico(body: str) -> tuple[str | None, str | None, str | None, str | None]:
    """The patterns of the first reader, for a body no shape reads."""
    intervention = condition = outcome = None
    for pat in _PATTERNS:
        m = pat.search(body)
        if not m:
            continue
        groups = m.groupdict()
        intervention = groups.get("i")
        condition = groups.get("c")
        obj = groups.get("o")
        if obj:
            parts = _CONDITION_SPLIT.split(obj, maxsplit=1)
            if _TREAT_VERB.search(m.group(0)[m.start("i") + len(intervention or "") :]):
                condition = obj
            else:
                outcome = parts[0]
                condition = parts[1] if len(parts) > 1 else None
        break
    else:
        if len(body.split()) <= 6:
            intervention = body
    return _clean(intervention), None, _clean(condition), _clean(outcome)


_POPULATION_MODIFIERS = frozenset("early late young old older elderly pregnant healthy".split())


def _without_population(value: str | None, population: str, *, keep_empty: bool) -> str | None:
    """``value`` without the population it names ("asthma in children" -> "asthma"); an intervention that
    would be left empty keeps its words (``keep_empty``)."""
    # "pediatric patients" is also removed where the cleaning already dropped "patients"
    pop = population if population in (value or "").lower() else re.sub(r"\s+patients$", "", population)
    if not value or pop not in value.lower():
        return value
    # with its count: "in 370 postmenopausal women"
    raw = re.sub(
        rf"\s*\b(?:(?:in|among|for)\s+)?(?:the\s+)?(?:\d[\d,]*\s+)?{re.escape(pop)}\b", "", value, flags=re.I
    )
    stripped = _clean(raw)
    if stripped and stripped.lower() in _POPULATION_MODIFIERS:
        stripped = None  # "early pregnancy" without "pregnancy"
    return (stripped or value) if keep_empty else stripped


_FOLLOW = re.compile(
    r"^(?:and\s+)?(?:what|how)\s+about\s+(?P<x>.+?)\??$|^(?:and|also|what if)\s+(?:in|for)\s+(?P<y>.+?)\??$"
    r"|^(?:and\s+)?(?:in|for)\s+(?P<z>.+?)\??$",
    re.I,
)
_ASPECTS: tuple[tuple[QuestionType, re.Pattern[str]], ...] = tuple(
    (qt, pat) for qt, pat in _TYPE_RULES if qt is not QuestionType.COMPARISON
)
_CONDITION_CUE = re.compile(
    r"(?:disorder|disease|syndrome|depression|anxiety|pain|cancer|itis|emia|oma|osis|infection|failure|"
    r"injury|insomnia|asthma|diabetes|hypertension|stroke|dementia|schizophrenia|addiction|dependence)\b",
    re.I,
)


def follow_up(previous: Article | ThreadContext, question: str) -> QuestionAnalysis:
    """Analyse a follow-up question, filling what it leaves out from the previous turn.

    "What about adolescents?" after "What is the role of ketamine in treating anxiety?" keeps
    intervention=ketamine and condition=anxiety and sets population=adolescents.
    """
    if isinstance(previous, ThreadContext):
        prev = previous.analysis
    else:
        prev = QuestionAnalysis.from_summary(previous.question, previous.analysis)
    new = analyze_question(question)
    m = _FOLLOW.match(new.question)
    if m:
        x = _clean(m.group("x") or m.group("y") or m.group("z")) or ""
        merged = replace(prev, question=new.question)
        if _POP_RE.fullmatch(x) or (_POP_RE.search(x) and len(x.split()) <= 3):
            pop = _POP_RE.search(x)
            return replace(merged, population=pop.group(1).lower() if pop else x)
        for qt, pat in _ASPECTS:
            if pat.search(x):
                kind = QuestionType.YES_NO if prev.yes_no else qt
                return replace(merged, qtype=kind, focus=qt)
        if _CONDITION_CUE.search(x):
            return replace(merged, condition=x, expansions=_merge_exp(prev, new))
        return replace(merged, intervention=x, expansions=_merge_exp(prev, new))
    return replace(
        new,
        intervention=new.intervention or prev.intervention,
        condition=new.condition or prev.condition,
        population=new.population or prev.population,
        comparator=new.comparator,
        outcome=new.outcome or prev.outcome,
        expansions=_merge_exp(prev, new),
    )


def _merge_exp(a: QuestionAnalysis, b: QuestionAnalysis) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys((*a.expansions, *b.expansions)))
