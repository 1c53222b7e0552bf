"""Words: the stopword lists, the word tokenizers and the lexical overlap scorers.

Each function word is written once, in one of the pieces below; the lists the pipeline uses are named
unions of those pieces. The lists differ on purpose (each was tuned where it is used), and the unions
keep every one of them exactly as it was:

* :data:`CLAIM_STOPWORDS`: what :func:`content_words` drops, for the verifier's claim/sentence overlap;
* :data:`QUERY_STOPWORDS`: what :func:`query_terms` drops from a search query (the common English
  stoplist, plus the words of a question's frame: "the role of treatment in patients");
* :data:`TERM_STOPWORDS`: what :func:`terms` drops, for the composer's relevance and concept matching;
* :data:`PREPOSITIONS` and :data:`CONNECTIVES`: the question reader's and the acronym builder's lists.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- the pieces ---------------------------------------------------------------------------------------
ARTICLES = _words("a an the")
COORDINATORS = _words("and or")
CORE_PREPOSITIONS = _words("to in of on for with")  # in every list
COMMON_PREPOSITIONS = _words("at between by from into than")  # in every stoplist and in PREPOSITIONS
CONTEXT_PREPOSITIONS = _words("about after before during")  # not in CLAIM_STOPWORDS
AMONG = _words("among")  # not in QUERY_STOPWORDS
VIA = _words("via")  # only in CLAIM_STOPWORDS
AGAINST = _words("against")  # only in QUERY_STOPWORDS
# forms of be/have/do, modals, pronouns, demonstratives, wh-words, negation, "use": in every stoplist
FUNCTION_WORDS = _words(
    """any are as be been being can could did do does had has have is it its no not should that their then
    there these this those use was were what when where which who whom will would"""
)
# quantifiers, degree words and connectives of running prose: claims and queries
PROSE_WORDS = _words("all both but each if more most nor other over so some such under used using very while")
HEDGING_MODALS = _words("may might")  # claims and compose terms (the query keeps them)
# the frame of a clinical question ("how ...", "the role of treatment in patients"): queries and compose terms
QUESTION_WORDS = _words("how why role treating treatment patient patients")
CLAIM_EXTRA = _words("also compared least less many much per shall whose")
# the rest of the common English stoplist (pronouns, adverbs), and "treat"
QUERY_EXTRA = _words(
    """above again am because below doing down few further having he her here hers him his i itself just me
    my off once only our out own same she them they through too treat until up we you your"""
)
# study words that do not tell two questions or sentences apart, and "vs", "without", "yes"
TERM_EXTRA = _words("effect effects must people studies study therapy versus vs without yes")

# -- the lists ----------------------------------------------------------------------------------------
STOPWORDS = ARTICLES | COORDINATORS | CORE_PREPOSITIONS | COMMON_PREPOSITIONS | FUNCTION_WORDS  # in all three
CLAIM_STOPWORDS = STOPWORDS | PROSE_WORDS | HEDGING_MODALS | AMONG | VIA | CLAIM_EXTRA
QUERY_STOPWORDS = STOPWORDS | PROSE_WORDS | QUESTION_WORDS | CONTEXT_PREPOSITIONS | AGAINST | QUERY_EXTRA
TERM_STOPWORDS = STOPWORDS | HEDGING_MODALS | QUESTION_WORDS | CONTEXT_PREPOSITIONS | AMONG | TERM_EXTRA
PREPOSITIONS = CORE_PREPOSITIONS | COMMON_PREPOSITIONS | CONTEXT_PREPOSITIONS | AMONG | VIA | AGAINST
CONNECTIVES = ARTICLES | COORDINATORS | CORE_PREPOSITIONS  # left out of an acronym ("DBE")

# the auxiliaries that open a yes/no question, in the order the question patterns try them
AUXILIARIES = tuple(
    "is are was were do does did can could should would will has have had may might must".split()
)

# words for the people a study enrolled ("36 children", "a total of 1,234 patients")
PEOPLE = _words(
    """adolescents adults cases children elderly individuals infants inpatients men mothers neonates
    octogenarians nonagenarians outpatients participants patients people persons pregnancies residents smokers
    students subjects survivors veterans volunteers women"""
)
ATTRIBUTED_PEOPLE = PEOPLE | _words("users")  # the composer's "In a trial of 36 children, " prefix
# the sample-size reader (corpus.classify)
SAMPLED_PEOPLE = PEOPLE | _words(
    "athletes boys caregivers carers couples families girls midwives newborns nurses pharmacists physicians "
    "professors recipients respondents undergraduates workers"
)

# -- the subjects of a study (the design classifier: people, or animals and the laboratory) ----------------
# people as the subjects of a study ("patients", "healthy volunteers", "in humans")
HUMAN_SUBJECTS = _words(
    """patient patients participant participants subjects volunteer volunteers women men children adult adults
    infant infants adolescent adolescents human humans persons people individuals mothers pregnant neonates
    students residents outpatients inpatients respondents"""
)
# ages and states said of animals too ("adult Wistar rats", "adolescent mice", "pregnant ewes")
AGE_WORDS = _words("adult adults adolescent adolescents infant infants juvenile neonates pregnant")
# animals as the subjects of a study ("in adult Wistar rats", "of zebrafish larvae"), and their adjectives;
# the laboratory's phrases (strains, cell lines, "in vitro") are medcite.text.design_cues.LABORATORY
ANIMAL_NOUNS = _words(
    """animals mice mouse rat rats rodent rodents rabbit rabbits dog dogs pig pigs piglets swine sheep ewes
    lambs cattle cows calves heifers monkey monkeys macaque macaques marmosets primates zebrafish drosophila
    hamster hamsters gerbils ferrets chick chicks chickens quail xenopus tadpoles frogs elegans"""
)
ANIMAL_WORDS = ANIMAL_NOUNS | _words("murine porcine ovine bovine")
# people by sex and by age (the verifier's copy-edit check: "women" -> "men", "children" -> "adults")
MALE_WORDS = _words("men man male males boy boys father fathers husbands")
FEMALE_WORDS = _words("women woman female females girl girls mother mothers wives pregnant")
# words that say a study is of pregnant women ("maternal outcomes", "cesarean delivery")
PREGNANCY_WORDS = _words(
    """pregnant pregnancy pregnancies maternal obstetric antenatal prenatal postpartum gestation gestational
    cesarean caesarean"""
)
ADULT_WORDS = _words("adult adults elderly aged older men man women woman")
CHILD_WORDS = _words(
    """child children infant infants neonate neonates newborn newborns adolescent adolescents paediatric
    pediatric juvenile boys girls toddlers schoolchildren"""
)

# number words, for "twenty-two patients" and "seven days"
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip


# a count with its thousands grouped by commas or by spaces, as European journals write them ("1,234",
# "51 090"): the sample-size reader and the study cards read people counts with it
GROUPED_COUNT = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)"


def count_value(token: str) -> int | None:
    """The value of a count in figures, grouped or not (:data:`GROUPED_COUNT`), or in words."""
    digits = re.sub(r"[,\s\u00a0\u2009\u202f]", "", token)
    return int(digits) if digits.isdigit() else word_number(token)


def word_number(text: str) -> int | None:
    """A number written in words: "seven", "twenty-one", "Six hundred twenty-nine", "One-hundred-fourteen",
    "two hundred and five", "One thousand ninety-nine", "Four thousand, six hundred and ninety-five" (None
    for anything else, or for zero)."""
    total = part = 0
    for word in re.split(r"[-\s,]+", text.strip().lower()):
        if word == "hundred":
            part = (part or 1) * 100
        elif word == "thousand" and not total:
            total, part = (part or 1) * 1000, 0
        elif word in TENS or word in TEENS or word in UNITS:
            part += TENS.get(word) or TEENS.get(word) or UNITS[word]
        elif word != "and":
            return None
    return (total + part) or None


# the words before a number that make it a year ("in 1997", "during 1996 and 1997 among women", "through
# December 1998 thirty patients were studied": a tuning-half article said "1,998 participants" for 30)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|since|from|between|during|until|till|through|of|to|and)|(?-i:\b(?:{_MONTHS})\.?))\s+$", re.I
)


def year_not_count(value: int, before: str) -> bool:
    """Whether ``value``, with ``before`` the text just before it, is a year rather than a count of people."""
    return 1900 <= value <= 2100 and bool(_YEAR_BEFORE.search(before))


_DASH = re.compile(r"[\u2010-\u2015]")


def plain_dashes(text: str) -> str:
    """Hyphens and en or em dashes as one hyphen ("Li\u2013Fraumeni" is "Li-Fraumeni"); the length is kept, so
    offsets still hold."""
    return _DASH.sub("-", text)


def alternation(options: Iterable[str]) -> str:
    """A regex group matching any of ``options`` (plain words: not escaped), longest first."""
    return "(?:" + "|".join(sorted(options, key=lambda w: (-len(w), w))) + ")"


# -- tokenizers ---------------------------------------------------------------------------------------
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")  # "covid-19", "crohn's" stay one word
_ALNUM = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``; hyphenated and possessive words stay whole."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Words without :data:`CLAIM_STOPWORDS` and with a light plural strip, for claim/sentence overlap."""
    out = []
    for w in words(text):
        if w in CLAIM_STOPWORDS or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def query_terms(text: str) -> list[str]:
    """Content words of a query, lowercased, de-duplicated, in order (:data:`QUERY_STOPWORDS` dropped)."""
    seen: dict[str, None] = {}
    for w in words(text):
        if w not in QUERY_STOPWORDS and len(w) > 1:
            seen.setdefault(w, None)
    if not seen:  # a query of stopwords only: keep its words rather than match nothing
        for w in words(text):
            seen.setdefault(w, None)
    return list(seen)


