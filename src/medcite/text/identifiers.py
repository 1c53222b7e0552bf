"""Names that only their exact tag makes specific, and whether a text names them in any of their spellings
(:mod:`medcite.compose.plan` requires them of a source):

* identifiers with a number in a question's concepts ("miR-25", "IL-6", "COVID-19", "TIM-3"): the composer's
  terms (:func:`medcite.text.terms`) drop numbers of one or two digits, so without this "miR-25" was named
  by any microRNA study ("miR-30c") and "IL-6" named nothing at all;
* a word followed by a one-character tag ("vitamin D", "type 2", "hepatitis C", "factor V"), the tag also
  in the other numeral system ("type I" is named by "type 1").

Plus :func:`names_abbreviation`, an abbreviation as written, as a whole word."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from medcite.text.words import terms

# an identifier with a number, as a question writes it: letters, a hyphen, digits ("miR-25", "IL-6",
# "COVID-19", "LB-100", "TIM-3")
# ("SARS-CoV-2" whole); not a counted word ("type-2", "phase-3", "day-7": the composer reads those as tags)
_IDENTIFIER = re.compile(
    r"(?<![\w-])([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*)-(\d+)([A-Za-z]?)(?![\w]|-\d)"
)
_COUNTED = frozenset(
    "type types phase phases stage stages grade grades class level step day days week weeks month months "
    "year years hour hours minute minutes post pre age group arm trial chapter figure table version".split()
)


# words of measure or state before identifiers ("Overexpression of Ki-67", "Levels of IL-6")
_MEASURE_OF = re.compile(
    r"^(?:(?:over|under)?-?expression|levels?|concentrations?|status|activity|amplification|methylation|"
    r"positivity|staining|immunoreactivity|immunostaining)\s+of\s+(.+)$",
    re.I,
)


def measure_of(name: str, ids: tuple[str, ...]) -> bool:
    """A name that is one word of measure or state before identifiers and nothing else ("Overexpression of
    Ki-67", "Levels of IL-6"; not "Inhibition of COX-2"): a source names it by naming the identifiers, in its
    own words for the rest."""
    m = _MEASURE_OF.match(name)
    if m is None or not identifiers(m.group(1)):
        return False
    id_terms = set(terms(" ".join(ids)))
    return all(t in id_terms for t in terms(m.group(1)))


# a coined name written in camel case, longer than the six letters a term keeps ("ChromoTrace", "BioPAXViz"):
# its stem named other words ("chromo" of "chromones" named "ChromoTrace"), so it is named whole
_COINED = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}(?:[A-Z][a-z]+|[A-Z]{2,}[a-z]*)+(?![\w-])")


def identifiers(name: str) -> tuple[str, ...]:
    """The identifiers with a number in ``name`` ("combined effect of Nfat and miR-25" -> ("miR-25",)) and
    its coined camel-case names of more than six letters ("Describe ChromoTrace" -> ("ChromoTrace",))."""
    found = (m for m in _IDENTIFIER.finditer(name) if m.group(1).lower() not in _COUNTED)
    coined = (m for m in _COINED.finditer(name) if len(m.group(0)) > 6)
    return tuple(dict.fromkeys(m.group(0) for m in (*found, *coined)))


@lru_cache(maxsize=512)
def _identifier_pattern(identifier: str) -> re.Pattern[str]:
    m = _IDENTIFIER.fullmatch(identifier)
    if m is None:
        return re.compile(rf"\b{re.escape(identifier)}\b", re.I)
    head, num, tail = m.groups()
    # "IL-6", "IL 6" or "IL6" ("SARS-CoV-2", "SARS CoV2"), followed by neither another digit nor a letter
    # ("IL-6R", "miR-251"; a plural "s" is fine: "omega-3s"), nor a decimal; "IL-6-induced" and "miR-25-3p"
    # name it
    parts = r"[\s-]?".join(re.escape(p) for p in head.split("-"))
    return re.compile(rf"\b{parts}[\s-]?{num}{re.escape(tail)}s?(?![\dA-Za-z]|\.\d)", re.I)


def names_identifier(identifier: str, text: str) -> bool:
    """Whether ``text`` names ``identifier`` (an :func:`identifiers` item), in any of its spellings."""
    return _identifier_pattern(identifier).search(text) is not None


# a word followed by a one-character tag that changes its meaning: vitamin D, type 2, hepatitis C, factor V
_TAGGED = re.compile(r"\b([A-Za-z][a-z]{2,})\s+([A-Z0-9])\b(?![\w-])")
# the same tag in the other numeral system: "type I diabetes" is named by "type 1 diabetes", "factor V" by
# "factor 5" (not by "type 1.5" or "type II-a")
_NUMERAL = {"I": ("1",), "1": ("I",), "2": ("II",), "3": ("III",), "4": ("IV",), "V": ("5",), "5": ("V",)}


def tagged(name: str) -> tuple[tuple[str, str], ...]:
    """The (word, tag) pairs of ``name``: "vitamin D deficiency" -> (("vitamin", "D"),)."""
    return tuple(_TAGGED.findall(name))


@lru_cache(maxsize=512)
def _tagged_pattern(word: str, tag: str) -> re.Pattern[str]:
    tags = "|".join(re.escape(t) for t in (tag, *_NUMERAL.get(tag, ())))
    return re.compile(rf"\b{re.escape(word)}[\s-]+(?:{tags})\b(?!\.\d|-\w)", re.I)


def names_tagged(word: str, tag: str, text: str) -> bool:
    """Whether ``text`` names ``word`` with its ``tag`` ("vitamin D", not "vitamin K"; "type 1": "type I")."""
    return _tagged_pattern(word, tag).search(text) is not None


def names_abbreviation(abbrevs: Iterable[str], text: str) -> bool:
    """Whether ``text`` holds one of ``abbrevs`` as written, as a whole word."""
    return any(re.search(rf"\b{re.escape(ab)}\b", text) for ab in abbrevs)


# a hyphenated word of a name is one modifier whose words must all be named (read by
# medcite.compose.naming.Concept.found_in, where a MeSH synonym or an abbreviation still names it): "small
# interfering RNA" does not name "small-activating RNA" (its "small" and "RNA" passed the half rule: the
# answer on small-activating RNA cited siRNA-drug and circular-RNA sources). The words are looked for
# anywhere in the text (a phrase match lost two tuning-half answers on "anti-TNF", written "anti-tumor
# necrosis factor"), so "non-small-cell lung cancer" still names "small-cell lung cancer". None: off
HYPHEN_WHOLE: re.Pattern[str] | None = re.compile(r"\b[a-z]{3,}(?:-[a-z]{3,})+\b", re.I)


def compounds(name: str) -> list[str]:
    """The hyphenated words of ``name`` whose parts are all words (not identifiers: "IL-6", "COVID-19")."""
    return HYPHEN_WHOLE.findall(name) if HYPHEN_WHOLE is not None else []
