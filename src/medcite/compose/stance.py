"""Yes / no / uncertain for a yes/no question, from the wording of the verified evidence sentences.

A transparent rule, tuned on the PubMedQA and BioASQ dev sets: each verified result or conclusion
sentence votes *no* when it carries a negation cue ("did not", "no significant", "not associated",
"insufficient"), *uncertain* when it carries a strong hedge ("remains unclear", "inconclusive",
"further studies are needed to determine"), and *yes* otherwise. The first conclusion sentence of
the best-ranked source counts most. Mild hedges ("may", "suggest") do not make an answer uncertain:
in abstracts they mostly accompany positive findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.compose.article import Stance
from medcite.compose.evidence import Role

NEG = re.compile(
    r"\b(?:not|no|none|never|neither|nor|cannot|can't|doesn't|don't|didn't|isn't|aren't|wasn't|weren't|"
    r"won't|without (?:any|a) (?:significant|clear)|fail(?:s|ed)? to|insufficient|unable to|lack(?:s|ed)? of|"
    r"absence of|unrelated|independent(?:ly)? of|irrespective of|similar|comparable|equivalent|"
    r"identical|unchanged|ineffective|inaccurate|unreliable|unnecessary|poor(?:ly)?|limited value|"
    r"rather than|instead of)\b",
    re.I,
)
NOT_NEG = re.compile(
    r"\b(?:not only|no longer|whether or not|if not|not yet|no doubt|not uncommon|not infrequent\w*|"
    r"not unusual|not surprising\w*|none the less|nonetheless|no (?:other|more) than|not (?:be )?"
    r"(?:ignored|overlooked|neglected|underestimated|forgotten))\b",
    re.I,
)
UNCERTAIN = re.compile(
    r"\b(?:remains? (?:unclear|uncertain|unknown|controversial|to be (?:determined|established|seen|"
    r"clarified))|inconclusive|controversial|conflicting|equivocal|not (?:yet )?(?:clear|known|"
    r"established|conclusive)|unclear|uncertain|may or may not|further (?:studies|research|trials|"
    r"investigation|evaluation) (?:is|are) (?:needed|required|warranted) to (?:determine|confirm|clarify|"
    r"establish)|larger (?:studies|trials) (?:are|is) (?:needed|required|warranted)|"
    r"cannot (?:be )?(?:excluded|ruled out|determined|confirmed)|"
    r"trend(?:ed)? towards?)\b",
    re.I,
)
_NEGATED_QUESTION = re.compile(r"\b(?:not|never|fail(?:s|ed)? to)\b", re.I)


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


ROLE_WEIGHT = {"conclusions": 2.0, "results": 0.5, "unknown": 0.7, "methods": 0.0, "background": 0.0}


def sentence_vote(text: str) -> Stance:
    clean = NOT_NEG.sub(" ", text)
    if NEG.search(clean):
        return "no"
    if UNCERTAIN.search(clean):
        return "uncertain"
    return "yes"


def derive_stance(question: str, items: Sequence[StanceInput]) -> StanceResult:
    votes = {"yes": 0.0, "no": 0.0, "uncertain": 0.0}
    used = 0
    first_seen: set[int] = set()
    for it in items:
        w = ROLE_WEIGHT[it.role] / (1 + it.source_rank)
        if w <= 0:
            continue
        if it.role == "conclusions" and it.source_rank not in first_seen:
            first_seen.add(it.source_rank)
            w *= 2.0  # the lead conclusion sentence of a source
        used += 1
        votes[sentence_vote(it.text)] += w
    if not used:
        return StanceResult("uncertain", ("no verified result or conclusion sentences",), (0.0, 0.0, 0.0))
    yes, no, maybe = votes["yes"], votes["no"], votes["uncertain"]
    if _NEGATED_QUESTION.search(question):
        yes, no = no, yes
    reasons = (
        f"{used} verified result/conclusion sentence(s) vote yes {yes:.2f}, no {no:.2f}, "
        f"uncertain {maybe:.2f}",
    )
    if no > yes and no >= maybe:
        return StanceResult("no", (*reasons, "negation cues dominate"), (yes, no, maybe))
    if maybe > yes and maybe > no:
        return StanceResult("uncertain", (*reasons, "hedged wording dominates"), (yes, no, maybe))
    return StanceResult("yes", (*reasons, "affirmative findings dominate"), (yes, no, maybe))
