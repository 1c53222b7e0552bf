"""Qualifiers of a kind of thing, and which of them exclude each other.

"Is ustekinumab a polyclonal antibody?" asks for a kind ("antibody") with a qualifier ("polyclonal");
"Ustekinumab, a human monoclonal IgG1 antibody" names the same kind with a qualifier that excludes it. Two
qualifiers exclude each other when one is the other with a reversing prefix swapped ("monoclonal" /
"polyclonal", "typical" / "atypical", "pro-apoptotic" / "anti-apoptotic", "segmented" / "non-segmented"),
when both belong to one set of alternatives (:data:`EXCLUSIVE_QUALIFIERS`: "viral" / "bacterial",
"dominant" / "recessive"), or when both are names ("apoE" / "apoA-I", "TNF" / "IL-6": a named target,
receptor or gene other than the one asked about; an antibody class such as "IgG1" excludes only another
class).

The same exclusion answers a yes/no question of any shape (:func:`excluded_qualifier`): a sentence that
names the question's qualifier only in a form that excludes it ("Is the PINES framework used for the
prediction of coding variants?" against "PINES ... predicts the functional impact of noncoding variants";
"Are bacteria in the genus Clostridium facultative anaerobes?" against "obligate anaerobes") says no.
"""

from __future__ import annotations

import re

from medcite.text.words import plain_dashes

# a reversing prefix, written joined to its word ("pro apoptotic", "anti-apoptotic" are joined first)
REVERSING_PREFIXES = ("non", "un", "mono", "poly", "anti", "pro", "homo", "hetero", "hypo", "hyper", "a")
MIN_STEM = 5  # the word left after a prefix is at least this long ("atypical" -> "typical"; not "a-men")
# kinds whose qualifier names a target ("a TNF inhibitor", "an apoE mimetic peptide"): only for them does
# another name in the same place ("an IL-6 receptor inhibitor") exclude the asked one
NAMED_TARGET_KINDS = frozenset(
    "inhibitor antagonist agonist antibody blocker receptor mimetic peptide ligand substrate activator "
    "modulator kinase phosphatase enzyme".split()
)
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


def qualifier_words(text: str) -> list[str]:
    """The words of a noun phrase, a reversing prefix joined to its word ("pro apoptotic" ->
    "proapoptotic")."""
    return _WORD.findall(_JOIN.sub(lambda m: m.group(1), plain_dashes(text)))


def _prefix_swap(a: str, s: str) -> bool:
    """One word is the other with a reversing prefix ("typical" / "atypical", "apoptotic" /
    "antiapoptotic"), or with another one ("monoclonal" / "polyclonal", "proapoptotic" / "antiapoptotic")."""
    for p in REVERSING_PREFIXES:
        if s == p + a or a == p + s:
            return len(min(a, s, key=len)) >= MIN_STEM
        for q in REVERSING_PREFIXES:
            if p != q and a.startswith(p) and s.startswith(q) and a[len(p) :] == s[len(q) :]:
                return len(a) - len(p) >= MIN_STEM
    return False


def is_name(word: str) -> bool:
    """A name rather than a word: it holds a digit or a capital after its first letter ("TNF", "IL-6"), and no
    part of it is a plain word ("FDA-approved", "EGFR-mutant" describe, they do not name)."""
    if not (any(ch.isdigit() for ch in word) or any(ch.isupper() for ch in word[1:])):
        return False
    return not any(len(part) >= 4 and part.islower() for part in word.split("-")[1:])


def name_parts(word: str) -> list[str]:
    """The names a word holds: "IL-12/23" holds "IL-12" and "IL-23"-like parts ("IL-12", "23")."""
    return [p for p in word.split("/") if p]


def agrees(asked: str, said: str) -> bool:
    """Whether qualifier ``said`` is ``asked``: the same word, one of the names it joins with "/" ("an
    IL-12/23 inhibitor" is an IL-12 inhibitor), or the name with "anti" before it (an "anti-CD40 antibody" is
    a CD40 antibody)."""
    a = asked.lower()
    for s in (said.lower(), *(p.lower() for p in name_parts(said))):
        if a == s or (is_name(asked) and s == "anti" + a):
            return True
    return False


def excludes(asked: str, said: str, names: bool = True) -> bool:
    """Whether qualifier ``said`` excludes ``asked`` (see the module docstring). ``names``: whether two names
    may exclude each other here (only where one stands in the other's slot: see
    :func:`medcite.compose.kinds.kind_answer`)."""
    if agrees(asked, said):
        return False
    a, s = asked.lower(), said.lower()
    both = is_name(asked), is_name(said)
    if not any(both) and _prefix_swap(a, s):
        return True
    if any(a in group and s in group for group in EXCLUSIVE_QUALIFIERS):
        return True
    # names exclude each other, unless one is an antibody class ("a human IgG1 antibody" may bind PD-L1)
    return names and all(both) and bool(_ISOTYPE.match(a)) == bool(_ISOTYPE.match(s))


# prefixes that negate the word they join ("noncoding", "unnecessary", "atypical", "ineffective"): the
# question's plain word against the sentence's negated one excludes it; the other way round it need not
# ("Is pimavanserin an atypical antipsychotic?" against "unlike typical antipsychotics")
NEGATING_PREFIXES = ("non", "un", "a", "in")
# outside a kind question, "human" against "murine" is another population, not an answer
_GENERAL_EXCLUSIVE = tuple(g for g in EXCLUSIVE_QUALIFIERS if "human" not in g)


def _negates(asked: str, said: str) -> bool:
    """``said`` is the asked word with a negating prefix, or with another reversing prefix in place of the
    asked word's ("monoclonal" for "polyclonal", "antiapoptotic" for "proapoptotic"), or both belong to
    one set of alternatives (:data:`EXCLUSIVE_QUALIFIERS`)."""
    if any(said == p + asked for p in NEGATING_PREFIXES):
        return len(asked) >= MIN_STEM
    swaps = [p for p in REVERSING_PREFIXES if p not in NEGATING_PREFIXES]
    for p in swaps:
        for q in swaps:
            if p != q and asked.startswith(p) and said.startswith(q) and asked[len(p) :] == said[len(q) :]:
                return len(asked) - len(p) >= MIN_STEM
    return asked != said and any(asked in g and said in g for g in _GENERAL_EXCLUSIVE)


def _plain_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that are not names, prefixes joined, "/" lists split."""
    return [p.lower() for w in qualifier_words(text) if not is_name(w) for p in w.split("/") if p]


def excluded_qualifier(question: str, text: str) -> tuple[str, str] | None:
    """The question's word that ``text`` names only in a form excluding it, and that form: ("coding",
    "noncoding") for "Is PINES used for the prediction of coding variants?" against "... noncoding
    variants". None when the text names the asked word too, or the question names both forms itself ("Is
    invasive ventilation better than noninvasive ventilation?")."""
    asked = _plain_words(question)
    said = _plain_words(text)
    asked_set, said_set = set(asked), set(said)
    for a in asked:
        if a in said_set:
            continue
        for s in said:
            if s not in asked_set and _negates(a, s):
                return a, s
    return None
