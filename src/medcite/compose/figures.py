"""Figures beside the bottom line's quoted statement: where it states none, its study's finding that does.

The bottom line quotes a study's conclusion (:data:`medcite.compose.leads.OWN_CONCLUSION`), which often
drops the figures its abstract gives; the issue asks for a bottom line whose figures are pinned to their
source. The figure statement is one of the article's own verified statements (shown in its section, where its
numbers are pinned), so the bottom line adds no number the body does not pin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from medcite.compose.checked import Checked
from medcite.compose.evidence_table import states_comparison

# where the quoted statement states no figure, the bottom line adds the same study's supported finding that
# compares with figures ("... [4]. The all-cause mortality was 34% for carvedilol and 40% for metoprolol (HR
# 0.83 ...) [4].") within the bottom line's words: quoted conclusions had dropped the figures their abstracts
# give (readings of tuning-half articles; the held-out reading found it in 7 of 20). Off: no figure added
FIGURES_TOO = True
FIGURE_WORDS = 20  # the words a figure may add beyond the bottom line's own limit
# a figure of an effect: a share, a p value, a ratio or its interval (a sample size, "n = 1094", is none)
EFFECT_FIGURE = re.compile(
    r"\d(?:[.,]\d+)?\s?(?:%|percent\b)|\bp\s?[<=>≤]\s?0?\.\d|\b(?:OR|HR|RR|CI|ARR|NNT)\b|\d+\s?(?:of|/)\s?\d+"
)


def figures_of(pick: Checked, supported: Sequence[Checked], against: Set[str]) -> str:
    """The core of the finding with figures that the bottom line adds to ``pick`` (:data:`FIGURES_TOO`), ""
    for none: a statement of the same study and section that its source fully supports, states a figure and
    compares (a statement leaning against the answer, ``against``, never)."""
    if not FIGURES_TOO or EFFECT_FIGURE.search(pick.draft.core):
        return ""
    key, section = pick.draft.cites[0].key, pick.draft.section
    same = [
        c
        for c in supported
        if c is not pick
        and c.draft.cites[0].key == key
        and c.draft.section == section
        and c.draft.core not in against
        and EFFECT_FIGURE.search(c.draft.core)
        and states_comparison(c.draft.core)
    ]
    return same[0].draft.core if same else ""


def with_figures(bottom: str, figure: str, ref: int, words: int) -> str:
    """``bottom`` with ``figure`` after the quoted statement's citation ``ref``, where the line stays within
    ``words`` words (else ``bottom`` as it is)."""
    cite = f"[{ref}]."
    if len(bottom.split()) + len(figure.split()) + 1 > words or cite not in bottom:
        return bottom
    head, _, tail = bottom.rpartition(cite)  # the quoted statement's: a synopsis may cite the study before it
    return f"{head}{cite} {figure.rstrip('.')} [{ref}].{tail}"
