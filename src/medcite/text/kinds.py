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

from medcite.text.words import STOPWORDS, plain_dashes, singular, terms

# a reversing prefix, written joined to its word ("pro apoptotic", "anti-apoptotic" are joined first)
REVERSING_PREFIXES = ("non", "un", "mono", "poly", "anti", "pro", "homo", "hetero", "hypo", "hyper", "a")
MIN_STEM = 5  # the word left after a prefix is at least this long ("atypical" -> "typical"; not "a-men")
_ADJECTIVE_ENDINGS = ("ic", "ory", "al", "ive", "ous", "onal", "ant")
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
        "adenoviral lentiviral retroviral",
    )
)
_WORD = re.compile(r"[A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9][A-Za-z0-9\u03b1-\u03c9\u0391-\u03a9\-/+]*")
_JOIN = re.compile(r"\b(pro|anti|non|un)[\s-]+(?=[A-Za-z])", re.I)
_ISOTYPE = re.compile(r"^ig[gamde]\d?[a-z]?$")


def qualifier_words(text: str) -> list[str]:
    """The words of a noun phrase, a reversing prefix joined to its word ("pro apoptotic" ->
    "proapoptotic")."""
    return _WORD.findall(_JOIN.sub(lambda m: m.group(1), plain_dashes(text)))


def reversals(
    word: str,
    negating: tuple[str, ...] = REVERSING_PREFIXES,
    swapping: tuple[str, ...] = REVERSING_PREFIXES,
    adjectives_only: bool = False,
) -> set[str]:
    """The forms of ``word`` that reverse it, the stem left at least :data:`MIN_STEM` letters: with one of
    ``negating`` before it ("atypical" for "typical"), and, where it starts with one of ``swapping``, with
    another in its place ("monoclonal" for "polyclonal", "antiapoptotic" for "proapoptotic"; with
    ``adjectives_only``, only for an adjective: "probiotics" / "antibiotics" are two things)."""
    forms = {p + word for p in negating} if len(word) >= MIN_STEM else set()
    if adjectives_only and not word.endswith(_ADJECTIVE_ENDINGS):
        return forms
    for p in swapping:
        stem = word[len(p) :]
        if word.startswith(p) and len(stem) >= MIN_STEM:
            forms |= {q + stem for q in swapping if q != p}
    return forms


def _prefix_swap(a: str, s: str) -> bool:
    """One word is the other with a reversing prefix ("typical" / "atypical", "apoptotic" /
    "antiapoptotic"), or with another one ("monoclonal" / "polyclonal", "proapoptotic" / "antiapoptotic")."""
    return s in reversals(a) or a in reversals(s)


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


# prefixes that negate the word they join ("noncoding", "unnecessary"); "in-" and "a-" are left out: too many
# words only look prefixed ("independent", "inpatients", "infusion", "atrial", "across", "asleep")
NEGATING_PREFIXES = ("non", "un")
# outside a kind question, "human" against "murine" is another population, not an answer
_GENERAL_EXCLUSIVE = tuple(g for g in EXCLUSIVE_QUALIFIERS if "human" not in g)
# the prefixes that swap with each other ("mono" / "poly", "pro" / "anti"), not the negating ones
_SWAPS = tuple(p for p in REVERSING_PREFIXES if p not in (*NEGATING_PREFIXES, "a"))
_COPULA = frozenset("is are was were be been being".split())
_NEAR = 2  # content words after a qualifier among which the noun it qualifies stands
# a population, not a qualifier asked about: "nonhuman primates" is another species, not a "no"
_NOT_ASKED = frozenset({"human", "humans"})


