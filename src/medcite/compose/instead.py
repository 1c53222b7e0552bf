"""What was found instead: when no source answers the question directly, the finding of the animal or
laboratory studies that name all of it, verified and shown as indirect evidence.

Issue 9 asks that an answer with no direct evidence say "insufficient direct evidence" *with what was found
instead*. Listing the titles (:func:`medcite.compose.notes.indirect_notes`) tells the reader that such
studies exist; this tells what they found. "Is AZD5153 active in prostate cancer?" had been answered
"Uncertain. Insufficient direct evidence ..." beside a study titled "AZD5153 Inhibits Prostate Cancer Cell
Growth in Vitro and in Vivo" (a reading of 16 tuning-half articles, 2026-12-05). The answer stays "uncertain"
with no certainty grade: nothing here counts as evidence for patients. Studies of another condition, setting
or age group are not quoted: their findings answer another question.
"""

from __future__ import annotations

from collections.abc import Sequence

from medcite.compose.candidates import Candidate, card_of
from medcite.compose.directness import ANIMAL
from medcite.compose.draft import Draft, extractive_drafts
from medcite.compose.fit import with_fit
from medcite.compose.naming import concepts
from medcite.compose.plan import RankedSource
from medcite.compose.pool import candidates
from medcite.compose.question import QuestionAnalysis
from medcite.ports import Reranker

#: at most this many studies, one statement each
MAX_INSTEAD = 2
#: whether an answer with no direct evidence quotes the laboratory studies (a switch for measuring it)
QUOTE_INSTEAD = True


def laboratory_only(indirect: Sequence[tuple[RankedSource, list[str]]]) -> list[RankedSource]:
    """The indirect sources that are indirect only for being animal or laboratory work: they name the
    question's intervention and condition."""
    return [rs for rs, why in indirect if why and all(w.startswith(ANIMAL) for w in why)]


def drafts_instead(
    a: QuestionAnalysis, indirect: Sequence[tuple[RankedSource, list[str]]], relevance: Reranker | None
) -> list[Draft]:
    """One draft from each of the best-ranked laboratory studies (at most :data:`MAX_INSTEAD`): its first
    drafted finding (the question's closest first) that names every concept of the question. The composer
    verifies them as it verifies every draft."""
    lab = laboratory_only(indirect)[:MAX_INSTEAD] if QUOTE_INSTEAD else []
    if not lab:
        return []
    named = concepts(a)  # the sentence itself names the question (not "The chick model may prove useful")
    found = [c for c in candidates(lab, a) if _finding(c) and all(k.found_in(c.text) for k in named)]
    first: dict[str, Draft] = {}
    for d in extractive_drafts(a, with_fit(a.question, found, relevance)):
        first.setdefault(d.cites[0].key, d)
    return list(first.values())


def _finding(c: Candidate) -> bool:
    """Whether the sentence tells what its study found: a results or conclusions sentence by its section
    label or, in an unlabelled abstract, by its study card's reading of its role; not its background or
    methods ("... were administered imipramine (0-20 mg/kg) ... and placed into isolation for 90 min")."""
    if c.role in FINDING_ROLES:
        return True
    roles = card_of(c.source).roles
    return any(
        r in FINDING_ROLES for s, r in roles if s.start <= c.start < s.end or c.start <= s.start < c.end
    )


FINDING_ROLES = ("results", "conclusions")