def terms(text: str) -> list[str]:
    """Stems for the composer: alphanumeric runs (hyphens split) of 3+ characters outside
    :data:`TERM_STOPWORDS`, cut to their first six letters ("randomised" and "randomized" -> "random")."""
    return [w[:6] for w in _ALNUM.findall(text.lower()) if w not in TERM_STOPWORDS and len(w) > 2]


_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def joined_terms(text: str) -> set[str]:
    """The :func:`terms` stems of the hyphenated words of ``text`` written solid: "anti-tumor" -> "antitu",
    as a question's "antitumor" is read ("non-invasive" -> "noninv")."""
    return {j[:6] for w in _HYPHENATED.findall(text.lower()) if len(j := w.replace("-", "")) > 2}


def plurals(stems: set[str], name: str = "") -> set[str]:
    """The other number of each short :func:`terms` stem: "trial" -> "trials", "cells" -> "cell", "body" ->
    "bodies" (and "bodies" or "studie", cut from "studies", -> "body", "study"). Stems are
    cut at six letters, so a short word and its plural were different terms ("Has saracatinib been tested
    in clinical trials?" set aside its trials). Not the acronyms of ``name``: "AIDS" is not "aid"."""
    singular = {t[:-1] for t in stems if t.endswith("s") and len(t) >= 4 and not t.endswith("ies")}
    # "bodies" (or "studie", cut from "studies") is the plural of "body" ("study"), and back
    singular |= {t[:-3] + "y" for t in stems if t.endswith("ies") and len(t) >= 5}
    singular |= {t[:-2] + "y" for t in stems if t.endswith("ie") and len(t) == 6}
    ies = {t for t in stems if len(t) <= 6 and len(t) >= 4 and t.endswith("y") and t[-2] not in "aeiou"}
    other = singular | {t + "s" for t in stems if len(t) <= 5 and not t.endswith("s") and t not in ies}
    other |= {(t[:-1] + "ies")[:6] for t in ies}
    return other - acronym_terms(name) if name else other


