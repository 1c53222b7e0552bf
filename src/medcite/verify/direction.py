"""Direction check: increased / decreased / no difference must agree between claim and evidence.

The direction of each side is :func:`medcite.text.effect_direction`: cue words are read with their negation
("did not reduce" is no difference, not a decrease), tuned on Evidence Inference spans (see
``bench/eval_verify.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.domain import CheckResult
from medcite.text import Direction, effect_direction, idf_overlap, split_sentences
from medcite.text.direction_cues import DECREASE, INCREASE, NO_DIFFERENCE

_CLAUSE = re.compile(r",?\s+(?:but|whereas|while|although|however|yet)\s+|;\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DirectionResult:
    check: CheckResult
    claim: Direction
    evidence: Direction
    conflict: bool


def _conflicts(c: Direction, e: Direction) -> bool:
    return not (Direction.UNKNOWN in (c, e) or c == e)


# where the outcome named after a direction cue ends and its context begins ("length of stay | after surgery")
_CONTEXT = re.compile(
    r"\b(?:after|before|in|among|compared|versus|vs|than|for|with|when|during|at|following|by|from|on|"
    r"among|over|within|without)\b",
    re.IGNORECASE,
)


def _outcome_part(claim: str) -> str:
    """The outcome named after the first direction cue ("X reduced <length of stay> after surgery")."""
    cues = [m for rx in (NO_DIFFERENCE, INCREASE, DECREASE) for m in [rx.search(claim)] if m]
    if not cues:
        return claim
    pieces = [p for p in _CONTEXT.split(claim[min(m.end() for m in cues) :]) if len(p.strip()) > 2]
    return pieces[0] if pieces else claim


def claim_clause(claim: str, texts: Sequence[str]) -> str:
    """The result clause of the evidence closest to the claim's outcome: among clauses that state a direction,
    the best IDF overlap with the words after the claim's direction cue. "X reduced anxiety, but it was not
    effective in reducing length of stay" has two results; a claim about length of stay is read against the
    second. Clauses split at ', but', 'whereas', 'while', 'although', 'however', 'yet' and ';'."""
    clauses = [c for t in texts for a, b in split_sentences(t) for c in _CLAUSE.split(t[a:b]) if c.strip()]
    clauses = [c for c in clauses if effect_direction(c) is not Direction.UNKNOWN]
    if not clauses:
        return ""
    scores = idf_overlap(_outcome_part(claim), clauses)
    best = max(range(len(clauses)), key=lambda i: scores[i])
    return clauses[best] if scores[best] > 0 else ""


def check_direction(claim: str, evidence_text: str) -> DirectionResult:
    c = effect_direction(claim)
    e = effect_direction(evidence_text)
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
