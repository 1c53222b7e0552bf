"""What a question asks for: yes or no, a thing ("Which gene ...?"), or the evidence on an effect.

Rules over the question's wording, no model: :func:`asks_yes_no` and :func:`asks_for_thing`, used by
:func:`medcite.compose.question.analyze_question` and ``QuestionAnalysis.asks_entity``.
"""

from __future__ import annotations

import re

from medcite.text import AUXILIARIES, terms, year_not_count
from medcite.text.words import STOPWORDS, names

AUX = "(?:" + "|".join(AUXILIARIES) + ")"
# an auxiliary opening a sentence after a title or another question ("Topic. Is it ...?", "What is X? Is it
# ...?")
_SENTENCE_AUX = rf"(?:[:;.?]|--)\s*{AUX}\b"
_YES_NO = re.compile(
    rf"^\s*{AUX}\b|,\s*{AUX}\b|{_SENTENCE_AUX}|^\s*(?:it's|isn't|aren't|doesn't|don't)\b", re.I
)
_ENTITY = re.compile(
    r"^\s*(?:which|what|who|whom|whose|name|list|where|when|how many|how much|"
    # "Describe SLIC-CAGE", "Define the exposome": a request for what a thing is (not "Describe the role
    # of X in Y", an evidence question)
    r"(?:describe|define|explain)(?!\s+(?:the\s+)?(?:role|effects?|efficacy|evidence|benefits?|risks?|"
    r"safety|management|treatment|outcomes?|impact|use)\b))\b",
    re.I,
)
# a wh-phrase inside the question ("Cemiplimab is used for treatment of which cancer?", "In which tissues is
# Xist expressed?"): a question that asks for a thing, not a yes/no one (47 of the 476 BioASQ 7B-9B factoid
# questions; all of them were read as yes/no); ", which is ..." opens a clause
_IN_SITU = re.compile(r"(?<!,\s)\b(?:which|whom|whose)\b|\b(?:what|how many|how much)\b", re.I)
LEAD_PREPOSITION = re.compile(
    r"^(?:in|for|to|from|by|with|on|at|during|of|through|via|into|among|under|after|before)\s+"
    r"(?=(?:which|what|whom|whose|where|when|how)\b)",
    re.I,
)
# "What is the role / effect / evidence ... of X": an evidence question, not a request for a thing
_EVIDENCE_ASK = re.compile(
    r"^\s*what\s+(?:is|are|was|were)\s+(?:the\s+)?(?:current\s+)?(?:role|roles|effects?|efficacy|"
    r"effectiveness|evidence|benefits?|risks?|safety|management|treatment|outcomes?|impact|usefulness|value|"
    r"place|indications?)\b",
    re.I,
)
WH = re.compile(
    r"^\s*(?:what|which|how|why|when|where|who|whom|whose|list|describe|name|explain|summari[sz]e|define)\b",
    re.I,
)


# a question that opens with a wh-word (after a preposition too: "From where is gamabufotalin isolated?") asks
# yes or no only in a sentence of its own ("What is X? Is it ...?"): "Where, in what US state, was there a
# measles outbreak ...?" and "What drug, used to treat rheumatoid arthritis, is an interleukin-1 receptor
# antagonist?" had been read as yes/no (5 BioASQ 7B-9B factoid and list questions; no PubMedQA or yes/no
# question opens with a wh-word)
_WH_THEN_YES_NO = re.compile(_SENTENCE_AUX, re.I)
_YES_OR_NO = re.compile(r"\byes,?\s+or\s+no\b", re.I)


def asks_yes_no(q: str) -> bool:
    """An auxiliary first (or after a title: "Topic. Is it ...?"), a question mark with no wh-word, or
    "..., yes or no"; after an opening wh-word, only "yes or no" or an auxiliary opening a sentence."""
    if WH.match(LEAD_PREPOSITION.sub("", q)):
        return bool(_YES_OR_NO.search(q) or _WH_THEN_YES_NO.search(q))
    return (
        bool(_YES_NO.search(q))
        or (q.endswith("?") and not _IN_SITU.search(q))
        or bool(_YES_OR_NO.search(q))  # "X is a bacterium, yes or no"
    )


def asks_for_thing(q: str) -> bool:
    """A question (not a yes/no one) that asks for a thing ("Which gene is mutated in ...?", "What is the
    most common ...?", "X is used for which cancer?") rather than for the evidence on an effect ("What is
    the role of X in Y?", "Statins for primary prevention: what is the evidence?")."""
    q = LEAD_PREPOSITION.sub("", q)  # "From where is X isolated?" asks where
    if _EVIDENCE_ASK.match(q):
        return False
    if _ENTITY.match(q) or WH.match(q):
        return bool(_ENTITY.match(q))
    inner = _IN_SITU.search(q)
    return inner is not None and not _EVIDENCE_ASK.match(q[inner.start() :])