def osis_forms(text: str) -> set[str]:
    """The :func:`terms` stems of the other form of each "-osis" noun and "-otic" adjective of ``text``
    ("meiotic" names "meiosis", "fibrosis" names "fibrotic"; whole words only): stems are cut at six letters,
    so the two were different terms (a source titled "PRDM9 is a major determinant of meiotic recombination
    hotspots" had been set aside as not mentioning meiosis; a tuning-half reading, 2026-12-06)."""
    low = text.lower()
    if "osis" not in low and "oses" not in low and "otic" not in low:
        return set()  # most texts: no regular expression run
    other = [m.group(1) + ("otic" if m.group(2) else "osis") for m in _OSIS.finditer(low)]
    return set(terms(" ".join(other)))


_OSIS = re.compile(r"\b([a-z]{3,})(?:(os[ie]s)|otic(?:ally)?)\b")


@lru_cache(maxsize=1024)
def acronym_terms(name: str) -> frozenset[str]:
    """The :func:`terms` of the words in capitals in ``name`` ("AIDS", "SARS", "TIPS")."""
    return frozenset(terms(" ".join(re.findall(r"\b[A-Z][A-Z0-9]+\b", name))))


@lru_cache(maxsize=1)
def common_terms() -> frozenset[str]:
    """The :func:`terms` stems found in at least 3% of the shared corpora's licence-OK abstracts
    (``common_terms.txt``, built by ``training/build_common_terms.py``): "emerge", "progra", "diabet"."""
    text = resources.files("medcite").joinpath("text", "common_terms.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Lower-case words of 4 letters or more (``lexicon.txt``: the embedder's WordPiece vocabulary and the
    words found 3+ times in the licence-OK abstracts, built by ``training/build_lexicon.py``)."""
    text = resources.files("medcite").joinpath("text", "lexicon.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# a snippet cut mid-word opens on a lower-case stub that is no word ("o enable ...", "ur results ...", "ne of
# these genes ...", BioASQ snippets; a tuning-half reading, 2026-12-06): 1-3 letters, not a short word
_SHORT_STUB = re.compile(
    r"^\s*(?!(?:a|an|as|at|be|by|do|if|in|is|it|no|of|on|or|so|to|up|we|us|our|and|but|for|the|its|all|any|"
    r"are|can|few|has|had|may|not|one|two|six|ten|was|who|why|how|yet|per|via|vs|de|ex|et|nor|new|low|non|"
    r"age|sex|use|due|each|both|tau|mu|men|key|old|iv|dpp|hh|wg)\b)[a-z]{1,3}\b(?![-'\u2019\d.)])"
)
_OPENING_WORD = re.compile(r"^\s*([a-z]{4,})\b(?![-'\u2019\d])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def opens_on_stub(text: str) -> bool:
    """Whether ``text`` opens on the stub of a word cut at its start: 1-3 lower-case letters that are no
    short word (:data:`_SHORT_STUB`: "ur results ...", "o enable ..."), or a longer lower-case word that is
    none (:func:`lexicon`) but becomes one with a letter before it ("hese differences extend ...",
    "urrently, ...", "ember 2018, ...": BioASQ snippets cut mid-word)."""
    if _SHORT_STUB.match(text):
        return True
    m = _OPENING_WORD.match(text)
    if m is None or _listed(stub := m.group(1)):
        return False
    words = lexicon()
    return any(a + stub in words for a in _LETTERS)


_INFLECTED = re.compile(r"(?:ly|s|es|ed|ing)$")


def _listed(word: str) -> bool:
    """Whether ``word`` is a word of :func:`lexicon`, with or without an ending ("orally", "cations")."""
    words = lexicon()
    return word in words or _INFLECTED.sub("", word) in words


# the last word of a text with no closing punctuation: 4 lower-case letters or more
_CLOSING_WORD = re.compile(r"(?<![-'\u2019\w])([a-z]{4,})\s*$")


def ends_on_stub(text: str) -> bool:
    """Whether ``text`` stops on the stub of a word cut at its end: no closing punctuation, and a last
    lower-case word that is none (:func:`lexicon`) but begins one ("... is frequently accompanied by deficits
    of working memor", a BioASQ snippet quoted as a bottom line in a tuning-half reading, 2026-12-06)."""
    if not text.rstrip()[-1:].islower():
        return False  # closing punctuation, a capital or a digit: the common case, no regular expression run
    m = _CLOSING_WORD.search(text)
    if m is None or _listed(stub := m.group(1)) or f"{stub}s" in lexicon():
        return False  # a word, or one whose plural only is listed ("... of any invertebrate")
    ordered = _ordered_lexicon()
    at = bisect.bisect_left(ordered, stub)
    return at < len(ordered) and ordered[at].startswith(stub)


@lru_cache(maxsize=1)
def _ordered_lexicon() -> tuple[str, ...]:
    return tuple(sorted(lexicon()))


# -- overlap scorers ----------------------------------------------------------------------------------
def term_overlap(query_terms: Iterable[str], text: str) -> float:
    """The share of ``query_terms`` (:func:`terms` stems) among the :func:`terms` of ``text``, a short
    term in either number (:func:`plurals`: "DMARDs" for "DMARD", "trial" for "trials"; not an acronym
    of the text's: "AIDS" is no "aid")."""
    q = set(query_terms)
    if not q:
        return 0.0
    found = set(terms(text))
    hit = q & found
    if len(hit) < len(q):  # the other number, read only when a term is missing (a hot path: every candidate)
        hit |= q & (plurals(found - acronym_terms(text)) | osis_forms(text))
    return len(hit) / len(q)


def prefix_overlap(terms: set[str], text: str) -> float:
    """The share of ``terms`` (:func:`query_terms` words) found among the query words of ``text``; a term
    of six letters or more also matches a word that shares its first five ("randomised", "randomly")."""
    if not terms:
        return 0.0
    found = set(query_terms(text))
    hit = sum(1 for t in terms if t in found or any(w.startswith(t[:5]) for w in found if len(t) >= 6))
    return hit / len(terms)


def idf_overlap(query: str, texts: Sequence[str]) -> list[float]:
    """For each text, the IDF-weighted overlap of its :func:`content_words` with the query's (IDF over
    ``texts``), normalised by the query's length."""
    cw = set(content_words(query))
    if not texts:
        return []
    bags = [set(content_words(t)) for t in texts]
    n = len(bags)
    df = {w: sum(1 for b in bags if w in b) for w in cw}
    norm = math.log(1.0 + n) * max(1, len(cw))
    return [sum(math.log(1.0 + n / df[w]) for w in cw & bag) / norm for bag in bags]


# -- British -> American spellings (regex, replacement), each written once; MeSH uses American spelling.
# The verifier's MeSH lookup and the synonym keys apply different selections, in their own order.
_BRITISH: dict[str, tuple[str, str]] = {
    "ise": (r"ise\b", "ize"), "ised": (r"ised\b", "ized"), "isation": (r"isation", "ization"),
    "aemia": (r"aemia", "emia"), "oedema": (r"oedema", "edema"), "oedem": (r"oedem", "edem"),
    "paediatric": (r"paediatric", "pediatric"), "paediatr": (r"paediatr", "pediatr"),
    "tumour": (r"tumour", "tumor"), "oesophag": (r"oesophag", "esophag"), "haem": (r"haem", "hem"),
    "oestrogen": (r"oestrogen", "estrogen"), "oestr": (r"oestr", "estr"),
    "behaviour": (r"behaviour", "behavior"),
    "leukaem": (r"leukaem", "leukem"), "anaem": (r"anaem", "anem"), "anaes": (r"anaes", "anes"),
    "ogue": (r"ogue\b", "og"), "fibre": (r"fibre", "fiber"),
}  # fmt: skip
MESH_SPELLING: tuple[tuple[str, str], ...] = tuple(
    _BRITISH[k]
    for k in (
        "ise", "ised", "isation", "aemia", "oedema", "paediatric", "tumour", "oesophag", "haem", "oestrogen",
        "behaviour", "leukaem", "anaem",
    )
)  # fmt: skip
SYNONYM_SPELLING: tuple[tuple[str, str], ...] = tuple(
    _BRITISH[k]
    for k in (
        "aemia", "oedem", "paediatr", "tumour", "oesophag", "haem", "oestr", "behaviour", "leukaem", "anaes",
        "isation", "ise", "ised", "ogue", "fibre",
    )
)  # fmt: skip


# plurals that the endings below get wrong
_IRREGULAR_PLURALS = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "mice": "mouse",
    "feet": "foot",
    "teeth": "tooth",
    "viruses": "virus",
}


