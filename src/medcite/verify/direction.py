"""Direction check: increased / decreased / no difference must agree between claim and evidence.

Cue words are read with their negation ("did not reduce" is no difference, not a decrease). Tuned on
Evidence Inference spans (see ``bench/eval_verify.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from medcite.domain import CheckResult


class Direction(StrEnum):
    INCREASED = "increased"
    DECREASED = "decreased"
    NO_DIFFERENCE = "no difference"
    UNKNOWN = "unknown"


_NO_DIFF = re.compile(
    r"\b(?:no|not|nor|without)\s+(?:\w+\s+){0,3}?(?:statistically\s+)?(?:significant(?:ly)?|differ\w*|change\w*|"
    r"effect|association|benefit|improvement|increase|decrease|reduction|impact|influence)\b"
    r"|\b(?:did|does|do|was|were|is|are)\s+not\s+(?:\w+\s+){0,2}?(?:significantly\s+)?"
    r"(?:differ|change|affect|alter|improve|reduce|increase|decrease|lower|raise|influence|significant)\w*"
    r"|\b(?:similar|comparable|equivalent|non-?inferior|unchanged|unaffected|insignificant|"
    r"non-?significant|n\.?s\.)\b|\bfailed\s+to\b|\bno\s+\w*\s*differences?\b|\bp\s*[>=]\s*0?\.(?:0[5-9]|[1-9])",
    re.IGNORECASE,
)
_UP = re.compile(
    r"\b(?:increas\w*|higher|greater|more|elevat\w*|rais\w*|rise|rose|enhanc\w*|improv\w*|boost\w*|gain\w*|"
    r"augment\w*|exceed\w*|prolong\w*|longer|larger|doubl\w*|superior)\b",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(?:decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|drop\w*|fell|fall\w*|diminish\w*|attenuat\w*|"
    r"shorter|smaller|inhibit\w*|suppress\w*|worse|halv\w*|cut|decline|prevent\w*|protect\w*|inferior)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DirectionResult:
    check: CheckResult
    claim: Direction
    evidence: Direction
    conflict: bool


def direction_of(text: str) -> Direction:
    """The reported direction of an effect in ``text`` (UNKNOWN when cues are absent or mixed)."""
    if _NO_DIFF.search(text):
        stripped = _NO_DIFF.sub(" ", text)
        # "no difference in X but Y was reduced" stays mixed -> no difference only when nothing else remains
        if not (_UP.search(stripped) and _DOWN.search(stripped)):
            return Direction.NO_DIFFERENCE
    up = len(_UP.findall(text))
    down = len(_DOWN.findall(text))
    if up and not down:
        return Direction.INCREASED
    if down and not up:
        return Direction.DECREASED
    return Direction.UNKNOWN


def _conflicts(c: Direction, e: Direction) -> bool:
    return not (Direction.UNKNOWN in (c, e) or c == e)


def check_direction(claim: str, evidence_text: str) -> DirectionResult:
    c = direction_of(claim)
    e = direction_of(evidence_text)
    if c is Direction.UNKNOWN:
        return DirectionResult(
            CheckResult("direction", True, "the claim states no direction of effect"), c, e, False
        )
    if e is Direction.UNKNOWN:
        detail = f"the claim says {c.value}; the evidence sentences state no clear direction"
        return DirectionResult(CheckResult("direction", True, detail), c, e, False)
    if _conflicts(c, e):
        detail = f"direction conflict: the claim says {c.value}, the evidence says {e.value}"
        return DirectionResult(CheckResult("direction", False, detail), c, e, True)
    return DirectionResult(CheckResult("direction", True, f"both say {c.value}"), c, e, False)
