"""Questions that ask what a thing is: "What is achalasia?", "What are CRISPR-Cas12a proteins?", "Describe
CapSim", "What is CIBERSORT used for?", "What is the indication for KYMRIAH?".

Such a question is answered by a sentence that says what its subject is ("Achalasia is a rare esophageal
motility disorder ..."), not by the first finding of a study that names it ("Various syndromes include
achalasia in their symptomatology ..."). :func:`subject_defined` reads the subject; :func:`defines` tells a
sentence that defines it. The drafting puts such sentences first in the main section, and the bottom line
quotes one where there is one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medcite.text.words import PREPOSITIONS, TOOL_NOUNS

DEFINING = True  # a switch for measuring it
_WHAT_IS = re.compile(
    r"^\s*(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?P<s>[^?]+?)"
    r"(?:\s+(?:used|indicated|approved|prescribed)\s+for)?\s*\?*\s*$",
    re.I,
)
# "What is the indication for KYMRIAH?" asks what the thing is used for, as "What is X used for?" does (a
# tuning-half reading, tune22: the sentence that answered it was filed under Clinical Pitfalls)
_INDICATION = re.compile(
    r"^\s*what\s+(?:is|are)\s+(?:the\s+)?(?:main\s+|primary\s+|approved\s+|clinical\s+|therapeutic\s+)?"
    r"indications?\s+(?:for|of)\s+(?:an?\s+|the\s+)?(?P<s>[^?]+?)\s*\?*\s*$",
    re.I,
)
_DESCRIBE = re.compile(r"^\s*(?:describe|define)\s+(?:an?\s+|the\s+)?(?P<s>[^?.]+?)\s*[.?]*\s*$", re.I)
# what such a question asks of a thing is no thing itself: "What is the most common ...?", "What is the
# number of ...?", "Describe clinical presentation of ..." (caught by its preposition)
_ATTRIBUTES = frozenset(
    "most main major best first primary average usual normal mean median number percentage rate proportion "
    "frequency incidence prevalence risk dose dosage duration size length age cost name role effect function "
    "mechanism cause target treatment outcome purpose aim goal use difference relationship association "
    "clinical typical common known current recommended optimal standard".split()
)
MAX_SUBJECT_WORDS = 6
_PARENTHESES = re.compile(r"\s*\([^()]{0,80}\)")
# what follows the subject in a sentence that says what it is: "X is a ...", "X are RNA-guided enzymes
# ..." (a plural kind with no article), "X, a rare disorder, ...", "X has been reported as ...", "X refers
# to"; the authors' own thing counts too ("We developed X, a ...": :data:`_MADE`)
_LINK = (
    r"(?:,\s+(?:an?|the)\s|(?:is|are|was|were)\s+(?:also\s+|now\s+|currently\s+|thus\s+)?"
    r"(?:an?|the|one|defined|characteri[sz]ed|described|known|considered|regarded|recogni[sz]ed|used|caused|"
    r"(?:[\w-]+ly\s+)?[\w-]*(?:ed|ing|ive|al|ic|ous|ary|ar)\s+(?:(?!(?:in|of|by|with|to|for|at|on|from|"
    r"during|after|than|versus|vs)\b)[\w-]+\s+)?(?!(?:as|across|versus|less|whereas|thus|this|its|is|was|has)\b)"
    r"[a-z][\w-]{2,}s)\b|represents?\s|"
    r"refers?\s+to\s|(?:is|are)\s+(?:also\s+)?(?:indicated|approved|licensed|prescribed)\s+(?:for|in|as|to)\s|"
    r"(?:is|are)\s+for\s+(?:the\s+)?(?:treatment|management|prevention|prophylaxis)\b|(?:has|have)\s+(?:recently\s+|also\s+)?been\s+(?:described|defined|reported|identified|"
    r"characteri[sz]ed|proposed|recogni[sz]ed)\s+as\s|can\s+be\s+defined\s+as\s)"
)


@lru_cache(maxsize=1024)
def subject_defined(question: str) -> str | None:
    """The thing a question asks to be defined or described ("achalasia", "CRISPR-Cas12a proteins"), or
    None for other questions (an attribute of a thing: "What is the role of X in Y?")."""
    if not DEFINING:
        return None
    m = _INDICATION.match(question) or _WHAT_IS.match(question) or _DESCRIBE.match(question)
    if m is None:
        return None
    subject = m.group("s").strip()
    words = subject.lower().split()
    if not words or len(words) > MAX_SUBJECT_WORDS or words[0] in _ATTRIBUTES:
        return None
    if any(w in PREPOSITIONS for w in words):  # "the function of X", "the treatment for Y"
        return None
    return subject


# a possessor before the thing need not open the sentence where the sentence names it: "What are Drosophila's
# balancer chromosomes?" is answered by "Balancer chromosomes are genetic reagents that are used in
# Drosophila melanogaster ..." (tune41); "The disease is ..." names no Huntington's disease
_POSSESSOR = re.compile(r"^(?P<owner>[\w-]+)['\u2019]s\s+(?=\S)")


@lru_cache(maxsize=256)
def _pattern(subject: str, owned: bool = False) -> re.Pattern[str]:
    """The pattern of a sentence that defines ``subject``; ``owned``: its possessor may go unsaid."""
    owner = _POSSESSOR.match(subject) if owned else None
    words = [re.escape(w) for w in _PARENTHESES.sub("", subject[owner.end() if owner else 0 :]).split()]
    if words and words[-1].lower().endswith("s"):
        words[-1] += "?"  # "CRISPR-Cas12a proteins" or "... protein"
    name = r"[\s-]+".join(words)
    if owner:
        name = rf"(?:{re.escape(owner['owner'])}['\u2019]s\s+)?{name}"
    return re.compile(
        rf"^(?:(?:{_MADE})?(?:the\s+)?{name}s?(?![\w-])\s*{_LINK}|{_NAMED_AS}{name}(?![\w-]),)", re.I
    )


# the thing named after what it is: "Our reconstruction method, ChromoTrace, uses suffix trees to ..." (BioASQ
# 29522506, tune31: "Describe ChromoTrace" had quoted a background sentence on chromatin instead)
_NAMED_AS = rf"(?:our|the|this|a|an)\s+(?:[\w-]+\s+){{0,3}}{TOOL_NOUNS},\s+"


# what the authors made, named with what it is: "We developed CapSim, a software package for ..." (BioASQ
# 29092025, a tuning-half reading: "Describe CapSim" had not quoted it), "Here we present X, a ..."
_MADE = (
    r"(?:[A-Z][a-z]+:\s+)?(?:here,?\s+)?(?:we|the authors)\s+(?:have\s+)?(?:developed|present(?:ed)?|"
    r"introduce[sd]?|describe[sd]?|propose[sd]?|created|built|designed|implemented|report(?:ed)?)\s+"
)


def defines(sentence: str, subject: str) -> bool:
    """Whether ``sentence`` says what ``subject`` is: it opens with the subject (an abbreviation in brackets
    may follow a word of it: "CRISPR-Cas12a (Cpf1) proteins are ...") and a link of definition
    (:data:`_LINK`)."""
    owner = _POSSESSOR.match(subject)
    owned = owner is not None and re.search(rf"\b{re.escape(owner['owner'])}\b", sentence, re.I) is not None
    return bool(_pattern(subject, owned).match(_MARKS.sub("", _PARENTHESES.sub("", sentence.strip()))))


_MARKS = re.compile("[\u2122\u00ae\u00a9]")  # trade marks after a name: "Kymriah\u2122 is for ..."