def singular(word: str) -> str:
    """A lower-case word in the singular, by its ending ("antibodies" -> "antibody", "genes" -> "gene",
    "mice" -> "mouse"); words in -ss, -us, -is and -ys stay ("stress", "status", "sepsis"). The one
    singulariser of the text toolkit. "boxes" -> "boxe" is harmless where both sides of a comparison go
    through it (MeSH keys); the kind reader, which compares a question's noun with a text's, also drops "es"
    (``compose.kinds._kind_form``). The shipped MeSH synonym file is deduplicated by these keys
    (``training/build_synonyms.py``): a change here changes that file."""
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")):
        return w[:-1]
    return w


# a harm named as what a treatment aims to spare ("... to reduce side-effects and improve quality of life") is
# no harm found: negative lookbehinds to put before a harm word (each fixed width, as Python's re needs)
HARM_AS_AIM = "".join(
    rf"(?<!to {verb} )(?<!to {verb} the )"
    for verb in ("reduce", "minimise", "minimize", "avoid", "prevent", "limit", "lessen", "decrease", "lower")
)


# -- names ----------------------------------------------------------------------------------------------
# a word that can only be a name: letters with a digit ("3DSNP", "SNP2TFBS", "BRCA1", "Uc.63+") or a capital
# inside ("DeepVariant", "easyGWAS", "metPropagate"); not a number with a unit or a word ("20mg", "24h", "3D",
# "39-score", "6-month", "3-Column"), nor a word in capitals alone ("FDA", "DNA": most are common
# abbreviations), nor a kind of molecule ("mRNA", "siRNA", "cDNA") or "pH"
_NAME = re.compile(
    r"(?<![\w.+-])(?!\d+(?:\.\d+)?(?:[a-zµ%]+|[A-Z]|(?:-[A-Za-z][a-z]+)+)?(?![\w.+-]))(?![a-z]{0,5}(?:RNA|DNA)s?\b|pH\b)"
    r"(?:(?=[\w.+-]*\d)(?=[\w.+-]*[A-Za-z])[A-Za-z0-9][\w.+-]{2,}|[A-Za-z][a-z]+[A-Z][\w.+-]*|[a-z]+[A-Z][\w.+-]*)"
    r"(?<![.-])"
)


def names(text: str) -> list[str]:
    """The words of ``text`` that can only be names (:data:`_NAME`), in order."""
    return _NAME.findall(text)


#: what a named tool or product is called ("Our reconstruction method, ChromoTrace, ..."): a regex group
TOOL_NOUNS = (
    r"(?:method|tool|approach|algorithm|software|package|pipeline|model|framework|platform|database|resource|"
    r"server|assay|technique|system|program|application|index|score|scale|device|vaccine|compound)"
)
