"""The direction of an effect: which way did an outcome move, *increased*, *decreased* or *no difference*?

The verifier's direction check compares a claim with its evidence by :func:`effect_direction`; the study
cards read a finding's direction with the same cues (:data:`NO_DIFFERENCE`, :data:`INCREASE`,
:data:`DECREASE`, tuned on Evidence Inference spans, see ``bench/eval_verify.py``). The other readers'
negation and hedge cues are in :mod:`medcite.text.cues`.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Direction(StrEnum):
    """Which way an outcome moved; UNKNOWN when the cues are absent or mixed."""

    INCREASED = "increased"
    DECREASED = "decreased"
    NO_DIFFERENCE = "no difference"
    UNKNOWN = "unknown"


# negation is read with the cue word: "did not reduce" is no difference, not a decrease
NO_DIFFERENCE = re.compile(
    r"\b(?:no|not|nor|without)\s+(?:\w+\s+){0,3}?(?:statistically\s+)?(?:significant(?:ly)?|differ\w*|change\w*|"
    r"effect|association|benefit|improvement|increase|decrease|reduction|impact|influence)\b"
    r"|\b(?:did|does|do|was|were|is|are)\s+not\s+(?:\w+\s+){0,2}?(?:significantly\s+)?"
    r"(?:differ|change|affect|alter|improve|reduc|increase|decrease|lower|raise|influence|significant)\w*"
    r"|\b(?:similar|comparable|equivalent|non-?inferior|unchanged|unaffected|insignificant|"
    r"non-?significant|n\.?s\.)\b|\bfailed\s+to\b|\bno\s+\w*\s*differences?\b|\bp\s*[>=]\s*0?\.(?:0[5-9]|[1-9])",
    re.IGNORECASE,
)
INCREASE = re.compile(
    r"\b(?:increas\w*|higher|greater|more|elevat\w*|rais\w*|rise|rose|enhanc\w*|improv\w*|boost\w*|gain\w*|"
    r"augment\w*|exceed\w*|prolong\w*|longer|larger|doubl\w*|superior)\b",
    re.IGNORECASE,
)
DECREASE = re.compile(
    r"\b(?:decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|drop\w*|fell|fall\w*|diminish\w*|attenuat\w*|"
    r"shorter|smaller|inhibit\w*|suppress\w*|worse|halv\w*|cut|decline|prevent\w*|protect\w*|inferior)\b",
    re.IGNORECASE,
)


def effect_direction(text: str) -> Direction:
    """The reported direction of an effect in ``text`` (UNKNOWN when cues are absent or mixed)."""
    if NO_DIFFERENCE.search(text):
        stripped = NO_DIFFERENCE.sub(" ", text)
        # "no difference in X but Y was reduced" stays mixed -> no difference only when nothing else remains
        if not (INCREASE.search(stripped) and DECREASE.search(stripped)):
            return Direction.NO_DIFFERENCE
    up = len(INCREASE.findall(text))
    down = len(DECREASE.findall(text))
    if up and not down:
        return Direction.INCREASED
    if down and not up:
        return Direction.DECREASED
    return Direction.UNKNOWN


# how a result was analysed: "In bivariate analysis, ..." against "In multivariate analysis, ..."
UNADJUSTED = re.compile(r"\b(?:bivariate|univariate|univariable|unadjusted|crude)\b", re.I)
ADJUSTED = re.compile(
    r"\b(?:multivariate|multivariable|(?<!un)adjusted|after adjust\w*|controlling for)\b", re.I
)
