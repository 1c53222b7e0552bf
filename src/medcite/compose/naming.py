"""How a question's concepts are named: the intervention and the condition of a question, with the words,
MeSH synonyms, abbreviations and identifiers by which a source may name each (:class:`Concept`), and the
abbreviations the retrieval plan adds to its queries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from medcite.compose.question import QuestionAnalysis, abbreviations
from medcite.text import CONNECTIVES, terms
from medcite.text.abbreviations import with_definitions
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
from medcite.text.words import common_terms, joined_terms, names, osis_forms, plurals

#: the primary query also names the abbreviations that MeSH and the glossary give for the question's
#: concepts ("amyotrophic lateral sclerosis" -> ALS): a partial abstract often uses only the abbreviation
QUERY_ABBREVIATIONS = True


def query_abbreviations(a: QuestionAnalysis) -> tuple[str, ...]:
    """The MeSH and glossary abbreviations of the question's intervention and condition that the question
    does not already write, and that are made of the name's own letters in order (:func:`_abbreviates`:
    ALS, HCC, EPO; not MODY for type 2 diabetes or IL-17F for interleukin 17A, which MeSH files under the
    same descriptor)."""
    out: dict[str, str] = {}
    for name in (a.intervention, a.condition) if QUERY_ABBREVIATIONS else ():
        if name and USE_SYNONYMS:
            for ab in (*_abbrevs_for(name, exact=True), *_synonyms([name])[1]):
                if _abbreviates(ab, name):
                    out.setdefault(ab.lower(), ab)
    words = {w.lower() for w in re.findall(r"[\w-]+", a.question)}
    return tuple(ab for low, ab in out.items() if low not in words)


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is made of ``name``'s letters and digits in order, starting with its first (the
    usual way an abbreviation is formed), and is not the name itself."""
    s, n = re.sub(r"[^a-z0-9]", "", short.lower()), re.sub(r"[^a-z0-9]", "", name.lower())
    if len(s) < 2 or s == n or s[0] != n[:1]:
        return False
    rest = iter(n)
    return all(ch in rest for ch in s)


def _abbrevs_for(concept: str, exact: bool = False) -> list[str]:
    """Abbreviations (from the glossary) whose expansion contains ``concept``: "heart failure" -> CHF;
    ``exact``: only those whose expansion is the concept."""
    low = concept.lower()
    return [
        ab
        for ab, exp in abbreviations().items()
        if len(low) > 3 and (low == exp.lower() if exact else low in exp.lower())
    ]


# a source's hyphenated word names a question's solid one ("The anti-tumor effect of metformin ..." for "Does
# metformin has as an antitumor effect?", a tuning-half reading, 2026-12-06); off: the parts only
SOLID_HYPHENS = True


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
    # the MeSH headings of the condition the name is (a disease, :attr:`Descriptor.is_condition`): a text that
    # names a narrower one names it too ("hepatocellular carcinoma" names "cancer")
    kinds: tuple[str, ...] = ()
    # the conditions (MeSH diseases) among the pieces of a compound name, each to be named by a text that
    # names the concept: "metastases in non-small cell lung cancer" is not named by a cervical cancer study
    # of lymph node metastasis (a reading of 16 tuning-half articles, 2026-12-05)
    diseases: tuple[Disease, ...] = ()

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
        words = set(terms(text))  # read once for the concept and every condition in it
        words |= osis_forms(text) if PLURALS else set()  # "meiotic" names "meiosis"
        if DISEASE_PIECES and self.diseases:
            key = word_key(text)
            if not all(d.found_in(text, words, key) for d in self.diseases):
                return names_abbreviation(self.abbrevs, text)
        # "vitamin D" must not match "vitamin K"
        if not all(names_tagged(word, tag, text) for word, tag in tagged(self.name)):
            return names_abbreviation(self.abbrevs, text)
        have = words | self.id_terms  # "SARS-CoV2" names the words of "SARS-CoV-2" too
        have |= joined_terms(text) if SOLID_HYPHENS else set()  # "anti-tumor" names "antitumor"
        have |= plurals(have, self.name) if PLURALS else set()  # "trial" names "trials"
        whole = all(w <= have for w in self.wholes)  # "small-activating", not "small"
        if whole and (_enough(self.terms, have) or (self.alt_terms and _enough(self.alt_terms, have))):
            return True
        if whole and any(_enough(p, have) for p in self.parts):
            return True
        if self.synonyms and names_any(self.synonyms, word_key(text)):
            return True
        if self.kinds and names_narrower(self.kinds, text):
            return True
        return names_abbreviation(self.abbrevs, text)


