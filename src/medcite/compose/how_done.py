"""A "How is X done?" question: the participle is the question's verb, not part of the concept.

"How are SAHFS created?" had read the concept "SAHFS created", which no source names, and the answer was
"insufficient evidence" (a reading of 16 tuning-half articles, tune39); "How is ZP-PTH delivered to
patients?" read "ZP-PTH delivered", "How are super enhancers defined?" "super enhancers defined". The concept
is what is done: "SAHFS", "ZP-PTH", "super enhancers"; what follows a preposition after the participle
("in imaging", "to patients") is the outcome where the question names none.
"""

from __future__ import annotations

import re

_HOW_PASSIVE = re.compile(r"^how\s+(?:is|are|was|were)\s+", re.I)
# the participle that ends the subject, and what may follow it after a preposition
_PARTICIPLE_END = re.compile(
    r"^(?P<x>.+?)\s+(?P<verb>[a-z]+(?:ed|en|ing)|made|done|built|held|kept|known|set|shown|seen)"
    r"(?:\s+(?:to|in|by|for|with|from|into|on|at|during|after)\s+(?P<y>.+))?$"
)


def how_done(question: str, intervention: str | None, outcome: str | None) -> tuple[str | None, str | None]:
    """The (intervention, outcome) of a "How is/are X <participle>?" question, the participle left out;
    any other question's as they are."""
    if not intervention or not _HOW_PASSIVE.match(question) or not (m := _PARTICIPLE_END.match(intervention)):
        return intervention, outcome
    return m.group("x"), outcome or m.group("y")