def _excluding_forms(asked: str) -> set[str]:
    """The forms that exclude ``asked`` in a question of any shape: a negating prefix before it
    ("noncoding" for "coding"), another reversing prefix in place of its own for an adjective
    (:func:`reversals`), and the other members of its set of alternatives (:data:`EXCLUSIVE_QUALIFIERS`)."""
    forms = reversals(asked, NEGATING_PREFIXES, _SWAPS, adjectives_only=True)
    for group in _GENERAL_EXCLUSIVE:
        if asked in group:
            forms |= group - {asked}
    return forms


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``, prefixes joined, "/" lists split, names kept."""
    return [p.lower() for w in qualifier_words(text) for p in w.split("/") if p]


def _qualified(words: list[str], i: int) -> set[str]:
    """What the qualifier at ``i`` qualifies: the content words just after it ("coding variants" ->
    variants), or, after a copula, the subject's ("... patients is probably unnecessary" -> patients)."""
    after = [singular(w) for w in words[i + 1 : i + 1 + _NEAR] if w not in STOPWORDS]
    before = words[max(0, i - 2) : i]
    if after and not _COPULA & set(before):
        return set(after)
    return {singular(w) for w in words[max(0, i - 2 - _NEAR) : i] if w not in STOPWORDS}


def excluded_qualifier(question: str, text: str) -> tuple[str, str] | None:
    """The question's qualifier that ``text`` names only in a form that excludes it, of the same thing, and
    that form: ("coding", "noncoding") for "Is PINES used for the prediction of coding variants?" against
    "... predicts the functional impact of noncoding variants". Of the same thing: the two qualify a
    shared word ("variants"; for a predicate, "... in pediatric patients necessary?" against "... in
    pediatric patients is probably unnecessary"). None when the text names the asked word too, or the
    question names both forms itself ("Is invasive ventilation better than noninvasive ventilation?")."""
    asked, said = _words(question), _words(text)
    names = {w.lower() for w in qualifier_words(f"{question} {text}") if is_name(w)}
    asked_set, said_set = set(asked), set(said)
    for i, a in enumerate(asked):
        if a in said_set or a in names or a in _NOT_ASKED:
            continue
        for s in (_excluding_forms(a) & said_set) - asked_set - names:
            if any(_qualified(asked, i) & _qualified(said, j) for j, w in enumerate(said) if w == s):
                return a, s
    return None


# a thing said to be other than one the question names: "KMT2D missense variants ... cause a novel multiple
# malformations syndrome distinct from Kabuki syndrome type 1 (KS1)" for "Do exon 38 or 39 KMT2D missense
# variants cause Kabuki syndrome type 1 (KS1)?" (tune31); not where the question asks whether they differ,
# nor a comparison with a control ("distinct from placebo"), nor a kind of the asked thing set apart from
# another kind of it ("a form of Kabuki syndrome distinct from KMT2D-associated Kabuki syndrome")
_APART = re.compile(r"\b(?:distinct|distinguishable)\s+from\s+(?P<x>(?:the\s+)?[^,;:.]+)", re.I)
_ASKS_APART = re.compile(r"\b(?:distinct|differ\w*|distinguish\w*|same|similar\w*|identical|unlike)\b", re.I)
_NOT_BEFORE = re.compile(r"\b(?:not|no|nor|never|hardly|barely)\W+(?:\w+\W+){0,2}$", re.I)
_CONTROLS = frozenset(terms("placebo control controls baseline sham usual standard vehicle healthy"))


def set_apart(question: str, text: str) -> str | None:
    """The words by which ``text`` sets something apart from what ``question`` names ("distinct from Kabuki
    syndrome type 1 (KS1)"): at least two thirds of the first four terms after "distinct from" are the
    question's, and fewer than half of those are named before it; None where there are none, they are
    negated or a control, or the question asks about a difference."""
    if "from" not in text or _ASKS_APART.search(question):
        return None
    asked: set[str] | None = None
    for m in _APART.finditer(text):
        asked = set(terms(question)) if asked is None else asked
        named = terms(m.group("x"))[:4]
        shared = [t for t in named if t in asked]
        before = set(terms(text[: m.start()]))
        if not named or 3 * len(shared) < 2 * len(named) or _CONTROLS & set(named):
            continue
        if 2 * sum(t in before for t in shared) < len(shared) and not _NOT_BEFORE.search(text[: m.start()]):
            return m.group(0).strip()
    return None
