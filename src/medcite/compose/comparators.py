"""Whether a study's comparison is against an active treatment, for the summary of findings.

"Abstinence rates for bupropion (27.9%) and nicotine replacement therapy (NRT) (24.2%) were not significantly
different" answers which of two treatments works better, not whether bupropion helps smoking cessation: a
trial against placebo would be needed for that. Where the question names no comparator, such a null finding
points no way in the main row (:func:`medcite.compose.synthesis.direction_of`), and so does not grade the
answer down for inconsistency. A comparator read as placebo, sham, no treatment, usual or standard care, a
waiting list or the baseline is inactive; one not read at all is not taken for an active one.
"""

from __future__ import annotations

import re

from medcite.domain.cards import Finding, StudyCard

# where the question names no comparator, a null finding against an active treatment points no way; off: it
# points "no difference" like any other
ACTIVE_NULL_APART = True
_INACTIVE = re.compile(
    r"\b(?:placebos?|sham|saline|dummy|controls?|usual|standard|routine|"
    r"no (?:treatment|intervention|therapy)|untreated|"
    r"vehicle|wait(?:ing)?[- ]?list\w*|baseline|nothing|observation|best supportive care|"
    r"counsell?ing alone)\b",
    re.I,
)


def active_null(finding: Finding | None, card: StudyCard) -> bool:
    """A "no difference" finding whose comparator (the finding's own, else the study's) is read and is an
    active treatment."""
    if not ACTIVE_NULL_APART or finding is None or finding.direction != "no_difference":
        return False
    span = finding.comparator or card.comparator
    return span is not None and not _INACTIVE.search(span.text)