# "Which database ...?", "What drug ...?", "X is used for which cancer?": the question names the kind of thing
# it asks for, so its answer is a thing of that kind, most often named ("3DSNP", "DeepVariant")
_WHICH_KIND = re.compile(rf"\b(?:which|what)\s+(?!{AUX}\b)[a-z]", re.I)


def asks_which(q: str) -> bool:
    """A question for a thing (:func:`asks_for_thing`) that names the kind it asks for ("Which gene ...?")."""
    return asks_for_thing(q) and bool(_WHICH_KIND.search(LEAD_PREPOSITION.sub("", q)))


def named_kind(q: str) -> bool:
    """Whether the kind asked for has things with names, answered by a sentence that opens with one (not
    :data:`UNNAMED_KINDS`)."""
    return not (UNNAMED_KINDS and _UNNAMED_KIND.search(LEAD_PREPOSITION.sub("", q)))


# a kind whose things are common nouns, not names: "In which cellular compartment do stress granules
# localize?" is answered by "cytoplasm", and a sentence opening with a new name ("Rbfox2 is a novel
# constituent of cytoplasmic stress granules") is no better an answer (a tuning-half reading, 2026-12-07).
# Off: every kind is named
UNNAMED_KINDS = True
_UNNAMED_KIND = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:compartments?|organelles?|organs?|tissues?|structures?|regions?|"
    r"locations?|parts?|layers?|routes?|sides?|stages?|phases?|sex|age|types? of cells?)\b",
    re.I,
)


def introduces_name(sentence: str, question: str, opening: int = 6) -> bool:
    """Whether ``sentence`` opens (its first ``opening`` words) with a name (:func:`medcite.text.words.names`)
    that the question does not use: "3DSNP is a valuable resource for ..." answers "Which database
    associates human noncoding SNPs with ...?", as "Recent chromosome conformation capture studies have
    outlined ..." does not."""
    asked = {w.lower().strip("?,;:()") for w in question.split()} | {n.lower() for n in names(question)}
    asked = {w for w in asked if len(w) >= 3}
    head = " ".join(sentence.split()[:opening])
    maker = PASSIVE_AGENT and _MAKER_ASK.search(question)
    agents = [w for m in _AGENT.finditer(sentence) for w in m["agent"].split()] if maker else []
    return any(_new(n.lower(), asked) for n in (*names(head), *agents))


# ... or names one as the agent of a passive verb: "Afrezza has been marketed since February, 2015 by Sanofi
# after getting FDA approval" answers "Which company sells the drug Afrezza since 2015?" (it had quoted
# "MannKind Corporation started developing ... Afrezza"); a capitalised word after "by" is a name there.
# Only for a question that asks who makes or sells a thing: "approved by the FDA", "measured by Western
# blotting" name no company (an independent review found these among 638 BioASQ agents); a word in
# capitals alone (FDA, ELISA, US) is no agent. Off: the opening alone
PASSIVE_AGENT = True
_MAKER_ASK = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:company|companies|manufacturer|firm|sponsor|organi[sz]ation)\b",
    re.I,
)
_AGENT = re.compile(
    r"\b[a-z]{2,}(?:ed|en)\b[^.;]{0,40}?\bby (?:the )?"
    r"(?P<agent>[A-Z][a-z][\w&.-]*(?: [A-Z][a-z][\w&.-]*){0,2})"
)


def _new(name: str, asked: set[str]) -> bool:
    """A name that is none of the question's words, nor one of them in another form ("PDQ39-SI" for "PDQ39",
    "IL-6R" for "IL-6"); a word grown into a new name is new ("DeepVariant" for "deep": a tuning-half bottom
    line had passed over it for "Which deep learning algorithm ...?")."""
    return not any(_form_of(name, w) or _form_of(w, name) for w in asked)


def _form_of(longer: str, shorter: str) -> bool:
    rest = longer.removeprefix(shorter)
    return rest != longer and (len(rest) <= 2 or not rest[0].isalpha())


# a question that asks which thing of a kind ("Which tool has been developed for ...?") is answered first by
# the sentences that name the name a source's title opens with (:func:`title_name`, :func:`mentions`): in
# drafting, and in the bottom line (off: the sentences closest to the question, which had quoted a
# background sentence of the Arioc abstract and never its name)
TITLE_NAMES = True
# a title that opens with a name and a colon: "Arioc: GPU-accelerated alignment of ...", "The OncoPPi Portal:
# an integrative resource ...", "geck: trio-based comparative benchmarking ..."
_TITLE_NAME = re.compile(r"^\s*((?:[\w-]+\s+){0,2}[\w-]+)\s*:\s+\S")


