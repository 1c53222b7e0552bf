"""GRADE-style certainty for a key conclusion: start from the design, downgrade for the usual reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medcite.compose.candidates import study_n
from medcite.corpus.classify import design_stated, names_randomised_trials, non_human
from medcite.domain import Design, StoredSource
from medcite.domain.article import CertaintyLevel

LEVELS: tuple[CertaintyLevel, ...] = ("very low", "low", "moderate", "high")
SMALL_N = 100
# one study of at least this many people is not rated down for imprecision as a single study: GRADE rates
# imprecision against an optimal information size, the sample a conventionally powered trial needs, which
# for binary outcomes is commonly in the low thousands (tune34: a cohort of 36,492 nursing-home residents,
# and one of more than a million admissions, had been graded very low for being "a single study")
LARGE_N = 2000


@dataclass(frozen=True, slots=True)
class Grading:
    level: CertaintyLevel
    reasons: tuple[str, ...]


_HIGH = (Design.GUIDELINE, Design.META_ANALYSIS, Design.RCT)
_LOW = (Design.OBSERVATIONAL, Design.CASE_CONTROL)


def _start(design: Design, stated: bool = True, trials: bool = True) -> tuple[int, str]:
    """The starting level and its reason; a design only guessed from the text (``stated`` False) is named
    as guessed, not stated as fact (and a guess of laboratory work, which no word of the study backs, is not
    named at all). A systematic review or meta-analysis that names no randomised trials (``trials`` False:
    :func:`medcite.corpus.classify.names_randomised_trials`) starts low, as GRADE starts a review of
    non-randomised studies (a genome-wide association meta-analysis of cohorts had started high)."""
    score, level = (3, "high") if design in _HIGH else (1, "low") if design in _LOW else (0, "very low")
    what = f"a {design.value}" if design in _HIGH else design.value
    if design is Design.META_ANALYSIS and not trials:
        score, level, what = 1, "low", f"{what} that names no randomised trials"
    if design in _LOW:
        what += " (non-randomised)"
    if not stated:
        # a laboratory guess names no animals or cells (classify.design_stated): no reading to report
        guess = "" if design is Design.ANIMAL else f" (read as {design.value})"
        what = f"an unstated-design study{guess}" + ("" if trials else " that names no randomised trials")
    return score, f"starts {level}: best evidence is {what}"


def _of_trials(s: StoredSource) -> bool:
    return s.evidence.design is not Design.META_ANALYSIS or names_randomised_trials(s)


def grade(
    supporting: Sequence[StoredSource],
    *,
    contradicting: int = 0,
    partial: int = 0,
) -> Grading:
    """Certainty of a conclusion that ``supporting`` sources back.

    ``contradicting``: sources pointing the other way (inconsistency); ``partial``: verdicts that only
    partly support it (indirectness).
    """
    if not supporting:
        return Grading("very low", ("no supporting study",))
    # the best start, the stronger design on a tie (a meta-analysis naming no randomised trials starts low)
    starts = [(_start(s.evidence.design, design_stated(s), _of_trials(s)), s) for s in supporting]
    (score, why), _best = max(starts, key=lambda x: (x[0][0], -_rank(x[1].evidence.design)))
    reasons = [why]
    unique = list({s.key: s for s in supporting}.values())
    sizes = [n for s in unique if (n := study_n(s)) is not None]
    total = sum(sizes)
    studies = len(unique)
    # a single study is imprecision in GRADE's terms, no domain of its own; with a small sample too, very
    # serious imprecision (two levels, as the two reasons took before they were named so)
    single = studies == 1
    if sizes and len(sizes) < studies:  # the total is unknown: no judgement of imprecision
        reasons.append(f"sample size found for {len(sizes)} of {studies} studies (n = {total})")
    elif sizes and total < SMALL_N:
        score -= 2 if single else 1
        small = f"small total sample (n = {total})"
        reasons.append(
            f"very serious imprecision: a single study, {small}" if single else f"imprecision: {small}"
        )
        single = False
    elif not sizes:
        reasons.append("sample size not found in the abstract")
    elif single and total >= LARGE_N:  # a sample that meets an optimal information size: precise enough
        single = False
    if contradicting:
        score -= 1
        sources = "1 source points" if contradicting == 1 else f"{contradicting} sources point"
        reasons.append(f"inconsistency: {sources} the other way")
    indirect = partial + sum(1 for s in supporting if non_human(s))
    if indirect:
        score -= 1
        reasons.append("indirectness: evidence only partly matches the statement or is not from humans")
    if single:
        score -= 1
        reasons.append("imprecision: a single study")
    return Grading(LEVELS[max(0, min(3, score))], tuple(reasons))


def _rank(design: Design) -> int:
    order = (Design.GUIDELINE, Design.META_ANALYSIS, Design.RCT, Design.OBSERVATIONAL, Design.CASE_CONTROL)
    return order.index(design) if design in order else len(order)


SPLIT_REASON = "inconsistency: the verified findings read nearly as much for the other answer"
AGAINST_REASON = "inconsistency: the direction of the findings counted reads for the other answer"


def inconsistent_down(
    level: CertaintyLevel, reasons: tuple[str, ...], split: bool
) -> tuple[CertaintyLevel, tuple[str, ...]]:
    """The certainty of a yes/no answer that stands against part of its evidence: a near tie of its votes
    (``split``, :func:`split_down`), else the direction of the findings it counts reading for the other
    answer (one level down: serious inconsistency), no lower than very low."""
    if split:
        return split_down(level, reasons)
    return LEVELS[max(0, LEVELS.index(level) - 1)], (*reasons, AGAINST_REASON)


def split_down(level: CertaintyLevel, reasons: tuple[str, ...]) -> tuple[CertaintyLevel, tuple[str, ...]]:
    """The certainty of a yes/no answer whose findings read nearly as much for the other answer, with its
    reason: two levels down (very serious inconsistency), one where the grade already took one for
    inconsistency (GRADE takes at most two per domain), no lower than very low."""
    steps = 1 if any(r.startswith("inconsistency") for r in reasons) else 2
    return LEVELS[max(0, LEVELS.index(level) - steps)], (*reasons, SPLIT_REASON)
