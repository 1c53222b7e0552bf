"""Which way one read sentence leans (:func:`leaning`): the stance reader's reading as it votes, or its
wording where the reader reads it mostly as no answer (:data:`WORDED_LEAN`). The leans choose what a yes/no
answer's bottom line quotes and which statements are shown as pointing the other way; the answer itself is
voted in :mod:`medcite.compose.stance`."""

from __future__ import annotations

import re

from medcite.compose.stance import (
    NO_DIFFERENCE_QUESTION,
    StanceInput,
    StanceResult,
    as_voted,
    asks_difference,
    negated_question,
    null_read,
    sentence_vote,
)
from medcite.compose.synthesis import ASKS_DECREASE, ASKS_INCREASE
from medcite.domain.article import Stance
from medcite.text import finding_polarity


def leaning(it: StanceInput, question: str) -> Stance | None:
    """The answer one sentence that the stance reader read leans to: as it votes (:func:`as_voted`), or by
    its wording where the reader reads it mostly as no answer and its vote is the reader's own
    (:data:`WORDED_LEAN`); yes, no, or None (not read, or no lean)."""
    if it.read is None:
        return None
    read, why = as_voted(it.read, it.text, question, null_read(question))
    lean: Stance | None = "yes" if read[0] > read[2] else "no" if read[2] > read[0] else None
    if WORDED_LEAN and not why and read[1] > max(read[0], read[2]):
        return worded_lean(it.text, question) or lean
    return lean


# a sentence the stance reader reads mostly as no answer leans by its wording where that says yes or no, not
# by the reader's smaller yes or no ("SGA was associated with increased odds of any stage of ROP ...", read
# yes 0.13, no 0.19, uncertain 0.68, had been quoted in the bottom line of a "No" to "Is being small for
# gestational age a risk factor for retinopathy of prematurity?"; a tuning-half reading, 2026-12-07): wording
# the yes/no vote reads as no (:func:`sentence_vote`) leans no, an effect found
# (:func:`medcite.text.finding_polarity`) leans yes where the question asks no direction ("Does X reduce Y?"
# is not answered by "X changed Y"). The lean chooses what the bottom line quotes and which statements are
# shown as the other way; the votes stay the reader's (voting so moved 8 even-half answers: PubMedQA 74.4 ->
# 73.2%, BioASQ yes/no 69.8 -> 70.7%). Off: the reader's larger of yes and no
WORDED_LEAN = True
_ASKS_SAFETY = re.compile(r"\b(?:safe|safety|adverse|side[- ]effects?|toxic\w*|harm\w*|tolera\w*)\b", re.I)
# the direction a question asks about (:data:`medcite.compose.synthesis.ASKS_DECREASE`, ``ASKS_INCREASE``),
# or a better or worse outcome
_ASKS_BETTER = re.compile(r"\b(?:improv|worsen|better|worse)\w*", re.I)


def _asks_direction(question: str) -> bool:
    return any(p.search(question) for p in (ASKS_DECREASE, ASKS_INCREASE, _ASKS_BETTER))


def worded_lean(text: str, question: str) -> Stance | None:
    """The answer a sentence's wording leans to (:data:`WORDED_LEAN`), or None; none for a question whose
    "no" a negation would not give ("Is there no difference ...?", "Is X safe ...?": "no serious adverse
    events" is a yes)."""
    if NO_DIFFERENCE_QUESTION.search(question) or _ASKS_SAFETY.search(question):
        return None
    vote = sentence_vote(text, asks_difference(question))
    if vote == "no":
        side: Stance = "no"
    elif vote == "yes" and finding_polarity(text) == "positive" and not _asks_direction(question):
        side = "yes"
    else:
        return None
    if negated_question(question):
        return "yes" if side == "no" else "no"
    return side


def lean_map(question: str, stance: StanceResult | None) -> dict[str, Stance | None]:
    """Each read sentence's text and the answer it leans to (:func:`leaning`), read once per sentence."""
    return {} if stance is None else {i.text: leaning(i, question) for i in stance.inputs}


def leanings(question: str, stance: StanceResult | None) -> tuple[set[str], set[str]]:
    """The texts of the read sentences that lean the stance's way, and of those that lean the other way,
    for a yes or no stance (:func:`lean_map`); both empty otherwise."""
    if stance is None or stance.stance not in ("yes", "no"):
        return set(), set()
    lean = lean_map(question, stance)
    along = {t for t, side in lean.items() if side == stance.stance}
    return along, {t for t, side in lean.items() if side is not None and side != stance.stance}
