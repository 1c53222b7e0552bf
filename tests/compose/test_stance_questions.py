"""The stance reader's generated attribute questions (training/stance_data.py): the question a sentence
answers yes, and the same turned to its opposite, which it answers no."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training"))
import stance_data


def test_an_attribute_and_its_opposite() -> None:
    # the article follows the turned word: "an atypical" / "a typical"
    assert stance_data._attribute_questions(
        "Pimavanserin, an atypical antipsychotic, is approved for Parkinson disease psychosis."
    ) == ("Is pimavanserin an atypical antipsychotic?", "Is pimavanserin a typical antipsychotic?")
    assert stance_data._attribute_questions("Clonidine inhibits noradrenaline release in the brainstem.") == (
        "Does clonidine inhibit noradrenaline release?",
        "Does clonidine activate noradrenaline release?",
    )


def test_no_question_from_a_hedge_a_pronoun_or_a_cut_attribute() -> None:
    assert stance_data._attribute_questions("Clonidine may be effective for hot flushes.") is None
    assert stance_data._attribute_questions("This drug is effective for hot flushes.") is None
    assert stance_data._attribute_questions("Sepsis is a systemic, life-threatening response.") is None
    assert stance_data._attribute_questions("Significant increases were seen in both groups.") is None
