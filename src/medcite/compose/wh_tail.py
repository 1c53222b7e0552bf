"""The subject of a wh-question's tail after "is": "Which disease category is LB-100 mostly assessed for?"
asks about LB-100, "Where is corticosterone synthesized?" about corticosterone (:func:`own_subject`)."""

from __future__ import annotations

import re

from medcite.text import PREPOSITIONS

# "Which disease category is LB-100 mostly assessed for?", "Where is corticosterone synthesized?": after "is"
# a subject of its own, then its participle (the wh-phrase is what it is asked for, no concept); a tail
# that opens with its predicate ("mutated in X", "in the Andexxa", "the most common cause of X") has none
WHERE = re.compile(r"^(?:where|when)\s+(?:in\s+the\s+body,?\s+)?(?:is|are|was|were)\s+(?P<t>.+)$", re.I)
_ADVERBS = r"(?:(?:most|first|also|not|being|been|[a-z]+ly)\s+)*"
# past participles: regular ones, and the irregular ones questions use ("antigen", "women" are no participles)
_PARTICIPLE = (
    r"(?:[a-z]{2,}ed|known|found|made|seen|shown|given|taken|bound|held|thought|proven|driven|written|chosen|"
    r"grown|drawn|broken|hidden|arisen|done|begun|built|kept|lost|sent|spent|led|fed|met|split)\b"
)
_ADJECTIVE = r"(?:available|useful|responsible|present|effective|able|necessary|important|essential)\b"
# the tail opens with its predicate; or with an article and no participle follows ("the carrier of X")
_PREDICATE_FIRST = re.compile(
    rf"^(?:{_ADVERBS}(?:{_PARTICIPLE}|{_ADJECTIVE}|[a-z]+ing\b)|(?:FDA|EMA)\b|there\b|behind\b"
    rf"|(?:the|a|an)\s+(?!.*\s{_PARTICIPLE}))"
)
_SUBJECT_THEN = re.compile(
    rf"^(?P<s>.+?)\s+{_ADVERBS}(?:{_PARTICIPLE}|[a-z]+ing\s*$)(?:\s+(?:in|by|with|from|as|on)\s+(?P<o>.+))?"
)


def own_subject(tail: str) -> tuple[str, str | None] | None:
    """The subject of a wh-question's tail after "is" and what its verb acts in or on: ("LB-100", None) of
    "LB-100 mostly assessed for", ("vivotif", "Europe") of "vivotif first licenced in Europe"; None where the
    tail opens with its predicate or a preposition."""
    first = tail.split()[0].lower() if tail.split() else ""
    if not first or first in PREPOSITIONS or _PREDICATE_FIRST.match(tail):
        return None
    m = _SUBJECT_THEN.match(tail)
    return (m.group("s"), m.group("o")) if m else (tail, None)
