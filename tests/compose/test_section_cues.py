"""The cue lists that route an evidence sentence to a section."""

from __future__ import annotations

import pytest

from medcite.compose.candidates import TAGS

# real sentences of PMID 12859700 (Tonnesen et al. 2003, in corpora/abstracts_extra) and PMID 12714026
OUTCOME = (
    "Both continuous and weekly point prevalence smoking abstinence rates were significantly higher in the "
    "bupropion SR group compared with placebo."
)
DOSE = "A total of 527 received bupropion SR 300 mg daily for 7 weeks and 180 received placebo."


def test_a_weekly_outcome_measure_is_no_dosing_schedule() -> None:
    # the bupropion sample article filed this result under "Dosing" for its word "weekly"
    assert not TAGS["dosing"].search(OUTCOME)
    assert TAGS["efficacy"].search(OUTCOME)
    assert TAGS["dosing"].search(DOSE)


@pytest.mark.parametrize(
    ("text", "dosing"),
    [
        ("randomised to receive bupropion SR (150 mg twice daily) or placebo", True),
        ("the patch was applied once a day", True),
        ("injections were given twice weekly", True),
        ("subjects who smoked at least 10 cigarettes per day", False),
        ("weekly point prevalence abstinence at weeks 3, 7, 26 and 52", False),
    ],
)
def test_dosing_cues_name_a_dose_route_or_schedule(text: str, dosing: bool) -> None:
    assert bool(TAGS["dosing"].search(text)) is dosing
