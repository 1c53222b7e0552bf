"""The subject of a wh-question's tail after "is": "Which disease category is LB-100 mostly assessed for?"
asks about LB-100, "Where is corticosterone synthesized?" about corticosterone (:func:`own_subject`)."""

from __future__ import annotations

import re

from medcite.text import PREPOSITIONS

# "Which disease category is LB-100 mostly assessed for?", "Where is corticosterone synthesized?": after "is"
# a subject of its own, then its participle (the wh-phrase is what it is asked for, no concept); a tail
# that opens with its predicate ("mutated in X", "in the Andexxa", "the most common cause of X") has none
WHERE = re.compile(r"^(?:where|when)\s+(?:in\s+the\s+body,?\s+)?(?:is|are|was|were)\s+(?P<t>.+)$", re.I)
# adverbs, not the nouns that end in -ly ("microcephaly", "splenomegaly", "anomaly", "family")
_ADVERBS = (
    r"(?:(?:most|first|also|not|being|been|(?!\w*(?:megaly|cephaly|dactyly|omaly|amily)\b)[a-z]{3,}ly)\s+)*"
)
# past participles: regular ones (not "need", "seed"), and the irregular ones questions use ("antigen",
# "women" end in -en and are none)
_PARTICIPLE = (
    r"(?:[a-z]+[a-df-z]ed|known|found|made|seen|shown|given|taken|bound|held|thought|proven|driven|written|"
    r"chosen|grown|drawn|broken|hidden|arisen|done|begun|built|kept|lost|sent|spent|led|fed|met|split)\b"
)
_ADJECTIVE = r"(?:available|useful|responsible|present|effective|able|necessary|important|essential)\b"
# the tail opens with its predicate; or with an article and no participle follows ("the carrier of X"); or
# an article before a participle ("the most frequently mutated gene in X", "a widely used agent")
_PREDICATE_FIRST = re.compile(
    rf"^(?:{_ADVERBS}(?:{_PARTICIPLE}|{_ADJECTIVE}|[a-z]+ing\b(?!.*\s{_PARTICIPLE}))|(?:FDA|EMA)\b|there\b|"
    rf"behind\b|(?:the|a|an)\s+(?:(?!.*\s{_PARTICIPLE})|{_ADVERBS}{_PARTICIPLE}))"
)
_SUBJECT_THEN = re.compile(
    rf"^(?P<s>.+?)\s+{_ADVERBS}(?:{_PARTICIPLE}|[a-z]+ing\s*$)(?:\s+(?:in|with|from|as|on)\s+(?P<o>.+))?"
)
# a tail without a participle is its subject ("gepotidacin"), but not an adjective and its complement ("safe
# in pregnancy", "specific to neurons", "common in Ashkenazi Jews")
_ADJECTIVE_THEN = re.compile(
    r"^(?:\w+(?:ous|ic|al|ive|ent|ant|ible|able|ar)|safe|high|low|common|rich|rare)"
    r"(?:\s+(?:in|on|to|for|of|with|from|by|at|against|than)\b|\s*$)",
    re.I,
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "most"})


def own_subject(tail: str) -> tuple[str, str | None] | None:
    """The subject of a wh-question's tail after "is" and what its verb acts in or on: ("LB-100", None) of
    "LB-100 mostly assessed for", ("vivotif", "Europe") of "vivotif first licenced in Europe"; None where the
    tail opens with its predicate or a preposition, or no subject is left but a determiner."""
    first = tail.split()[0].lower() if tail.split() else ""
    if not first or first in PREPOSITIONS or _PREDICATE_FIRST.match(tail):
        return None
    m = _SUBJECT_THEN.match(tail)
    if m is None:
        return None if _ADJECTIVE_THEN.match(tail) else (tail, None)
    if all(w.lower() in _DETERMINERS for w in m.group("s").split()):
        return None  # "the need for dialysis assessed": no subject of its own is read
    return m.group("s"), m.group("o")
