"""The cue lists that route an evidence sentence to a section."""

from __future__ import annotations

import json

import pytest

from medcite.compose.candidates import TAGS
from medcite.text import split_sentences
from tests.compose.doubles import DATA_DIR

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


def test_road_safety_is_no_safety_of_a_treatment() -> None:
    """The conclusion of PMID 25432938 (PubMedQA, Chile's traffic law reform) was filed under Safety and
    Side Effects for its words "road safety practices" (a reading of the tuning half)."""
    with (DATA_DIR / "pubmedqa" / "abstracts.jsonl").open(encoding="utf-8") as fh:
        rec = next(json.loads(x) for x in fh if '"25432938"' in x)
    text = rec["conclusion"]
    sentence = next(text[s:e] for s, e in split_sentences(text) if "road safety" in text[s:e])
    assert not TAGS["safety"].search(sentence)
    assert TAGS["safety"].search("The safety of the synthetic test drug was not established.")
    assert TAGS["safety"].search("Drug safety and road traffic were studied.")  # a drug's safety still is
