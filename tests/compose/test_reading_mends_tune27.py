"""Mends of the thirty-second session (2026-12-06)."""

from __future__ import annotations

import pytest

from medcite.compose import stance
from medcite.compose.stance import StanceInput, derive_stance
from medcite.text.qualities import opposite_quality

SAFE_Q = "Therapeutic anticoagulation in the trauma patient: is it safe?"
# PubMedQA 18847643's conclusion, as the article quotes it
HARM = (
    "Trauma patients have a significant complication rate related to anticoagulation therapy, and predicting "
    "which patients will develop a complication remains unclear."
)


def test_a_harm_stated_as_large_answers_a_safety_question_no(monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's "unqualified Yes to a drug-safety question resting on a sentence about a serious risk of
    that drug": "is it safe?" was answered yes from "a significant complication rate" (the held-out reading of
    2026-12-06, gold no). A harm stated as large is the opposite of "safe" (:mod:`medcite.text.qualities`)
    and votes no."""
    assert opposite_quality(SAFE_Q, HARM) == ("safe", "significant complication")
    item = StanceInput(HARM, "conclusions", 0, 1.0, read=(0.4, 0.55, 0.05))
    assert derive_stance(SAFE_Q, [item]).stance == "no"
    monkeypatch.setattr(stance, "OPPOSITE_QUALITY", False)
    assert derive_stance(SAFE_Q, [item]).stance == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "There were no significant complications.",  # negated
        "The procedure reduced significant bleeding.",  # avoided
        "Major complications occurred in 2% of patients.",  # a category's name, not a size
        "The complication rate was significantly higher with surgery.",  # a comparison
        "It was safe, although a high mortality rate was seen in the oldest patients.",  # "safe" named too
    ],
)
def test_harm_words_that_do_not_state_a_large_harm(text: str) -> None:
    assert opposite_quality("Is day-case cholecystectomy safe?", text) is None


def test_a_large_harm_does_not_answer_a_question_not_about_safety() -> None:
    assert opposite_quality("Does the drug reduce pain?", HARM) is None
