"""Yes / no / uncertain for a yes/no question, from the direction of the verified evidence sentences.

A transparent rule: conclusion sentences (then results) vote by their wording: negation cues
("did not", "no significant", "not associated") vote no, hedges ("may", "further studies") vote
uncertain, the rest vote yes; the top-ranked source counts most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.compose.article import Stance
from medcite.compose.evidence import Role, direction_of

_NEGATED_QUESTION = re.compile(r"\b(?:not|no|never|without|fail|lack)\b", re.I)


@dataclass(frozen=True, slots=True)
class StanceInput:
    text: str
    role: Role
    source_rank: int  # 0 = the best-ranked source
    relevance: float


@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: Stance
    reasons: tuple[str, ...]
    votes: tuple[float, float, float]  # yes, no, uncertain


ROLE_WEIGHT = {"conclusions": 2.0, "results": 1.0, "unknown": 0.7, "methods": 0.0, "background": 0.0}


def derive_stance(question: str, items: Sequence[StanceInput]) -> StanceResult:
    yes = no = maybe = 0.0
    used = 0
    for it in items:
        w = ROLE_WEIGHT[it.role] / (1 + it.source_rank) * (0.5 + it.relevance)
        if w <= 0:
            continue
        used += 1
        d = direction_of(it.text)
        if d == "negative":
            no += w
        elif d == "hedged":
            maybe += w
        elif d == "positive":
            yes += w
        else:
            yes += 0.5 * w
    if not used:
        return StanceResult("uncertain", ("no verified result or conclusion sentences",), (0.0, 0.0, 0.0))
    if _NEGATED_QUESTION.search(question):
        yes, no = no, yes
    total = yes + no + maybe
    reasons = (
        f"{used} verified result/conclusion sentence(s): yes {yes:.2f}, no {no:.2f}, uncertain {maybe:.2f}",
    )
    if no > yes and no >= maybe:
        return StanceResult("no", (*reasons, "negation cues dominate"), (yes, no, maybe))
    if maybe > yes and maybe >= no or total == 0:
        return StanceResult("uncertain", (*reasons, "hedged wording dominates"), (yes, no, maybe))
    return StanceResult("yes", (*reasons, "affirmative findings dominate"), (yes, no, maybe))