@dataclass(frozen=True, slots=True)
class Disease:
    """A condition named in a piece of a compound concept name, and the ways a text may name it."""

    terms: tuple[str, ...]
    synonyms: tuple[frozenset[str], ...]
    abbrevs: tuple[str, ...]
    heading: str

    def found_in(self, text: str, words: set[str], key: frozenset[str]) -> bool:
        """Whether ``text`` (its :func:`terms` ``words``, "-osis"/"-otic" forms included, and :func:`word_key`
        ``key``) names the condition."""
        if _enough(self.terms, words | plurals(words, " ".join(self.terms))):
            return True
        if names_any(self.synonyms, key) or names_abbreviation(self.abbrevs, text):
            return True
        return names_narrower((self.heading,), text)


def disease_pieces(pieces: Sequence[str]) -> tuple[Disease, ...]:
    """The conditions among the pieces of a name that has more than one (none for a one-piece name)."""
    if len(pieces) < 2 or not USE_SYNONYMS:
        return ()
    vocab = synonyms()
    out: list[Disease] = []
    for piece in pieces:
        d = vocab.lookup(piece)
        if d is not None and d.is_condition:
            keys = tuple(k for k in dict.fromkeys(word_key(w) for w in d.wordings) if k)
            abbrevs = tuple(dict.fromkeys((*d.abbrevs, *_abbrevs_for(piece, exact=True))))
            out.append(Disease(tuple(terms(piece)), keys, abbrevs, d.heading))
    return tuple(out)


#: whether each condition in a compound name must be named (a switch for measuring it)
DISEASE_PIECES = True


def names_narrower(headings: Sequence[str], text: str) -> bool:
    """Whether ``text`` names a condition (MeSH) that is one of ``headings`` or narrower than one."""
    vocab = synonyms()
    kinds = [vocab.descriptors[h] for h in headings if h in vocab.descriptors]
    return any(d.is_condition and any(d.within(k) for k in kinds) for d in vocab.find(text))


def condition_headings(name: str) -> tuple[str, ...]:
    """The heading of the MeSH condition that ``name`` is, where it is one (:data:`NARROWER`)."""
    d = synonyms().lookup(name) if NARROWER and USE_SYNONYMS else None
    return (d.heading,) if d is not None and d.is_condition else ()


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
#: whether a short word names its plural and back (:func:`medcite.text.words.plurals`), and an "-osis" noun
#: its "-otic" adjective (:func:`medcite.text.words.osis_forms`)
PLURALS = True
# a concept with a name in it (a word that can only be a name: :func:`medcite.text.words.names`) is named only
# by a text that names it, by any spelling of its terms, a synonym or an abbreviation: "mutations in the
# desmoglein-1 (DSG1) gene ... (SAM) syndrome" had named "SAMHD1 gene mutations" by two of its three terms
# (the relevance model read it at 0.999) and became the answer to "Which syndrome is associated to SAMHD1
# gene mutations?". Off: most of its terms are enough
NAMES_REQUIRED = True
#: whether a question with no condition takes its outcome as the second concept ("Is cohesin linked to myeloid
#: differentiation?": a source must name myeloid differentiation too, not cohesin alone)
OUTCOME_CONCEPT = True
#: a concept that is a condition (MeSH) is named by a narrower condition too ("Which cancer is associated with
#: increased levels of serum alpha fetoprotein?" had set aside the studies of hepatocellular carcinoma)
NARROWER = True


OWN_ABBREVIATION = True  # a switch for measuring it
_OWN_ABBREVIATION = re.compile(r"\s*\(([A-Za-z\u0370-\u03ff][\w\u0370-\u03ff-]{1,15})\)")


