"""The statement a yes/no or effect answer's bottom line quotes (:func:`pick_bottom`): from the strongest
design, one the stance reader reads as leaning the answer's way, one that compares groups, then the
larger study and the closer answer; and the chosen study's own conclusion in its place where it has one
(:func:`own_conclusion`)."""

from __future__ import annotations

import math
from collections.abc import Set

from medcite.compose.candidates import NUMBER, study_n
from medcite.compose.checked import Checked
from medcite.compose.draft import OPPOSITE
from medcite.compose.evidence_table import states_comparison
from medcite.compose.fit import answers, closeness
from medcite.corpus.classify import design_stated
from medcite.domain import LEVEL, Design

UNSTATED_N = 100  # the sample size a study that states none weighs as when the bottom line is chosen


def word_count(text: str) -> int:
    return len(text.split())


# among the bottom line's candidates of the strongest design, a finding that compares groups ("significantly
# higher ... compared with placebo (43 vs. 19%)") before one that reports a single arm's figures ("the
# combination of bupropion SR and counseling was associated with 1-year quit rates of 23.6% to 33.2%", the
# larger open-label trial of two doses, quoted first in the bupropion answer): an effect is stated against
# a comparator (off: the larger study first, comparison or not)
COMPARED_FIRST = True


def pick_bottom(leads: list[Checked], budget: int, along: Set[str] = frozenset()) -> Checked:
    """The bottom line's statement: among those that fit, from the strongest study design (human studies
    before animal or laboratory ones), one the stance reader read as leaning the answer's way (``along``,
    :data:`medcite.compose.assemble.ALONG_FIRST`), one that compares groups (:data:`COMPARED_FIRST`), then
    by :func:`lead_weight`; else the first."""
    fits = [c for c in leads if word_count(c.draft.text) <= budget or word_count(c.draft.core) <= budget]
    if not fits:
        return leads[0]
    best = min(strength(c) for c in fits)
    strongest = [c for c in fits if strength(c) == best]
    strongest = [c for c in strongest if c.draft.core in along] or strongest
    if POLAR_FIRST:
        strongest = [c for c in strongest if c.draft.cites[0].direction() in OPPOSITE] or strongest
    compared = [c for c in strongest if COMPARED_FIRST and states_comparison(c.draft.core)]
    return max(compared or strongest, key=lead_weight)


# ... and one that states a finding, one way or the other (:func:`medcite.text.finding_polarity`), before one
# that states none ("Dupilumab is currently under phase III development ... for the treatment of asthma" had
# been quoted for "Is dupilumab effective for treatment of asthma?" beside a trial's "dupilumab can markedly
# decrease asthma exacerbations"; a reading of 16 tuning-half articles, 2026-12-05). Off: any of them
POLAR_FIRST = True


# the bottom line quotes the chosen study's own conclusion where the source fully supports it, rather than
# another of its sentences ("Our study confirms that students are able to identify QA issues and propose
# solutions", not "students made a number of recommendations including ..." for "Can medical students
# contribute to quality assurance programmes ...?"; "Axitinib/gemcitabine ... did not provide survival benefit
# over gemcitabine alone", not one region's figures). The study was chosen by its statement that names the
# question's concepts; its conclusion may say "students" alone. Off: the chosen statement stays
OWN_CONCLUSION = True
# ... but in an answer with no yes/no, not a conclusion that the relevance model reads as not answering the
# question in place of a statement it reads as answering ("The data suggest that HMGB2-mediated genomic
# reorganization constitutes a primer for the ensuing senescent program" for "What is the effect of HMGB2
# loss on CTCF clustering?", a tuning-half reading, 2026-12-07)
ANSWER_KEPT = True


def own_conclusion(
    pick: Checked, supported: list[Checked], budget: int, along: Set[str], *, yes_no: bool
) -> Checked:
    """The conclusion of ``pick``'s study among ``supported`` in place of ``pick`` (:data:`OWN_CONCLUSION`),
    leaning the answer's way where ``pick`` does (and, without a ``yes_no`` answer, answering the question
    where ``pick`` does: :data:`ANSWER_KEPT`); ``pick`` where there is none or it is one."""
    key = pick.draft.cites[0].key
    if not OWN_CONCLUSION or pick.draft.cites[0].role == "conclusions":
        return pick
    fit = pick.draft.cites[0].fit  # scored by the relevance model, and read as answering
    kept = ANSWER_KEPT and not yes_no and fit is not None and answers(pick.draft.cites[0])
    own = [
        c
        for c in supported
        if c.draft.cites[0].key == key
        and c.draft.cites[0].role == "conclusions"
        and (word_count(c.draft.text) <= budget or word_count(c.draft.core) <= budget)
        and (c.draft.core in along or pick.draft.core not in along)
        and (not kept or answers(c.draft.cites[0]))
    ]
    return max(own, key=lead_weight) if own else pick


# the bottom line of one study quotes the sentence that answers the question best, figures or none (off: a
# sentence with figures first). Even half of PubMedQA: bottom lines that quote the question's own abstract's
# conclusion 48.0 -> 55.2% (the readings found bottom lines quoting the figures of another outcome of the
# study, or of its sample, beside its conclusion on the question)
CLOSEST_LEADS = True


def lead_weight(c: Checked) -> tuple[int, float, bool, float]:
    """Higher leads: the larger study (by half-decades of its stated sample size: 700 patients outweigh
    15, 467 and 707 weigh the same; a study whose size is not stated counts as :data:`UNSTATED_N`, so a
    stated pilot of 15 does not outrank it), then the closer answer to the question
    (:func:`medcite.compose.fit.closeness`, :data:`CLOSEST_LEADS`), then a statement with figures."""
    cand = c.draft.cites[0]
    n = study_n(cand.source) or UNSTATED_N
    close = closeness(cand)
    return (
        int(2 * math.log10(n + 1)),
        close if CLOSEST_LEADS else 0.0,
        bool(NUMBER.search(c.draft.core)),
        close,
    )


def strength(c: Checked) -> int:
    """Lower is stronger: the evidence level of the statement's first cited source; a design only guessed from
    the text (:func:`medcite.corpus.classify.design_stated`: "unstated-design study" in the article) is no
    stronger than "other" (a guessed review had outranked a guessed other-design trial report)."""
    s = c.draft.cites[0].source
    level = LEVEL[s.evidence.design]
    return level if design_stated(s) else max(level, LEVEL[Design.OTHER])
