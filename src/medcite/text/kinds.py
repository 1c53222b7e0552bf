"""Qualifiers of a kind of thing, and which of them exclude each other.

"Is ustekinumab a polyclonal antibody?" asks for a kind ("antibody") with a qualifier ("polyclonal");
"Ustekinumab, a human monoclonal IgG1 antibody" names the same kind with a qualifier that excludes it. Two
qualifiers exclude each other when one is the other with a reversing prefix swapped ("monoclonal" /
"polyclonal", "typical" / "atypical", "pro-apoptotic" / "anti-apoptotic", "segmented" / "non-segmented"),
when both belong to one set of alternatives (:data:`EXCLUSIVE_QUALIFIERS`: "viral" / "bacterial",
"dominant" / "recessive"), or when both are names ("apoE" / "apoA-I", "TNF" / "IL-6": a named target,
receptor or gene other than the one asked about; an antibody class such as "IgG1" excludes only another
class).
"""

from __future__ import annotations

import re

# a reversing prefix, written joined to its word ("pro apoptotic", "anti-apoptotic" are joined first)
REVERSING_PREFIXES = ("non", "un", "mono", "poly", "anti", "pro", "homo", "hetero", "hypo", "hyper", "a")
MIN_STEM = 5  # the word left after a prefix is at least this long ("atypical" -> "typical"; not "a-men")
EXCLUSIVE_QUALIFIERS: tuple[frozenset[str], ...] = tuple(
    frozenset(s.split())
    for s in (
        "viral bacterial fungal parasitic protozoan",
        "dominant recessive x-linked",
        "benign malignant",
        "facultative obligate",
        "human humanized humanised chimeric murine",
        "positive-sense negative-sense",
        "gram-positive gram-negative",
        "single-stranded double-stranded",
        "dna rna",
        "agonist antagonist",
    )
)
_WORD = re.compile(r"[A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9][A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9\-/+]*")
_JOIN = re.compile(r"\b(pro|anti|non|un)[\s-]+(?=[A-Za-z])", re.I)
_ISOTYPE = re.compile(r"^ig[gamde]\d?[a-z]?$")
_DASH = re.compile(r"[\u2010-\u2015]")


def plain_dashes(text: str) -> str:
    """Hyphens and en or em dashes as one hyphen ("Li\u2013Fraumeni" is "Li-Fraumeni")."""
    return _DASH.sub("-", text)


def qualifier_words(text: str) -> list[str]:
    """The words of a noun phrase, a reversing prefix joined to its word ("pro apoptotic" ->
    "proapoptotic")."""
    return _WORD.findall(_JOIN.sub(lambda m: m.group(1), plain_dashes(text)))


def _stem(word: str) -> str:
    for p in REVERSING_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= MIN_STEM:
            return word[len(p) :]
    return word


def _is_name(word: str) -> bool:
    """A name rather than a word: it holds a digit or a capital after its first letter ("TNF", "IL-6")."""
    return any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word[1:])


def agrees(asked: str, said: str) -> bool:
    """Whether qualifier ``said`` is ``asked``: the same word, or the name with "anti" before it (an
    "anti-CD40 antibody" is a CD40 antibody)."""
    a, s = asked.lower(), said.lower()
    return a == s or (_is_name(asked) and s == "anti" + a)


def excludes(asked: str, said: str) -> bool:
    """Whether qualifier ``said`` excludes ``asked`` (see the module docstring)."""
    if agrees(asked, said):
        return False
    a, s = asked.lower(), said.lower()
    names = _is_name(asked), _is_name(said)
    sa, ss = _stem(a), _stem(s)
    if not any(names) and sa == ss and (sa != a or ss != s):
        return True
    if any(a in group and s in group for group in EXCLUSIVE_QUALIFIERS):
        return True
    # names exclude each other, unless one is an antibody class ("a human IgG1 antibody" may bind PD-L1)
    return all(names) and bool(_ISOTYPE.match(a)) == bool(_ISOTYPE.match(s))
