"""Synonyms from MeSH: the other wordings of a concept ("heart attack" <-> "myocardial infarction", a trade
name <-> its drug) and the tree numbers that relate two conditions.

Data: ``models/synonyms/mesh_synonyms.json.gz``, derived from MeSH 2024 (U.S. National Library of Medicine;
a reduced, modified copy, not official MeSH; see the NOTICE.md beside it), built by
``training/build_synonyms.py``, loaded once on first use. Wordings are keyed by their set of words
(:func:`word_key`: lower case, American spelling, singular, without articles, prepositions and "and"/"or"),
so that word order ("Infarction, Myocardial"), plurals and British spellings do not matter; a key that
names more than one descriptor is ambiguous and names none. Whole words, not the composer's six-letter
stems: "nervousness" (anxiety) must not match "nervous system".
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from medcite.errors import ModelError
from medcite.text.phrases import longest_matches
from medcite.text.words import ARTICLES, COMMON_PREPOSITIONS, CONNECTIVES, SYNONYM_SPELLING, singular

SYNONYMS_FILE = "mesh_synonyms.json.gz"
MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Descriptor:
    heading: str
    trees: tuple[str, ...]
    wordings: tuple[str, ...]  # the heading and its entry terms
    abbrevs: tuple[str, ...]  # abbreviations and acronyms, matched as written

    @property
    def is_condition(self) -> bool:
        """A disease, a sign or symptom (C, of C23 only C23.888: pain, fever, not "disease progression"),
        a mental disorder (F03) or an emotion that is treated as one (F01.470: anxiety, depression)."""
        return any(
            (t.startswith("C") and not t.startswith("C23")) or t.startswith(("C23.888", "F03", "F01.470"))
            for t in self.trees
        )

    @property
    def is_age_group(self) -> bool:
        return any(t.startswith("M01.060") for t in self.trees)

    def within(self, other: Descriptor) -> bool:
        """The same descriptor as ``other`` or a narrower one (a descendant in a tree)."""
        if self.heading == other.heading:
            return True
        return any(t.startswith(o + ".") for t in self.trees for o in other.trees)

    def related(self, other: Descriptor) -> bool:
        """The same, broader or narrower."""
        return self.within(other) or other.within(self)


# each spelling rule with the literal text it needs (its pattern without word boundaries), compiled once: a
# rule whose literal is not in the text cannot change it, so it is not run (the shipped vocabulary keys
# 54,648 wordings at first use; the rules run in the same order, so the keys are the same)
_SPELLING = tuple((pat.replace("\\b", ""), re.compile(pat), rep) for pat, rep in SYNONYM_SPELLING)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_KEY_STOP = ARTICLES | CONNECTIVES | COMMON_PREPOSITIONS
_TOKEN = re.compile(r"[a-z0-9]+")


# a disease named after a person (a possessive) that MeSH knows by its other name: "Hunter's disease" is
# its Hunter's Syndrome (Mucopolysaccharidosis II; tune35 had set aside "Further evidence localising the gene
# for Hunter's syndrome to ... the X chromosome" as not naming Hunter's disease). Only where the name as
# asked is no wording: Cushing's disease and Parkinson's disease are descriptors of their own. Off: no
# second look-up
EPONYM_SWAP = True
_EPONYM = re.compile(r"^(?P<name>(?-i:[A-Z][a-z]+)['’]s) (?P<kind>disease|syndrome)$", re.I)


def key_words(text: str) -> list[str]:
    """The words of ``text`` as wordings are keyed: lower case, American spelling, singular, without
    articles, prepositions and "and"/"or"."""
    t = text.lower()
    if "'" in t or "\u2019" in t:
        t = _POSSESSIVE.sub("", t)  # "Parkinson's disease" -> "parkinson disease"
    for literal, pat, rep in _SPELLING:
        if literal in t:
            t = pat.sub(rep, t)
    return [singular(w) for w in _TOKEN.findall(t) if w not in _KEY_STOP]


def word_key(text: str) -> frozenset[str]:
    return frozenset(key_words(text))


def names_any(keys: Iterable[frozenset[str]], text_words: frozenset[str] | set[str]) -> bool:
    """Whether a text with the words ``text_words`` (:func:`word_key`) contains all words of one key."""
    return any(k and k <= text_words for k in keys)


class SynonymVocabulary:
    def __init__(self, descriptors: dict[str, dict[str, list[str]]]) -> None:
        self.descriptors: dict[str, Descriptor] = {}
        self._by_words: dict[frozenset[str], set[str]] = {}
        self._by_abbrev: dict[str, set[str]] = {}
        for heading, d in descriptors.items():
            desc = Descriptor(heading, tuple(d["t"]), (heading, *d["s"]), tuple(d["a"]))
            self.descriptors[heading] = desc
            for ab in desc.abbrevs:
                self._by_abbrev.setdefault(ab, set()).add(heading)
            for w in desc.wordings:
                key = word_key(w)
                if key:
                    self._by_words.setdefault(key, set()).add(heading)
        self._starts = {s for key in self._by_words for s in key}

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a word of some wording (as wordings are keyed: :func:`key_words`)."""
        stems = key_words(word)
        return bool(stems) and all(s in self._starts for s in stems)

    def lookup(self, phrase: str) -> Descriptor | None:
        """The one descriptor one of whose wordings has the words of ``phrase`` (None: none or several); an
        eponym MeSH does not know is looked up as the other of disease and syndrome (:data:`EPONYM_SWAP`)."""
        found = self._by_words.get(word_key(phrase), set())
        if not found and EPONYM_SWAP and (m := _EPONYM.match(phrase.strip())):
            other = "syndrome" if m["kind"].lower() == "disease" else "disease"
            found = self._by_words.get(word_key(f"{m['name']} {other}"), set())
        return self.descriptors[next(iter(found))] if len(found) == 1 else None

    def by_abbreviation(self, abbrev: str) -> Descriptor | None:
        """The one descriptor that has ``abbrev`` among its abbreviations, as written ("IL-6" ->
        Interleukin-6; None: none or several)."""
        found = self._by_abbrev.get(abbrev, set())
        return self.descriptors[next(iter(found))] if len(found) == 1 else None

    def find(self, text: str) -> list[Descriptor]:
        """Descriptors whose wordings ``text`` names (runs of consecutive words, longest first, not
        overlapping, unambiguous ones only), in text order."""
        stems = key_words(text)

        def one(run: Sequence[str]) -> str | None:
            found = self._by_words.get(frozenset(run), set())
            return next(iter(found)) if len(found) == 1 else None

        return [self.descriptors[d] for _s, _e, d in longest_matches(stems, self._starts, MAX_WORDS, one)]


@cache
def synonyms() -> SynonymVocabulary:
    """The shipped vocabulary, read on first use."""
    ref = resources.files("medcite").joinpath("models", "synonyms", SYNONYMS_FILE)
    try:
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            doc = json.load(fh)
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise ModelError(
            f"the shipped synonym file models/synonyms/{SYNONYMS_FILE} cannot be read: {exc}"
        ) from exc
    return SynonymVocabulary(doc["descriptors"])