def concepts(a: QuestionAnalysis, learned: Mapping[str, str] | None = None) -> list[Concept]:
    """The intervention and the condition of the question (those that were recognised; with no condition,
    the outcome, :data:`OUTCOME_CONCEPT`). ``learned``: long forms of the question's abbreviations that the
    glossary lacks, as the retrieved sources define them
    (:func:`medcite.compose.plan.learned_abbreviations`)."""
    out: list[Concept] = []
    second = a.condition or (a.outcome if OUTCOME_CONCEPT else None)
    for asked in (a.intervention, second):
        if not asked:
            continue
        # "metalloproteinase-17 (ADAM17)": the name in brackets is the concept's own abbreviation, named
        # alone or not at all (a source that says only "ADAM17" had missed it, a tuning-half reading)
        bracket = _OWN_ABBREVIATION.search(asked) if OWN_ABBREVIATION else None
        name = _OWN_ABBREVIATION.sub("", asked).strip() if bracket else asked
        own = tuple(dict.fromkeys(t for t in terms(_without_kind(name)) if t not in JUDGING_TERMS))
        ids = identifiers(name) if IDENTIFIERS else ()
        if not own and not ids:
            continue
        if ids and measure_of(name, ids):
            own = ()  # "Overexpression of Ki-67": the identifiers name it ("high Ki-67 expression")
        exp = name + a.expanded(asked)[len(asked) :]  # the expansions of the bracketed abbreviation too
        extra = [lf for sf, lf in (learned or {}).items() if re.search(rf"\b{re.escape(sf)}\b", asked)]
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
        if bracket:
            id_abbrevs = (*id_abbrevs, bracket.group(1))
        abbrevs = tuple(dict.fromkeys((*_abbrevs_for(name), *_acronym(name), *syn_abbrevs, *id_abbrevs)))
        syn = tuple(dict.fromkeys((*syn, *id_syn)))
        id_terms = frozenset(terms(" ".join(ids)))
        wholes = tuple(frozenset(terms(w)) for w in compounds(name))
        if NAMES_REQUIRED:  # "SAMHD1 gene mutations": the name, not "gene mutations" alone
            wholes += tuple(t for n in names(name) if (t := frozenset(terms(n))))
        kinds = condition_headings(name)
        diseases = disease_pieces([p for p in pieces if terms(p)])
        out.append(
            Concept(
                asked,
                own,
                alt,
                abbrevs,
                parts,
                syn,
                ids,
                id_syn,
                id_abbrevs,
                id_terms,
                wholes,
                kinds,
                diseases,
            )
        )
    return out


# a kind after a name is no word a source must use: "Spt6 is required for ..." names "the Spt6 gene", and
# "Zelda" the "zelda transcription factor" (tune38: sources set aside for not saying "transcription factor").
# Only after a name with a digit, or of five letters or more that is no acronym, common word or describing
# word: an independent review found "tau", "TET", "ERM", "cGAS" and "STING" alone naming "treatment as usual
# (TAU)", "total exercise time", erm(B) genes, CgA and "would sting more". Off: every word of the name
KIND_AFTER_NAME = True
_KIND_AFTER = re.compile(
    r"^(?P<name>[\w-]+)\s+(?:genes?|proteins?|transcription factors?|enzymes?|pathways?)$", re.I
)
_DESCRIBING = re.compile(r"(?:al|ed|ic|ous|ive|less|ar|ory|ant|ent|ble|ing)$", re.I)


def _without_kind(name: str) -> str:
    """``name`` without a kind after a one-word name (:data:`KIND_AFTER_NAME`)."""
    m = _KIND_AFTER.match(name) if KIND_AFTER_NAME else None
    if m is None:
        return name
    word = m.group("name")
    plain = len(word) >= 5 and not word.isupper() and not _DESCRIBING.search(word)
    plain = plain and not set(terms(word)) <= common_terms()
    return word if any(ch.isdigit() for ch in word) or plain else name


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


# a possessive's "s" is no word of a name: "Parkinson's disease" is PD, not PSD (nor "Alzheimer's disease"
# ASD, which is autism spectrum disorder; a tuning-half check, tune34); nor are a name's letters between its
# digits ("G3BP1" had been "G BP": GB; a name with a code in it has no initials, :func:`_acronym`)
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _acronym(name: str) -> tuple[str, ...]:
    """The initials of a multi-word name, which abstracts often use alone after defining them in the
    title: "double balloon enteroscopy" -> DBE. Judging words ("efficacious") and connectives are left out."""
    words = [
        w
        for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", _POSSESSIVE.sub("", name))
        if w.lower() not in CONNECTIVES and not (set(terms(w)) & JUDGING_TERMS)
    ]
    if any(ch.isdigit() for w in words for ch in w):
        return ()  # a name with a code in it is written so ("CYP2C19 function" is no "CF", "g-H2AX" no "GH")
    return ("".join(w[0] for w in words).upper(),) if 2 <= len(words) <= 5 else ()