def title_name(title: str, question: str) -> str | None:
    """The name a source's title opens with ("Arioc" of "Arioc: GPU-accelerated alignment of short
    bisulfite-treated reads."), where one of its words is not the question's and the title's description after
    the colon shares at least 3 terms, and 40% of the question's, with the question; else None."""
    m = _TITLE_NAME.match(title)
    if m is None:
        return None
    asked, said = set(terms(question)), {w.lower() for w in re.findall(r"[\w-]+", question)}
    own = [w for w in re.findall(r"[\w-]+", m.group(1).lower()) if w not in STOPWORDS]
    if not asked or not [w for w in own if w not in said]:
        return None  # every word of the name is the question's
    shared = set(terms(title[m.end(1) :])) & asked
    return m.group(1) if len(shared) >= 3 and len(shared) >= 0.4 * len(asked) else None


def mentions(sentence: str, name: str | None) -> bool:
    """Whether ``sentence`` names ``name`` (a :func:`title_name`), as a whole word; False for None."""
    return (
        name is not None and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence, re.I) is not None
    )


# a question for a date ("When was vivotif first licenced in Europe?", "What year was the first successful
# human heart transplant performed?") is answered by a sentence that states one ("The vaccine was first
# licensed in Europe in 1983 ..."): such sentences first. Not "When is X used ...?", which asks in what case,
# nor "When did symptoms resolve?", which asks for a time after something
_ASKS_DATE = re.compile(
    r"^\s*(?:when\s+(?:was|were|did|has|have)\b.*\b(?:approv\w*|licen[cs]\w*|introduc\w*|discover\w*|"
    r"launch\w*|market\w*|found\w*|establish\w*|perform\w*|publish\w*|releas\w*|describ\w*|identif\w*|"
    r"develop\w*|invent\w*|authori[sz]\w*|replac\w*|first)\b|(?:in\s+)?(?:what|which)\s+year\b)",
    re.I,
)
_YEAR = re.compile(
    r"\b(?:1[89]|20)\d\d\b(?!\s*(?:patients|participants|subjects|people|individuals|cases|mg|ml)\b)"
)
_MONTH = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b"
)


def asks_date(question: str) -> bool:
    """Whether the question asks when something happened (:data:`_ASKS_DATE`)."""
    return bool(_ASKS_DATE.match(question))


def states_date(text: str) -> bool:
    """Whether ``text`` names a month, or a year where its words make it one ("in 1983"; not "Of 2015
    patients screened": :func:`medcite.text.year_not_count`)."""
    if _MONTH.search(text):
        return True
    return any(
        year_not_count(int(m.group(0)), text[max(0, m.start() - 12) : m.start()])
        for m in _YEAR.finditer(text)
    )


# "How many genes ...?", "How many doses of X are required?": the noun counted, whose answer is a count of it
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<words>[^?.,;:]+)", re.I)
_COUNT = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|dozens?|single|double|a few|several)"
)


def counted_noun(question: str) -> str | None:
    """The noun a "how many" question counts, without its plural "s" ("genes" -> "gene"); None for another
    question."""
    m = _HOW_MANY.search(question)
    if m is None:
        return None
    words = [w.lower() for w in m.group("words").split()[:4]]
    words = words[: next((i for i, w in enumerate(words) if w in STOPWORDS), len(words))]
    # the head noun: the first plural ("annotated conserved human lncRNAs"), else the first word ("people")
    noun = next((w for w in words if w.endswith("s") and len(w) > 3), words[0] if words else "")
    if noun.endswith("ies"):
        return noun[:-3] + "y"  # "copies" -> "copy"
    return (noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun) or None


def states_count(text: str, noun: str) -> bool:
    """Whether ``text`` gives a count of ``noun`` ("457 pairs of duplicated genes", "the single-dose oral
    vaccine" for "dose"): a number in figures or words, not a year ("in 2016", :func:`year_not_count`),
    within three words before the noun."""
    forms = rf"{re.escape(noun[:-1])}(?:y|ies)" if noun.endswith("y") else rf"{re.escape(noun)}(?:e?s)?"
    pattern = rf"(?<![\w-])(?P<n>{_COUNT})(?:[\s-]+[\w-]+){{0,3}}?[\s-]+{forms}\b"
    for m in re.finditer(pattern, text, re.I):
        digits = m.group("n").replace(",", "")
        if not (digits.isdigit() and year_not_count(int(digits), text[max(0, m.start() - 12) : m.start()])):
            return True
    return False


# a marker that predicts an outcome ("Does base deficit predict mortality ...?", "Is the h-index predictive of
# greater NIH funding success ...?"): a prognosis question, whose bottom line counts no "increase" or
# "decrease" (tune40); not a tool that predicts ("Which tool exist for predicting drug synergy with deep
# learning?"). 37 of the 1,997 dev questions
PREDICTS = re.compile(
    r"^(?!.*\b(?:algorithms?|tools?|software|methods?|framework|database|computational\w*|"
    r"(?:deep|machine) learning)\b).*\bpredict(?:s|ive|ion|or|ors|ing|able)?\b",
    re.I,
)
