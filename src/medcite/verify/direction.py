"""Direction check: increased / decreased / no difference must agree between claim and evidence.

The direction of each side is :func:`medcite.text.effect_direction`: cue words are read with their negation
("did not reduce" is no difference, not a decrease), tuned on Evidence Inference spans (see
``bench/eval_verify.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from medcite.domain import CheckResult
from medcite.text import Direction, effect_direction


@dataclass(frozen=True, slots=True)
class DirectionResult:
    check: CheckResult
    claim: Direction
    evidence: Direction
    conflict: bool


def _conflicts(c: Direction, e: Direction) -> bool:
    return not (Direction.UNKNOWN in (c, e) or c == e)


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
